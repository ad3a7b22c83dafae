//! The case book's rules: a case (berkas) is one resident request; its status moves through a
//! machine modelled on what village offices use (OpenSID's statuses plus the dukcapil forward
//! step), its checklist is a snapshot of the service's requirements taken when the case was
//! opened, and NIKs are checked and masked here. Pure: times are parameters.

use std::fmt;

use thiserror::Error;

use super::catalog::{Need, Office, Outcome, Requirement};

/// Where a case is being processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Village,
    JLahbako,
    Kecamatan,
    Dispendukcapil,
    OtherOffice,
}

impl Stage {
    /// Where a service's processing happens, as a stage of the case: KUA and Polsek are
    /// "instansi lain".
    pub fn of_office(office: Office) -> Stage {
        match office {
            Office::Village => Stage::Village,
            Office::JLahbako => Stage::JLahbako,
            Office::Kecamatan => Stage::Kecamatan,
            Office::Dispendukcapil => Stage::Dispendukcapil,
            Office::Kua | Office::Polsek => Stage::OtherOffice,
        }
    }
}

keyed!(Stage, label {
    Village => "desa", "di kantor desa";
    JLahbako => "j-lahbako", "di Dispendukcapil (lewat J-Lahbako)";
    Kecamatan => "kecamatan", "di kecamatan";
    Dispendukcapil => "dispendukcapil", "di Dispendukcapil";
    OtherOffice => "instansi-lain", "di instansi lain (KUA/Polsek)";
});

/// The status of a case. "Belum lengkap" and "Dibatalkan" carry the reason told to the resident.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    New,
    Incomplete {
        reason: String,
    },
    Complete,
    InProcess(Stage),
    /// Issued digitally with an electronic signature (KK, akta, SKPWNI): the office forwards the
    /// PDF with printing instructions.
    Issued,
    /// A physical card or signed letter waits at the office.
    ReadyForPickup,
    Done,
    Cancelled {
        reason: String,
    },
}

/// The status without its data, for filters and storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKind {
    New,
    Incomplete,
    Complete,
    InProcess,
    Issued,
    ReadyForPickup,
    Done,
    Cancelled,
}

keyed!(StatusKind, label {
    New => "baru", "Baru";
    Incomplete => "belum-lengkap", "Belum lengkap";
    Complete => "lengkap", "Lengkap";
    InProcess => "diproses", "Diproses";
    Issued => "dokumen-terbit", "Dokumen terbit";
    ReadyForPickup => "siap-diambil", "Siap diambil";
    Done => "selesai", "Selesai";
    Cancelled => "dibatalkan", "Dibatalkan";
});

impl StatusKind {
    pub fn is_open(self) -> bool {
        !matches!(self, StatusKind::Done | StatusKind::Cancelled)
    }
}

impl Status {
    pub fn kind(&self) -> StatusKind {
        match self {
            Status::New => StatusKind::New,
            Status::Incomplete { .. } => StatusKind::Incomplete,
            Status::Complete => StatusKind::Complete,
            Status::InProcess(_) => StatusKind::InProcess,
            Status::Issued => StatusKind::Issued,
            Status::ReadyForPickup => StatusKind::ReadyForPickup,
            Status::Done => StatusKind::Done,
            Status::Cancelled { .. } => StatusKind::Cancelled,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Status::Incomplete { reason } | Status::Cancelled { reason } => Some(reason),
            _ => None,
        }
    }

    pub fn stage(&self) -> Option<Stage> {
        match self {
            Status::InProcess(stage) => Some(*stage),
            _ => None,
        }
    }

    /// Rebuilds a status from its stored parts.
    pub fn from_parts(
        kind: StatusKind,
        stage: Option<Stage>,
        reason: Option<String>,
    ) -> Option<Status> {
        Some(match kind {
            StatusKind::New => Status::New,
            StatusKind::Incomplete => Status::Incomplete { reason: reason? },
            StatusKind::Complete => Status::Complete,
            StatusKind::InProcess => Status::InProcess(stage?),
            StatusKind::Issued => Status::Issued,
            StatusKind::ReadyForPickup => Status::ReadyForPickup,
            StatusKind::Done => Status::Done,
            StatusKind::Cancelled => Status::Cancelled { reason: reason? },
        })
    }

