//! Templat balasan: the office's reply templates over the defaults, listed and saved after
//! their placeholders are checked.

use crate::domain::template::Template;

use super::{App, AppError};

impl App {
    /// Office templates plus defaults, `(id, name, text)`.
    pub fn template_list(&self) -> Vec<(String, String, String)> {
        self.templates
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|t| {
                (
                    t.id.clone(),
                    t.name.clone(),
                    t.template.source().to_string(),
                )
            })
            .collect()
    }

    /// Saves an office template after checking every placeholder; replaces one with the same id.
    pub fn save_template(&self, id: &str, name: &str, text: &str) -> Result<(), AppError> {
        let id = id.trim();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(AppError::field(
                "kode",
                "Kode templat hanya huruf kecil, angka dan tanda minus, misalnya \"jadwal-rekam\".",
            ));
        }
        if name.trim().is_empty() {
            return Err(AppError::field("nama", "Nama templat wajib diisi."));
        }
        let template = Template::parse(text)
            .map_err(|e| AppError::field("teks", &AppError::from(e).to_string()))?;
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.save_template(id, name.trim(), text, now)?;
        let mut templates = self.templates.lock().unwrap_or_else(|e| e.into_inner());
        let named = crate::domain::template::NamedTemplate {
            id: id.to_string(),
            name: name.trim().to_string(),
            template,
        };
        match templates.iter_mut().find(|t| t.id == id) {
            Some(slot) => *slot = named,
            None => templates.push(named),
        }
        Ok(())
    }
}
