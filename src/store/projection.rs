//! The tables as a projection of the journal (issue 22): operations from other phones are
//! applied here, all of one file in one transaction, and every subject they touch is made
//! again from *all* its operations in stamp order. So the result depends on the set of
//! operations only, never on their order of arrival nor on how often one arrived: two phones
//! that hold the same operations hold the same tables (`canonical_dump`).
//!
//! The rules, the same as `domain::sync`'s model: a case's status is its last status move by
//! stamp, an item's state its last item event, "Pesan masuk" its last correction, the form of
//! address its last choice; the timeline keeps every event. An erasure redacts the personal
//! data of everything stamped before it (its operations included), exactly as "Hapus data
//! warga" does on the phone where it happened. An office setting, holiday or template is its
//! last write by stamp.

use std::collections::BTreeMap;

use super::journal::{insert_operation, operation_from_row, Entry, OpenedCase, Operation};
use super::*;
use crate::domain::sync::TooFarAhead;

/// What applying a set of operations did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Operations new to this book.
    pub new: usize,
    /// Cases that were not in the book before.
    pub new_cases: usize,
    /// Phones whose operations were left out because their clock is far ahead, one each.
    pub refused: Vec<TooFarAhead>,
    /// An office catalog file came or went: the app reads its catalog again.
    pub catalog_changed: bool,
}

impl Store {
    /// Applies operations of other phones (a sync file, the WebDAV folder): each stamp first
    /// taken by this phone's clock at `now_ms` (a phone far ahead is left out and named), then
    /// all in one transaction: any operation that does not read as a valid change refuses the
    /// whole set and nothing is applied.
    pub fn apply_operations(
        &mut self,
        ops: Vec<Operation>,
        now_ms: i64,
    ) -> Result<Applied, StoreError> {
        let mut applied = Applied::default();
        let mut accepted = Vec::with_capacity(ops.len());
        for op in ops {
            match self.journal.clock.receive(&op.stamp, now_ms) {
                Ok(()) => accepted.push(op),
                Err(e) => {
                    if !applied.refused.iter().any(|r| r.phone == e.phone) {
                        applied.refused.push(e);
                    }
                }
            }
        }
        for op in &accepted {
            check_entry(&op.change)?;
            if op.seq == 0 || op.id.is_empty() {
                return Err(corrupt("operasi", &op.id));
            }
        }
        let tx = self.conn.transaction()?;
        // Per subject: whether the book held operations of it before, and the new ones. A
        // subject seen for the first time is made from the operations in hand (a whole book
        // into a new phone reads nothing back); any other from all its stored operations.
        let mut touched: BTreeMap<String, (bool, Vec<Operation>)> = BTreeMap::new();
        let mut known = tx.prepare_cached("SELECT 1 FROM operations WHERE subject = ?1 LIMIT 1")?;
        for op in accepted {
            let subject = op.change.subject();
            if !touched.contains_key(&subject) {
                let before = known.exists([&subject])?;
                touched.insert(subject.clone(), (before, Vec::new()));
            }
            if insert_operation(&tx, &op)? {
                applied.new += 1;
                if let Some((_, new)) = touched.get_mut(&subject) {
                    new.push(op);
                }
            }
        }
        drop(known);
        for (subject, (before, mut new)) in touched {
            if new.is_empty() {
                continue;
            }
            applied.catalog_changed |= subject.starts_with("service:");
            let ops = if before {
                subject_ops(&tx, &subject)?
            } else {
                new.sort_by(|a, b| (&a.stamp, a.seq).cmp(&(&b.stamp, b.seq)));
                new
            };
            applied.new_cases += usize::from(project_ops(&tx, &subject, ops)?);
        }
        tx.commit()?;
        Ok(applied)
    }