    /// "Diproses di Dispendukcapil", "Belum lengkap: KK belum ada".
    pub fn label(&self) -> String {
        match self {
            Status::InProcess(stage) => format!("Diproses {}", stage.label()),
            Status::Incomplete { reason } | Status::Cancelled { reason } => {
                format!("{}: {reason}", self.kind().label())
            }
            other => other.kind().label().to_string(),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    #[error("Berkas yang sudah {0} tidak bisa diubah lagi.")]
    Closed(&'static str),
    #[error("Status tidak bisa pindah dari \"{from}\" ke \"{to}\".")]
    NotAllowed {
        from: &'static str,
        to: &'static str,
    },
    #[error("Tulis alasannya: alasan ini dikirim ke warga.")]
    ReasonRequired,
    #[error("Layanan ini menghasilkan kartu atau surat yang diambil, jadi statusnya \"Siap diambil\", bukan \"Dokumen terbit\".")]
    NotDigital,
    #[error("Layanan ini menghasilkan dokumen digital (TTE), jadi statusnya \"Dokumen terbit\", bukan \"Siap diambil\".")]
    NotPhysical,
    #[error("IKD diaktifkan di depan petugas: tidak ada dokumen terbit atau yang diambil. Tandai \"Selesai\" setelah IKD aktif.")]
    ActivatedOnSpot,
    #[error("Status sudah \"{0}\".")]
    Unchanged(String),
}

/// Checks one move of the status machine:
/// Baru -> Belum lengkap <-> Lengkap -> Diproses (desa, J-Lahbako, kecamatan, Dispendukcapil)
/// -> Dokumen terbit (digital documents) or Siap diambil (cards, letters) -> Selesai;
/// Dibatalkan from any open status. Diproses may move between stages and back to Belum lengkap
/// when an office returns the papers. "Belum lengkap" and "Dibatalkan" need a reason.
pub fn check_transition(
    from: &Status,
    to: &Status,
    outcome: Outcome,
) -> Result<(), TransitionError> {
    use StatusKind as K;
    let (f, t) = (from.kind(), to.kind());
    if !f.is_open() {
        return Err(TransitionError::Closed(f.label()));
    }
    if let Some(reason) = to.reason() {
        if reason.trim().is_empty() {
            return Err(TransitionError::ReasonRequired);
        }
    }
    if from == to {
        return Err(TransitionError::Unchanged(to.label()));
    }
    let allowed = matches!(
        (f, t),
        (_, K::Cancelled)
            | (K::New, K::Incomplete | K::Complete)
            | (K::Incomplete, K::Incomplete | K::Complete)
            | (K::Complete, K::Incomplete | K::InProcess)
            | (
                K::InProcess,
                K::InProcess | K::Incomplete | K::Issued | K::ReadyForPickup
            )
            | (K::Issued | K::ReadyForPickup, K::Done)
    ) || (
        // An IKD is activated in front of the officer: nothing is issued or collected.
        outcome == Outcome::DigitalIdentity && (f, t) == (K::InProcess, K::Done)
    );
    if !allowed {
        return Err(TransitionError::NotAllowed {
            from: f.label(),
            to: t.label(),
        });
    }
    match (t, outcome) {
        (K::Issued | K::ReadyForPickup, Outcome::DigitalIdentity) => {
            Err(TransitionError::ActivatedOnSpot)
        }
        (K::Issued, Outcome::DigitalDocument)
        | (
            K::ReadyForPickup,
            Outcome::Card
            | Outcome::VillageLetter
            | Outcome::OtherOfficeLetter
            | Outcome::Legalized,
        ) => Ok(()),
        (K::Issued, _) => Err(TransitionError::NotDigital),
        (K::ReadyForPickup, _) => Err(TransitionError::NotPhysical),
        _ => Ok(()),
    }
}

/// The step a case most likely takes next, offered first (the bar at the foot of the case
/// screen): Lengkap once every needed paper is in, then processing where the service is
/// processed, then ready as its outcome says, then Selesai. Backward moves (Belum lengkap,
/// Batalkan) are never the likely one; `None` while papers are still missing (the official
/// ticks first) and once the case is closed.
pub fn likely_next(
    status: &Status,
    outcome: Outcome,
    processed_at: Office,
    papers_complete: bool,
) -> Option<Status> {
    let next = match status {
        Status::New | Status::Incomplete { .. } if papers_complete => Status::Complete,
        Status::New | Status::Incomplete { .. } => return None,
        Status::Complete => Status::InProcess(Stage::of_office(processed_at)),
        Status::InProcess(_) => ready_status(outcome),
        Status::Issued if check_transition(status, &Status::ReadyForPickup, outcome).is_ok() => {
            Status::ReadyForPickup
        }
        Status::Issued | Status::ReadyForPickup => Status::Done,
        Status::Done | Status::Cancelled { .. } => return None,
    };
    check_transition(status, &next, outcome)
        .is_ok()
        .then_some(next)
}

/// The ready status a service ends in.
pub fn ready_status(outcome: Outcome) -> Status {
    match outcome {
        Outcome::DigitalDocument => Status::Issued,
        Outcome::DigitalIdentity => Status::Done,
        _ => Status::ReadyForPickup,
    }
}

/// A Nomor Induk Kependudukan: 16 digits, region code, birth date (+40 for women), serial.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nik(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NikError {
    #[error("NIK harus 16 angka; yang tertulis {0} angka.")]
    Length(usize),
    #[error("NIK hanya boleh berisi angka.")]
    NotDigits,
    #[error("Kode provinsi di NIK ({0}) tidak ada.")]
    Province(String),
    #[error("Tanggal lahir di NIK (angka ke-7 sampai ke-12) tidak masuk akal.")]
    BirthDate,
    #[error("Nomor urut di NIK (4 angka terakhir) tidak boleh 0000.")]
    Serial,
}

impl Nik {
    pub fn parse(raw: &str) -> Result<Nik, NikError> {
        let digits: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
            .collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NikError::NotDigits);
        }
        if digits.len() != 16 {
            return Err(NikError::Length(digits.len()));
        }
        let num = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
        let province = num(0..2);
        // Province codes run from 11 (Aceh) to 96 (Papua Barat Daya).
        if !(11..=96).contains(&province) {
            return Err(NikError::Province(digits[0..2].to_string()));
        }
        let day = num(6..8);
        let month = num(8..10);
        if !((1..=31).contains(&day) || (41..=71).contains(&day)) || !(1..=12).contains(&month) {
            return Err(NikError::BirthDate);
        }
        if num(12..16) == 0 {
            return Err(NikError::Serial);
        }
        Ok(Nik(digits))
    }

    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `3509••••••••0001`: the region and the serial only, for lists and messages.
    pub fn masked(&self) -> String {
        format!("{}{}{}", &self.0[..4], "•".repeat(8), &self.0[12..])
    }
}

