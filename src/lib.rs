//! Layanan Desa: offline requirement checklists, the case book and WhatsApp replies for village
//! officials. Layers, inner to outer: `domain` (pure) <- `platform` <- `app` <- `ui`; see
//! ARCHITECTURE.md for the map and the rules a tidy test enforces.

pub mod app;
pub mod domain;
pub mod net;
pub mod platform;
pub mod store;
pub mod ui;
