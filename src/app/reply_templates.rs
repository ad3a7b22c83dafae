//! Templat balasan: the office's reply templates over the defaults, listed and saved after
//! their placeholders are checked, and filled for one case (its name, how it is addressed, its
//! service, checklist, status and place).

use crate::domain::case::StatusKind;
use crate::domain::catalog::Office;
use crate::domain::checklist;
use crate::domain::template::{Placeholder, Template, Values};
use crate::store::CaseDetail;

use super::{App, AppError};

/// The template suggested first for each status: the default templates are named after the
/// status they answer, except the greeting for a new case.
pub fn template_for(status: StatusKind) -> &'static str {
    match status {
        StatusKind::New => "salam",
        other => other.key(),
    }
}

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

    /// A new office template: its code is made from the name (never one in use, so a new
    /// template never replaces another); checked and saved as `save_template`. Returns the code.
    pub fn add_template(&self, name: &str, text: &str) -> Result<String, AppError> {
        if name.trim().is_empty() {
            return Err(AppError::field("nama", "Nama templat wajib diisi."));
        }
        let code = {
            let templates = self.templates.lock().unwrap_or_else(|e| e.into_inner());
            let taken: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
            crate::domain::template::code_for(name, &taken)
        };
        self.save_template(&code, name, text)?;
        Ok(code)
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

    /// The reply text of any template for a case (when the official picks another one).
    pub fn reply_text(&self, case_id: &str, template_id: &str) -> Result<String, AppError> {
        let (detail, now) = {
            let book = self.book()?;
            (book.detail(case_id)?, book.now_ms())
        };
        Ok(self.template_text(template_id, &detail, None, now)?.1)
    }

    pub(super) fn template_text(
        &self,
        id: &str,
        detail: &CaseDetail,
        reason: Option<&str>,
        now_ms: i64,
    ) -> Result<(String, String), AppError> {
        let office = self.office();
        let case = &detail.case;
        let catalog = self.catalog();
        let service = catalog.service(&case.service_id);
        let mut values = Values::default();
        if let Some(service) = service {
            values.with_service(service);
        }
        // The case's own facts over the service's: its name as recorded, its checklist as
        // opened, where it is now.
        values
            .set(Placeholder::Name, &case.resident_name)
            .set(Placeholder::Salutation, case.salutation.words())
            .set(Placeholder::Service, &case.service_name)
            .set(Placeholder::CaseNumber, case.number.to_string())
            .set(Placeholder::NextOpening, office.hours.opening_text(now_ms))
            .set(
                Placeholder::RequirementList,
                checklist::numbered(
                    detail
                        .checklist
                        .items
                        .iter()
                        .map(|i| checklist::requirement_line(&i.requirement)),
                ),
            )
            .set(Placeholder::Missing, detail.checklist.missing_list());
        if service.is_none() {
            // A case whose service left the catalog still came to the desa.
            values
                .set(Placeholder::SubmitPlace, Office::Village.place())
                .set(Placeholder::PickupPlace, Office::Village.place());
        }
        if let Some(reason) = reason.or(case.status.reason()) {
            values.set(Placeholder::Reason, reason);
        }
        if let Some(stage) = case.status.stage() {
            values.set(Placeholder::Place, stage.label());
        }
        drop(office);
        self.render_template(id, &mut values)
    }
}