/// How a request reached the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    WhatsApp,
    WalkIn,
    Entrusted,
}

keyed!(Channel, label {
    WhatsApp => "whatsapp", "WhatsApp";
    WalkIn => "datang", "Datang langsung";
    Entrusted => "titipan", "Dititipkan lewat orang lain";
});

/// How the replies of a case address the resident; "Bapak/Ibu" until the official chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Salutation {
    #[default]
    Either,
    Sir,
    Madam,
}

keyed!(Salutation, words {
    Either => "bapak-ibu", "Bapak/Ibu";
    Sir => "bapak", "Bapak";
    Madam => "ibu", "Ibu";
});

/// The short code of one of the office's phones ("A" for the office phone, "B" for the
/// sekdes ...): one or two capital letters, shown in the case numbers that phone gives out, so
/// two phones never give out the same number. Empty for a phone that has none (an office with
/// one phone, and every number made before codes existed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct PhoneCode([u8; 2]);

/// Why a phone code was refused; said under the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneCodeError {
    #[error("Kode HP 1 atau 2 huruf saja, misalnya A atau B.")]
    Shape,
}

impl PhoneCode {
    /// No code.
    pub const NONE: PhoneCode = PhoneCode([0, 0]);

    /// One or two letters A–Z as typed (small letters are made capital, spaces trimmed).
    pub fn parse(text: &str) -> Result<PhoneCode, PhoneCodeError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if !(1..=2).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(PhoneCodeError::Shape);
        }
        let mut code = [0u8; 2];
        for (slot, b) in code.iter_mut().zip(bytes) {
            *slot = b.to_ascii_uppercase();
        }
        Ok(PhoneCode(code))
    }

    /// A code as the database keeps it; anything that is not a code reads as none.
    pub fn stored(text: &str) -> PhoneCode {
        PhoneCode::parse(text).unwrap_or(PhoneCode::NONE)
    }

    pub fn as_str(&self) -> &str {
        let len = self.0.iter().take_while(|b| **b != 0).count();
        std::str::from_utf8(&self.0[..len]).unwrap_or("")
    }

    pub fn is_none(&self) -> bool {
        self.0[0] == 0
    }
}