    /// Makes every subject again from its operations (what `apply_operations` does for the
    /// subjects a file touched): the tables are a projection of the journal.
    pub fn project_all(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let subjects: Vec<String> = tx
            .prepare("SELECT DISTINCT subject FROM operations ORDER BY subject")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for subject in &subjects {
            project(&tx, subject)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The book that travels as text, one sorted line per row: the cases, their checklists
    /// and timelines, the office's settings, holidays, templates and catalog files. Two phones that hold
    /// the same operations give the same text.
    pub fn canonical_dump(&self) -> Result<String, StoreError> {
        let mut out = String::new();
        let settings = OFFICE_SETTINGS_SQL.with(|s| s.clone());
        for (name, sql) in [
            ("case", "SELECT * FROM cases ORDER BY id"),
            (
                "item",
                "SELECT * FROM checklist_items ORDER BY case_id, position",
            ),
            ("event", "SELECT * FROM events ORDER BY id"),
            ("setting", settings.as_str()),
            ("holiday", "SELECT * FROM holidays ORDER BY date"),
            ("template", "SELECT * FROM templates ORDER BY id"),
            ("service", "SELECT * FROM catalog_overlay ORDER BY name"),
        ] {
            let mut stmt = self.conn.prepare(sql)?;
            let n = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                out.push_str(name);
                for i in 0..n {
                    let value: rusqlite::types::Value = r.get(i)?;
                    out.push_str(&format!(" {value:?}"));
                }
                out.push('\n');
            }
        }
        Ok(out)
    }
}

thread_local! {
    static OFFICE_SETTINGS_SQL: String = format!(
        "SELECT key, value FROM settings WHERE key IN ({}) ORDER BY key",
        super::journal::OFFICE_SETTINGS
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// Refuses what would break the book: values this build does not know.
fn check_entry(entry: &Entry) -> Result<(), StoreError> {
    match entry {
        Entry::Opened {
            case,
            items,
            events,
        } => {
            Outcome::from_key(&case.outcome).ok_or_else(|| corrupt("outcome", &case.outcome))?;
            Channel::from_key(&case.channel).ok_or_else(|| corrupt("channel", &case.channel))?;
            if !case.phone_code.is_empty() {
                PhoneCode::parse(&case.phone_code)
                    .map_err(|_| corrupt("kode HP", &case.phone_code))?;
            }
            for item in items {
                if let Some(form) = &item.form {
                    PaperForm::from_key(form).ok_or_else(|| corrupt("form", form))?;
                }
                match (item.need.as_str(), &item.need_when) {
                    ("always", _) | ("optional", _) | ("when", Some(_)) => {}
                    (other, _) => return Err(corrupt("need", other)),
                }
            }
            for event in events {
                check_event(event, &case.id)?;
            }
        }
        Entry::Event { event, .. } => {
            event.kind()?;
        }
        Entry::Salutation { value, .. } => {
            if let Some(v) = value {
                Salutation::from_key(v).ok_or_else(|| corrupt("sapaan", v))?;
            }
        }
        Entry::Setting { key, .. } => {
            if !super::journal::OFFICE_SETTINGS.contains(&key.as_str()) {
                return Err(corrupt("pengaturan", key));
            }
        }
        Entry::Looked { writes, .. } => {
            if writes.len() > 100_000 {
                return Err(corrupt("dicek", "terlalu banyak perubahan"));
            }
        }
        Entry::Service { name, text, .. } => {
            if !service_file_ok(name, text.as_deref()) {
                return Err(corrupt("layanan kantor", name));
            }
        }
        Entry::Holiday { .. } | Entry::Template { .. } => {}
    }
    Ok(())
}

fn check_event(event: &EventRow, case: &str) -> Result<(), StoreError> {
    if event.case_id != case {
        return Err(corrupt("event", &event.id));
    }
    event.kind().map(|_| ())
}

/// The operations of one subject, in stamp order.
fn subject_ops(tx: &Connection, subject: &str) -> Result<Vec<Operation>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, phone, place, stamp, body FROM operations WHERE subject = ?1 \
         ORDER BY stamp, phone, place",
    )?;
    let ops = stmt
        .query_map([subject], operation_from_row)?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ops)
}

/// Makes one subject again from its operations. `true` when a case came into the book.
fn project(tx: &Connection, subject: &str) -> Result<bool, StoreError> {
    let ops = subject_ops(tx, subject)?;
    project_ops(tx, subject, ops)
}

/// Makes one subject from `ops`: all its operations, in stamp order.
fn project_ops(tx: &Connection, subject: &str, ops: Vec<Operation>) -> Result<bool, StoreError> {
    let Some(last) = ops.last() else {
        return Ok(false);
    };
    match &last.change {
        Entry::Setting { key, value } => {
            tx.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![key, value, last.stamp.ms()],
            )?;
            Ok(false)
        }
        Entry::Holiday { date, name } => {
            match name {
                Some(name) => tx.execute(
                    "INSERT INTO holidays (date, name) VALUES (?1, ?2) \
                     ON CONFLICT (date) DO UPDATE SET name = excluded.name",
                    params![date, name],
                )?,
                None => tx.execute("DELETE FROM holidays WHERE date = ?1", [date])?,
            };
            Ok(false)
        }
        Entry::Template { id, text, at } => {
            match text {
                Some((name, body)) => tx.execute(
                    "INSERT INTO templates (id, name, body, updated_at) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body, \
                     updated_at = excluded.updated_at",
                    params![id, name, body, at],
                )?,
                None => tx.execute("DELETE FROM templates WHERE id = ?1", [id])?,
            };
            Ok(false)
        }
        Entry::Service { name, text, at } => {
            match text {
                Some(text) => tx.execute(
                    "INSERT INTO catalog_overlay (name, text, updated_at) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (name) DO UPDATE SET text = excluded.text, \
                     updated_at = excluded.updated_at",
                    params![name, text, at],
                )?,
                None => tx.execute("DELETE FROM catalog_overlay WHERE name = ?1", [name])?,
            };
            Ok(false)
        }
        _ => project_case(tx, subject, ops),
    }
}

