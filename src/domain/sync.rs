//! The operations the office's phones exchange (issue 22), and the book they add up to: a pure
//! projection from a *set* of operations, so any two phones that have seen the same set show
//! the same book whatever order and however often the operations arrived. See
//! ARCHITECTURE.md, "Sync between the office's phones".
//!
//! This is the model the store will materialise into its tables; its rules are the ones the
//! property test (`tests/sync_model.rs`) checks: idempotent, order-independent, equal to one
//! phone that applied everything in clock order, and an erased case leaves no personal data in
//! the book nor in any operation kept.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use uhlc::{HLCBuilder, Timestamp, HLC, ID, NTP64};

/// A hybrid logical clock stamp: the time of `uhlc`'s clock (NTP64: seconds and fraction since
/// 1970 UTC, its lowest bits a counter for stamps within one tick) and the phone that made it,
/// so no two phones' stamps are equal. Ordered by time, then phone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub time: u64,
    pub phone: String,
}

impl Stamp {
    /// The time as 16 hex digits: text order is time order (the store keeps it so; NTP64
    /// does not fit SQLite's signed integers after 2038).
    pub fn time_hex(&self) -> String {
        format!("{:016x}", self.time)
    }

    /// A stamp from `time_hex`'s text and its phone.
    pub fn from_hex(time: &str, phone: &str) -> Option<Stamp> {
        Some(Stamp {
            time: u64::from_str_radix(time, 16).ok()?,
            phone: phone.to_string(),
        })
    }

    /// The wall time the stamp carries, in UTC milliseconds (for people, not for order).
    pub fn ms(&self) -> i64 {
        i64::try_from(NTP64(self.time).to_duration().as_millis()).unwrap_or(i64::MAX)
    }
}

thread_local! {
    /// The wall time the HLC reads: set from the caller's `now_ms` right before each call, so
    /// the domain still never reads a clock of its own.
    static NOW: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn given_time() -> NTP64 {
    NTP64(NOW.with(|n| n.get()))
}

fn ntp(ms: i64) -> NTP64 {
    NTP64::from(std::time::Duration::from_millis(
        u64::try_from(ms).unwrap_or(0),
    ))
}

/// The `uhlc` id of a phone: the first 16 bytes of the SHA-256 of its name (never zero).
fn hlc_id(phone: &str) -> ID {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(phone.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[15] |= 1;
    ID::try_from(&bytes[..]).unwrap_or_else(|_| ID::from(std::num::NonZeroU8::MIN))
}

/// A phone's hybrid logical clock (`uhlc`, the Eclipse Zenoh one): its stamps never go back,
/// are always ahead of every stamp it received, and a received stamp too far ahead of its own
/// time is refused.
pub struct Clock {
    phone: String,
    hlc: HLC,
}

/// A stamp refused because it lies too far ahead of this phone's own time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "HP {phone} mengirim perubahan bertanggal {ahead_days} hari di depan jam HP ini. Periksa \
     tanggal dan jam di HP {phone}; perubahannya tidak dipakai sampai jamnya benar."
)]
pub struct TooFarAhead {
    pub phone: String,
    pub ahead_days: i64,
}

/// How far ahead of this phone's time a received stamp may be: seven days. A phone a few days
/// off (a battery swap that reset its date) still syncs, and the clocks of the others carry it
/// forward; a phone set a year ahead is refused, and named, so it cannot push every later
/// change of the office behind its own.
pub const MAX_AHEAD_MS: i64 = 7 * 24 * 3600 * 1000;

impl Clock {
    pub fn new(phone: &str) -> Clock {
        let hlc = HLCBuilder::new()
            .with_id(hlc_id(phone))
            .with_clock(given_time)
            .with_max_delta(std::time::Duration::from_millis(MAX_AHEAD_MS as u64))
            .build();
        Clock {
            phone: phone.to_string(),
            hlc,
        }
    }

    /// The clock of a phone whose book already holds stamps up to `newest` (the app starting
    /// again): its next stamp sorts after them even when its wall clock is behind. No bound
    /// applies here: these stamps are already in the book.
    pub fn resume(phone: &str, newest: Option<&Stamp>) -> Clock {
        let clock = Clock::new(phone);
        if let Some(newest) = newest {
            // The HLC takes the stamp as "now", so its own ahead check cannot refuse it.
            NOW.with(|n| n.set(newest.time));
            let _ = clock
                .hlc
                .update_with_timestamp(&Timestamp::new(NTP64(newest.time), hlc_id(&newest.phone)));
        }
        clock
    }

