//! "Diubah di dua HP" (issue 22): when two phones changed one thing of a case (its status, one
//! item, "Pesan masuk") to different values without either having the other's change, the
//! case is marked until someone looks ("Sudah dicek", a `Looked` operation); and which phone
//! wrote each event, for the timeline. The mark is a function of the case's operations, so
//! every phone that holds the same ones shows the same.

use std::collections::{BTreeMap, BTreeSet};

use super::journal::{self, operation_from_row, Entry, Operation};
use super::*;

impl Store {
    /// "Sudah dicek" on a case marked "diubah di dua HP": the mark goes, here and on every
    /// phone that holds the same changes, and a `Looked` operation says which changes were
    /// seen (a change this phone never had keeps the mark where it arrives).
    pub fn mark_case_looked(&mut self, id: &str, at_ms: i64) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        let changed = tx.execute(
            "UPDATE cases SET two_phones = 0 WHERE id = ?1 AND two_phones = 1",
            [id],
        )?;
        if changed == 0 {
            return Ok(());
        }
        let writes: Vec<String> = tx
            .prepare_cached(
                "SELECT id FROM operations WHERE subject = ?1 AND field IS NOT NULL \
                 AND field != 'salutation' ORDER BY stamp, phone",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let entry = Entry::Looked {
            case: id.to_string(),
            writes,
        };
        journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        tx.commit()?;
        Ok(())
    }

    /// Which phone wrote each event of a case: event id to phone id (for the timeline's "HP B").
    pub fn event_phones(&self, case: &str) -> Result<BTreeMap<String, String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, phone, place, stamp, body FROM operations WHERE subject = ?1",
        )?;
        let mut phones = BTreeMap::new();
        for op in stmt.query_map([case], operation_from_row)? {
            let op = op??;
            match &op.change {
                Entry::Opened { events, .. } => {
                    for event in events {
                        phones.insert(event.id.clone(), op.stamp.phone.clone());
                    }
                }
                Entry::Event { event, .. } => {
                    phones.insert(event.id.clone(), op.stamp.phone.clone());
                }
                _ => {}
            }
        }
        Ok(phones)
    }
}

/// Whether two phones changed one thing of the case (its status, one item, "Pesan masuk") to
/// different values, each after the same earlier value (neither had the other's change), and
/// no one who held both looked since. A function of the set of operations.
pub(super) fn changed_on_two_phones(ops: &[Operation]) -> bool {
    let mut changes: BTreeMap<String, Vec<(&Operation, &str, String)>> = BTreeMap::new();
    let mut looked: Vec<BTreeSet<&str>> = Vec::new();
    for op in ops {
        match &op.change {
            Entry::Event {
                event,
                after: Some(after),
                ..
            } => {
                if let Some(field) = op.change.field() {
                    let value = format!(
                        "{}|{:?}|{:?}|{:?}|{:?}",
                        event.kind, event.status, event.stage, event.reason, event.position
                    );
                    changes.entry(field).or_default().push((op, after, value));
                }
            }
            Entry::Looked { writes, .. } => {
                looked.push(writes.iter().map(String::as_str).collect());
            }
            _ => {}
        }
    }
    let seen_both = |a: &str, b: &str| looked.iter().any(|w| w.contains(a) && w.contains(b));
    changes.values().any(|list| {
        list.iter().enumerate().any(|(i, (a, after_a, value_a))| {
            list[i + 1..].iter().any(|(b, after_b, value_b)| {
                a.stamp.phone != b.stamp.phone
                    && after_a == after_b
                    && value_a != value_b
                    && !seen_both(&a.id, &b.id)
            })
        })
    })
}
