//! WhatsApp hand-off: the requirement list of a service as a message, the number checked into a
//! chat request, the chat opened through the platform (WhatsApp Business, WhatsApp, then the
//! wa.me link), and text handed to the share sheet.

use crate::domain::checklist;
use crate::domain::phone::WaNumber;
use crate::domain::template::{Placeholder, Values};
use crate::domain::whatsapp::{ChatRequest, ChatTarget};

use super::{App, AppError, REQUIREMENTS_TEMPLATE};

impl App {
    /// The share sheet with a text (when the resident has no WhatsApp number).
    pub fn share_text(&self, text: &str) -> Result<(), AppError> {
        Ok(self.platform.share_text(text)?)
    }

    /// The "persyaratan" message for a service, ready to send.
    pub fn requirements_message(&self, id: &str) -> Result<String, AppError> {
        let catalog = self.catalog();
        let service = catalog
            .service(id)
            .ok_or_else(|| AppError::UnknownService(id.to_string()))?;
        let office = self.office();
        let templates = self.templates.lock().unwrap_or_else(|e| e.into_inner());
        let template = templates
            .iter()
            .find(|t| t.id == REQUIREMENTS_TEMPLATE)
            .ok_or_else(|| AppError::MissingTemplate(REQUIREMENTS_TEMPLATE.into()))?;
        let mut values = Values::default();
        values
            .set(Placeholder::Service, &service.name)
            .set(
                Placeholder::RequirementList,
                checklist::requirement_list(&service.requirements),
            )
            .set(
                Placeholder::Steps,
                checklist::numbered(service.steps.iter().cloned()),
            )
            .set(Placeholder::Place, service.processed_at.label())
            .set(Placeholder::SubmitPlace, service.submit_place())
            .set(Placeholder::PickupPlace, service.pickup_place())
            .set(Placeholder::Duration, service.duration.label())
            .set(Placeholder::Fee, service.fee_label())
            .set(Placeholder::Outcome, service.outcome.label())
            .set(Placeholder::VillageName, &office.village)
            .set(Placeholder::OfficeHours, office.hours.describe());
        Ok(template.template.render(&values)?)
    }

    /// Checks the number and builds the chat; nothing leaves the app yet.
    pub fn prepare_chat(&self, raw_phone: &str, text: &str) -> Result<ChatRequest, AppError> {
        let number = WaNumber::parse(raw_phone)?;
        Ok(ChatRequest::new(number, text))
    }

    /// Hands the chat to the device: WhatsApp Business, else WhatsApp, else the link.
    pub fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, AppError> {
        Ok(self.platform.open_chat(chat)?)
    }
}
