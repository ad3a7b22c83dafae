//! The desktop preview's platform: a computer has no WhatsApp app packages, so a chat opens as
//! the wa.me link in the default browser (WhatsApp Web or the desktop app take it from there).

use crate::domain::whatsapp::{ChatRequest, ChatTarget};

use super::{Platform, PlatformError};

pub struct Desktop;

impl Platform for Desktop {
    fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, PlatformError> {
        let Some(target) = chat
            .targets
            .iter()
            .find(|t| matches!(t, ChatTarget::Browser { .. }))
        else {
            return Err(PlatformError::NoWhatsApp);
        };
        open::that_detached(target.uri()).map_err(|e| PlatformError::OpenFailed(e.to_string()))?;
        Ok(target.clone())
    }
}
