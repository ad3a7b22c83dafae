//! The new-case form as typed (`CaseForm`, also the draft) and its check into a new case: every
//! wrong field named in `AppError::Form`, shown under its field.

use crate::domain::case::{Channel, Nik};
use crate::domain::catalog::Catalog;
use crate::domain::phone::WaNumber;
use crate::domain::time;
use crate::store::NewCase;

use super::{AppError, FieldError};

/// What the new-case form delivers, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseForm {
    pub resident_name: String,
    pub phone: String,
    pub nik: String,
    pub dusun: String,
    pub rt: String,
    pub rw: String,
    pub service_id: String,
    pub channel: Option<Channel>,
    pub handler: String,
    pub notes: String,
    /// "Pesan masuk": when the resident wrote, as typed or picked (WIB); empty = the moment
    /// the case is saved.
    pub message_at: String,
}

impl CaseForm {
    /// The form's fields by the short keys the screen and the stored draft use.
    pub fn fields(&self) -> [(&'static str, String); 11] {
        [
            ("nama", self.resident_name.clone()),
            ("hp", self.phone.clone()),
            ("nik", self.nik.clone()),
            ("dusun", self.dusun.clone()),
            ("rt", self.rt.clone()),
            ("rw", self.rw.clone()),
            ("layanan", self.service_id.clone()),
            ("saluran", self.channel.map_or("", Channel::key).to_string()),
            ("petugas", self.handler.clone()),
            ("catatan", self.notes.clone()),
            ("pesan-masuk", self.message_at.clone()),
        ]
    }

    /// Sets one field by its key; an unknown key changes nothing (a draft from a newer app).
    pub fn set(&mut self, key: &str, value: String) {
        match key {
            "nama" => self.resident_name = value,
            "hp" => self.phone = value,
            "nik" => self.nik = value,
            "dusun" => self.dusun = value,
            "rt" => self.rt = value,
            "rw" => self.rw = value,
            "layanan" => self.service_id = value,
            "saluran" => self.channel = Channel::from_key(&value),
            "petugas" => self.handler = value,
            "catatan" => self.notes = value,
            "pesan-masuk" => self.message_at = value,
            _ => {}
        }
    }
}

fn optional(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Checks a form and turns it into a `NewCase`, or says in Indonesian what is wrong with each
/// field (`AppError::Form`, keyed `nama`, `layanan`, `hp`, `nik`, `saluran`, `pesan-masuk` like
/// the form). "Pesan masuk" left empty is the moment of saving, `received_at_ms`.
pub fn validate_form(
    form: &CaseForm,
    catalog: &Catalog,
    received_at_ms: i64,
) -> Result<NewCase, AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut error = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_string(),
            message,
        })
    };
    let name = form.resident_name.trim();
    if name.is_empty() {
        error("nama", "Nama warga wajib diisi.".into());
    }
    let service = catalog.service(form.service_id.trim());
    if service.is_none() {
        error("layanan", "Pilih layanan yang diminta warga.".into());
    }
    let phone = match optional(&form.phone).map(|raw| WaNumber::parse(&raw)) {
        Some(Ok(number)) => Some(number),
        Some(Err(e)) => {
            error("hp", e.to_string());
            None
        }
        None => None,
    };
    let nik = match optional(&form.nik).map(|raw| Nik::parse(&raw)) {
        Some(Ok(nik)) => Some(nik),
        Some(Err(e)) => {
            error("nik", e.to_string());
            None
        }
        None => None,
    };
    let channel = form.channel.unwrap_or(if phone.is_some() {
        Channel::WhatsApp
    } else {
        Channel::WalkIn
    });
    if channel == Channel::WhatsApp && phone.is_none() && optional(&form.phone).is_none() {
        error(
            "hp",
            "Permintaan lewat WhatsApp perlu nomor WhatsApp warga.".into(),
        );
    }
    let message_at_ms = match optional(&form.message_at) {
        None => received_at_ms,
        Some(text) => time::check_message_time(&text, received_at_ms, None).unwrap_or_else(|e| {
            error("pesan-masuk", e.to_string());
            received_at_ms
        }),
    };
    let Some(service) = service.filter(|_| errors.is_empty()) else {
        return Err(AppError::Form(errors));
    };
    Ok(NewCase {
        resident_name: name.to_string(),
        phone,
        nik,
        dusun: optional(&form.dusun),
        rt: optional(&form.rt),
        rw: optional(&form.rw),
        service_id: service.id.to_string(),
        service_name: service.name.clone(),
        outcome: service.outcome,
        catalog_version: catalog.meta.version,
        requirements: service.requirements.clone(),
        channel,
        received_at_ms,
        message_at_ms,
        year: time::wib_year(received_at_ms),
        handler: optional(&form.handler),
        notes: optional(&form.notes),
        out_of_hours: false,
        phone_code: crate::domain::case::PhoneCode::NONE,
    })
}
