//! Messages that come into the app: text shared from WhatsApp (or pasted with "Tempel pesan
//! WA") becomes the new-case draft (name, number, service and "Pesan masuk" read from it), a
//! whole shared chat keeps its last messages unless the official includes the rest, and "Isi
//! dari pesan" reads notes typed or pasted by hand.

use crate::platform::Paste;

use super::{App, AppError, CaseForm};

impl App {
    /// What a shared or pasted text suggests (the `intake` command and the share target).
    pub fn intake(&self, text: &str) -> crate::domain::intake::Intake {
        crate::domain::intake::read(text, &self.loaded().index)
    }

    /// A new-case form prefilled from a shared text; the text itself becomes the first note.
    pub fn form_from_text(&self, text: &str) -> CaseForm {
        let intake = self.intake(text);
        CaseForm {
            resident_name: intake.name.unwrap_or_default(),
            phone: intake
                .phone
                .map(|p| format!("+{}", p.digits()))
                .unwrap_or_default(),
            service_id: intake.services.into_iter().next().unwrap_or_default(),
            channel: Some(crate::domain::case::Channel::WhatsApp),
            notes: intake.text,
            // WhatsApp export lines carry when the resident wrote.
            message_at: crate::domain::intake::message_time(text)
                .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            ..CaseForm::default()
        }
    }

    /// Fills the empty fields of a form from the message pasted into its notes.
    pub fn fill_form_from_notes(&self, form: &CaseForm) -> CaseForm {
        let found = self.form_from_text(&form.notes);
        let pick = |mine: &str, theirs: String| {
            if mine.trim().is_empty() {
                theirs
            } else {
                mine.to_string()
            }
        };
        CaseForm {
            resident_name: pick(&form.resident_name, found.resident_name),
            phone: pick(&form.phone, found.phone),
            service_id: pick(&form.service_id, found.service_id),
            channel: form.channel.or(found.channel),
            message_at: pick(&form.message_at, found.message_at),
            ..form.clone()
        }
    }

    /// Takes a text shared into the app, if one arrived, into the new-case draft (the whole text
    /// as its notes, service, number and name prefilled). Returns whether one did, so the UI
    /// opens the form.
    pub fn take_share_into_draft(&self) -> Result<bool, AppError> {
        let Some(shared) = self.platform.take_shared_text()? else {
            return Ok(false);
        };
        self.text_into_draft(&shared)?;
        Ok(true)
    }

    /// "Tempel pesan WA": the message the official copied in WhatsApp goes into the new-case
    /// draft the way a shared one does. `Ok(false)` where the platform leaves reading the
    /// clipboard to the page (the desktop preview), which then calls `paste_into_draft`.
    pub fn paste_clipboard_into_draft(&self) -> Result<bool, AppError> {
        match self.platform.paste_text()? {
            Paste::Text(text) => self.paste_into_draft(&text).map(|()| true),
            Paste::Empty => Err(AppError::NothingToPaste),
            Paste::LeftToPage => Ok(false),
        }
    }

    /// A pasted text into the new-case draft (`AppError::NothingToPaste` when it is blank).
    pub fn paste_into_draft(&self, text: &str) -> Result<(), AppError> {
        if text.trim().is_empty() {
            return Err(AppError::NothingToPaste);
        }
        self.text_into_draft(text)
    }

    /// A shared or pasted text into the draft: the notes, and name, number, service and "Pesan
    /// masuk" read from it.
    fn text_into_draft(&self, shared: &str) -> Result<(), AppError> {
        // A whole exported chat: the case keeps its last messages; the rest is only offered.
        let (text, earlier) = crate::domain::intake::split_chat(shared);
        *self.earlier_chat.lock().unwrap_or_else(|e| e.into_inner()) = earlier;
        let mut form = self.form_from_text(&text);
        // A draft being typed is not thrown away: the share is appended to its notes.
        if let Some(old) = self.load_draft()?.filter(|d| *d != CaseForm::default()) {
            form = CaseForm {
                notes: [old.notes.as_str(), text.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                ..self.fill_form_from_notes(&CaseForm {
                    notes: text.clone(),
                    ..old
                })
            };
        }
        self.save_draft(&form)?;
        Ok(())
    }

    /// How many lines of an exported chat were left out of the draft's notes (offered on the
    /// new-case form), if any.
    pub fn earlier_chat_lines(&self) -> Option<usize> {
        self.earlier_chat
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|t| t.lines().count())
    }

    /// "Sertakan percakapan sebelumnya": puts the earlier part of the shared chat in front of
    /// the draft's notes (now it is stored, with the draft).
    pub fn include_earlier_chat(&self) -> Result<CaseForm, AppError> {
        let earlier = self
            .earlier_chat
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let mut form = self.load_draft()?.unwrap_or_default();
        if let Some(earlier) = earlier {
            form.notes = [earlier.as_str(), form.notes.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
            self.save_draft(&form)?;
        }
        Ok(form)
    }

    /// Forgets the earlier part of a shared chat (the case is saved or the form cleared).
    pub fn drop_earlier_chat(&self) {
        *self.earlier_chat.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}