/// A case number for talking on the phone: year, the code of the phone that gave it out (if
/// any) and a running number: `2026-0042`, `2026-B0042`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseNumber {
    pub year: i32,
    pub code: PhoneCode,
    pub seq: u32,
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}{:04}", self.year, self.code.as_str(), self.seq)
    }
}

impl CaseNumber {
    /// A number without a phone code (`2026-0042`).
    pub fn plain(year: i32, seq: u32) -> CaseNumber {
        CaseNumber {
            year,
            code: PhoneCode::NONE,
            seq,
        }
    }

    /// Reads `2026-0042`, `2026-42`, `2026-B0042` or `2026-b42`.
    pub fn parse(raw: &str) -> Option<CaseNumber> {
        let (year, rest) = raw.trim().split_once('-')?;
        let year: i32 = year.parse().ok()?;
        let split = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let (code, seq) = rest.split_at(split);
        let code = if code.is_empty() {
            PhoneCode::NONE
        } else {
            PhoneCode::parse(code).ok()?
        };
        let seq: u32 = seq.parse().ok()?;
        ((2000..=2999).contains(&year) && seq > 0).then_some(CaseNumber { year, code, seq })
    }
}

/// The state of one requirement in a case's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemState {
    /// Not received. An always-required item is missing; a conditional one ("jika bercerai")
    /// is undecided until the official says whether it applies.
    Pending,
    /// A conditional item the official said applies to this resident: missing until received.
    Needed,
    /// Received at this time (milliseconds since the Unix epoch, UTC).
    Received {
        at_ms: i64,
    },
    NotApplicable {
        reason: String,
    },
}

/// One line of a case's checklist: the requirement as it was when the case was opened.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChecklistItem {
    pub requirement: Requirement,
    pub state: ItemState,
}

impl ChecklistItem {
    /// Still needed: an always-required item not yet received, or a conditional one the
    /// official said applies. An undecided conditional item is not missing (the resident is
    /// not asked for a paper "jika bercerai" that may not concern them); optional never is.
    pub fn is_missing(&self) -> bool {
        matches!(
            (&self.state, &self.requirement.need),
            (ItemState::Needed, _) | (ItemState::Pending, Need::Always)
        )
    }

    /// A conditional item nobody has decided on yet: it applies or it does not.
    pub fn is_undecided(&self) -> bool {
        self.state == ItemState::Pending && matches!(self.requirement.need, Need::When(_))
    }
}

/// A case's checklist, a snapshot of the catalog when the case was opened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
}

impl Checklist {
    pub fn snapshot(requirements: &[Requirement]) -> Checklist {
        Checklist {
            items: requirements
                .iter()
                .map(|r| ChecklistItem {
                    requirement: r.clone(),
                    state: ItemState::Pending,
                })
                .collect(),
        }
    }

    pub fn missing(&self) -> Vec<&ChecklistItem> {
        self.items.iter().filter(|i| i.is_missing()).collect()
    }

    /// Conditional items still waiting for the official's "Perlu" or "Tidak perlu".
    pub fn undecided(&self) -> Vec<&ChecklistItem> {
        self.items.iter().filter(|i| i.is_undecided()).collect()
    }

    /// The status to suggest: "Lengkap" on a new or incomplete case once nothing is missing
    /// and every conditional item is decided.
    pub fn suggests_complete(&self, status: &Status) -> bool {
        matches!(status.kind(), StatusKind::New | StatusKind::Incomplete)
            && self.missing().is_empty()
            && self.undecided().is_empty()
    }

    /// The `{kekurangan}` list: numbered missing items (undecided conditional ones left out).
    pub fn missing_list(&self) -> String {
        super::checklist::numbered(
            self.missing()
                .into_iter()
                .map(|i| super::checklist::requirement_line(&i.requirement)),
        )
    }
}

/// Filters of the Berkas list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<StatusKind>,
    /// Only cases still in progress (Berkas opens on them; closed ones are a chip away).
    pub open_only: bool,
    pub service_id: Option<String>,
    /// Name prefix (case-insensitive), phone digits, or a case number `2026-0042`.
    pub search: Option<String>,
}

/// Where the next page of the Berkas list starts: the last row's `(updated_at, id)` (keyset
/// paging, no OFFSET).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub updated_at_ms: i64,
    pub id: String,
}
