//! Cases, their checklist snapshot and their append-only timeline: creating, reading,
//! changing status and "Pesan masuk", ticking items, appending events.

use super::*;

/// A new case as the form delivers it, already validated by the domain types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub resident_name: String,
    pub phone: Option<WaNumber>,
    pub nik: Option<Nik>,
    pub dusun: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub service_id: String,
    pub service_name: String,
    pub outcome: Outcome,
    pub catalog_version: u32,
    pub requirements: Vec<Requirement>,
    pub channel: Channel,
    /// When the case was entered: the time of its "created" event.
    pub received_at_ms: i64,
    /// When the resident wrote ("Pesan masuk"): at or before `received_at_ms`.
    pub message_at_ms: i64,
    /// The year of the case number, in WIB (computed by the caller from `received_at_ms`).
    pub year: i32,
    pub handler: Option<String>,
    pub notes: Option<String>,
    /// Written outside office hours (decided by the caller from `message_at_ms`).
    pub out_of_hours: bool,
    /// The code of this phone, shown in the number (`PhoneCode::NONE` without one).
    pub phone_code: PhoneCode,
}

/// A stored case without its checklist and timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: String,
    pub number: CaseNumber,
    pub resident_name: String,
    pub phone: Option<WaNumber>,
    pub nik: Option<Nik>,
    pub dusun: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub service_id: String,
    pub service_name: String,
    pub outcome: Outcome,
    pub catalog_version: u32,
    pub channel: Channel,
    pub received_at_ms: i64,
    /// When the resident wrote ("Pesan masuk").
    pub message_at_ms: i64,
    pub handler: Option<String>,
    pub status: Status,
    pub updated_at_ms: i64,
    pub out_of_hours: bool,
    /// How its replies address the resident.
    pub salutation: Salutation,
    /// Two phones changed the same thing of it without seeing each other's change, and
    /// nobody has looked since: "diubah di dua HP".
    pub changed_on_two_phones: bool,
}

impl CaseRow {
    /// This case as a line of a list.
    pub fn listed(&self) -> ListedCase {
        ListedCase {
            id: self.id.clone(),
            number: self.number,
            resident_name: self.resident_name.clone(),
            nik: self.nik.clone(),
            service_name: self.service_name.clone(),
            status: self.status.clone(),
            received_at_ms: self.received_at_ms,
            message_at_ms: self.message_at_ms,
            updated_at_ms: self.updated_at_ms,
            changed_on_two_phones: self.changed_on_two_phones,
        }
    }
}

/// A case with everything the detail screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetail {
    pub case: CaseRow,
    pub checklist: Checklist,
    pub events: Vec<Event>,
}

pub(super) const CASE_COLUMNS: &str = "id, year, seq, resident_name, phone, nik, dusun, rt, rw, service_id, service_name, \
     outcome, catalog_version, channel, received_at, handler, status, stage, status_reason, updated_at, out_of_hours, message_at, \
     salutation, phone_code, two_phones";

/// The columns of a `ListedCase`, in the order `listed_from_row` reads them.
pub(super) const LIST_COLUMNS: &str = "id, year, seq, resident_name, nik, service_name, status, stage, status_reason, received_at, updated_at, message_at, phone_code, two_phones";

/// The running part of the next case number of `year` on a phone with `code`: each phone
/// counts its own (2026-A0001 and 2026-B0001 are two cases of one book), numbers without a
/// code count on from the ones made before codes.
fn next_seq(conn: &Connection, year: i32, code: PhoneCode) -> Result<u32, StoreError> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = ?1 AND phone_code = ?2",
        params![year, code.as_str()],
        |r| r.get(0),
    )?)
}

impl Store {
    /// The number the next case of `year` gets on a phone with `code`.
    pub fn next_case_number(&self, year: i32, code: PhoneCode) -> Result<CaseNumber, StoreError> {
        Ok(CaseNumber {
            year,
            code,
            seq: next_seq(&self.conn, year, code)?,
        })
    }

