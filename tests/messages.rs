//! What goes out to a resident: phone numbers normalised for WhatsApp, the wa.me link, the
//! order of apps tried, and reply templates, through the library and `layanan-desa wa-link`.

mod common;
use common::TestPhone;

use std::process::Command;
use std::sync::Arc;

use expect_test::expect;
use layanan_desa::app::App;
use layanan_desa::domain::phone::{PhoneError, WaNumber};
use layanan_desa::domain::template::{
    load_templates, Placeholder, Template, TemplateError, Values,
};
use layanan_desa::domain::whatsapp::{
    wa_me_link, ChatRequest, ChatTarget, WHATSAPP, WHATSAPP_BUSINESS,
};
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::platform::{Platform, PlatformError};
use proptest::prelude::*;

fn check_phone(raw: &str, expect: Result<&str, PhoneError>) {
    let got = WaNumber::parse(raw);
    assert_eq!(
        got.as_ref().map(WaNumber::digits).map_err(Clone::clone),
        expect,
        "input {raw:?}"
    );
}

#[test]
fn phone_formats_people_write() {
    let cases: &[(&str, &str)] = &[
        ("0812-3456-7890", "6281234567890"),
        ("081234567890", "6281234567890"),
        ("0812 3456 7890", "6281234567890"),
        ("0812.3456.7890", "6281234567890"),
        ("0812 - 3456 - 7890", "6281234567890"),
        ("(0812) 3456-7890", "6281234567890"),
        ("0812–3456–7890", "6281234567890"),
        ("0812—3456—7890", "6281234567890"),
        ("0812‑3456‑7890", "6281234567890"),
        ("0812/3456/7890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("+62-812-3456-7890", "6281234567890"),
        ("+62 (812) 3456 7890", "6281234567890"),
        ("+62 0812 3456 7890", "6281234567890"),
        ("+6281234567890", "6281234567890"),
        ("62812 3456 7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("0062 812 3456 7890", "6281234567890"),
        ("812 3456 7890", "6281234567890"),
        ("8123-4567-890", "6281234567890"),
        ("WA: 0812 3456 7890", "6281234567890"),
        ("wa 0812-3456-7890", "6281234567890"),
        ("No. HP: 0813-3000-1234", "6281330001234"),
        ("Telp. 0857 3000 1234", "6285730001234"),
        ("Nomor WA - 0895 1234 5678", "6289512345678"),
        ("  0812 3456 7890  ", "6281234567890"),
        ("\u{202a}+62 812-3456-7890\u{202c}", "6281234567890"),
        ("０８１２-３４５６-７８９０", "6281234567890"),
        ("08123456789", "628123456789"),
        ("0811 234 567", "62811234567"),
        ("0821 1234 5678", "6282112345678"),
        ("0878 1234 5678", "6287812345678"),
        ("0881 2345 6789", "6288123456789"),
        // Family members working abroad: + and the country code.
        ("+60 12-345 6789", "60123456789"),
        ("+852 9123 4567", "85291234567"),
        ("+886 912 345 678", "886912345678"),
        ("+966 50 123 4567", "966501234567"),
        ("+65 9123 4567", "6591234567"),
        ("00 60 12 345 6789", "60123456789"),
        // A note after the number, as contact cards and lists write it.
        ("081234567890 (WA)", "6281234567890"),
        ("0812 3456 7890 (wa)", "6281234567890"),
        ("0812-3456-7890 Pak RT", "6281234567890"),
        ("WA: 0812 3456 7890 [kantor]", "6281234567890"),
    ];
    assert!(cases.len() >= 30);
    for (raw, digits) in cases {
        check_phone(raw, Ok(digits));
    }
}

#[test]
fn phone_rejections_say_why() {
    let cases: &[(&str, PhoneError)] = &[
        ("", PhoneError::Empty),
        ("   ", PhoneError::Empty),
        ("WA:", PhoneError::Empty),
        ("0812abc7890", PhoneError::Letter('a')),
        ("0812 3456 789O", PhoneError::Letter('O')),
        // A letter among the digits is a typo or a vanity number, never a note.
        ("0812-34a6-7890", PhoneError::Letter('a')),
        ("0812 3456 7890WA", PhoneError::Letter('W')),
        ("0812 3456 789 O", PhoneError::Letter('O')),
        ("0812*3456*7890", PhoneError::Symbol('*')),
        ("0812++3456", PhoneError::MisplacedPlus),
        ("0812 345", PhoneError::TooShort { digits: 7 }),
        ("081234567", PhoneError::TooShort { digits: 9 }),
        ("0812 3456 7890 123", PhoneError::TooLong { digits: 15 }),
        ("0331 487 123", PhoneError::Landline),
        ("(0331) 487123", PhoneError::Landline),
        ("021 5555 1234", PhoneError::Landline),
        ("+62 331 487123", PhoneError::Landline),
        ("60123456789", PhoneError::ForeignWithoutPlus),
        (
            "+999 123 456 789",
            PhoneError::UnknownCountryCode("999".into()),
        ),
        ("12345", PhoneError::BadStart("12345".into())),
    ];
    for (raw, err) in cases {
        check_phone(raw, Err(err.clone()));
    }
    // Every message is a sentence an official can act on.
    for (_, err) in cases {
        let msg = err.to_string();
        assert!(msg.ends_with('.') && msg.len() > 15, "{msg}");
    }
}

proptest! {
    #[test]
    fn phone_parse_never_panics(raw in "\\PC{0,40}") {
        let _ = WaNumber::parse(&raw);
    }

    #[test]
    fn phone_parse_never_panics_on_number_like_input(raw in "[+0-9 ()./\\-–WAwa:]{0,30}") {
        let _ = WaNumber::parse(&raw);
    }

    #[test]
    fn separators_never_change_the_number(rest in "[0-9]{8}", sep in "[ .\\-–]{0,2}") {
        let raw = format!("0812{sep}{}{sep}{}", &rest[..4], &rest[4..]);
        let number = WaNumber::parse(&raw);
        prop_assert_eq!(number.map(|n| n.digits().to_string()), Ok(format!("62812{rest}")));
    }

    /// What the case book stored comes back as the same number, without parsing again.
    #[test]
    fn a_stored_number_reads_back_as_parsed(rest in "[0-9]{8}", plus in proptest::bool::ANY) {
        let raw = if plus { format!("+62 812 {rest}") } else { format!("0812{rest}") };
        let number = WaNumber::parse(&raw).expect("valid number");
        prop_assert_eq!(WaNumber::from_stored(number.digits()), Some(number));
    }

    #[test]
    fn link_text_round_trips(text in "\\PC{0,200}") {
        let number = WaNumber::parse("0812 3456 7890").expect("valid number");
        let link = wa_me_link(&number, &text);
        let encoded = link.split_once("?text=").map_or("", |(_, t)| t);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        let decoded = percent_encoding::percent_decode_str(encoded).decode_utf8().expect("utf8");
        prop_assert_eq!(decoded, text);
    }
}

/// A stored value of another shape (edited by hand) is no number, never a panic.
#[test]
fn a_stored_number_of_another_shape_is_none() {
    for bad in [
        "",
        "0812",
        "62812345678901234",
        "62 812",
        "+6281234567890",
        "62812a4567890",
    ] {
        assert_eq!(WaNumber::from_stored(bad), None, "{bad:?}");
    }
    assert!(WaNumber::from_stored("6281234567890").is_some());
}

#[test]
fn wa_me_link_encodes_what_breaks_urls() {
    let number = WaNumber::parse("0812-3456-7890").expect("valid number");
    let link = wa_me_link(&number, "Syarat *KK*:\n1. A & B #2 + 5% 🙏");
    assert_eq!(
        link,
        "https://wa.me/6281234567890?text=Syarat%20%2AKK%2A%3A%0A1.%20A%20%26%20B%20%232%20%2B%205%25%20%F0%9F%99%8F"
    );
    assert_eq!(wa_me_link(&number, ""), "https://wa.me/6281234567890");
}

#[test]
fn chat_tries_business_then_whatsapp_then_the_link() {
    let number = WaNumber::parse("0812 3456 7890").expect("valid number");
    let chat = ChatRequest::new(number, "Halo");
    let packages: Vec<_> = chat
        .targets
        .iter()
        .map(|t| match t {
            ChatTarget::App { package, uri } => {
                assert_eq!(uri, &chat.link);
                *package
            }
            ChatTarget::Browser { uri } => {
                assert_eq!(uri, &chat.link);
                "browser"
            }
        })
        .collect();
    assert_eq!(packages, [WHATSAPP_BUSINESS, WHATSAPP, "browser"]);

    let phones = [
        (
            vec![WHATSAPP_BUSINESS, WHATSAPP],
            true,
            Ok("WhatsApp Business"),
        ),
        (vec![WHATSAPP], true, Ok("WhatsApp")),
        (vec![], true, Ok("tautan wa.me di peramban")),
        (vec![], false, Err(PlatformError::NoWhatsApp)),
    ];
    for (installed, has_browser, expected) in phones {
        let phone = Recording::new(Device {
            installed_packages: installed,
            has_browser,
            ..Device::default()
        });
        let got = phone.open_chat(&chat).map(|t| t.label());
        assert_eq!(got, expected);
        assert_eq!(phone.chats(), vec![chat.clone()]);
    }
    assert!(!chat.is_long());
    assert!(ChatRequest::new(chat.number.clone(), "a".repeat(2001)).is_long());
}

#[test]
fn templates_refuse_unknown_or_broken_placeholders() {
    let cases: &[(&str, TemplateError)] = &[
        (
            "Halo {nma}",
            TemplateError::UnknownPlaceholder {
                name: "nma".into(),
                position: 6,
                available: String::new(),
            },
        ),
        ("Halo {nama", TemplateError::Unclosed { position: 6 }),
        ("Halo {nama\n}", TemplateError::Unclosed { position: 6 }),
        ("Halo nama}", TemplateError::StrayClose { position: 10 }),
        ("   \n", TemplateError::Empty),
    ];
    for (text, expected) in cases {
        let got = Template::parse(text).expect_err(text);
        match (&got, expected) {
            (
                TemplateError::UnknownPlaceholder {
                    name,
                    position,
                    available,
                },
                TemplateError::UnknownPlaceholder {
                    name: n,
                    position: p,
                    ..
                },
            ) => {
                assert_eq!((name, position), (n, p));
                assert!(available.contains("{nama}") && available.contains("{kekurangan}"));
                assert!(got.to_string().contains("{nma}"), "{got}");
            }
            _ => assert_eq!(&got, expected),
        }
    }
    // Loading a template file with an unknown field names the file and template.
    let err = load_templates(&[(
        "kantor.toml",
        "[[template]]\nid = \"x\"\nname = \"X\"\ntext = \"Halo {nama_warga}\"\n",
    )])
    .expect_err("unknown");
    assert!(
        err.to_string().contains("kantor.toml")
            && err.to_string().contains("\"x\"")
            && err.to_string().contains("nama_warga"),
        "{err}"
    );
}

#[test]
fn templates_keep_whatsapp_formatting_and_never_leave_gaps() {
    let t = Template::parse("*{layanan}* untuk _{nama}_ ~lama~ ```kode``` {{bukan kolom}}")
        .expect("valid");
    assert_eq!(
        t.placeholders(),
        vec![Placeholder::Service, Placeholder::Name]
    );
    let mut values = Values::default();
    values.set(Placeholder::Service, "KIA");
    assert_eq!(t.render(&values), Err(TemplateError::MissingValue("nama")));
    values.set(Placeholder::Name, "Bu Siti");
    assert_eq!(
        t.render(&values).as_deref(),
        Ok("*KIA* untuk _Bu Siti_ ~lama~ ```kode``` {bukan kolom}")
    );
}

#[test]
fn requirements_message_reads_well() {
    let app = App::builtin(Arc::new(Recording::default())).expect("built-in app");
    let text = app.requirements_message("akta-kelahiran").expect("renders");
    expect![[r#"
        Terima kasih, Bapak/Ibu, sudah menghubungi Pemerintah Desa Wonojati 🙏

        Persyaratan *Akta kelahiran*:
        1. Surat keterangan kelahiran asli (dari rumah sakit, puskesmas atau bidan; dari Kepala Desa bila lahir di rumah)
        2. Fotokopi buku nikah / kutipan akta perkawinan orang tua
        3. Fotokopi Kartu Keluarga (KK)
        4. Fotokopi KTP-el ayah dan ibu
        5. SPTJM kebenaran data kelahiran, dengan 2 orang saksi (formulir tersedia di kantor desa) _(jika tidak ada surat keterangan kelahiran)_
        6. SPTJM kebenaran pasangan suami istri (formulir tersedia di kantor desa) _(jika orang tua tidak punya buku nikah)_

        *Langkah*:
        1. Laporkan kelahiran paling lambat 60 hari setelah lahir (UU 24/2013 Pasal 27).
        2. Serahkan berkas ke operator desa; bila lahir di rumah, desa membuatkan surat keterangan kelahiran.
        3. Operator desa mengajukan akta (dan penambahan anak di KK) lewat J-Lahbako.
        4. Akta terbit bertanda tangan elektronik; desa meneruskan PDF-nya, warga mencetak di HVS A4 putih.

        Diproses di: Diajukan operator desa lewat J-Lahbako ke Dispendukcapil Jember
        Perkiraan waktu: 1–3 hari kerja
        Biaya: Gratis
        Hasil: Dokumen digital bertanda tangan elektronik (QR), dicetak di kertas HVS A4

        Silakan bawa berkas ke kantor desa. Jam layanan kami: Senin–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB.
        _Pemerintah Desa Wonojati_"#]]
    .assert_eq(&text);
    // Every service renders, and stays under WhatsApp's prefill limit.
    for service in &app.catalog().services {
        let text = app
            .requirements_message(service.id.as_str())
            .expect("renders");
        assert!(
            text.chars().count() < 2000,
            "{} is {} chars",
            service.id,
            text.chars().count()
        );
    }
}

#[test]
fn cli_wa_link_prints_the_link_or_the_reason() {
    let bin = env!("CARGO_BIN_EXE_layanan-desa");
    let out = Command::new(bin)
        .args([
            "wa-link",
            "--phone",
            "WA: 0812-3456-7890",
            "--text",
            "Halo & selamat #1",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "https://wa.me/6281234567890?text=Halo%20%26%20selamat%20%231"
    );

    for (phone, reason) in [
        ("0331 487123", "telepon rumah"),
        ("0812 34", "terlalu pendek"),
        ("0812 3456 7890 12345", "terlalu panjang"),
        ("0812 ABC", "huruf"),
    ] {
        let out = Command::new(bin)
            .args(["wa-link", "--phone", phone, "--text", "x"])
            .output()
            .expect("run");
        assert!(!out.status.success(), "{phone} must be refused");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason), "{phone}: {stderr}");
    }
}

/// A case book on a real SQLite file, on a Monday morning in office hours.
fn app_with_book(dir: &std::path::Path) -> App {
    // Monday 30 November 2026, 09.00 WIB.
    TestPhone::new(dir).at(1_796_004_000_000).start()
}

/// Every default reply addresses the resident with `{sapaan}` ("Bapak/Ibu" until the official
/// chooses Bapak or Ibu on the case), and none opens with a religious phrase (residents of
/// every faith write to the office).
#[test]
fn every_default_reply_addresses_the_resident_with_the_salutation() {
    let templates = load_templates(&[(
        "default.toml",
        include_str!("../assets/templates/default.toml"),
    )])
    .expect("defaults load");
    assert!(templates.len() >= 10);
    for t in &templates {
        let text = t.template.source();
        assert!(text.contains("{sapaan}"), "{}: {text}", t.id);
        assert!(
            !text.contains("Bapak/Ibu"),
            "{}: written out instead of {{sapaan}}",
            t.id
        );
        for phrase in ["Alhamdulillah", "Assalamualaikum", "Insya Allah"] {
            assert!(!text.contains(phrase), "{}: {phrase}", t.id);
        }
    }
}

/// Where the resident goes follows the service: KTP-el is recorded and handed over at the
/// kecamatan, so no reply about it sends the resident to the desa office; a desa letter and a
/// J-Lahbako document are brought to and picked up at the desa.
#[test]
fn replies_send_the_resident_where_the_service_is_handled() {
    use layanan_desa::app::CaseForm;
    let dir = tempfile::tempdir().expect("tmp");
    let app = app_with_book(dir.path());
    for (service, place) in [
        ("ktp-baru", "kantor kecamatan"),
        ("ktp-hilang", "kantor kecamatan"),
        ("domisili", "kantor desa"),
        ("akta-kelahiran", "kantor desa"),
        ("legalisir", "Dispendukcapil Jember"),
        ("aktivasi-ikd", "Dispendukcapil Jember"),
    ] {
        let requirements = app.requirements_message(service).expect("renders");
        assert!(
            requirements.contains(&format!("Silakan bawa berkas ke {place}.")),
            "{service}: {requirements}"
        );
        let id = app
            .create_case(&CaseForm {
                resident_name: "Siti Aminah".into(),
                phone: "0812 3456 7890".into(),
                service_id: service.into(),
                ..CaseForm::default()
            })
            .expect("create");
        for template in ["salam", "belum-lengkap", "siap-diambil", "pengingat"] {
            let text = app.reply_text(&id, template).expect("renders");
            assert!(text.contains(place), "{service}/{template}: {text}");
            if place != "kantor desa" {
                assert!(
                    !text.contains("kantor desa"),
                    "{service}/{template} names the desa office: {text}"
                );
            }
            assert!(text.contains("Bapak/Ibu Siti Aminah"), "{text}");
        }
    }
    // Every service of the catalog names a place for both, and the requirements reply of a
    // service handled at the kecamatan never names the desa office.
    for s in &app.catalog().services {
        assert!(!s.submit_place().is_empty() && !s.pickup_place().is_empty());
        let text = app.requirements_message(s.id.as_str()).expect("renders");
        assert!(text.contains(s.submit_place()), "{}", s.id);
        if s.submit_place() != "kantor desa" {
            assert!(!text.contains("kantor desa"), "{}: {text}", s.id);
        }
    }
}

/// A case of surat domisili for `name` with WhatsApp number `wa`; without a number the resident
/// came in person.
fn domisili_case(app: &App, name: &str, wa: &str) -> String {
    use layanan_desa::app::CaseForm;
    use layanan_desa::domain::case::Channel;
    app.create_case(&CaseForm {
        resident_name: name.into(),
        phone: wa.into(),
        service_id: "domisili".into(),
        channel: wa.is_empty().then_some(Channel::WalkIn),
        ..CaseForm::default()
    })
    .expect("case")
}

/// "Kabari semua yang siap diambil" on a real case book: the ready cases whose resident has not
/// been sent a reply since the status last changed, waiting longest first; telling one opens
/// WhatsApp with the listed text, records it, and takes the case off the list.
#[test]
fn residents_to_tell_are_the_ready_ones_not_told_since_and_telling_takes_one_off() {
    use layanan_desa::app::tell_ready::ToTell;
    use layanan_desa::app::{AppError, ManualClock};
    let dir = tempfile::tempdir().expect("tmp");
    // Monday 30 November 2026 09.00 WIB.
    let clock = Arc::new(ManualClock::new(1_796_004_000_000));
    let phone = TestPhone::new(dir.path()).clock(&clock);
    let app = phone.start();
    let make = |name: &str, wa: &str| {
        let id = domisili_case(&app, name, wa);
        app.apply_action(&id, "lengkap", None).expect("lengkap");
        app.apply_action(&id, "diproses:desa", None)
            .expect("proses");
        id
    };
    let (siti, rina, hasan, darto) = (
        make("Siti Aminah", "0812 3456 7890"),
        make("Rina Wulandari", "0813 5555 1212"),
        make("Hasan Basri", "0857 2222 3434"),
        make("Darto", ""),
    );
    // Siti was answered while her letter was being made: that does not tell her it is ready.
    app.send_case_reply(&siti, "diproses", "Sedang kami buat.")
        .expect("earlier reply");
    for id in [&rina, &siti, &darto] {
        clock.advance(60_000);
        app.apply_action(id, "siap-diambil", None).expect("siap");
    }
    let listed = |app: &App| -> Vec<ToTell> {
        app.residents_to_tell()
            .expect("list")
            .iter()
            .map(|id| app.resident_to_tell(id).expect("resident"))
            .collect()
    };
    let names = |app: &App| -> Vec<String> { listed(app).into_iter().map(|t| t.name).collect() };
    // Hasan is still in process; the others in the order their papers became ready.
    assert_eq!(names(&app), ["Rina Wulandari", "Siti Aminah", "Darto"]);
    assert_eq!(app.residents_to_tell().expect("ids").len(), 3);
    assert_eq!(app.home().expect("home").to_tell, 3);

    let listed = listed(&app);
    assert_eq!(listed[0].template_id, "siap-diambil");
    assert!(
        listed[0].text.contains("Bapak/Ibu Rina Wulandari"),
        "{}",
        listed[0].text
    );
    assert_eq!(listed[2].phone, None);
    let chats_before = phone.platform.chats().len();
    let (told, _) = app.tell_resident(&rina).expect("told");
    assert_eq!(told, "Rina Wulandari");
    let chats = phone.platform.chats();
    assert_eq!(chats.len(), chats_before + 1);
    assert_eq!(chats[chats.len() - 1].number.digits(), "6281355551212");
    assert_eq!(chats[chats.len() - 1].text, listed[0].text);
    assert_eq!(names(&app), ["Siti Aminah", "Darto"]);

    // No number: refused, nothing opened, still listed.
    assert!(matches!(
        app.tell_resident(&darto),
        Err(AppError::NoResidentPhone)
    ));
    assert_eq!(phone.platform.chats().len(), chats_before + 1);
    assert_eq!(names(&app), ["Siti Aminah", "Darto"]);

    // A status change after the message makes it news again; a closed case is not listed.
    app.apply_action(&siti, "selesai", None).expect("selesai");
    clock.advance(60_000);
    app.apply_action(&hasan, "siap-diambil", None)
        .expect("siap");
    assert_eq!(names(&app), ["Darto", "Hasan Basri"]);
    drop(app);
    // Read from the file again: the list is the store's, not memory.
    let app = phone.start();
    assert_eq!(names(&app), ["Darto", "Hasan Basri"]);
}

/// WhatsApp's marks as WhatsApp draws them.
#[test]
fn whatsapp_marks_are_read_in_pairs_hugging_their_text() {
    use layanan_desa::domain::wa_text::{runs, Run};
    let drawn = |text: &str| -> Vec<(String, &'static str)> {
        runs(text)
            .into_iter()
            .map(|r: Run| {
                let how = match (r.bold, r.italic, r.strike) {
                    (false, false, false) => "",
                    (true, false, false) => "b",
                    (false, true, false) => "i",
                    (false, false, true) => "s",
                    (true, true, false) => "bi",
                    _ => "other",
                };
                (r.text, how)
            })
            .collect()
    };
    let own = |pairs: &[(&str, &'static str)]| -> Vec<(String, &'static str)> {
        pairs.iter().map(|(t, h)| (t.to_string(), *h)).collect()
    };
    assert_eq!(
        drawn("Berkas *Akta kelahiran* sudah jadi."),
        own(&[
            ("Berkas ", ""),
            ("Akta kelahiran", "b"),
            (" sudah jadi.", "")
        ])
    );
    assert_eq!(
        drawn("KK asli _(jika ada)_\n_Pemerintah Desa_"),
        own(&[
            ("KK asli ", ""),
            ("(jika ada)", "i"),
            ("\n", ""),
            ("Pemerintah Desa", "i")
        ])
    );
    assert_eq!(drawn("*_penting_*"), own(&[("penting", "bi")]));
    assert_eq!(
        drawn("~salah~ benar"),
        own(&[("salah", "s"), (" benar", "")])
    );
    // Not marks: inside a word, a space just inside, alone, across lines, doubled.
    for plain in [
        "5*3*2 = 30",
        "nama_file_baru.pdf",
        "* bukan tebal*",
        "*bukan tebal *",
        "satu * bintang",
        "*baris\nbaru*",
        "**",
        "",
    ] {
        let got = drawn(plain);
        let text: String = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, plain, "{plain:?}");
        assert!(
            got.iter().all(|(_, how)| how.is_empty()),
            "{plain:?}: {got:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    /// Whatever the text, reading it never fails, and only marks are dropped: the letters come
    /// back in order.
    #[test]
    fn whatsapp_marks_drop_only_marks(text in "[a-c *_~\\n.]{0,40}") {
        use layanan_desa::domain::wa_text::runs;
        let drawn: String = runs(&text).into_iter().map(|r| r.text).collect();
        let letters = |s: &str| s.chars().filter(|c| !matches!(c, '*' | '_' | '~')).collect::<String>();
        prop_assert_eq!(letters(&drawn), letters(&text));
        prop_assert!(drawn.chars().count() <= text.chars().count());
    }
}

/// A new template's code is made from its name and never takes one in use, so "+ Templat baru"
/// never replaces another template; the official types no code.
#[test]
fn a_new_template_gets_a_free_code_from_its_name() {
    use layanan_desa::domain::template::code_for;
    assert_eq!(code_for("Jadwal rekam KTP", &[]), "jadwal-rekam-ktp");
    assert_eq!(
        code_for("  Siap diambil!! ", &["siap-diambil"]),
        "siap-diambil-2"
    );
    assert_eq!(
        code_for("Siap diambil", &["siap-diambil", "siap-diambil-2"]),
        "siap-diambil-3"
    );
    assert_eq!(code_for("🙏 ✓", &[]), "templat");
    assert_eq!(
        code_for("Ucapan Idul Fitri 1448 H", &[]),
        "ucapan-idul-fitri-1448-h"
    );

    let dir = tempfile::tempdir().expect("tmp");
    let app = TestPhone::new(dir.path()).at(1_795_869_000_000).start();
    let before = app.template_list();
    let default_ready = before
        .iter()
        .find(|(id, _, _)| id == "siap-diambil")
        .cloned()
        .expect("default template");
    let code = app
        .add_template(
            "Siap diambil",
            "Bapak/Ibu {nama}, silakan ambil besok pagi.",
        )
        .expect("added");
    assert_eq!(code, "siap-diambil-2");
    let after = app.template_list();
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after.contains(&default_ready),
        "the default one is untouched"
    );
    let refused = app.add_template(" ", "Halo").expect_err("no name");
    assert_eq!(refused.into_field_errors()[0].field, "nama");
    let refused = app
        .add_template("Jadwal", "Halo {tanggal}")
        .expect_err("unknown field");
    assert_eq!(refused.into_field_errors()[0].field, "teks");
    assert_eq!(app.template_list().len(), before.len() + 1, "nothing saved");
}

/// "Sapa warga sebagai": every reply of a case addresses the resident as the official chose,
/// kept in the case book; "Bapak/Ibu" until then, and for messages without a case.
#[test]
fn the_salutation_chosen_on_a_case_is_used_by_every_reply() {
    let dir = tempfile::tempdir().expect("tmp");
    let phone = TestPhone::new(dir.path()).at(1_796_004_000_000);
    let app = phone.start();
    let id = domisili_case(&app, "Siti Aminah", "0812 3456 7890");
    let reply = |app: &App, template: &str| app.reply_text(&id, template).expect("reply");
    assert!(reply(&app, "siap-diambil").starts_with("Kabar baik, Bapak/Ibu Siti Aminah:"));
    assert!(reply(&app, "persyaratan").contains("Terima kasih, Bapak/Ibu, sudah menghubungi"));

    app.set_salutation(&id, "ibu").expect("ibu");
    assert_eq!(
        app.case_view(&id).expect("view").salutation,
        layanan_desa::domain::case::Salutation::Madam
    );
    drop(app);
    let app = phone.start();
    for (template, start) in [
        ("siap-diambil", "Kabar baik, Ibu Siti Aminah:"),
        ("salam", "Terima kasih, Ibu Siti Aminah,"),
        ("pengingat", "Ibu Siti Aminah, kami ingatkan"),
        ("selesai", "Terima kasih, Ibu Siti Aminah,"),
    ] {
        assert!(
            reply(&app, template).starts_with(start),
            "{template}: {}",
            reply(&app, template)
        );
    }
    assert!(reply(&app, "persyaratan").contains("Terima kasih, Ibu, sudah menghubungi"));
    // A case without a choice of its own is not touched; other messages keep "Bapak/Ibu".
    let other = domisili_case(&app, "Hasan", "0857 2222 3434");
    assert!(app
        .reply_text(&other, "siap-diambil")
        .expect("reply")
        .starts_with("Kabar baik, Bapak/Ibu Hasan:"));
    app.set_salutation(&id, "bapak").expect("bapak");
    assert!(reply(&app, "siap-diambil").starts_with("Kabar baik, Bapak Siti Aminah:"));
    app.set_salutation(&id, "bapak-ibu").expect("back to both");
    assert!(reply(&app, "siap-diambil").starts_with("Kabar baik, Bapak/Ibu Siti Aminah:"));
    let refused = app.set_salutation(&id, "tuan").expect_err("not offered");
    assert_eq!(refused.into_field_errors()[0].field, "sapaan");
    assert!(
        app.set_salutation("tidak-ada", "ibu").is_err(),
        "an unknown case"
    );
}

/// "Tempel" by a number field: the number copied alone or inside a message comes out as it is
/// shown; nothing copied, or no number in it, is said in words. A tap on a case's number opens
/// the resident's chat with nothing typed and records nothing.
#[test]
fn a_copied_number_is_pasted_and_a_tapped_number_opens_the_chat() {
    use layanan_desa::app::AppError;
    let dir = tempfile::tempdir().expect("tmp");
    let platform = Recording::new(Device::default());
    let phone = TestPhone::new(dir.path())
        .at(1_796_004_000_000)
        .platform(platform.clone());
    let app = phone.start();
    assert!(matches!(app.paste_number(), Err(AppError::NoNumberCopied)));
    for (copied, shown) in [
        ("0812-3456-7890", "+62 812-3456-7890"),
        ("+62 813 5555 1212", "+62 813-5555-1212"),
        ("Bu Rina, WA 0857 2222 3434 ya pak", "+62 857-2222-3434"),
    ] {
        platform.copy_elsewhere(copied);
        assert_eq!(
            app.paste_number().expect(copied).as_deref(),
            Some(shown),
            "{copied}"
        );
    }
    platform.copy_elsewhere("besok saya ke kantor");
    let none = app.paste_number().expect_err("no number");
    assert!(matches!(none, AppError::NoNumberCopied));
    assert!(none.to_string().contains("Tekan lama nomornya"), "{none}");

    let id = domisili_case(&app, "Siti Aminah", "0812 3456 7890");
    let events = app.case_view(&id).expect("view").timeline.len();
    app.open_resident_chat(&id).expect("chat");
    let chat = platform.chats().pop().expect("opened");
    assert_eq!(chat.number.digits(), "6281234567890");
    assert_eq!(chat.text, "");
    assert_eq!(chat.link, "https://wa.me/6281234567890");
    assert_eq!(
        app.case_view(&id).expect("view").timeline.len(),
        events,
        "nothing recorded"
    );
    let walked_in = domisili_case(&app, "Darto", "");
    assert!(matches!(
        app.open_resident_chat(&walked_in),
        Err(AppError::NoResidentPhone)
    ));
}
