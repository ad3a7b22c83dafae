//! Residents' personal data: finding a resident's cases, the closed cases past retention,
//! erasing personal data, the contacts an export may carry.

use super::*;

/// `(case number, name, wa.me digits, NIK)` of one case.
pub type CaseContact = (CaseNumber, String, Option<WaNumber>, Option<Nik>);

/// What erased personal text is replaced with (the events trigger allows exactly this).
pub const ERASED: &str = "(dihapus)";

impl Store {
    /// The cases of one resident: the same WhatsApp number or the same NIK as the given case;
    /// with neither, the same name (ignoring case). Erased cases are left out.
    pub fn cases_of_resident(&self, case_id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id FROM cases c JOIN cases o ON \
               (c.phone IS NOT NULL AND o.phone = c.phone) \
               OR (c.nik IS NOT NULL AND o.nik = c.nik) \
               OR (c.phone IS NULL AND c.nik IS NULL AND o.phone IS NULL AND o.nik IS NULL \
                   AND o.resident_name = c.resident_name COLLATE NOCASE) \
             WHERE c.id = ?1 AND o.resident_name != ?2 ORDER BY o.year, o.seq",
        )?;
        let ids = stmt
            .query_map(params![case_id, ERASED], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    /// Closed cases (Selesai or Dibatalkan) with no activity since `before_ms` whose personal
    /// data is still there: what the retention period erases.
    pub fn closed_cases_before(&self, before_ms: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM cases WHERE status IN ('selesai', 'dibatalkan') \
             AND updated_at < ?1 AND resident_name != ?2 ORDER BY year, seq",
        )?;
        let ids = stmt
            .query_map(params![before_ms, ERASED], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    /// Erases the personal data of these cases in one transaction: name, number, NIK and
    /// address; every free text (notes, messages sent, reasons) becomes the marker
    /// `(dihapus)`. Service, dates, statuses and checklist states stay, so reports do not
    /// change. Each case gets a `PersonalDataErased` event saying why (never what). Then call
    /// [`Store::compact`] so the old bytes leave the file.
    pub fn erase_personal_data(
        &mut self,
        case_ids: &[String],
        reason: &str,
        actor: &str,
        at_ms: i64,
        mut new_id: impl FnMut() -> String,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut erased = 0;
        for id in case_ids {
            let changed = tx.execute(
                "UPDATE cases SET resident_name = ?2, phone = NULL, nik = NULL, dusun = NULL, \
                 rt = NULL, rw = NULL, salutation = NULL, \
                 status_reason = CASE WHEN status_reason IS NULL THEN NULL ELSE ?2 END \
                 WHERE id = ?1",
                params![id, ERASED],
            )?;
            if changed == 0 {
                continue;
            }
            tx.execute(
                "UPDATE checklist_items SET state_reason = ?2 \
                 WHERE case_id = ?1 AND state_reason IS NOT NULL",
                params![id, ERASED],
            )?;
            tx.execute(
                "UPDATE events SET \
                   body = CASE WHEN body IS NULL THEN NULL ELSE ?2 END, \
                   reason = CASE WHEN reason IS NULL THEN NULL ELSE ?2 END \
                 WHERE case_id = ?1 AND (body IS NOT NULL OR reason IS NOT NULL)",
                params![id, ERASED],
            )?;
            let event = insert_event(
                &tx,
                &new_id(),
                id,
                at_ms,
                actor,
                &EventKind::PersonalDataErased {
                    reason: reason.to_string(),
                },
            )?;
            journal::record(&tx, &mut self.journal, at_ms, &Entry::event(event))?;
            // What this phone keeps of the case in its journal goes too: every operation
            // before the erasure, rewritten without the personal data.
            projection::redact_journal(&tx, id)?;
            erased += 1;
        }
        tx.commit()?;
        Ok(erased)
    }

    /// `(case number, name, wa.me digits, NIK)` of every case, for an export with contact data.
    pub fn case_contacts(&self) -> Result<Vec<CaseContact>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT year, seq, resident_name, phone, nik, phone_code FROM cases")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    CaseNumber {
                        year: r.get(0)?,
                        code: PhoneCode::stored(r.get_ref(5)?.as_str()?),
                        seq: r.get(1)?,
                    },
                    r.get(2)?,
                    wa_number(r.get(3)?),
                    nik(r.get(4)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
