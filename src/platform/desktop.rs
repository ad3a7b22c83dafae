//! The desktop preview's platform: a computer has no WhatsApp app packages, so a chat opens as
//! the wa.me link in the default browser (WhatsApp Web or the desktop app take it from there).
//! Data lives in the XDG data directory.

use std::path::PathBuf;

use crate::domain::whatsapp::{ChatRequest, ChatTarget};

use super::{PickedFile, Platform, PlatformError, MAX_PICKED_BYTES};

pub struct Desktop;

/// The file chosen in the desktop file dialog, waiting to be taken.
static PICKED: std::sync::Mutex<Option<Result<PickedFile, PlatformError>>> =
    std::sync::Mutex::new(None);

/// Reads a chosen file, refusing one larger than any backup could be.
fn read_picked(path: &std::path::Path) -> Result<PickedFile, PlatformError> {
    let failed = |e: std::io::Error| PlatformError::ReadFailed(format!("{}: {e}", path.display()));
    let size = std::fs::metadata(path).map_err(failed)?.len();
    if size > MAX_PICKED_BYTES as u64 {
        return Err(PlatformError::ReadFailed(format!(
            "{} terlalu besar ({size} bita)",
            path.display()
        )));
    }
    Ok(PickedFile {
        name: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        bytes: std::fs::read(path).map_err(failed)?,
    })
}

impl Platform for Desktop {
    fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, PlatformError> {
        let Some(target) = chat
            .targets
            .iter()
            .find(|t| matches!(t, ChatTarget::Browser { .. }))
        else {
            return Err(PlatformError::NoWhatsApp);
        };
        // The error text of `open` repeats the whole link; the official needs the reason only.
        open::that_detached(target.uri()).map_err(|e| {
            PlatformError::OpenFailed(match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "tidak ada program pembuka tautan (xdg-open) di komputer ini".into()
                }
                _ => "tidak ada peramban yang bisa membuka tautan wa.me".into(),
            })
        })?;
        Ok(target.clone())
    }

    /// `$LAYANAN_DESA_DATA_DIR` if set (tests, screenshots, a second office on one computer),
    /// else the XDG data directory, e.g. `~/.local/share/layanan-desa`.
    fn data_dir(&self) -> Result<PathBuf, PlatformError> {
        if let Some(dir) = std::env::var_os("LAYANAN_DESA_DATA_DIR").filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        dirs::data_dir()
            .map(|d| d.join("layanan-desa"))
            .ok_or_else(|| PlatformError::NoDataDir("XDG_DATA_HOME dan HOME tidak diatur".into()))
    }

    fn share_text(&self, _text: &str) -> Result<(), PlatformError> {
        Err(PlatformError::Unsupported("Lembar berbagi (share)"))
    }

    /// A computer receives no shares; the new-case form takes pasted text instead.
    fn take_shared_text(&self) -> Result<Option<String>, PlatformError> {
        Ok(None)
    }

    /// `$LAYANAN_DESA_EXPORT_DIR` if set, else `~/Documents/Layanan Desa` (or the home folder
    /// when there is no documents folder). Written to a temporary name first, then renamed, so
    /// a half-written file never carries the real name. An existing file is not overwritten:
    /// the new one gets a number.
    fn save_file(&self, name: &str, _mime: &str, bytes: &[u8]) -> Result<String, PlatformError> {
        let dir = match std::env::var_os("LAYANAN_DESA_EXPORT_DIR").filter(|d| !d.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => dirs::document_dir()
                .or_else(dirs::home_dir)
                .map(|d| d.join("Layanan Desa"))
                .ok_or_else(|| PlatformError::NoDataDir("folder Dokumen tidak ditemukan".into()))?,
        };
        let failed = |path: &std::path::Path, e: std::io::Error| PlatformError::SaveFailed {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&dir).map_err(|e| failed(&dir, e))?;
        let path = super::free_name(&dir, name);
        let tmp = dir.join(format!(".{name}.sementara"));
        std::fs::write(&tmp, bytes).map_err(|e| failed(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| failed(&path, e))?;
        Ok(path.display().to_string())
    }

    /// Like `save_file`: a computer has no share sheet, the file is sent on from the folder.
    fn share_file(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
        _title: &str,
    ) -> Result<String, PlatformError> {
        self.save_file(name, mime, bytes)
    }

    /// `$LAYANAN_DESA_PICK_FILE` if set (scripted previews), else the desktop's file dialog
    /// (`zenity`, or KDE's `kdialog`) in a background thread; the answer is taken later.
    fn pick_file(&self, _mime: &str) -> Result<(), PlatformError> {
        if let Some(path) = std::env::var_os("LAYANAN_DESA_PICK_FILE").filter(|p| !p.is_empty()) {
            let picked = read_picked(std::path::Path::new(&path));
            *PICKED.lock().unwrap_or_else(|e| e.into_inner()) = Some(picked);
            return Ok(());
        }
        let dialogs: [(&str, &[&str]); 2] = [
            (
                "zenity",
                &["--file-selection", "--title=Pilih berkas cadangan"],
            ),
            ("kdialog", &["--getopenfilename", "."]),
        ];
        for (program, args) in dialogs {
            let child = std::process::Command::new(program)
                .args(args)
                .stdout(std::process::Stdio::piped())
                .spawn();
            let Ok(child) = child else { continue };
            std::thread::spawn(move || {
                let Ok(out) = child.wait_with_output() else {
                    return;
                };
                let chosen = String::from_utf8_lossy(&out.stdout).trim().to_string();
                if out.status.success() && !chosen.is_empty() {
                    let picked = read_picked(std::path::Path::new(&chosen));
                    *PICKED.lock().unwrap_or_else(|e| e.into_inner()) = Some(picked);
                }
            });
            return Ok(());
        }
        Err(PlatformError::Unsupported(
            "Pemilih berkas (pasang zenity, atau pakai perintah `layanan-desa cadangan pulihkan`)",
        ))
    }

    fn open_url(&self, url: &str) -> Result<(), PlatformError> {
        open::that_detached(url).map_err(|_| {
            PlatformError::OpenFailed("tidak ada peramban untuk membuka tautan".into())
        })
    }

    fn take_picked_file(&self) -> Result<Option<PickedFile>, PlatformError> {
        PICKED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .transpose()
    }
}
