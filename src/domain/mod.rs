//! Pure logic of Layanan Desa: catalog, search, checklists, templates, phone numbers and the
//! contents of WhatsApp links. No IO, no clock, no async, no Dioxus, no SQL: everything here
//! is a function of its inputs, so it is tested with plain tables of inputs and outputs.

pub mod case;
pub mod catalog;
pub mod checklist;
pub mod intake;
pub mod phone;
pub mod search;
pub mod template;
pub mod time;
pub mod whatsapp;
