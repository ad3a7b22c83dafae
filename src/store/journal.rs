//! The journal (issue 22): every change that travels to the office's other phones is written
//! as an operation in the same transaction as the change itself, with this phone's id, its
//! next place (1, 2, 3 ... without gaps) and a hybrid logical clock stamp (`domain::sync`).
//! The operations are what sync files and the WebDAV folder carry; `projection.rs` applies
//! them from other phones. This file: what an operation holds (`Entry`), this phone's
//! journal (id and clock), writing, and reading what another phone lacks.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::*;
use crate::domain::sync::{Clock, Op, Stamp};

/// This phone's id in the journal (a setting of this phone only, never in a backup: a book
/// restored from a backup takes a new id, because its old places beyond the backup may
/// already be with the other phones).
pub const PHONE_ID_KEY: &str = "id_hp";

/// The settings of the office that travel to its other phones. Every other setting (PIN and
/// lock, private screen, text size, reminders, the phone code, the official's name, this
/// phone's WebDAV and catalog settings ...) stays on its phone.
pub const OFFICE_SETTINGS: &[&str] = &[
    "desa",
    "kecamatan",
    "kabupaten",
    "wa_kantor",
    "wa_kepala_desa",
    "jam_layanan",
    "jam_layanan_dikonfirmasi",
    "masa_simpan_bulan",
];

/// A case as it was opened: the columns it starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedCase {
    pub id: String,
    pub year: i32,
    pub phone_code: String,
    pub seq: u32,
    pub resident_name: String,
    pub phone: Option<String>,
    pub nik: Option<String>,
    pub dusun: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub service_id: String,
    pub service_name: String,
    pub outcome: String,
    pub catalog_version: u32,
    pub channel: String,
    pub received_at: i64,
    pub message_at: i64,
    pub out_of_hours: bool,
    pub handler: Option<String>,
}

/// One line of a case's checklist snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedItem {
    pub position: u32,
    pub label: String,
    pub form: Option<String>,
    pub count: Option<u8>,
    pub detail: Option<String>,
    pub need: String,
    pub need_when: Option<String>,
}

/// What one operation does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    /// A new case with its checklist snapshot and its first events ("created", the note).
    Opened {
        case: OpenedCase,
        items: Vec<OpenedItem>,
        events: Vec<EventRow>,
    },
    /// One event of a case's timeline: a status move, an item, a note, a reply sent, "Pesan
    /// masuk" corrected (with the out-of-hours mark that follows), an erasure.
    Event {
        event: EventRow,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        out_of_hours: Option<bool>,
        /// For a change of one thing of the case (its status, one item, "Pesan masuk"): the
        /// operation that held its value when this phone wrote (the opening when none did).
        /// Two changes after the same one by two phones are siblings: "diubah di dua HP".
        /// `None` in operations written before this was kept: never a sibling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after: Option<String>,
    },
    /// One of the office's own catalog files ("Layanan tambahan kantor") saved (`Some`, its
    /// TOML) or removed; `at` its time.
    Service {
        name: String,
        text: Option<String>,
        at: i64,
    },
    /// Someone looked at a case marked "diubah di dua HP": the operations of its changes this
    /// phone held then. Siblings both among them are no longer shown.
    Looked { case: String, writes: Vec<String> },
    /// How the replies of a case address the resident (`None`: "Bapak/Ibu").
    Salutation { case: String, value: Option<String> },
    /// One setting of the office (`OFFICE_SETTINGS`).
    Setting { key: String, value: String },
    /// A holiday added or renamed (`Some`), or removed.
    Holiday { date: String, name: Option<String> },
    /// An office template saved (`Some((name, text))`), or removed; `at` its time.
    Template {
        id: String,
        text: Option<(String, String)>,
        at: i64,
    },
}

