//! The new-case form's draft: saved on every keystroke so nothing typed is lost when the page
//! closes, read back when the form opens, never saved over a draft that could not be read.

use super::{App, AppError, CaseForm};

/// The draft's key in the store.
pub(super) const DRAFT_NEW_CASE: &str = "berkas-baru";

impl App {
    pub fn save_draft(&self, form: &CaseForm) -> Result<(), AppError> {
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store
            .save_draft(DRAFT_NEW_CASE, &encode_draft(form), now)?;
        Ok(())
    }

    /// Changes the stored new-case draft: reads it, applies `change`, saves it, returns it.
    /// A draft that cannot be read is never saved over (the error says so and the typed
    /// text stays on disk for the next try): the one way the screens edit the draft.
    pub fn update_draft(&self, change: impl FnOnce(&mut CaseForm)) -> Result<CaseForm, AppError> {
        let mut form = self.load_draft()?.unwrap_or_default();
        change(&mut form);
        self.save_draft(&form)?;
        Ok(form)
    }

    pub fn load_draft(&self) -> Result<Option<CaseForm>, AppError> {
        Ok(self
            .book()?
            .store
            .draft(DRAFT_NEW_CASE)?
            .map(|body| decode_draft(&body)))
    }
}

/// Drafts are stored as `key=value` lines with `\n` and `\\` escaped: small, readable, and
/// tolerant of fields added later.
fn encode_draft(form: &CaseForm) -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('\n', "\\n");
    form.fields()
        .iter()
        .map(|(k, v)| format!("{k}={}", esc(v)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_draft(body: &str) -> CaseForm {
    let unesc = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                },
                (c, false) => out.push(c),
            }
        }
        out
    };
    let mut form = CaseForm::default();
    for line in body.lines() {
        if let Some((key, value)) = line.split_once('=') {
            form.set(key, unesc(value));
        }
    }
    form
}
