//! The report as CSV files: the summary per service (with the period before) and the case
//! list, UTF-8 with a byte-order mark, formula-looking cells made text.

use super::*;

/// Errors writing CSV into memory (practically none, but never unwrapped).
#[derive(Debug, Error)]
#[error("CSV tidak bisa dibuat: {0}")]
pub struct CsvError(String);

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        CsvError(e.to_string())
    }
}

/// UTF-8 with a byte-order mark (Excel needs it to read UTF-8), comma separated, Indonesian
/// headers, decimal point in numbers (so both LibreOffice and Excel read them as numbers).
fn csv_bytes(header: &[String], rows: Vec<Vec<String>>) -> Result<Vec<u8>, CsvError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(header)?;
        for row in rows {
            writer.write_record(row.iter().map(|cell| as_text(cell).into_owned()))?;
        }
        writer.flush().map_err(|e| CsvError(e.to_string()))?;
    }
    Ok(out)
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(...)` in a resident's name from a
/// shared message, `+`, `-`, `@`, or a tab/CR before them) gets a leading apostrophe, so Excel
/// and LibreOffice show it as text (OWASP "CSV injection"). The app's own numbers are never
/// negative, so no number is touched.
pub fn as_text(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A number with at most `places` decimals and a decimal point; empty for none.
fn decimal(value: Option<f64>, places: i32) -> String {
    let scale = 10f64.powi(places);
    // `+ 0.0` turns a -0.0 into 0.
    value
        .map(|v| format!("{}", (v * scale).round() / scale + 0.0))
        .unwrap_or_default()
}

fn opt_int(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn wib_cell(ms: Option<i64>) -> String {
    ms.and_then(to_wib)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// The waits of the summary CSV: `(name, unit, figure of a row)`; each gives three columns
/// (median, P90, n).
type Figure = fn(&ReportRow) -> &Stats;

const SUMMARY_WAITS: [(&str, &str, Figure); 7] = [
    ("waktu di kantor sampai siap", "hari kerja", |r| &r.office),
    ("di desa", "hari kerja", |r| &r.village),
    ("di luar desa", "hari kerja", |r| &r.outside),
    ("waktu di warga (Belum lengkap)", "hari", |r| &r.resident),
    ("lama bagi warga sampai siap", "hari kalender", |r| {
        &r.calendar
    }),
    ("balasan pertama", "menit jam kantor", |r| &r.first_reply),
    (
        "balasan pesan di luar jam layanan",
        "menit jam dinding",
        |r| &r.first_reply_out_of_hours,
    ),
];

/// The summary CSV's header.
pub fn summary_header() -> Vec<String> {
    let mut header: Vec<String> = [
        "Periode",
        "Berkas menurut",
        "Layanan",
        "Berkas",
        "Sudah siap",
        "Selesai",
        "Dibatalkan",
        "Masih berjalan",
        "Di luar jam layanan",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (name, unit, _) in SUMMARY_WAITS {
        header.push(format!("Nilai tengah {name} ({unit})"));
        header.push(format!("P90 {name} ({unit})"));
        header.push(format!("Jumlah berkas {name}"));
    }
    header
}

/// The summary as CSV: one line per service, all services, then all services in the period
/// before (for the comparison).
pub fn summary_csv(report: &Report) -> Result<Vec<u8>, CsvError> {
    let line = |period: &Period, r: &ReportRow| {
        let mut cells = vec![
            format!("{} s/d {}", period.from, period.to),
            report.basis.label().to_string(),
            r.service_name.clone(),
            r.cases.to_string(),
            r.ready.to_string(),
            r.done.to_string(),
            r.cancelled.to_string(),
            r.open.to_string(),
            r.out_of_hours.to_string(),
        ];
        for (_, _, figure) in SUMMARY_WAITS {
            let stats = figure(r);
            cells.push(decimal(stats.median, 2));
            cells.push(decimal(stats.p90, 2));
            cells.push(stats.count.to_string());
        }
        cells
    };
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .chain(std::iter::once(&report.total))
        .map(|r| line(&report.period, r))
        .collect();
    let mut before = report.previous.total.clone();
    before.service_name = "Semua layanan (periode sebelumnya)".into();
    rows.push(line(&report.previous.period, &before));
    csv_bytes(&summary_header(), rows)
}

pub const CASES_HEADER: [&str; 17] = [
    "Nomor berkas",
    "Layanan",
    "Pesan masuk (WIB)",
    "Di luar jam layanan",
    "Status",
    "Balasan pertama (WIB)",
    "Siap (WIB)",
    "Selesai (WIB)",
    "Dibatalkan (WIB)",
    "Diteruskan keluar desa (WIB)",
    "Waktu di kantor (hari kerja)",
    "Di desa (hari kerja)",
    "Di luar desa (hari kerja)",
    "Waktu di warga (hari)",
    "Lama bagi warga (hari kalender)",
    "Balasan pertama (menit jam kantor)",
    "Balasan pertama (menit jam dinding)",
];

/// The contact columns an export may add when the official asks for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    /// `+62 812-3456-7890`, or empty.
    pub phone: String,
    /// Masked (`3509••••••••0001`), or empty: a full NIK never leaves in an export.
    pub nik_masked: String,
}

/// Extra columns of [`cases_csv_with_contacts`].
pub const CONTACT_HEADER: [&str; 3] = ["Nama warga", "Nomor WhatsApp", "NIK (disamarkan)"];

/// The cases of the period (by `basis`) as CSV, without personal data (number and service
/// only).
pub fn cases_csv(
    cases: &[CaseFacts],
    period: Period,
    basis: Basis,
    hours: &OfficeHours,
) -> Result<Vec<u8>, CsvError> {
    let (header, rows) = case_rows(cases, period, basis, hours, None);
    csv_bytes(&header, rows)
}

/// [`cases_csv`] plus name, WhatsApp number and masked NIK of each case (by case number), for
/// when the official explicitly asked for contact data.
pub fn cases_csv_with_contacts(
    cases: &[CaseFacts],
    period: Period,
    basis: Basis,
    hours: &OfficeHours,
    contacts: &std::collections::BTreeMap<String, Contact>,
) -> Result<Vec<u8>, CsvError> {
    let (header, rows) = case_rows(cases, period, basis, hours, Some(contacts));
    csv_bytes(&header, rows)
}

fn case_rows(
    cases: &[CaseFacts],
    period: Period,
    basis: Basis,
    hours: &OfficeHours,
    contacts: Option<&std::collections::BTreeMap<String, Contact>>,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut selected: Vec<&CaseFacts> = cases
        .iter()
        .filter(|c| c.dated(basis).is_some_and(|t| period.contains_ms(t)))
        .collect();
    selected.sort_by(|a, b| {
        a.message_ms
            .cmp(&b.message_ms)
            .then_with(|| a.number.cmp(&b.number))
    });
    let rows = selected
        .into_iter()
        .map(|c| {
            let w = c.waits(hours);
            let left = c
                .left_village_at()
                .filter(|&t| c.ready_at().is_none_or(|r| t < r));
            let mut row = vec![
                c.number.clone(),
                c.service_name.clone(),
                wib_cell(Some(c.message_ms)),
                if c.out_of_hours { "ya" } else { "tidak" }.to_string(),
                c.status.label().to_string(),
                wib_cell(c.first_reply_ms),
                wib_cell(c.ready_at()),
                wib_cell(c.done_ms),
                wib_cell(c.cancelled_ms),
                wib_cell(left),
                decimal(w.office_days, 2),
                decimal(w.village_days, 2),
                decimal(w.outside_days, 2),
                decimal(w.resident_days, 2),
                opt_int(w.calendar_days),
                opt_int(w.first_reply_office_minutes),
                opt_int(w.first_reply_minutes),
            ];
            if let Some(contacts) = contacts {
                let contact = contacts.get(&c.number).cloned().unwrap_or_default();
                row.extend([contact.name, contact.phone, contact.nik_masked]);
            }
            row
        })
        .collect();
    let mut header: Vec<String> = CASES_HEADER.iter().map(|s| s.to_string()).collect();
    if contacts.is_some() {
        header.extend(CONTACT_HEADER.iter().map(|s| s.to_string()));
    }
    (header, rows)
}