/// The most one office catalog file may weigh.
pub const MAX_SERVICE_FILE: usize = 512 * 1024;

/// Whether an office catalog file may be an operation: a plain `.toml` name and at most
/// `MAX_SERVICE_FILE` bytes (what another phone accepts).
pub(super) fn service_file_ok(name: &str, text: Option<&str>) -> bool {
    name.len() > ".toml".len()
        && name.ends_with(".toml")
        && !name.contains(['/', '\\'])
        && text.is_none_or(|t| t.len() <= MAX_SERVICE_FILE)
}

/// Rewrites the journal of an erased case (right after its erasure event was recorded).
pub(super) fn redact_journal(tx: &Connection, case: &str) -> Result<(), StoreError> {
    let mut ops = subject_ops(tx, case)?;
    redact_before_erasure(tx, &mut ops)
}

/// The personal data of everything stamped before the last erasure, redacted as "Hapus data
/// warga" leaves it; the operations kept are rewritten the same way.
fn redact_before_erasure(tx: &Connection, ops: &mut [Operation]) -> Result<(), StoreError> {
    let Some(last_erasure) = ops
        .iter()
        .rposition(|op| matches!(&op.change, Entry::Event { event, .. } if event.kind == "erased"))
    else {
        return Ok(());
    };
    let mut rewrote = false;
    for op in &mut ops[..last_erasure] {
        let redacted = redacted(&op.change);
        if redacted != op.change {
            op.change = redacted;
            let body = serde_json::to_string(&op.change)
                .map_err(|e| StoreError::Corrupt(format!("operasi {}: {e}", op.id)))?;
            tx.execute(
                "UPDATE operations SET body = ?2 WHERE id = ?1",
                params![op.id, body],
            )?;
            rewrote = true;
        }
    }
    if rewrote {
        super::journal::mark_rewrite_due(tx)?;
    }
    Ok(())
}

fn redact_event(event: &mut EventRow) {
    if event.kind != "erased" {
        if event.body.is_some() {
            event.body = Some(ERASED.to_string());
        }
        if event.reason.is_some() {
            event.reason = Some(ERASED.to_string());
        }
    }
}

/// An entry without the resident's personal data.
pub(super) fn redacted(entry: &Entry) -> Entry {
    let mut entry = entry.clone();
    match &mut entry {
        Entry::Opened { case, events, .. } => {
            case.resident_name = ERASED.to_string();
            case.phone = None;
            case.nik = None;
            case.dusun = None;
            case.rt = None;
            case.rw = None;
            events.iter_mut().for_each(redact_event);
        }
        Entry::Event { event, .. } => redact_event(event),
        Entry::Salutation { value, .. } => *value = None,
        _ => {}
    }
    entry
}

/// One case from its operations. Without its opening (not arrived yet) it waits, kept in the
/// journal only.
fn project_case(tx: &Connection, id: &str, mut ops: Vec<Operation>) -> Result<bool, StoreError> {
    redact_before_erasure(tx, &mut ops)?;
    let Some(opened) = ops.iter().find_map(|op| match &op.change {
        Entry::Opened { case, items, .. } => Some((case.clone(), items.clone())),
        _ => None,
    }) else {
        return Ok(false);
    };
    let (case, items) = opened;
    let new = read_case(tx, id)?.is_none();
    if new {
        insert_opened(tx, &case, &items)?;
    }
    // The fold, in stamp order.
    let mut state = CaseFold::new(&case);
    for op in &ops {
        match &op.change {
            Entry::Opened { events, .. } => {
                for event in events {
                    state.event(tx, event, None)?;
                }
            }
            Entry::Event {
                event,
                out_of_hours,
                ..
            } => state.event(tx, event, *out_of_hours)?,
            Entry::Salutation { value, .. } => state.salutation = value.clone(),
            _ => {}
        }
    }
    state.two_phones = super::two_phones::changed_on_two_phones(&ops);
    state.write(tx, &case, items.len())?;
    Ok(new)
}

