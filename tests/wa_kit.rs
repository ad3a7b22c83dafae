//! The office profile in Pengaturan and the WhatsApp Business kit built from it: settings are
//! checked field by field and saved all-or-nothing, holidays import from a file, the greeting
//! and away texts carry the hours, quick replies come from the catalog, and the A4 poster's QR
//! code, rendered by a real SVG renderer (resvg) and read by a QR decoder (rqrr), gives back
//! the office's click-to-chat link.

mod common;
use common::TestPhone;

use layanan_desa::app::office::FieldError;
use layanan_desa::app::App;
use layanan_desa::domain::wa_kit::{QUICK_REPLY_MAX, SHORTCUT_MAX};
use layanan_desa::platform::recording::{Device, Recording};

/// Saturday 28 November 2026 20.00 WIB.
const SATURDAY_NIGHT: i64 = 1_795_870_800_000;

fn app_in(dir: &std::path::Path) -> (App, Recording) {
    let platform = Recording::new(Device::default());
    let app = TestPhone::new(dir)
        .at(SATURDAY_NIGHT)
        .platform(platform.clone())
        .start();
    (app, platform)
}

/// Renders the SVG with resvg and decodes every QR code found in it.
fn decode_qr(svg: &str) -> Vec<String> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("svg");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let width = pixmap.width() as usize;
    let data = pixmap.data();
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, pixmap.height() as usize, |x, y| {
            let i = (y * width + x) * 4;
            // Transparent counts as white paper.
            if data[i + 3] == 0 {
                255
            } else {
                ((u16::from(data[i]) + u16::from(data[i + 1]) + u16::from(data[i + 2])) / 3) as u8
            }
        });
    image
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("decodes").1)
        .collect()
}

#[test]
fn the_poster_qr_decodes_to_the_offices_click_to_chat_link() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, platform) = app_in(dir.path());
    // Without the office number there is no poster, and the message says what to do.
    assert_eq!(app.wa_kit().expect("kit").poster_svg, None);
    assert_eq!(
        app.save_poster().expect_err("no number").to_string(),
        "Isi dulu nomor WhatsApp kantor di Pengaturan untuk membuat poster."
    );

    let mut form = app.settings_view().form;
    form.office_phone = "0331-5551234".into();
    let errors = app
        .save_settings(&form)
        .expect_err("landline refused")
        .into_field_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "office_phone");
    form.office_phone = "0812-3456-7890".into();
    form.village = "Wonojati & Sekitarnya".into();
    app.save_settings(&form).expect("saved");

    let kit = app.wa_kit().expect("kit");
    let link = "https://wa.me/6281234567890?text=Halo%2C%20saya%20ingin%20mengurus%20";
    assert_eq!(kit.link.as_deref(), Some(link));
    let svg = kit.poster_svg.expect("poster");
    assert!(svg.contains("width=\"210mm\" height=\"297mm\""), "A4");
    assert!(
        svg.contains("Desa Wonojati &amp; Sekitarnya"),
        "escaped name"
    );
    assert!(svg.contains("Senin–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB"));
    assert!(svg.contains("WhatsApp: +62 812-3456-7890"));
    assert_eq!(decode_qr(&svg), [link]);

    // Saved through the platform, byte for byte.
    app.save_poster().expect("saved");
    let saved = platform.saved();
    assert_eq!(saved[0].name, "poster-wa-desa-wonojati-&-sekitarnya.svg");
    assert_eq!(saved[0].mime, "image/svg+xml");
    assert_eq!(decode_qr(&String::from_utf8_lossy(&saved[0].bytes)), [link]);
}

#[test]
fn greeting_away_and_quick_replies_come_from_hours_and_catalog() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, _) = app_in(dir.path());
    let mut form = app.settings_view().form;
    form.days[0] = "08.00–12.00, 12.30–15.00".into();
    app.save_settings(&form).expect("saved");
    let kit = app.wa_kit().expect("kit");
    let hours =
        "Senin 08.00–12.00 dan 12.30–15.00, Selasa–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB";
    assert!(kit.greeting.contains(hours), "{}", kit.greeting);
    assert!(kit.away.contains(hours), "{}", kit.away);
    // No promise the app cannot keep, and the office is told the schedule knows no holidays.
    assert!(!kit.away.contains("tidak akan hilang"), "{}", kit.away);
    assert!(kit.away_note.contains("hari libur") && kit.away_note.contains("Selalu kirim"));

    assert_eq!(kit.quick_replies.len(), app.catalog().services.len());
    assert!(kit.quick_replies.len() <= QUICK_REPLY_MAX);
    assert_eq!(kit.quick_reply_warning, None);
    let mut shortcuts: Vec<&str> = kit.quick_replies.iter().map(|q| q.0.as_str()).collect();
    // Short and memorable, as typed into the Pintasan field (without the "/").
    for expected in ["aktalahir", "kkbaru", "sktm", "skck", "kkhilangrusak"] {
        assert!(shortcuts.contains(&expected), "{expected} in {shortcuts:?}");
    }
    for s in &shortcuts {
        assert!(!s.is_empty() && s.len() <= SHORTCUT_MAX, "{s}");
        assert!(
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            "{s}"
        );
    }
    shortcuts.sort_unstable();
    shortcuts.dedup();
    assert_eq!(shortcuts.len(), kit.quick_replies.len(), "unique shortcuts");
    // A quick reply has no placeholders left (WhatsApp Business has no variables) and is the
    // requirement message of its service.
    let (_, name, text) = kit
        .quick_replies
        .iter()
        .find(|q| q.0 == "aktalahir")
        .expect("akta");
    assert_eq!(name, "Akta kelahiran");
    assert!(!text.contains('{'));
    assert_eq!(
        text,
        &app.requirements_message("akta-kelahiran").expect("message")
    );
    assert!(text.contains(hours));
}