    /// A new stamp at wall time `now_ms`: later than every stamp made or received before.
    pub fn stamp(&mut self, now_ms: i64) -> Stamp {
        NOW.with(|n| n.set(ntp(now_ms).0));
        let stamp = self.hlc.new_timestamp();
        Stamp {
            time: stamp.get_time().0,
            phone: self.phone.clone(),
        }
    }

    /// Takes a received stamp into account (so the next local stamp sorts after it), or
    /// refuses it when it lies more than `MAX_AHEAD_MS` ahead of `now_ms`.
    pub fn receive(&mut self, stamp: &Stamp, now_ms: i64) -> Result<(), TooFarAhead> {
        NOW.with(|n| n.set(ntp(now_ms).0));
        let theirs = Timestamp::new(NTP64(stamp.time), hlc_id(&stamp.phone));
        self.hlc
            .update_with_timestamp(&theirs)
            .map_err(|_| TooFarAhead {
                phone: stamp.phone.clone(),
                ahead_days: (stamp.ms() - now_ms) / (24 * 3600 * 1000),
            })
    }
}

/// The fields of a case that are set by an operation of their own (last writer wins by stamp).
pub const CASE_FIELDS: &[&str] = &[
    "nama",
    "hp",
    "nik",
    "dusun",
    "rt",
    "rw",
    "sapaan",
    "pesan_masuk",
    "status",
];

/// The fields that hold a resident's personal data: emptied on every phone by an erasure.
/// `Store::erase_personal_data` clears the same, the form of address (`sapaan`) included.
pub const PERSONAL_FIELDS: &[&str] = &["nama", "hp", "nik", "dusun", "rt", "rw", "sapaan"];

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A new case: its number and service, with its first field values.
    Opened {
        case: String,
        number: String,
        service: String,
        fields: BTreeMap<String, String>,
    },
    /// One field of a case set (`CASE_FIELDS`); `after` is the stamp of the value this phone
    /// saw when it wrote (`None`: the case's first value), which tells concurrent edits apart.
    Set {
        case: String,
        field: String,
        value: String,
        after: Option<Stamp>,
    },
    /// A checklist item received (`true`) or back to pending.
    Ticked {
        case: String,
        position: u32,
        received: bool,
    },
    /// A note or a sent reply in the timeline.
    Note { case: String, text: String },
    /// "Hapus data warga": the personal fields emptied, the notes' text removed.
    Erased { case: String },
    /// Someone looked at the case after "diubah di dua HP": the stamps of the case's field
    /// writes their phone held then. Only conflicts between writes they saw are cleared, so a
    /// conflict that phone never received stays shown.
    Seen { case: String, writes: Vec<Stamp> },
    /// An office setting (profile, hours, holidays, templates ...).
    Setting { key: String, value: String },
}

impl Change {
    fn case(&self) -> Option<&str> {
        match self {
            Change::Opened { case, .. }
            | Change::Set { case, .. }
            | Change::Ticked { case, .. }
            | Change::Note { case, .. }
            | Change::Erased { case }
            | Change::Seen { case, .. } => Some(case),
            Change::Setting { .. } => None,
        }
    }
}

/// One operation: a globally unique id, its stamp (which names the phone), its place among
/// the operations of its phone (1, 2, 3 ... without gaps) and the change.
/// `C` is what changed: the model's `Change` here, the store's journal entries in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op<C = Change> {
    pub id: String,
    pub stamp: Stamp,
    pub seq: u64,
    pub change: C,
}

/// One write of a field: its stamp, and the stamp of the value it replaced as its phone saw it.
type Write = (Stamp, Option<Stamp>);

/// One case as the operations make it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseState {
    pub number: String,
    pub service: String,
    /// Each field's value and the stamp that set it.
    pub fields: BTreeMap<String, (String, Stamp)>,
    pub received: BTreeSet<u32>,
    /// Notes and replies, in stamp order, with who wrote them on which phone.
    pub notes: Vec<(Stamp, String)>,
    pub erased: bool,
    /// Two phones changed the same field without seeing each other's change, and nobody
    /// looked since: "diubah di dua HP".
    pub changed_on_two_phones: bool,
}

/// The whole book: the set of operations seen, and what they add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Book {
    ops: BTreeMap<String, Op>,
}