impl Entry {
    /// What it changes: a case id, or `setting:<key>`, `holiday:<date>`, `template:<id>`,
    /// `service:<file name>`.
    pub fn subject(&self) -> String {
        match self {
            Entry::Opened { case, .. } => case.id.clone(),
            Entry::Event { event, .. } => event.case_id.clone(),
            Entry::Salutation { case, .. } | Entry::Looked { case, .. } => case.clone(),
            Entry::Setting { key, .. } => format!("setting:{key}"),
            Entry::Holiday { date, .. } => format!("holiday:{date}"),
            Entry::Template { id, .. } => format!("template:{id}"),
            Entry::Service { name, .. } => format!("service:{name}"),
        }
    }

    /// What of the subject it sets (the newest stamp wins), `None` for what is only added:
    /// `status`, `item:<position>`, `message-time`, `salutation`, `value`.
    pub fn field(&self) -> Option<String> {
        match self {
            Entry::Opened { .. } | Entry::Looked { .. } => None,
            Entry::Event { event, .. } => match event.kind.as_str() {
                "status" | "message-time" => Some(event.kind.clone()),
                kind if kind.starts_with("item-") => {
                    Some(format!("item:{}", event.position.unwrap_or(-1)))
                }
                _ => None,
            },
            Entry::Salutation { .. } => Some("salutation".into()),
            Entry::Setting { .. }
            | Entry::Holiday { .. }
            | Entry::Template { .. }
            | Entry::Service { .. } => Some("value".into()),
        }
    }

    /// An event without a change of the out-of-hours mark.
    pub fn event(event: EventRow) -> Entry {
        Entry::Event {
            event,
            out_of_hours: None,
            after: None,
        }
    }

    /// Whether it concerns a case.
    pub fn is_case(&self) -> bool {
        matches!(
            self,
            Entry::Opened { .. }
                | Entry::Event { .. }
                | Entry::Salutation { .. }
                | Entry::Looked { .. }
        )
    }
}

/// One operation of the journal.
pub type Operation = Op<Entry>;

/// A setting of this phone, set when an erasure rewrote operations it holds: copies of them
/// elsewhere (the files in the office's WebDAV folder) may still hold the old text, until the
/// next folder round writes them again.
pub const REWRITE_DUE_KEY: &str = "sinkron_tulis_ulang";

/// This phone in the journal: its id and its clock.
pub(super) struct Journal {
    pub(super) phone: String,
    pub(super) clock: Clock,
}

impl Journal {
    /// This phone's journal: its id from the settings (made once, here, when missing) and its
    /// clock resumed after the newest stamp in the book.
    pub(super) fn load(conn: &Connection) -> Result<Journal, StoreError> {
        let stored: Option<String> = conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [PHONE_ID_KEY],
                |r| r.get(0),
            )
            .optional()?;
        let phone = match stored.filter(|id| !id.trim().is_empty()) {
            Some(id) => id,
            None => {
                let id = uuid::Uuid::now_v7().simple().to_string();
                conn.execute(
                    "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, 0) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![PHONE_ID_KEY, id],
                )?;
                id
            }
        };
        let newest = newest_stamp(conn)?;
        Ok(Journal {
            clock: Clock::resume(&phone, newest.as_ref()),
            phone,
        })
    }
}

/// The newest stamp in the book: of each phone its last place's (a phone's own stamps only
/// grow), phone by phone through the `(phone, place)` index, so no index on the stamps
/// alone is kept for this one question at start.
pub(super) fn newest_stamp(conn: &Connection) -> Result<Option<Stamp>, StoreError> {
    let mut next = conn.prepare_cached("SELECT MIN(phone) FROM operations WHERE phone > ?1")?;
    let mut last = conn.prepare_cached(
        "SELECT stamp FROM operations WHERE phone = ?1 ORDER BY place DESC LIMIT 1",
    )?;
    let mut newest: Option<Stamp> = None;
    let mut after = String::new();
    while let Some(phone) = next.query_row([&after], |r| r.get::<_, Option<String>>(0))? {
        let time: String = last.query_row([&phone], |r| r.get(0))?;
        if let Some(stamp) = Stamp::from_hex(&time, &phone) {
            if newest.as_ref().is_none_or(|n| stamp > *n) {
                newest = Some(stamp);
            }
        }
        after = phone;
    }
    Ok(newest)
}