#[test]
fn settings_are_checked_per_field_and_saved_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, _) = app_in(dir.path());
    let before = app.settings_view();
    assert!(!before.hours_confirmed);
    assert_eq!(before.form.days[0], "08.00–14.00");
    assert_eq!(before.form.days[5], "");

    let mut form = before.form.clone();
    form.village = "  ".into();
    form.official = "Bu Lilik".into();
    form.head_phone = "08123abc".into();
    form.days[2] = "08.00–12.00, 11.00–14.00".into();
    form.days[4] = "8 pagi".into();
    let errors = app
        .save_settings(&form)
        .expect_err("refused")
        .into_field_errors();
    let fields: Vec<(&str, &str)> = errors
        .iter()
        .map(|FieldError { field, message }| (field.as_str(), message.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("village", "Nama desa wajib diisi."),
            (
                "head_phone",
                "Nomor HP berisi huruf \"a\": tulis angkanya saja, misalnya 0812 3456 7890."
            ),
            ("day-2", "Jam Rabu bertumpuk: 08.00–12.00 dan 11.00–14.00."),
            (
                "day-4",
                "Jam \"8 pagi\" tidak dikenal. Tulis seperti 08.00–14.00."
            ),
        ]
    );
    assert_eq!(app.settings_view(), before, "nothing saved half-way");

    let mut all_closed = before.form.clone();
    all_closed.days = Default::default();
    let errors = app
        .save_settings(&all_closed)
        .expect_err("closed all week")
        .into_field_errors();
    assert_eq!(
        errors[0].message,
        "Isi jam layanan paling sedikit untuk satu hari."
    );

    // A good form is saved, survives a restart, and confirms the hours.
    let mut good = before.form.clone();
    good.official = "Bu Lilik".into();
    good.days[5] = "08.00-11.00".into();
    app.save_settings(&good).expect("saved");
    drop(app);
    let (app, _) = app_in(dir.path());
    let after = app.settings_view();
    assert!(after.hours_confirmed);
    assert_eq!(after.form.official, "Bu Lilik");
    assert_eq!(after.form.days[5], "08.00–11.00");
    assert_eq!(
        after.hours_text,
        "Senin–Kamis 08.00–14.00, Jumat–Sabtu 08.00–11.00 WIB"
    );
    assert!(!app.home().expect("home").hours_unconfirmed);
    // The official's name is the actor of new events.
    assert_eq!(app.office().official, "Bu Lilik");
}

#[test]
fn holidays_import_checks_every_line_first_and_move_the_next_opening() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, _) = app_in(dir.path());
    let bad = "tanggal;keterangan\n30/11/2026;Libur contoh\n31/11/2026;Tanggal salah\n";
    let error = app.import_holidays(bad).expect_err("bad line");
    assert_eq!(
        error.to_string(),
        "Baris 3: tanggal \"31/11/2026\" tidak dikenal. Tulis seperti 2027-01-01 atau 01/01/2027."
    );
    assert!(app.settings_view().holidays.is_empty(), "nothing imported");

    let good = "tanggal;keterangan\n30/11/2026;Libur contoh\n2026-12-25;Hari Raya Natal\n";
    assert_eq!(app.import_holidays(good).expect("imported"), 2);
    let holidays = app.settings_view().holidays;
    assert_eq!(
        holidays[0],
        (
            "2026-11-30".to_string(),
            "Senin 30 November 2026".to_string(),
            "Libur contoh".to_string()
        )
    );
    // Saturday night: Monday is now a holiday, so the office opens Tuesday.
    assert_eq!(
        app.office_status().expect("status"),
        (
            false,
            "hari Selasa 1 Desember 2026 mulai pukul 08.00 WIB".to_string()
        )
    );
    app.delete_holiday("2026-11-30").expect("deleted");
    app.add_holiday("1/12/2026", "  Libur   desa ")
        .expect("added");
    assert_eq!(app.settings_view().holidays[0].2, "Libur desa");
    assert_eq!(
        app.add_holiday("kemarin", "x")
            .expect_err("bad")
            .to_string(),
        "Tanggal \"kemarin\" tidak dikenal. Tulis seperti 2027-01-01 atau 01/01/2027."
    );
}