fn insert_opened(
    tx: &Connection,
    case: &OpenedCase,
    items: &[super::journal::OpenedItem],
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO cases (id, year, seq, resident_name, phone, nik, dusun, rt, rw, service_id, service_name, \
         outcome, catalog_version, channel, received_at, handler, status, stage, status_reason, updated_at, out_of_hours, message_at, phone_code) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, NULL, NULL, ?15, ?18, ?19, ?20)",
        params![
            case.id, case.year, case.seq, case.resident_name, case.phone, case.nik, case.dusun,
            case.rt, case.rw, case.service_id, case.service_name, case.outcome,
            case.catalog_version, case.channel, case.received_at, case.handler,
            StatusKind::New.key(), case.out_of_hours, case.message_at, case.phone_code,
        ],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::NumberTaken(format!(
            "{}",
            CaseNumber {
                year: case.year,
                code: PhoneCode::stored(&case.phone_code),
                seq: case.seq
            }
        )),
        _ => StoreError::Sql(e),
    })?;
    for item in items {
        tx.execute(
            "INSERT INTO checklist_items (case_id, position, label, form, count, detail, need, need_when) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![case.id, item.position, item.label, item.form, item.count, item.detail, item.need, item.need_when],
        )?;
    }
    Ok(())
}

/// A case's changing columns, folded from its events in stamp order.
struct CaseFold {
    status: (String, Option<String>, Option<String>),
    items: BTreeMap<i64, (String, Option<i64>, Option<String>)>,
    message_at: i64,
    out_of_hours: bool,
    salutation: Option<String>,
    updated_at: i64,
    personal: OpenedCase,
    two_phones: bool,
}

impl CaseFold {
    fn new(case: &OpenedCase) -> Self {
        CaseFold {
            status: (StatusKind::New.key().to_string(), None, None),
            items: BTreeMap::new(),
            message_at: case.message_at,
            out_of_hours: case.out_of_hours,
            salutation: None,
            updated_at: case.received_at,
            personal: case.clone(),
            two_phones: false,
        }
    }

    fn event(
        &mut self,
        tx: &Connection,
        event: &EventRow,
        out_of_hours: Option<bool>,
    ) -> Result<(), StoreError> {
        // The timeline keeps every event; one already there gets its redaction.
        if !insert_event_row(tx, event, true)? && (event.body.is_some() || event.reason.is_some()) {
            tx.execute(
                "UPDATE events SET body = ?2, reason = ?3 WHERE id = ?1 \
                 AND (body IS NOT ?2 OR reason IS NOT ?3)",
                params![event.id, event.body, event.reason],
            )?;
        }
        if event.kind != "erased" {
            self.updated_at = self.updated_at.max(event.at);
        }
        let position = event.position;
        match event.kind.as_str() {
            "status" => {
                self.status = (
                    event.status.clone().unwrap_or_default(),
                    event.stage.clone(),
                    event.reason.clone(),
                )
            }
            "item-received" => {
                self.items.insert(
                    position.unwrap_or(-1),
                    ("received".into(), Some(event.at), None),
                );
            }
            "item-not-applicable" => {
                self.items.insert(
                    position.unwrap_or(-1),
                    ("not-applicable".into(), None, event.reason.clone()),
                );
            }
            "item-reset" => {
                self.items
                    .insert(position.unwrap_or(-1), ("pending".into(), None, None));
            }
            "item-needed" => {
                self.items
                    .insert(position.unwrap_or(-1), ("needed".into(), None, None));
            }
            "message-time" => {
                if let Some(at) = position {
                    self.message_at = at;
                }
                if let Some(ooh) = out_of_hours {
                    self.out_of_hours = ooh;
                }
            }
            "erased" => {
                self.personal = match redacted(&Entry::Opened {
                    case: self.personal.clone(),
                    items: Vec::new(),
                    events: Vec::new(),
                }) {
                    Entry::Opened { case, .. } => case,
                    _ => self.personal.clone(),
                };
                self.salutation = None;
            }
            _ => {}
        }
        Ok(())
    }

    fn write(&self, tx: &Connection, case: &OpenedCase, items: usize) -> Result<(), StoreError> {
        let p = &self.personal;
        tx.execute(
            "UPDATE cases SET resident_name = ?2, phone = ?3, nik = ?4, dusun = ?5, rt = ?6, rw = ?7, \
             status = ?8, stage = ?9, status_reason = ?10, message_at = ?11, out_of_hours = ?12, \
             salutation = ?13, updated_at = ?14, two_phones = ?15 WHERE id = ?1",
            params![
                case.id, p.resident_name, p.phone, p.nik, p.dusun, p.rt, p.rw, self.status.0,
                self.status.1, self.status.2, self.message_at, self.out_of_hours,
                self.salutation, self.updated_at, self.two_phones
            ],
        )?;
        for position in 0..items as i64 {
            let (state, at, reason) =
                self.items
                    .get(&position)
                    .cloned()
                    .unwrap_or(("pending".into(), None, None));
            tx.execute(
                "UPDATE checklist_items SET state = ?3, state_at = ?4, state_reason = ?5 \
                 WHERE case_id = ?1 AND position = ?2",
                params![case.id, position, state, at, reason],
            )?;
        }
        Ok(())
    }
}
