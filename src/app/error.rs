//! The app's errors: one named variant per thing that can go wrong, each with the Indonesian
//! sentence the official reads, and `FieldError` for a form's wrong fields.

use thiserror::Error;

use crate::domain::catalog::CatalogErrors;
use crate::domain::phone::PhoneError;
use crate::domain::template::{TemplateError, TemplateFileError};
use crate::platform::PlatformError;

/// One error type for the use cases; each message is one Indonesian sentence for the screen.
#[derive(Debug, Error)]
pub enum AppError {
    #[error("Layanan \"{0}\" tidak ada di katalog.")]
    UnknownService(String),
    #[error("{0}")]
    Phone(#[from] PhoneError),
    #[error("Templat balasan bermasalah: {0}")]
    Template(#[from] TemplateError),
    #[error("Templat bawaan rusak: {0}")]
    TemplateFile(#[from] TemplateFileError),
    #[error("Templat \"{0}\" tidak ditemukan.")]
    MissingTemplate(String),
    #[error("{0}")]
    Catalog(#[from] CatalogErrors),
    #[error("{0}")]
    Platform(#[from] PlatformError),
    #[error("{path} tidak bisa dibaca atau ditulis: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    SyncFile(#[from] crate::domain::sync_file::SyncFileError),
    #[error("Beri kode HP ini dulu (Pengaturan › HP kantor, misalnya \"A\"), supaya nomor berkas dari HP-HP kantor tidak sama.")]
    NoPhoneCode,
    #[error("Berkas sinkron ini dibuat oleh HP ini sendiri. Buka berkas itu di HP lain kantor.")]
    OwnSyncFile,
    #[error("{0}")]
    Csv(#[from] crate::domain::report::CsvError),
    #[error("{0}")]
    Poster(#[from] crate::domain::wa_kit::PosterError),
    #[error("Pekerjaan terhenti: {0}")]
    WorkStopped(String),
    #[error("Sumber acak sistem tidak tersedia: {0}")]
    NoRandomness(String),
    #[error("Jam HP tidak valid.")]
    BadPhoneClock,
    #[error("Folder data tidak diketahui.")]
    NoDataDir,
    // The case book.
    #[error("Langkah \"{0}\" tidak tersedia untuk berkas ini.")]
    UnknownAction(String),
    #[error("Hanya syarat bersyarat yang bisa ditandai Perlu.")]
    NotConditional,
    #[error("Catatan kosong.")]
    EmptyNote,
    #[error("Berkas ini belum punya nomor WhatsApp warga.")]
    NoResidentPhone,
    #[error("Belum ada pesan yang disalin. Di WhatsApp, tekan lama pesan warga, pilih Salin, lalu kembali dan tekan \"Tempel pesan WA\".")]
    NothingToPaste,
    #[error("Belum ada nomor WhatsApp yang disalin. Tekan lama nomornya di WhatsApp atau di Kontak, pilih Salin, lalu tekan \"Tempel\".")]
    NoNumberCopied,
    #[error("Data pribadi berkas ini sudah dihapus.")]
    AlreadyErased,
    // The office.
    #[error("Tanggal \"{0}\" tidak dikenal. Tulis seperti 2027-01-01 atau 01/01/2027.")]
    UnknownDate(String),
    #[error("Keterangan hari libur wajib diisi.")]
    NoHolidayName,
    /// Every bad line of an imported holiday list, named.
    #[error("{0}")]
    HolidayList(String),
    #[error("Isi dulu nomor WhatsApp kantor di Pengaturan untuk membuat poster.")]
    NoOfficePhone,
    // The lock.
    #[error("PIN sudah dipasang; hapus lewat Pengaturan dengan PIN lama.")]
    PinAlreadySet,
    #[error("Belum ada PIN.")]
    NoPin,
    // Backups and the off-phone copy.
    #[error("Basis data di dalam cadangan tidak bisa dipakai: {0}")]
    BackupDatabase(String),
    #[error("Belum ada cadangan yang diperiksa.")]
    NothingStaged,
    #[error("Tidak ada buku berkas dari sebelum pemulihan di HP ini.")]
    NoEarlierBook,
    #[error("Folder WebDAV belum diisi di Pengaturan.")]
    NoOffsiteFolder,
    // Catalog and app updates.
    #[error("Versi aplikasi tidak tersimpan: {0}")]
    AppRelease(String),
    #[error("Tidak ada versi baru.")]
    NoNewerApp,
    #[error("Ini bukan berkas kunci rahasia katalog.")]
    NotASigningKey,
    #[error("Kunci rahasia katalog rusak.")]
    DamagedSigningKey,
    #[error("Buku berkas belum dibuka.")]
    NoCaseBook,
    #[error("{0}")]
    Backup(#[from] crate::domain::backup::BackupError),
    #[error("{0}")]
    Bundle(#[from] crate::domain::bundle::BundleError),
    #[error("{0}")]
    Net(#[from] crate::net::NetError),
    #[error("Katalog versi {offered} tidak lebih baru dari yang dipakai (versi {current}); katalog tidak diganti.")]
    OlderCatalog { offered: u32, current: u32 },
    /// Several fields of a form are wrong; each message belongs next to its field.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Form(Vec<FieldError>),
}

impl AppError {
    /// A form error of one field.
    pub fn field(field: &str, message: &str) -> AppError {
        AppError::Form(vec![FieldError {
            field: field.to_string(),
            message: message.to_string(),
        }])
    }

    /// What a form shows: the fields' own errors, or any other failure as an error of the whole
    /// form (field `form`, shown above its fields).
    pub fn into_field_errors(self) -> Vec<FieldError> {
        match self {
            AppError::Form(errors) => errors,
            other => vec![FieldError {
                field: "form".into(),
                message: other.to_string(),
            }],
        }
    }
}

/// A problem with one field of a form, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form's key for the field (`nama`, `hp`, `village`, `day-0` ...).
    pub field: String,
    pub message: String,
}
