//! Intake of shared WhatsApp text: realistic resident messages (informal Indonesian, greetings,
//! typos, Javanese and Madurese words) pick the right service; numbers and names are found;
//! the text is never lost; `layanan-desa intake` prints the same.

mod common;
use common::TestPhone;

use std::process::Command;
use std::sync::Arc;

use layanan_desa::app::App;
use layanan_desa::platform::recording::Recording;
use proptest::prelude::*;

fn app() -> App {
    App::builtin(Arc::new(Recording::default())).expect("built-in app")
}

/// Messages as residents send them, and the service that must be suggested first.
const MESSAGES: &[(&str, &str)] = &[
    ("Assalamualaikum pak, mau tanya syarat ngurus akte kelahiran anak", "akta-kelahiran"),
    ("Assalamualaikum wr wb. Pak carik, anak kulo lahir minggu kemarin, bade damel akte nggih", "akta-kelahiran"),
    ("pagi bu, bayi saya lahir kemarin, gimana bikin akta lahirnya?", "akta-kelahiran"),
    ("Permisi pak, bapak saya meninggal kemarin, mau urus akta kematian syaratnya apa saja", "akta-kematian"),
    ("mbak, akte mati mbah saya belum diurus, perlu bawa apa?", "akta-kematian"),
    ("pak ktp saya ilang di pasar, gmn cara buat lagi", "ktp-hilang"),
    ("Assalamualaikum, e-ktp saya hilang pak, apa perlu surat dari polisi?", "ktp-hilang"),
    ("ktp ku patah jadi dua pak, bisa ganti baru?", "ktp-rusak"),
    ("anak saya sudah 17 tahun mau rekam ktp, kapan bisa pak?", "ktp-baru"),
    ("Monggo pak, kulo bade tanglet, kk kulo ilang. Pripun carane?", "kk-hilang-rusak"),
    ("kk saya sobek kena air banjir pak", "kk-hilang-rusak"),
    ("pak saya baru nikah mau pisah kk dari orang tua", "kk-baru"),
    ("mau masukkan anak yang baru lahir ke kk pak", "kk-tambah-anggota"),
    ("bu, di kk pekerjaan saya masih pelajar, mau ganti data kk", "kk-perubahan"),
    ("pak saya mau pindah ke Surabaya ikut suami, urus surat pindahnya gimana", "pindah-keluar"),
    ("saya pindahan dari Bondowoso pak, mau masuk kk di wonojati", "pindah-datang"),
    ("Pak, mau bikin kartu identitas anak buat daftar sekolah TK", "kia"),
    ("syarat kia apa saja bu? anak saya 6 tahun", "kia"),
    ("Assalamualaikum pak, minta surat keterangan tidak mampu untuk keringanan biaya rumah sakit", "sktm"),
    ("bu mohon info bikin surat miskin buat beasiswa anak", "sktm"),
    ("pak saya perlu surat domisili untuk daftar kerja di Jember kota", "domisili"),
    ("mas, mau buat sku buat pinjaman kur di bank", "keterangan-usaha"),
    ("pak, saya mau melamar kerja, butuh pengantar skck dari desa", "pengantar-skck"),
    ("Assalamualaikum pak, anak saya mau nikah bulan depan, surat pengantar nikah ke KUA syaratnya apa ya", "pengantar-nikah"),
    ("dompet saya hilang isinya stnk sama atm, minta surat pengantar kehilangan ke polsek", "keterangan-kehilangan"),
    ("nama saya di ijazah beda dengan di ktp, minta surat keterangan beda nama pak", "beda-identitas"),
    ("pak mau ada hajatan orkes dangdut, izin keramaian gimana?", "izin-keramaian"),
    ("mohon info syarat surat ahli waris untuk balik nama sertifikat tanah almarhum bapak", "ahli-waris"),
    ("saya mau kerja ke luar negeri, diminta surat keterangan belum menikah", "belum-menikah"),
    ("bu butuh surat penghasilan orang tua buat daftar kip kuliah", "keterangan-penghasilan"),
    ("nggih pak, niki kulo Siti, ajeng tanglet syarat akte lahir lare kulo. matur nuwun", "akta-kelahiran"),
    ("Slamat siang pak, sy mau tnya utk bkin ktp baru anak sy umur 17", "ktp-baru"),
    // Loss, damage and direction, as residents write them (issue 17).
    ("Assalamualaikum, pak kartu keluarga saya ilang waktu banjir, gimana ngurusnya?", "kk-hilang-rusak"),
    ("bu, KK kami sobek kena air, bisa dicetak lagi?", "kk-hilang-rusak"),
    ("Saya pindahan dari Banyuwangi, mau urus surat pindah datangnya", "pindah-datang"),
    ("pak mau pindah ke Surabaya ikut suami, syaratnya apa", "pindah-keluar"),
    // The services added for issue 17, as whole WhatsApp messages.
    ("Assalamualaikum pak, mau tanya cara aktivasi KTP digital yang di HP itu dimana ya", "aktivasi-ikd"),
    ("bu, nama anak saya di akte salah ketik, beda sama ijazahnya. gimana benerinnya?", "pembetulan-data"),
    ("pak carik, istri saya mau berangkat kerja ke Taiwan, PT minta surat izin suami dari desa", "izin-keluarga-pmi"),
    ("permisi pak, BPJS PBI ibu saya nonaktif, bisa didaftarkan lagi?", "pengantar-bansos-dtsen"),
    ("mau minta surat keterangan janda buat urus pensiun almarhum suami", "keterangan-janda-duda"),
    ("pak suami saya minggat 3 tahun gak ada kabar, mau gugat cerai di pengadilan agama", "keterangan-ghaib"),
    ("assalamualaikum, mau daftar PTSL, butuh surat riwayat tanah dari desa", "riwayat-tanah"),
    ("pak mau jual tanah pekarangan, notaris minta surat dari desa untuk AJB", "pengantar-jual-beli-tanah"),
    ("KK saya mau dilegalisir buat daftar sekolah anak, bisa di desa?", "legalisir"),
];