    /// Creates a case with its checklist snapshot, its "created" event, and the notes as the
    /// first note. Returns the stored row.
    pub fn create_case(
        &mut self,
        new: &NewCase,
        actor: &str,
        id: &str,
        event_ids: [&str; 2],
    ) -> Result<CaseRow, StoreError> {
        let tx = self.conn.savepoint()?;
        let seq = next_seq(&tx, new.year, new.phone_code)?;
        tx.execute(
            "INSERT INTO cases (id, year, seq, resident_name, phone, nik, dusun, rt, rw, service_id, service_name, \
             outcome, catalog_version, channel, received_at, handler, status, stage, status_reason, updated_at, out_of_hours, message_at, phone_code) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, NULL, NULL, ?15, ?18, ?19, ?20)",
            params![
                id,
                new.year,
                seq,
                new.resident_name,
                new.phone.as_ref().map(|p| p.digits().to_string()),
                new.nik.as_ref().map(|n| n.digits().to_string()),
                new.dusun,
                new.rt,
                new.rw,
                new.service_id,
                new.service_name,
                new.outcome.key(),
                new.catalog_version,
                new.channel.key(),
                new.received_at_ms,
                new.handler,
                StatusKind::New.key(),
                new.out_of_hours,
                new.message_at_ms,
                new.phone_code.as_str(),
            ],
        )?;
        for (position, req) in new.requirements.iter().enumerate() {
            let (need, when) = match &req.need {
                Need::Always => ("always", None),
                Need::Optional => ("optional", None),
                Need::When(w) => ("when", Some(w.as_str())),
            };
            tx.execute(
                "INSERT INTO checklist_items (case_id, position, label, form, count, detail, need, need_when) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, position as i64, req.label, req.form.map(PaperForm::key), req.count, req.detail, need, when],
            )?;
        }
        let mut events = vec![insert_event(
            &tx,
            event_ids[0],
            id,
            new.received_at_ms,
            actor,
            &EventKind::Created,
        )?];
        if let Some(notes) = new.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            events.push(insert_event(
                &tx,
                event_ids[1],
                id,
                new.received_at_ms,
                actor,
                &EventKind::Note {
                    text: notes.to_string(),
                },
            )?);
        }
        let row = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let opened = opened_entry(&tx, &row, new.phone_code, &events)?;
        journal::record(&tx, &mut self.journal, new.received_at_ms, &opened)?;
        tx.commit()?;
        Ok(row)
    }

    pub fn case(&self, id: &str) -> Result<Option<CaseDetail>, StoreError> {
        let Some(case) = read_case(&self.conn, id)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT label, form, count, detail, need, need_when, state, state_at, state_reason \
             FROM checklist_items WHERE case_id = ?1 ORDER BY position",
        )?;
        let items = stmt
            .query_map([id], item_from_row)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let events = self.timeline(id)?;
        Ok(Some(CaseDetail {
            case,
            checklist: Checklist { items },
            events,
        }))
    }

    /// Moves a case to a new status if the status machine allows it.
    pub fn change_status(
        &mut self,
        id: &str,
        to: &Status,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<CaseRow, StoreError> {
        let tx = self.conn.savepoint()?;
        let case = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        check_transition(&case.status, to, case.outcome)?;
        tx.execute(
            "UPDATE cases SET status = ?2, stage = ?3, status_reason = ?4, updated_at = MAX(updated_at, ?5) WHERE id = ?1",
            params![id, to.kind().key(), to.stage().map(Stage::key), to.reason(), at_ms],
        )?;
        let event = insert_event(
            &tx,
            event_id,
            id,
            at_ms,
            actor,
            &EventKind::StatusChanged { status: to.clone() },
        )?;
        journal::record(&tx, &mut self.journal, at_ms, &Entry::event(event))?;
        let row = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        tx.commit()?;
        Ok(row)
    }

    /// Corrects "Pesan masuk" and the out-of-hours mark that follows from it, with a
    /// `MessageTimeSet` event. The caller has checked the time against the clock and the
    /// timeline.
    pub fn set_message_time(
        &mut self,
        id: &str,
        message_at_ms: i64,
        out_of_hours: bool,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<CaseRow, StoreError> {
        let tx = self.conn.savepoint()?;
        let changed = tx.execute(
            "UPDATE cases SET message_at = ?2, out_of_hours = ?3, updated_at = MAX(updated_at, ?4) \
             WHERE id = ?1",
            params![id, message_at_ms, out_of_hours, at_ms],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let event = insert_event(
            &tx,
            event_id,
            id,
            at_ms,
            actor,
            &EventKind::MessageTimeSet {
                at_ms: message_at_ms,
            },
        )?;
        journal::record(
            &tx,
            &mut self.journal,
            at_ms,
            &Entry::Event {
                event,
                out_of_hours: Some(out_of_hours),
                after: None,
            },
        )?;
        let row = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        tx.commit()?;
        Ok(row)
    }

    /// Ticks, sets aside or resets one checklist item.
    pub fn set_item(
        &mut self,
        id: &str,
        position: usize,
        state: &ItemState,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        let (state_key, state_at, reason, kind) = match state {
            ItemState::Pending => ("pending", None, None, EventKind::ItemReset { position }),
            ItemState::Needed => ("needed", None, None, EventKind::ItemNeeded { position }),
            ItemState::Received { at_ms } => (
                "received",
                Some(*at_ms),
                None,
                EventKind::ItemReceived { position },
            ),
            ItemState::NotApplicable { reason } => {
                if reason.trim().is_empty() {
                    return Err(TransitionError::ReasonRequired.into());
                }
                (
                    "not-applicable",
                    None,
                    Some(reason.as_str()),
                    EventKind::ItemNotApplicable {
                        position,
                        reason: reason.clone(),
                    },
                )
            }
        };
        let changed = tx.execute(
            "UPDATE checklist_items SET state = ?3, state_at = ?4, state_reason = ?5 WHERE case_id = ?1 AND position = ?2",
            params![id, position as i64, state_key, state_at, reason],
        )?;
        if changed == 0 {
            return Err(StoreError::NoSuchItem(position + 1));
        }
        touch(&tx, id, at_ms)?;
        let event = insert_event(&tx, event_id, id, at_ms, actor, &kind)?;
        journal::record(&tx, &mut self.journal, at_ms, &Entry::event(event))?;
        tx.commit()?;
        Ok(())
    }

    /// How the replies of a case address the resident ("Bapak/Ibu" is stored as no choice).
    pub fn set_salutation(
        &mut self,
        id: &str,
        salutation: Salutation,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        let stored = (salutation != Salutation::Either).then(|| salutation.key());
        let tx = self.conn.savepoint()?;
        let changed = tx.execute(
            "UPDATE cases SET salutation = ?2 WHERE id = ?1",
            params![id, stored],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let entry = Entry::Salutation {
            case: id.to_string(),
            value: stored.map(str::to_string),
        };
        journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        tx.commit()?;
        Ok(())
    }

    /// Every open case (for Beranda's queues); few compared with the whole book.
    pub fn open_cases(&self) -> Result<Vec<CaseRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE status IN ({}) ORDER BY message_at, received_at, id",
            open_statuses()
        ))?;
        let rows = stmt
            .query_map([], case_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    pub fn case_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }
}

/// The journal's entry for a case just created: its columns, checklist and first events.
fn opened_entry(
    tx: &Connection,
    row: &CaseRow,
    code: PhoneCode,
    events: &[EventRow],
) -> Result<Entry, StoreError> {
    let items = tx
        .prepare_cached(
            "SELECT position, label, form, count, detail, need, need_when \
             FROM checklist_items WHERE case_id = ?1 ORDER BY position",
        )?
        .query_map([&row.id], |r| {
            Ok(OpenedItem {
                position: r.get(0)?,
                label: r.get(1)?,
                form: r.get(2)?,
                count: r.get(3)?,
                detail: r.get(4)?,
                need: r.get(5)?,
                need_when: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Entry::Opened {
        case: OpenedCase {
            id: row.id.clone(),
            year: row.number.year,
            phone_code: code.as_str().to_string(),
            seq: row.number.seq,
            resident_name: row.resident_name.clone(),
            phone: row.phone.as_ref().map(|p| p.digits().to_string()),
            nik: row.nik.as_ref().map(|n| n.digits().to_string()),
            dusun: row.dusun.clone(),
            rt: row.rt.clone(),
            rw: row.rw.clone(),
            service_id: row.service_id.clone(),
            service_name: row.service_name.clone(),
            outcome: row.outcome.key().to_string(),
            catalog_version: row.catalog_version,
            channel: row.channel.key().to_string(),
            received_at: row.received_at_ms,
            message_at: row.message_at_ms,
            out_of_hours: row.out_of_hours,
            handler: row.handler.clone(),
        },
        items,
        events: events.to_vec(),
    })
}

pub(super) fn touch(tx: &Connection, id: &str, at_ms: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE cases SET updated_at = MAX(updated_at, ?2) WHERE id = ?1",
        params![id, at_ms],
    )?;
    Ok(())
}

pub(super) fn read_case(conn: &Connection, id: &str) -> Result<Option<CaseRow>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"))?;
    match stmt.query_row([id], case_from_row).optional()? {
        Some(row) => Ok(Some(row?)),
        None => Ok(None),
    }
}

/// Reads a row; a value this build does not know is a `Corrupt` error, never a panic.
pub(super) fn case_from_row(r: &Row<'_>) -> rusqlite::Result<Result<CaseRow, StoreError>> {
    let outcome: String = r.get(11)?;
    let channel: String = r.get(13)?;
    let status: String = r.get(16)?;
    let stage: Option<String> = r.get(17)?;
    let reason: Option<String> = r.get(18)?;
    let build = || -> Result<CaseRow, StoreError> {
        Ok(CaseRow {
            id: String::new(),
            number: CaseNumber::plain(0, 0),
            resident_name: String::new(),
            phone: None,
            nik: None,
            dusun: None,
            rt: None,
            rw: None,
            service_id: String::new(),
            service_name: String::new(),
            outcome: Outcome::from_key(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?,
            catalog_version: 0,
            channel: Channel::from_key(&channel).ok_or_else(|| corrupt("channel", &channel))?,
            received_at_ms: 0,
            message_at_ms: 0,
            handler: None,
            status: status_from_columns(&status, stage.as_deref(), reason.clone())?,
            updated_at_ms: 0,
            out_of_hours: false,
            salutation: Salutation::default(),
            changed_on_two_phones: false,
        })
    };
    let mut row = match build() {
        Ok(row) => row,
        Err(e) => return Ok(Err(e)),
    };
    row.id = r.get(0)?;
    row.number = CaseNumber {
        year: r.get(1)?,
        code: PhoneCode::stored(r.get_ref(23)?.as_str()?),
        seq: r.get(2)?,
    };
    row.resident_name = r.get(3)?;
    row.phone = wa_number(r.get(4)?);
    row.nik = nik(r.get(5)?);
    row.dusun = r.get(6)?;
    row.rt = r.get(7)?;
    row.rw = r.get(8)?;
    row.service_id = r.get(9)?;
    row.service_name = r.get(10)?;
    row.catalog_version = r.get(12)?;
    row.received_at_ms = r.get(14)?;
    row.handler = r.get(15)?;
    row.updated_at_ms = r.get(19)?;
    row.out_of_hours = r.get(20)?;
    row.message_at_ms = r.get(21)?;
    // Only words of a reply: a value this build does not know reads as "Bapak/Ibu".
    row.salutation = r
        .get::<_, Option<String>>(22)?
        .and_then(|k| Salutation::from_key(&k))
        .unwrap_or_default();
    row.changed_on_two_phones = r.get(24)?;
    Ok(Ok(row))
}

/// A case's status from its `status`, `stage` and `status_reason` columns.
pub(super) fn status_from_columns(
    status: &str,
    stage: Option<&str>,
    reason: Option<String>,
) -> Result<Status, StoreError> {
    let kind = StatusKind::from_key(status).ok_or_else(|| corrupt("status", status))?;
    let stage = match stage {
        Some(s) => Some(Stage::from_key(s).ok_or_else(|| corrupt("stage", s))?),
        None => None,
    };
    Status::from_parts(kind, stage, reason).ok_or_else(|| corrupt("status", status))
}

pub(super) fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Result<ChecklistItem, StoreError>> {
    let label: String = r.get(0)?;
    let form: Option<String> = r.get(1)?;
    let count: Option<u8> = r.get(2)?;
    let detail: Option<String> = r.get(3)?;
    let need: String = r.get(4)?;
    let need_when: Option<String> = r.get(5)?;
    let state: String = r.get(6)?;
    let state_at: Option<i64> = r.get(7)?;
    let state_reason: Option<String> = r.get(8)?;
    let form = match form {
        Some(f) => match PaperForm::from_key(&f) {
            Some(f) => Some(f),
            None => return Ok(Err(corrupt("form", &f))),
        },
        None => None,
    };
    let need = match (need.as_str(), need_when) {
        ("always", _) => Need::Always,
        ("optional", _) => Need::Optional,
        ("when", Some(w)) => Need::When(w),
        (other, _) => return Ok(Err(corrupt("need", other))),
    };
    let state = match (state.as_str(), state_at, state_reason) {
        ("pending", _, _) => ItemState::Pending,
        ("needed", _, _) => ItemState::Needed,
        ("received", Some(at_ms), _) => ItemState::Received { at_ms },
        ("not-applicable", _, Some(reason)) => ItemState::NotApplicable { reason },
        (other, _, _) => return Ok(Err(corrupt("state", other))),
    };
    Ok(Ok(ChecklistItem {
        requirement: Requirement {
            label,
            form,
            count,
            detail,
            need,
        },
        state,
    }))
}
