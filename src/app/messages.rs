//! WhatsApp hand-off: the requirement list of a service as a message, the number checked into a
//! chat request, the chat opened through the platform (WhatsApp Business, WhatsApp, then the
//! wa.me link), and text handed to the share sheet.

use crate::domain::phone::WaNumber;
use crate::domain::template::{Placeholder, Values};
use crate::domain::whatsapp::{ChatRequest, ChatTarget};
use crate::platform::Paste;

use super::{App, AppError, REQUIREMENTS_TEMPLATE};

impl App {
    /// The share sheet with a text (when the resident has no WhatsApp number).
    pub fn share_text(&self, text: &str) -> Result<(), AppError> {
        self.note_handoff();
        Ok(self.platform.share_text(text)?)
    }

    /// The "persyaratan" message for a service, ready to send.
    pub fn requirements_message(&self, id: &str) -> Result<String, AppError> {
        let catalog = self.catalog();
        let service = catalog
            .service(id)
            .ok_or_else(|| AppError::UnknownService(id.to_string()))?;
        let mut values = Values::default();
        values.with_service(service);
        Ok(self.render_template(REQUIREMENTS_TEMPLATE, &mut values)?.1)
    }

    /// Renders the template `id` with `values` and the office's own (village, hours, the
    /// official's name), the one way every message is filled. Returns `(template name, text)`.
    pub(crate) fn render_template(
        &self,
        id: &str,
        values: &mut Values,
    ) -> Result<(String, String), AppError> {
        let office = self.office();
        values
            .set(Placeholder::VillageName, &office.village)
            .set(Placeholder::OfficeHours, office.hours.describe())
            .set(Placeholder::OfficialName, &office.official);
        let templates = self.templates.lock().unwrap_or_else(|e| e.into_inner());
        let template = templates
            .iter()
            .find(|t| t.id == id)
            .ok_or_else(|| AppError::MissingTemplate(id.to_string()))?;
        Ok((template.name.clone(), template.template.render(values)?))
    }

    /// Checks the number and builds the chat; nothing leaves the app yet.
    pub fn prepare_chat(&self, raw_phone: &str, text: &str) -> Result<ChatRequest, AppError> {
        let number = WaNumber::parse(raw_phone)?;
        Ok(ChatRequest::new(number, text))
    }

    /// "Tempel" by a number field: the WhatsApp number in what the official copied (the number
    /// itself, or a message or contact card with one in it), written as it will be shown.
    /// `Ok(None)` where the page reads the clipboard itself (the desktop preview), which then
    /// calls `number_in`.
    pub fn paste_number(&self) -> Result<Option<String>, AppError> {
        match self.platform.paste_text()? {
            Paste::Text(text) => self.number_in(&text).map(Some),
            Paste::Empty => Err(AppError::NoNumberCopied),
            Paste::LeftToPage => Ok(None),
        }
    }

    /// The WhatsApp number in a copied text (`AppError::NoNumberCopied` when there is none).
    pub fn number_in(&self, text: &str) -> Result<String, AppError> {
        WaNumber::parse(text.trim())
            .ok()
            .or_else(|| self.intake(text).phone)
            .map(|n| n.display())
            .ok_or(AppError::NoNumberCopied)
    }

    /// Opens the resident's chat with nothing typed (a tap on the number of a case): to read
    /// what they wrote or to call. Nothing is recorded; the re-lock treats it as a reply.
    pub fn open_resident_chat(&self, case_id: &str) -> Result<ChatTarget, AppError> {
        let phone = self.book()?.detail(case_id)?.case.phone;
        let number = phone.ok_or(AppError::NoResidentPhone)?;
        self.open_chat(&ChatRequest::new(number, ""))
    }

    /// Hands the chat to the device: WhatsApp Business, else WhatsApp, else the link.
    pub fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, AppError> {
        self.note_handoff();
        Ok(self.platform.open_chat(chat)?)
    }
}