#[test]
fn intake_suggests_the_right_service() {
    let app = app();
    assert!(MESSAGES.len() >= 30);
    let mut wrong = Vec::new();
    for (text, expected) in MESSAGES {
        let intake = app.intake(text);
        if intake.services.first().map(String::as_str) != Some(*expected) {
            wrong.push(format!(
                "{text:?}: expected {expected}, got {:?}",
                intake.services
            ));
        }
        assert_eq!(intake.text, *text, "the text is kept whole");
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// A home birth needs the kepala desa's birth letter before the akta: both are offered, the
/// official picks. Written down so a ranking change that drops either one fails.
#[test]
fn ambiguous_messages_keep_both_candidates() {
    let app = app();
    let intake =
        app.intake("pagi bu, bayi saya lahir di rumah dibantu dukun, gimana bikin akta lahirnya?");
    let top2: Vec<&str> = intake.services.iter().take(2).map(String::as_str).collect();
    assert!(
        top2.contains(&"akta-kelahiran") && top2.contains(&"sk-kelahiran"),
        "{:?}",
        intake.services
    );
}

#[test]
fn intake_finds_numbers_and_names() {
    let app = app();
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("pak ktp saya hilang, hubungi 0812-3456-7890 ya", Some("6281234567890"), None),
        ("No WA: +62 857 3000 1234. Nama saya Siti Aminah, mau urus kk", Some("6285730001234"), Some("Siti Aminah")),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Agus Santoso\nTEL;type=CELL;waid=6281330001234:+62 813-3000-1234\nEND:VCARD", Some("6281330001234"), Some("Agus Santoso")),
        ("[28/11/26 08.15] Bu Rohmah: Assalamualaikum pak, akte lahir syaratnya apa", None, Some("Bu Rohmah")),
        ("28/11/2026 20.05 - Hasan Basri: kk saya hilang", None, Some("Hasan Basri")),
        ("[28/11/26 08.15] +62 812-3456-7890: pak mau tanya sktm", Some("6281234567890"), None),
        ("anak saya di Malaysia, nomornya +60 12-345 6789, mau urus akta", Some("60123456789"), None),
        ("telp kantor 0331 487123 saja pak", None, None),
        ("tahun 2026 bulan 11 tanggal 28", None, None),
        ("NIK saya 3509120107900001 mau tanya ktp", None, None),
    ];
    for (text, phone, name) in cases {
        let intake = app.intake(text);
        assert_eq!(
            intake.phone.as_ref().map(|p| p.digits()),
            *phone,
            "{text:?}"
        );
        assert_eq!(intake.name.as_deref(), *name, "{text:?}");
    }
}

#[test]
fn a_shared_text_prefills_the_form_and_is_kept_as_the_first_note() {
    let app = app();
    let text = "[28/11/26 08.15] Siti Aminah: Assalamualaikum pak, mau urus akte kelahiran anak, wa saya 0812 3456 7890";
    let form = app.form_from_text(text);
    assert_eq!(form.resident_name, "Siti Aminah");
    assert_eq!(form.service_id, "akta-kelahiran");
    assert_eq!(form.phone, "+6281234567890");
    assert_eq!(form.notes, text);
}

proptest! {
    #[test]
    fn intake_never_panics_and_keeps_the_text(text in "\\PC{0,300}") {
        let app = app();
        let intake = app.intake(&text);
        prop_assert_eq!(intake.text, text);
        prop_assert!(intake.services.len() <= 3);
    }

    /// Whatever is typed into "Pesan masuk" gives a time no later than now and the first
    /// event, or an error: never a panic, never a future time.
    #[test]
    fn pesan_masuk_input_never_panics_and_never_lands_in_the_future(
        text in "(\\PC{0,30}|[0-9]{1,4}[-/][0-9]{1,3}[-/][0-9]{1,5}[T ][0-9]{1,3}[.:][0-9]{1,3})",
        now in 0i64..4_000_000_000_000,
        first in proptest::option::of(0i64..4_000_000_000_000),
    ) {
        use layanan_desa::domain::time::check_message_time;
        if let Ok(ms) = check_message_time(&text, now, first) {
            prop_assert!(ms <= now);
            prop_assert!(first.is_none_or(|f| ms <= f));
        }
    }
}

#[test]
fn cli_intake_prints_services_number_and_name() {
    let out = Command::new(env!("CARGO_BIN_EXE_layanan-desa"))
        .args([
            "intake",
            "[28/11/26 08.15] Siti Aminah: pak ktp saya ilang, no wa 0812-3456-7890",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.first(), Some(&"layanan: ktp-hilang"), "{stdout}");
    assert!(
        lines.contains(&"nomor: 6281234567890") && lines.contains(&"nama: Siti Aminah"),
        "{stdout}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_layanan-desa"))
        .args(["intake", "   "])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tetap bisa dicatat"));
}

/// A whole exported chat (WhatsApp "Ekspor chat", both line forms, a message over two lines):
/// the case keeps the last three messages; the earlier part is offered, not stored. Short
/// shares and ordinary messages are kept whole.
#[test]
fn a_whole_chat_keeps_its_last_messages_and_offers_the_rest() {
    use layanan_desa::domain::intake::{split_chat, KEPT_MESSAGES};
    let chat = "[20/11/26 08.01] Kantor Desa: Selamat pagi\n\
                [20/11/26 08.05] Siti Aminah: pagi pak, anak saya sakit\n\
                [21/11/26 09.00] Siti Aminah: rumah sakit minta surat miskin\n\
                [21/11/26 09.10] Kantor Desa: baik bu\n\
                [28/11/26 20.14] Siti Aminah: pak mau urus akte kelahiran anak saya\n\
                lahirnya di rumah bidan\n\
                28/11/26 20.15 - Siti Aminah: syaratnya apa saja?\n\
                [28/11/26 20.16] Siti Aminah: WA saya 0812 3456 7890";
    let (kept, earlier) = split_chat(chat);
    assert_eq!(KEPT_MESSAGES, 3);
    assert!(
        kept.starts_with("[28/11/26 20.14] Siti Aminah: pak mau urus akte"),
        "{kept}"
    );
    assert!(kept.contains("lahirnya di rumah bidan") && kept.ends_with("0812 3456 7890"));
    let earlier = earlier.expect("the rest is offered");
    assert!(
        earlier.contains("surat miskin") && !earlier.contains("akte"),
        "{earlier}"
    );
    assert_eq!(
        format!("{earlier}\n{kept}"),
        chat,
        "nothing lost between the two"
    );
    for whole in [
        "Assalamualaikum pak, mau tanya syarat ngurus akte kelahiran anak",
        "[28/11/26 20.14] Siti: pak\n[28/11/26 20.15] Siti: akte lahir",
    ] {
        assert_eq!(split_chat(whole), (whole.to_string(), None));
    }
}

/// Through the share target: only the kept part reaches the draft (stored in SQLite); the
/// earlier part is in no byte of the database until the official adds it.
#[test]
fn the_earlier_part_of_a_shared_chat_is_not_stored_unless_added() {
    let dir = tempfile::tempdir().expect("tmp");
    let platform = Recording::default();
    let app = TestPhone::new(dir.path())
        .at(1_795_869_000_000)
        .platform(platform.clone())
        .start();
    let mut chat: Vec<String> = (1..=10)
        .map(|i| format!("[2{i:01}/10/26 08.00] Tetangga Lain: rahasia keluarga nomor {i}"))
        .collect();
    chat.push("[28/11/26 20.14] Siti Aminah: pak mau urus akte kelahiran".into());
    chat.push("[28/11/26 20.15] Siti Aminah: anak saya lahir kemarin".into());
    chat.push("[28/11/26 20.16] Siti Aminah: WA 0812 3456 7890".into());
    platform.receive_share(&chat.join("\n"));
    assert!(app.take_share_into_draft().expect("share"));
    let view = app.new_case_view(None).expect("view");
    assert_eq!(view.earlier_chat_lines, Some(10));
    assert_eq!(view.form.service_id, "akta-kelahiran");
    assert!(
        !view.form.notes.contains("rahasia keluarga"),
        "{}",
        view.form.notes
    );
    let on_disk = || {
        let mut bytes = Vec::new();
        for f in ["layanan-desa.db", "layanan-desa.db-wal"] {
            bytes.extend(std::fs::read(dir.path().join(f)).unwrap_or_default());
        }
        String::from_utf8_lossy(&bytes).into_owned()
    };
    assert!(
        on_disk().contains("anak saya lahir kemarin"),
        "the draft is stored"
    );
    assert!(!on_disk().contains("rahasia keluarga"), "the rest is not");
    let form = app.include_earlier_chat().expect("added");
    assert!(
        form.notes.starts_with("[21/10/26 08.00] Tetangga Lain"),
        "{}",
        form.notes
    );
    assert!(form.notes.ends_with("WA 0812 3456 7890"));
    assert!(
        on_disk().contains("rahasia keluarga nomor 1"),
        "now it is, as asked"
    );
    assert_eq!(app.earlier_chat_lines(), None);
}

/// "Pesan masuk" from WhatsApp's export lines: both layouts (iOS's bracketed stamp, Android's
/// stamp with a dash), 24- and 12-hour clocks with `.` or `:`, seconds, two- and four-digit
/// years, month-first dates where the day cannot be first, the invisible marks WhatsApp puts
/// in; the earliest line wins; a date inside a sentence or an impossible date gives nothing.
#[test]
fn whatsapp_export_lines_give_the_time_the_resident_wrote() {
    use chrono::NaiveDate;
    use layanan_desa::domain::intake::message_time;
    let at = |y, mo, d, h, mi, s| {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, s))
            .expect("valid")
    };
    let cases = [
        ("[28/11/26 20.14] Siti Aminah: Pak, mau urus akta", Some(at(2026, 11, 28, 20, 14, 0))),
        ("[28/11/26 20.14.05] Siti Aminah: Pak", Some(at(2026, 11, 28, 20, 14, 5))),
        ("[28/11/26, 20.14.05] Siti Aminah: Pak", Some(at(2026, 11, 28, 20, 14, 5))),
        ("28/11/26 20.14 - Siti Aminah: Pak, mau urus akta", Some(at(2026, 11, 28, 20, 14, 0))),
        ("28/11/26, 20:14 - +62 812-3456-7890: Pak", Some(at(2026, 11, 28, 20, 14, 0))),
        ("28/11/2026 20.14 - Siti: Pak", Some(at(2026, 11, 28, 20, 14, 0))),
        ("28/11/26 8.14 PM - Siti: Pak", Some(at(2026, 11, 28, 20, 14, 0))),
        ("28/11/26 12.05 AM - Siti: Pak", Some(at(2026, 11, 28, 0, 5, 0))),
        ("28/11/26 12.05 PM - Siti: Pak", Some(at(2026, 11, 28, 12, 5, 0))),
        ("[28/11/26, 8.14.05\u{202f}PM] Siti: Pak", Some(at(2026, 11, 28, 20, 14, 5))),
        ("\u{200e}[11/28/26, 8:14:05 PM] Siti: Pak", Some(at(2026, 11, 28, 20, 14, 5))),
        // Several lines: the earliest, where the exchange began.
        (
            "[29/11/26 07.02] Siti: Halo?\n[28/11/26 20.14] Siti: Pak, mau urus akta\nlanjutan baris",
            Some(at(2026, 11, 28, 20, 14, 0)),
        ),
        // Not export lines.
        ("Saya lahir 12/05/1990 10.00 pagi, mau urus KTP", None),
        ("12/05/1990 10.00 lahir di Jember", None),
        ("Pak, mau urus akta lahir anak saya", None),
        ("[31/02/26 20.14] Siti: tanggal mustahil", None),
        ("[28/11/26 25.14] Siti: jam mustahil", None),
        ("28/11/26 13.14 PM - Siti: jam 12 jam mustahil", None),
        ("", None),
    ];
    for (text, expected) in cases {
        assert_eq!(message_time(text), expected, "{text:?}");
    }
}