impl Book {
    /// Adds operations; one already seen (same id) is ignored. Returns how many were new.
    /// An erasure among them (or seen before) redacts what this phone keeps of the case, so the
    /// erased data is gone from the phone too, not only from what it sends.
    pub fn apply(&mut self, ops: impl IntoIterator<Item = Op>) -> usize {
        let mut new = 0;
        let mut erasure = false;
        // Places start at 1; an operation without one could never be asked for again.
        for op in ops.into_iter().filter(|op| op.seq > 0) {
            if !self.ops.contains_key(&op.id) {
                erasure |= matches!(op.change, Change::Erased { .. });
                self.ops.insert(op.id.clone(), op);
                new += 1;
            }
        }
        let erased = self.erased_cases();
        if new > 0 && (erasure || !erased.is_empty()) {
            for op in self.ops.values_mut() {
                if op.change.case().is_some_and(|c| erased.contains(c)) {
                    *op = redacted(op, &erased);
                }
            }
        }
        new
    }

    /// The next place in the operations of `phone` (for a new operation of this phone). A
    /// phone whose book was restored from a backup must take a new phone id: its old places
    /// beyond the backup may already be with the others, who would take new operations under
    /// them for ones they have (see ARCHITECTURE.md).
    pub fn next_seq(&self, phone: &str) -> u64 {
        self.ops
            .values()
            .filter(|op| op.stamp.phone == phone)
            .map(|op| op.seq)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// The stamps of every field write of `case` this book holds: what a `Seen` carries.
    pub fn case_writes(&self, case: &str) -> Vec<Stamp> {
        let mut stamps: Vec<Stamp> = self
            .ops
            .values()
            .filter(|op| match &op.change {
                Change::Opened { case: c, .. } | Change::Set { case: c, .. } => c == case,
                _ => false,
            })
            .map(|op| op.stamp.clone())
            .collect();
        stamps.sort();
        stamps
    }

    /// Of each phone, how many of its operations this book holds without a gap: what it tells
    /// another phone it has. An operation that arrived ahead of an earlier one it lacks does
    /// not count until the gap is filled, so the earlier one is sent again.
    pub fn have(&self) -> BTreeMap<String, u64> {
        let mut seqs: BTreeMap<&str, BTreeSet<u64>> = BTreeMap::new();
        for op in self.ops.values() {
            seqs.entry(&op.stamp.phone).or_default().insert(op.seq);
        }
        seqs.into_iter()
            .map(|(phone, set)| {
                let run = (1..).take_while(|n| set.contains(n)).count() as u64;
                (phone.to_string(), run)
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Every operation, in stamp order (an erased case's already redacted).
    pub fn ops(&self) -> Vec<Op> {
        let mut ops: Vec<Op> = self.ops.values().cloned().collect();
        ops.sort_by(|a, b| (&a.stamp, &a.id).cmp(&(&b.stamp, &b.id)));
        ops
    }

    /// What a phone that holds `have` (see `Book::have`) lacks: a sync file for it.
    pub fn ops_after(&self, have: &BTreeMap<String, u64>) -> Vec<Op> {
        self.ops()
            .into_iter()
            .filter(|op| op.seq > have.get(&op.stamp.phone).copied().unwrap_or(0))
            .collect()
    }

    fn erased_cases(&self) -> BTreeSet<String> {
        self.ops
            .values()
            .filter_map(|op| match &op.change {
                Change::Erased { case } => Some(case.clone()),
                _ => None,
            })
            .collect()
    }

    /// The cases and the settings, from the operations in stamp order.
    pub fn project(&self) -> (BTreeMap<String, CaseState>, BTreeMap<String, String>) {
        let ops = self.ops();
        let mut cases: BTreeMap<String, CaseState> = BTreeMap::new();
        let mut settings: BTreeMap<String, (String, Stamp)> = BTreeMap::new();
        // Per (case, field): the stamps each write said it came after, to find siblings.
        let mut writes: BTreeMap<(String, String), Vec<Write>> = BTreeMap::new();
        let mut seen: BTreeMap<String, Vec<BTreeSet<Stamp>>> = BTreeMap::new();
        for op in &ops {
            let stamp = &op.stamp;
            if let Some(case) = op.change.case() {
                cases.entry(case.to_string()).or_default();
            }
            match &op.change {
                Change::Opened {
                    case,
                    number,
                    service,
                    fields,
                } => {
                    let state = cases.entry(case.clone()).or_default();
                    state.number = number.clone();
                    state.service = service.clone();
                    for (field, value) in fields {
                        set_field(state, field, value, stamp);
                        writes
                            .entry((case.clone(), field.clone()))
                            .or_default()
                            .push((stamp.clone(), None));
                    }
                }
                Change::Set {
                    case,
                    field,
                    value,
                    after,
                } => {
                    if let Some(state) = cases.get_mut(case) {
                        set_field(state, field, value, stamp);
                    }
                    writes
                        .entry((case.clone(), field.clone()))
                        .or_default()
                        .push((stamp.clone(), after.clone()));
                }
                Change::Ticked {
                    case,
                    position,
                    received,
                } => {
                    if let Some(state) = cases.get_mut(case) {
                        if *received {
                            state.received.insert(*position);
                        } else {
                            state.received.remove(position);
                        }
                    }
                }
                Change::Note { case, text } => {
                    if let Some(state) = cases.get_mut(case) {
                        state.notes.push((stamp.clone(), text.clone()));
                    }
                }
                Change::Erased { case } => {
                    if let Some(state) = cases.get_mut(case) {
                        state.erased = true;
                    }
                }
                Change::Seen { case, writes } => {
                    seen.entry(case.clone())
                        .or_default()
                        .push(writes.iter().cloned().collect());
                }
                Change::Setting { key, value } => {
                    let newer = settings.get(key).is_none_or(|(_, s)| stamp > s);
                    if newer {
                        settings.insert(key.clone(), (value.clone(), stamp.clone()));
                    }
                }
            }
        }
        // Two writes of one field by different phones, each made without the other: siblings
        // after the same earlier value. The case shows it until someone who held both writes
        // looked ("Seen").
        for ((case, _), list) in &writes {
            let looked = |a: &Stamp, b: &Stamp| {
                seen.get(case)
                    .is_some_and(|all| all.iter().any(|w| w.contains(a) && w.contains(b)))
            };
            let conflict = list.iter().enumerate().any(|(i, (a, after_a))| {
                list[i + 1..]
                    .iter()
                    .any(|(b, after_b)| a.phone != b.phone && after_a == after_b && !looked(a, b))
            });
            if conflict {
                if let Some(state) = cases.get_mut(case) {
                    state.changed_on_two_phones = true;
                }
            }
        }
        for state in cases.values_mut() {
            if state.erased {
                for field in PERSONAL_FIELDS {
                    state.fields.remove(*field);
                }
                for note in &mut state.notes {
                    note.1.clear();
                }
            }
        }
        // A case only seen through edits of a phone that never sent its opening stays out.
        cases.retain(|_, state| !state.number.is_empty());
        let settings = settings.into_iter().map(|(k, (v, _))| (k, v)).collect();
        (cases, settings)
    }

    /// The book as text, one sorted line per fact: equal on two phones exactly when their
    /// books are equal.
    pub fn canonical_dump(&self) -> String {
        let (cases, settings) = self.project();
        let mut out = String::new();
        for (id, case) in &cases {
            out.push_str(&format!(
                "case {id:?} {:?} {:?} erased={} two_phones={}\n",
                case.number, case.service, case.erased, case.changed_on_two_phones
            ));
            for (field, (value, _)) in &case.fields {
                out.push_str(&format!("  {field}={value:?}\n"));
            }
            for position in &case.received {
                out.push_str(&format!("  received {position}\n"));
            }
            for (stamp, text) in &case.notes {
                out.push_str(&format!("  note {} {} {text:?}\n", stamp.time, stamp.phone));
            }
        }
        for (key, value) in &settings {
            out.push_str(&format!("setting {key}={value:?}\n"));
        }
        out
    }
}

fn set_field(state: &mut CaseState, field: &str, value: &str, stamp: &Stamp) {
    let newer = state.fields.get(field).is_none_or(|(_, s)| stamp > s);
    if newer {
        state
            .fields
            .insert(field.to_string(), (value.to_string(), stamp.clone()));
    }
}

/// `op` as it may still travel once its case is erased: personal field values and note texts
/// emptied, everything else (ids, stamps, numbers, statuses, ticks) kept.
fn redacted(op: &Op, erased: &BTreeSet<String>) -> Op {
    let Some(case) = op.change.case() else {
        return op.clone();
    };
    if !erased.contains(case) {
        return op.clone();
    }
    let change = match &op.change {
        Change::Opened {
            case,
            number,
            service,
            fields,
        } => Change::Opened {
            case: case.clone(),
            number: number.clone(),
            service: service.clone(),
            fields: fields
                .iter()
                .filter(|(k, _)| !PERSONAL_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        },
        Change::Set {
            case, field, after, ..
        } if PERSONAL_FIELDS.contains(&field.as_str()) => Change::Set {
            case: case.clone(),
            field: field.clone(),
            value: String::new(),
            after: after.clone(),
        },
        Change::Note { case, .. } => Change::Note {
            case: case.clone(),
            text: String::new(),
        },
        other => other.clone(),
    };
    Op {
        id: op.id.clone(),
        stamp: op.stamp.clone(),
        seq: op.seq,
        change,
    }
}