/// WhatsApp Business keeps 50 quick replies: the office's own services can push the catalog
/// past that, and the kit says so instead of letting the last ones silently not fit. Ids that
/// shorten alike still get unique shortcuts.
#[test]
fn the_kit_warns_past_fifty_quick_replies_and_keeps_shortcuts_unique() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, _) = app_in(dir.path());
    let builtin = app.catalog().services.len();
    let extra = QUICK_REPLY_MAX + 1 - builtin;
    let mut toml = String::new();
    for i in 0..extra {
        toml.push_str(&format!(
            "[[service]]\nid = \"keterangan-ternak-{i}\"\nname = \"Surat keterangan ternak {i}\"\n\
             category = \"surat-desa\"\nprocessed_at = \"desa\"\nsubmit_at = \"desa\"\npickup_at = \"desa\"\noutcome = \"surat-desa\"\n\
             duration_days = {{ min = 0, max = 1 }}\nfee = 0\nsteps = [\"Bawa berkas.\"]\n\
             source = [\"Kantor Desa Wonojati\"]\n\n[[service.requirement]]\nlabel = \"KTP-el\"\n\n"
        ));
    }
    // Shortens to "kettutup", like nothing else; and one that collides with "sktm".
    toml.push_str(
        "[[service]]\nid = \"s-ktm\"\nname = \"SKTM versi kantor\"\ncategory = \"surat-desa\"\n\
         processed_at = \"desa\"\nsubmit_at = \"desa\"\npickup_at = \"desa\"\noutcome = \"surat-desa\"\nduration_days = { min = 0, max = 1 }\n\
         fee = 0\nsteps = [\"Bawa berkas.\"]\nsource = [\"Kantor Desa Wonojati\"]\n\n\
         [[service.requirement]]\nlabel = \"KTP-el\"\n",
    );
    app.save_office_catalog_file("tambahan.toml", &toml)
        .expect("office services");
    let kit = app.wa_kit().expect("kit");
    assert_eq!(kit.quick_replies.len(), QUICK_REPLY_MAX + 2);
    let warning = kit.quick_reply_warning.expect("a warning past 50");
    assert!(
        warning.contains("52 layanan") && warning.contains("50 balasan cepat"),
        "{warning}"
    );
    let mut shortcuts: Vec<&str> = kit.quick_replies.iter().map(|q| q.0.as_str()).collect();
    assert!(shortcuts.contains(&"sktm") && shortcuts.contains(&"sktm2"));
    assert!(shortcuts.contains(&"ketternak0"));
    shortcuts.sort_unstable();
    shortcuts.dedup();
    assert_eq!(shortcuts.len(), QUICK_REPLY_MAX + 2, "unique shortcuts");
}

/// "Siapkan HP ini": offered on a new, empty book whose hours nobody confirmed; each step saves
/// its own fields (checked, with errors under them) into the office profile; once finished or
/// skipped it is not offered again, even after a restart, until Pengaturan asks; a book that
/// already has cases or confirmed hours (an office upgrading) never sees it by itself.
#[test]
fn the_first_start_guide_sets_up_a_new_phone_and_stays_done() {
    let dir = tempfile::tempdir().expect("tmp");
    let phone = TestPhone::new(dir.path()).at(SATURDAY_NIGHT);
    let app = phone.start();
    assert!(app.first_start_due(), "a new, empty book");
    let view = app.first_start_view();
    assert_eq!(view.village, "Wonojati");
    assert!(!view.hours_confirmed);

    let errors = app
        .save_first_office(" ", "Jenggawah", "Jember", "0812 34")
        .expect_err("no village, short number")
        .into_field_errors();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["village", "office_phone"]);
    app.save_first_office("Wonojati", "Jenggawah", "Jember", "0812 3000 4455")
        .expect("office");
    app.confirm_first_hours().expect("hours");
    assert!(matches!(
        app.save_first_official("  "),
        Err(layanan_desa::app::AppError::Form(_))
    ));
    app.save_first_official("Bu  Lilik").expect("official");
    let office = app.office();
    assert_eq!(office.office_phone.as_deref(), Some("6281230004455"));
    assert_eq!(office.official, "Bu Lilik");
    assert!(office.hours_confirmed);
    // Saved, but the guide is only over when the official says so.
    app.end_first_start().expect("done");
    assert!(!app.first_start_due());
    drop(app);
    let app = phone.start();
    assert!(!app.first_start_due(), "not again after a restart");
    assert_eq!(app.office().official, "Bu Lilik", "kept in the book");
    app.restart_first_start().expect("again");
    assert!(app.first_start_due(), "Pengaturan asked for it");

    // An office that already works with the app (cases, or hours confirmed) is not asked.
    let upgraded = tempfile::tempdir().expect("tmp");
    let app = TestPhone::new(upgraded.path())
        .at(SATURDAY_NIGHT)
        .seeded(3, 1)
        .start();
    assert!(!app.first_start_due(), "a book with cases");
    let confirmed = tempfile::tempdir().expect("tmp");
    let app = TestPhone::new(confirmed.path())
        .at(SATURDAY_NIGHT)
        .setting("jam_layanan_dikonfirmasi", "ya")
        .start();
    assert!(!app.first_start_due(), "hours confirmed before");
}