/// Writes `entry` as this phone's next operation, stamped at `at_ms`.
pub(super) fn record(
    tx: &Connection,
    journal: &mut Journal,
    at_ms: i64,
    entry: &Entry,
) -> Result<(), StoreError> {
    let place: u64 = tx.query_row(
        "SELECT COALESCE(MAX(place), 0) + 1 FROM operations WHERE phone = ?1",
        [&journal.phone],
        |r| r.get::<_, i64>(0),
    )? as u64;
    record_at(tx, journal, at_ms, place, entry)
}

/// Writes `entry` at a place the caller counted (`adopt_book`, many at once).
pub(super) fn record_at(
    tx: &Connection,
    journal: &mut Journal,
    at_ms: i64,
    place: u64,
    entry: &Entry,
) -> Result<(), StoreError> {
    let stamp = journal.clock.stamp(at_ms);
    let mut change = entry.clone();
    if let Entry::Event {
        event,
        after: after @ None,
        ..
    } = &mut change
    {
        if let Some(field) = entry.field() {
            *after = value_before(tx, &event.case_id, &field)?;
        }
    }
    let op = Op {
        id: format!("{}:{place}", journal.phone),
        stamp,
        seq: place,
        change,
    };
    insert_operation(tx, &op)?;
    Ok(())
}

/// The operation that holds `field` of `case` in this book now: the newest change of it, or
/// the case's opening when there is none.
fn value_before(tx: &Connection, case: &str, field: &str) -> Result<Option<String>, StoreError> {
    let newest: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM operations WHERE subject = ?1 AND field = ?2 \
             ORDER BY stamp DESC, phone DESC LIMIT 1",
        )?
        .query_row([case, field], |r| r.get(0))
        .optional()?;
    if newest.is_some() {
        return Ok(newest);
    }
    Ok(tx
        .prepare_cached(
            "SELECT id FROM operations WHERE subject = ?1 AND field IS NULL \
             AND body LIKE '{\"kind\":\"opened\"%' LIMIT 1",
        )?
        .query_row([case], |r| r.get(0))
        .optional()?)
}

/// Inserts an operation unless one with its id is there; `true` when it was new.
pub(super) fn insert_operation(tx: &Connection, op: &Operation) -> Result<bool, StoreError> {
    let body = serde_json::to_string(&op.change)
        .map_err(|e| StoreError::Corrupt(format!("operasi {}: {e}", op.id)))?;
    let added = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO operations (id, phone, place, stamp, subject, field, body) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            op.id,
            op.stamp.phone,
            op.seq as i64,
            op.stamp.time_hex(),
            op.change.subject(),
            op.change.field(),
            body
        ])?;
    Ok(added > 0)
}

/// Reads operations from rows of `id, phone, place, stamp, body`.
pub(super) fn operation_from_row(r: &Row<'_>) -> rusqlite::Result<Result<Operation, StoreError>> {
    let id: String = r.get(0)?;
    let phone: String = r.get(1)?;
    let place: i64 = r.get(2)?;
    let stamp: String = r.get(3)?;
    let body: String = r.get(4)?;
    let read = || -> Result<Operation, StoreError> {
        let stamp = Stamp::from_hex(&stamp, &phone).ok_or_else(|| corrupt("stamp", &stamp))?;
        let change: Entry =
            serde_json::from_str(&body).map_err(|e| corrupt("operasi", &format!("{id}: {e}")))?;
        Ok(Op {
            id: id.clone(),
            stamp,
            seq: u64::try_from(place).unwrap_or(0),
            change,
        })
    };
    Ok(read())
}

impl Store {
    /// This phone's id in the journal.
    pub fn phone_id(&self) -> &str {
        &self.journal.phone
    }

