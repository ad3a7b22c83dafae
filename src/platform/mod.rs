//! The phone or computer the app runs on, behind one trait: opening a WhatsApp chat now, the
//! data directory and shared text later. The only module with `cfg(target_os)` and `jni`.
//! Implementations: `desktop` (the preview), `recording` (tests record calls instead of
//! leaving the machine); Android arrives with its own issue.

use std::sync::Arc;

use thiserror::Error;

use crate::domain::whatsapp::{ChatRequest, ChatTarget};

#[cfg(not(target_os = "android"))]
pub mod desktop;
pub mod recording;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlatformError {
    #[error("WhatsApp tidak ditemukan di perangkat ini, dan tautan wa.me juga tidak bisa dibuka. Salin teksnya lalu kirim manual.")]
    NoWhatsApp,
    #[error("Tautan WhatsApp tidak bisa dibuka: {0}. Salin teksnya lalu kirim manual.")]
    OpenFailed(String),
    #[error("Folder data aplikasi tidak ditemukan: {0}")]
    NoDataDir(String),
}

/// What the app asks of the device.
pub trait Platform: Send + Sync + 'static {
    /// Opens the chat with the first target that works, and says which one did.
    fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, PlatformError>;

    /// Where the app keeps its database and backups.
    fn data_dir(&self) -> Result<std::path::PathBuf, PlatformError>;
}

/// The platform of the machine the app was built for.
#[cfg(not(target_os = "android"))]
pub fn native() -> Arc<dyn Platform> {
    Arc::new(desktop::Desktop)
}