/// "Pesan masuk" on the new-case form and on a case: a shared export line in either layout
/// fills it, the out-of-hours mark follows it (not the time of entry), and a time in the future,
/// after the case's first event or unreadable is refused under the field with nothing saved.
#[test]
fn pesan_masuk_comes_from_the_shared_message_and_an_impossible_time_is_refused_under_it() {
    use chrono::TimeZone;
    use layanan_desa::app::AppError;
    use layanan_desa::app::{CaseForm, ManualClock};

    let wib = |d, h, mi| {
        chrono::FixedOffset::east_opt(7 * 3600)
            .and_then(|z| z.with_ymd_and_hms(2026, 11, d, h, mi, 0).single())
            .map(|t| t.timestamp_millis())
            .expect("time")
    };
    let dir = tempfile::tempdir().expect("tmp");
    let platform = Recording::default();
    // Senin 30 November 2026 10.00 WIB: the office (built-in hours, Senin–Kamis 08.00–14.00)
    // is open while the cases are entered.
    let clock = Arc::new(ManualClock::new(wib(30, 10, 0)));
    let app = TestPhone::new(dir.path())
        .clock(&clock)
        .platform(platform.clone())
        .start();
    let under_field = |result: Result<String, AppError>| match result {
        Err(AppError::Form(errors)) => errors
            .into_iter()
            .find(|e| e.field == "pesan-masuk")
            .map(|e| e.message)
            .unwrap_or_else(|| panic!("no error under Pesan masuk")),
        other => panic!("expected a refusal under Pesan masuk, got {other:?}"),
    };

    // Android's layout, Saturday night: the case entered on Monday morning is out of hours.
    platform.receive_share(
        "28/11/26 20.14 - Siti Aminah: pak mau urus akte kelahiran anak, WA 0812 3456 7890",
    );
    assert!(app.take_share_into_draft().expect("share"));
    let view = app.new_case_view(None).expect("view");
    assert_eq!(view.form.message_at, "2026-11-28T20:14");
    assert_eq!(view.message_default, "2026-11-30T10:00");
    let id = app.create_case(&view.form).expect("created");
    let case = app.case_view(&id).expect("case");
    assert_eq!(case.message, "Sab 28 Nov 2026 20.14 WIB");
    assert_eq!(case.received, "Sen 30 Nov 2026 10.00 WIB");
    let queue = app.home().expect("home").out_of_hours;
    let queued = queue
        .iter()
        .find(|c| c.id == id)
        .expect("written on Saturday night");
    assert_eq!(
        queued.received, "Sab 28 Nov 2026 20.14 WIB",
        "lists show Pesan masuk"
    );

    // iOS's bracketed layout with a 12-hour clock and seconds.
    platform.receive_share(
        "[29/11/26, 8.05.10\u{202f}PM] Budi: bu, mau tanya syarat sktm. 0813 1111 2222",
    );
    assert!(app.take_share_into_draft().expect("share"));
    let form = app.new_case_view(None).expect("view").form;
    assert_eq!(form.message_at, "2026-11-29T20:05");

    // One minute in the future, or text that is no time: refused, nothing saved.
    let before = app.home().expect("home");
    let future = CaseForm {
        message_at: "2026-11-30T10:01".into(),
        ..form.clone()
    };
    let message = under_field(app.create_case(&future));
    assert!(message.contains("masa depan"), "{message}");
    let message = under_field(app.create_case(&CaseForm {
        message_at: "kemarin sore".into(),
        ..form.clone()
    }));
    assert!(message.contains("tidak dikenal"), "{message}");
    assert_eq!(app.home().expect("home"), before, "nothing was saved");
    // The same minute as now is allowed (a datetime field has no seconds).
    let now_case = app
        .create_case(&CaseForm {
            message_at: "30/11/2026 10.00".into(),
            ..form.clone()
        })
        .expect("the minute now");
    assert_eq!(
        app.case_view(&now_case).expect("case").message,
        "Sen 30 Nov 2026 10.00 WIB"
    );
    // Left empty: the moment the case is saved.
    let empty = app
        .create_case(&CaseForm {
            message_at: String::new(),
            ..form
        })
        .expect("empty");
    assert_eq!(
        app.case_view(&empty).expect("case").message,
        "Sen 30 Nov 2026 10.00 WIB"
    );

    // Corrected later: not after the case's first event (created 10.00), even when that is
    // still in the past; an earlier in-hours time clears the out-of-hours mark.
    clock.set(wib(30, 10, 30));
    let message = under_field(
        app.set_message_time(&id, "2026-11-30T10:05")
            .map(|_| String::new()),
    );
    assert!(message.contains("sesudah catatan pertama"), "{message}");
    let message = under_field(
        app.set_message_time(&id, "2026-12-01T08:00")
            .map(|_| String::new()),
    );
    assert!(message.contains("masa depan"), "{message}");
    assert_eq!(
        app.case_view(&id).expect("case").message,
        "Sab 28 Nov 2026 20.14 WIB"
    );
    app.set_message_time(&id, "27/11/2026 09.00")
        .expect("in hours");
    let case = app.case_view(&id).expect("case");
    assert_eq!(case.message, "Jum 27 Nov 2026 09.00 WIB");
    assert!(
        case.timeline
            .iter()
            .any(|e| e.text == "Pesan masuk diubah menjadi Jum 27 Nov 2026 09.00 WIB"),
        "the correction is in the timeline"
    );
    let queue = app.home().expect("home").out_of_hours;
    assert!(
        !queue.iter().any(|c| c.id == id),
        "now written in office hours"
    );
}