    /// How many operations the journal holds.
    pub fn operation_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM operations", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Of each phone, how many of its operations this book holds without a gap (what it
    /// tells another phone it has; see `domain::sync::Book::have`).
    pub fn have(&self) -> Result<BTreeMap<String, u64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT phone, place FROM operations ORDER BY phone, place")?;
        let mut rows = stmt.query([])?;
        let mut have: BTreeMap<String, u64> = BTreeMap::new();
        let mut broken: BTreeSet<String> = BTreeSet::new();
        while let Some(r) = rows.next()? {
            let phone: String = r.get(0)?;
            let place = u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
            if broken.contains(&phone) {
                continue;
            }
            let run = have.entry(phone.clone()).or_insert(0);
            if place == *run + 1 {
                *run = place;
            } else {
                broken.insert(phone);
            }
        }
        Ok(have)
    }

    /// Every operation a phone that holds `have` lacks, in stamp order.
    pub fn operations_after(
        &self,
        have: &BTreeMap<String, u64>,
    ) -> Result<Vec<Operation>, StoreError> {
        // Phone by phone from its first missing place (the index on (phone, place)), so a file
        // of a few changes reads a few rows, not the whole journal.
        let mut ops = Vec::new();
        let mut next = self
            .conn
            .prepare_cached("SELECT MIN(phone) FROM operations WHERE phone > ?1")?;
        let mut of_phone = self.conn.prepare_cached(
            "SELECT id, phone, place, stamp, body FROM operations WHERE phone = ?1 AND place > ?2",
        )?;
        let mut after = String::new();
        while let Some(phone) = next.query_row([&after], |r| r.get::<_, Option<String>>(0))? {
            let held = i64::try_from(have.get(&phone).copied().unwrap_or(0)).unwrap_or(i64::MAX);
            for op in of_phone.query_map(params![phone, held], operation_from_row)? {
                ops.push(op??);
            }
            after = phone;
        }
        ops.sort_by(|a, b| (&a.stamp, a.seq).cmp(&(&b.stamp, b.seq)));
        Ok(ops)
    }

    /// This phone's own operations after `place`, in place order.
    pub fn own_operations_after(&self, place: u64) -> Result<Vec<Operation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, phone, place, stamp, body FROM operations \
             WHERE phone = ?1 AND place > ?2 ORDER BY place",
        )?;
        let held = i64::try_from(place).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![self.journal.phone, held], operation_from_row)?;
        let mut ops = Vec::new();
        for op in rows {
            ops.push(op??);
        }
        Ok(ops)
    }

    /// The place of this phone's newest operation (0 before its first).
    pub fn own_last_place(&self) -> Result<u64, StoreError> {
        let place: i64 = self.conn.query_row(
            "SELECT COALESCE(MAX(place), 0) FROM operations WHERE phone = ?1",
            [&self.journal.phone],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(place).unwrap_or(0))
    }

    /// The operations of these ids this book holds, as it holds them now (an erased case's
    /// without the personal data).
    pub fn operations_with_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, Operation>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, phone, place, stamp, body FROM operations WHERE id = ?1")?;
        let mut found = BTreeMap::new();
        for id in ids {
            if let Some(op) = stmt.query_row([id], operation_from_row).optional()? {
                let op = op?;
                found.insert(op.id.clone(), op);
            }
        }
        Ok(found)
    }

    /// Whether an erasure rewrote operations since the folder's files were last written
    /// again: a token to give `clear_rewrite_due` when so.
    pub fn rewrite_due(&self) -> Result<Option<String>, StoreError> {
        Ok(self.setting(REWRITE_DUE_KEY)?.filter(|v| !v.is_empty()))
    }

    /// The folder's files are written again as of `token`: nothing due until the next erasure
    /// (one recorded meanwhile changed the token and stays due).
    pub fn clear_rewrite_due(&mut self, token: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM settings WHERE key = ?1 AND value = ?2",
            [REWRITE_DUE_KEY, token],
        )?;
        Ok(())
    }
}

/// Marks that an erasure rewrote operations (`REWRITE_DUE_KEY`).
pub(super) fn mark_rewrite_due(tx: &Connection) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, '1', 0) \
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
        [REWRITE_DUE_KEY],
    )?;
    Ok(())
}
