//! Pure logic of Layanan Desa: catalog, search, checklists, templates, phone numbers, office
//! hours, reports and the contents of WhatsApp links and QR posters. No IO, no clock, no async,
//! no Dioxus, no SQL: everything here is a function of its inputs, so it is tested with plain
//! tables of inputs and outputs.

/// The one way an enum gets its stored keys and the words people read: each variant written
/// once with its key and its text. Generates `ALL` (in the order written), `KEYS` (the table the
/// catalog reader checks values against), `key`, `from_key` and the text method named first.
///
/// ```ignore
/// keyed!(Channel, label {
///     WhatsApp => "whatsapp", "WhatsApp";
///     WalkIn => "datang", "Datang langsung";
/// });
/// ```
macro_rules! keyed {
    ($ty:ident, $text:ident { $($variant:ident => $key:literal, $words:expr;)+ }) => {
        impl $ty {
            /// Every value, in the order the table lists them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// `(key, value)`: what files and the database may say.
            pub const KEYS: &'static [(&'static str, $ty)] = &[$(($key, $ty::$variant)),+];

            /// The key stored in catalog files and the database.
            pub fn key(self) -> &'static str {
                match self {
                    $($ty::$variant => $key,)+
                }
            }

            pub fn from_key(key: &str) -> Option<$ty> {
                match key {
                    $($key => Some($ty::$variant),)+
                    _ => None,
                }
            }

            pub fn $text(self) -> &'static str {
                match self {
                    $($ty::$variant => $words,)+
                }
            }
        }
    };
}

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
pub mod reminder;
pub mod report;
pub mod search;
pub mod sync;
pub mod sync_file;
pub mod template;
pub mod time;
pub mod wa_kit;
pub mod wa_text;
pub mod whatsapp;
