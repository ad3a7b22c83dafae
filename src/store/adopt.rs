//! A book made before the journal (schema 9 or older) becomes the first phone of its office
//! (issue 22): one transaction writes the operations that make its cases, their checklists
//! and timelines, and the office's settings, holidays, templates and catalog files again,
//! stamped in the order they happened. Nothing in the tables changes; old case numbers stay
//! as they are. A book of schema 10 or 11 gets its office catalog files into the journal.

use super::journal::{record_at, Entry, OpenedCase, OpenedItem, OFFICE_SETTINGS};
use super::*;

impl Store {
    /// Writes the operations of a book that has none. Does nothing once there are any.
    pub(super) fn adopt_book(&mut self) -> Result<(), StoreError> {
        if self.operation_count()? > 0 {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        let mut entries: Vec<(i64, Entry)> = Vec::new();
        let mut cases = tx.prepare(
            "SELECT id, year, phone_code, seq, resident_name, phone, nik, dusun, rt, rw, service_id, \
             service_name, outcome, catalog_version, channel, received_at, message_at, out_of_hours, \
             handler, salutation, updated_at FROM cases ORDER BY received_at, id",
        )?;
        let mut rows = cases.query([])?;
        let mut salutations = Vec::new();
        while let Some(r) = rows.next()? {
            let case = OpenedCase {
                id: r.get(0)?,
                year: r.get(1)?,
                phone_code: r.get(2)?,
                seq: r.get(3)?,
                resident_name: r.get(4)?,
                phone: r.get(5)?,
                nik: r.get(6)?,
                dusun: r.get(7)?,
                rt: r.get(8)?,
                rw: r.get(9)?,
                service_id: r.get(10)?,
                service_name: r.get(11)?,
                outcome: r.get(12)?,
                catalog_version: r.get(13)?,
                channel: r.get(14)?,
                received_at: r.get(15)?,
                message_at: r.get(16)?,
                out_of_hours: r.get(17)?,
                handler: r.get(18)?,
            };
            let salutation: Option<String> = r.get(19)?;
            let updated_at: i64 = r.get(20)?;
            if salutation.is_some() {
                salutations.push((
                    updated_at,
                    Entry::Salutation {
                        case: case.id.clone(),
                        value: salutation,
                    },
                ));
            }
            let items = tx
                .prepare_cached(
                    "SELECT position, label, form, count, detail, need, need_when \
                     FROM checklist_items WHERE case_id = ?1 ORDER BY position",
                )?
                .query_map([&case.id], |r| {
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
            let mut events = Vec::new();
            let mut later = Vec::new();
            let mut stmt = tx.prepare_cached(
                "SELECT id, at, actor, kind, status, stage, reason, position, template, body \
                 FROM events WHERE case_id = ?1 ORDER BY at, id",
            )?;
            let mut erows = stmt.query([&case.id])?;
            while let Some(e) = erows.next()? {
                let event = EventRow {
                    id: e.get(0)?,
                    case_id: case.id.clone(),
                    at: e.get(1)?,
                    actor: e.get(2)?,
                    kind: e.get(3)?,
                    status: e.get(4)?,
                    stage: e.get(5)?,
                    reason: e.get(6)?,
                    position: e.get(7)?,
                    template: e.get(8)?,
                    body: e.get(9)?,
                };
                if event.kind == "created" {
                    events.push(event);
                } else {
                    // Only the last correction of "Pesan masuk" decides the mark; the case
                    // row holds it.
                    let out_of_hours = (event.kind == "message-time").then_some(case.out_of_hours);
                    later.push((
                        event.at,
                        Entry::Event {
                            event,
                            out_of_hours,
                            after: None,
                        },
                    ));
                }
            }
            entries.push((
                case.received_at,
                Entry::Opened {
                    case,
                    items,
                    events,
                },
            ));
            entries.extend(later);
        }
        drop(rows);
        drop(cases);
        let newest = entries.iter().map(|(at, _)| *at).max().unwrap_or(0);
        entries.extend(salutations);
        for (key, value, at) in tx
            .prepare("SELECT key, value, updated_at FROM settings ORDER BY key")?
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })?
            .collect::<Result<Vec<(String, String, i64)>, _>>()?
        {
            if OFFICE_SETTINGS.contains(&key.as_str()) {
                entries.push((at, Entry::Setting { key, value }));
            }
        }
        for (date, name) in tx
            .prepare("SELECT date, name FROM holidays ORDER BY date")?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?
            .collect::<Result<Vec<(String, String)>, _>>()?
        {
            entries.push((
                newest,
                Entry::Holiday {
                    date,
                    name: Some(name),
                },
            ));
        }
        for (id, name, body, at) in tx
            .prepare("SELECT id, name, body, updated_at FROM templates ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<Vec<(String, String, String, i64)>, _>>()?
        {
            entries.push((
                at,
                Entry::Template {
                    id,
                    text: Some((name, body)),
                    at,
                },
            ));
        }
        entries.extend(office_files(&tx)?);
        // In the order things happened (stable: a case's opening before its events).
        entries.sort_by_key(|(at, _)| *at);
        for (place, (at, entry)) in entries.iter().enumerate() {
            record_at(&tx, &mut self.journal, *at, place as u64 + 1, entry)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The office's own catalog files as operations, each at its time.
fn office_files(tx: &Connection) -> Result<Vec<(i64, Entry)>, StoreError> {
    Ok(tx
        .prepare("SELECT name, text, updated_at FROM catalog_overlay ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<Vec<(String, String, i64)>, _>>()?
        .into_iter()
        // A file another phone would refuse stays on this phone only.
        .filter(|(name, text, _)| super::projection::service_file_ok(name, Some(text)))
        .map(|(name, text, at)| {
            (
                at,
                Entry::Service {
                    name,
                    text: Some(text),
                    at,
                },
            )
        })
        .collect())
}

impl Store {
    /// A book of schema 10 or 11 kept its office catalog files outside the journal: they are
    /// written into it once, as this phone's, so they reach the office's other phones.
    pub(super) fn journal_office_files(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let files = office_files(&tx)?;
        for (at, entry) in &files {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM operations WHERE subject = ?1)",
                [entry.subject()],
                |r| r.get(0),
            )?;
            if !known {
                super::journal::record(&tx, &mut self.journal, *at, entry)?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