/// "Tempel pesan WA": the message copied in WhatsApp fills the draft the way a shared one
/// does; an empty clipboard, or one Android hides from an app not on screen, is said in words
/// and changes nothing; a draft being typed keeps what it had and gets the message appended.
#[test]
fn a_pasted_message_fills_the_draft_and_an_empty_clipboard_is_explained() {
    use layanan_desa::app::AppError;
    let dir = tempfile::tempdir().expect("tmp");
    let platform = Recording::default();
    let phone = TestPhone::new(dir.path())
        .at(1_795_869_000_000)
        .platform(platform.clone());
    let app = phone.start();

    let nothing = app
        .paste_clipboard_into_draft()
        .expect_err("nothing copied");
    assert!(matches!(nothing, AppError::NothingToPaste));
    assert!(
        nothing
            .to_string()
            .contains("tekan lama pesan warga, pilih Salin"),
        "{nothing}"
    );
    assert_eq!(app.load_draft().expect("draft"), None);

    platform.copy_elsewhere("   \n ");
    assert!(matches!(
        app.paste_clipboard_into_draft(),
        Err(AppError::NothingToPaste)
    ));

    let copied = "[28/11/26 20.14] Siti Aminah: pak mau urus akte kelahiran, WA 0812 3456 7890";
    platform.copy_elsewhere(copied);
    platform.set_background(true);
    assert!(
        matches!(
            app.paste_clipboard_into_draft(),
            Err(AppError::NothingToPaste)
        ),
        "Android hides the clipboard from an app not on screen"
    );
    platform.set_background(false);

    // A draft being typed: its name stays, the rest is filled, the message appended.
    app.update_draft(|f| {
        f.resident_name = "Bu Siti".into();
        f.notes = "datang sore".into();
    })
    .expect("typing");
    assert!(app.paste_clipboard_into_draft().expect("pasted"));
    let form = phone
        .start()
        .load_draft()
        .expect("draft")
        .expect("kept in the file");
    assert_eq!(form.resident_name, "Bu Siti");
    assert_eq!(form.phone, "+6281234567890");
    assert_eq!(form.service_id, "akta-kelahiran");
    assert_eq!(form.message_at, "2026-11-28T20:14");
    assert!(form.notes.starts_with("datang sore\n\n"), "{}", form.notes);
    assert!(
        form.notes
            .ends_with("pak mau urus akte kelahiran, WA 0812 3456 7890"),
        "{}",
        form.notes
    );

    // The desktop preview's page reads its own clipboard and hands the text over.
    assert!(matches!(
        app.paste_into_draft(""),
        Err(AppError::NothingToPaste)
    ));
}
