//! Pure logic of Layanan Desa: catalog, search, checklists, templates, phone numbers, office
//! hours, reports and the contents of WhatsApp links and QR posters. No IO, no clock, no async,
//! no Dioxus, no SQL: everything here is a function of its inputs, so it is tested with plain
//! tables of inputs and outputs.

pub mod backup;
pub mod bundle;
pub mod case;
pub mod catalog;
pub mod checklist;
pub mod hours;
pub mod intake;
pub mod lock;
pub mod passphrase;
pub mod phone;
pub mod report;
pub mod search;
pub mod template;
pub mod time;
pub mod wa_kit;
pub mod whatsapp;
