//! The case use cases that write: make a case from the form, correct its "Pesan masuk", tick
//! or set aside checklist items, add a note, move the status, send the reply for it. Each is
//! one transaction in the store and one event in the timeline.

use crate::domain::case::{Salutation, Status};
use crate::domain::whatsapp::ChatTarget;

use super::case_views::{candidates, ItemMark};
use super::drafts::DRAFT_NEW_CASE;
use super::{App, AppError, CaseForm};

impl App {
    /// Creates the case and clears the draft; returns the new case's id.
    pub fn create_case(&self, form: &CaseForm) -> Result<String, AppError> {
        let office = self.office();
        let mut book = self.book()?;
        let case = book.open_case(form, &self.catalog(), &office.official, &office.hours)?;
        book.store.delete_draft(DRAFT_NEW_CASE)?;
        Ok(case.id)
    }

    /// Corrects "Pesan masuk" of a case (errors keyed `pesan-masuk`).
    pub fn set_message_time(&self, case_id: &str, text: &str) -> Result<(), AppError> {
        let office = self.office();
        self.book()?
            .set_message_time(case_id, text, &office.hours, &office.official)?;
        Ok(())
    }

    pub fn set_item(&self, case_id: &str, position: usize, received: bool) -> Result<(), AppError> {
        let mark = if received {
            ItemMark::Received
        } else {
            ItemMark::Reset
        };
        self.mark_item(case_id, position, mark)
    }

    /// Ticks, unticks, or (for a conditional item) says it applies to this resident, which
    /// puts it in the missing list.
    pub fn mark_item(
        &self,
        case_id: &str,
        position: usize,
        mark: ItemMark,
    ) -> Result<(), AppError> {
        let mut book = self.book()?;
        let official = &self.office().official;
        match mark {
            ItemMark::Received => book.receive(case_id, position, official),
            ItemMark::Reset => book.reset_item(case_id, position, official),
            ItemMark::Needed => book.mark_needed(case_id, position, official),
        }
    }

    pub fn set_item_not_applicable(
        &self,
        case_id: &str,
        position: usize,
        reason: &str,
    ) -> Result<(), AppError> {
        self.book()?
            .not_applicable(case_id, position, reason, &self.office().official)
    }

    pub fn add_case_note(&self, case_id: &str, text: &str) -> Result<(), AppError> {
        self.book()?
            .add_note(case_id, text, &self.office().official)
    }

    /// Applies one of the case view's actions; `reason` for "Batalkan" (and optionally for
    /// "Belum lengkap", which otherwise sends the missing list).
    pub fn apply_action(
        &self,
        case_id: &str,
        key: &str,
        reason: Option<&str>,
    ) -> Result<(), AppError> {
        let mut book = self.book()?;
        let detail = book.detail(case_id)?;
        let missing = detail.checklist.missing_list();
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let status = match key {
            // The missing list is the reason the resident reads; a typed note is added to it.
            "belum-lengkap" => Status::Incomplete {
                reason: match reason {
                    Some(note) if missing.is_empty() => note.to_string(),
                    Some(note) => format!("{missing}\n{note}"),
                    None => missing,
                },
            },
            "dibatalkan" => Status::Cancelled {
                reason: reason.unwrap_or_default().to_string(),
            },
            other => candidates(&detail.case.status, detail.case.outcome, &missing)
                .into_iter()
                .find(|(k, _)| k == other)
                .map(|(_, s)| s)
                .ok_or_else(|| AppError::UnknownAction(other.to_string()))?,
        };
        book.change_status(case_id, &status, &self.office().official)?;
        Ok(())
    }

    /// How the case's replies address the resident: `bapak`, `ibu` or `bapak-ibu` (field
    /// `sapaan` for anything else).
    pub fn set_salutation(&self, case_id: &str, key: &str) -> Result<(), AppError> {
        let salutation = Salutation::from_key(key).ok_or_else(|| {
            AppError::field("sapaan", "Pilih sapaan: Bapak, Ibu, atau Bapak/Ibu.")
        })?;
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.set_salutation(case_id, salutation, now)?;
        Ok(())
    }

    /// Opens WhatsApp with the reply and records it in the timeline.
    pub fn send_case_reply(
        &self,
        case_id: &str,
        template_id: &str,
        text: &str,
    ) -> Result<ChatTarget, AppError> {
        let phone = self.book()?.detail(case_id)?.case.phone;
        let phone = phone.ok_or_else(|| AppError::NoResidentPhone)?;
        let chat = self.prepare_chat(&format!("+{}", phone.digits()), text)?;
        let target = self.open_chat(&chat)?;
        self.book()?
            .log_message(case_id, template_id, text, &self.office().official)?;
        Ok(target)
    }
}
