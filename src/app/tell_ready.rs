//! "Kabari semua yang siap diambil": the residents whose papers are ready and who have not been
//! sent a reply since, one after another, each with its message filled in, so telling twenty
//! residents takes twenty taps. Sending records the message in the case's timeline like any
//! reply, which takes the case off the list.

use crate::domain::case::StatusKind;
use crate::domain::whatsapp::ChatTarget;

use super::reply_templates::template_for;
use super::{App, AppError};

/// The statuses whose resident is waiting to hear that the papers are ready: issued (a digital
/// document) and ready for pickup.
pub(super) const READY: [StatusKind; 2] = [StatusKind::Issued, StatusKind::ReadyForPickup];

/// One resident to tell, with the message as it will be sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ToTell {
    pub case_id: String,
    pub number: String,
    pub name: String,
    pub service: String,
    pub status: String,
    /// The resident's WhatsApp number as people write it; `None` when the case has none (the
    /// official tells them some other way and skips).
    pub phone: Option<String>,
    pub template_id: String,
    pub text: String,
}

impl App {
    /// The cases whose resident's papers are ready and who has not been told since, waiting
    /// longest first (ids only: the screen fills in just the one it shows).
    pub fn residents_to_tell(&self) -> Result<Vec<String>, AppError> {
        Ok(self.book()?.store.untold_cases(&READY)?)
    }

    /// One resident to tell, with the message as it would go now.
    pub fn resident_to_tell(&self, case_id: &str) -> Result<ToTell, AppError> {
        let (detail, now) = {
            let book = self.book()?;
            (book.detail(case_id)?, book.now_ms())
        };
        let template_id = template_for(detail.case.status.kind()).to_string();
        let (_, text) = self.template_text(&template_id, &detail, None, now)?;
        let case = detail.case;
        Ok(ToTell {
            case_id: case.id,
            number: case.number.to_string(),
            name: case.resident_name,
            service: case.service_name,
            status: case.status.label(),
            phone: case.phone.map(|p| p.display()),
            template_id,
            text,
        })
    }

    /// Opens WhatsApp with the message for this resident and records it in the timeline (the
    /// case then leaves the list). The text is filled in again at the tap, so a template
    /// changed meanwhile is the one sent.
    pub fn tell_resident(&self, case_id: &str) -> Result<(String, ChatTarget), AppError> {
        let told = self.resident_to_tell(case_id)?;
        let target = self.send_case_reply(case_id, &told.template_id, &told.text)?;
        Ok((told.name, target))
    }
}
