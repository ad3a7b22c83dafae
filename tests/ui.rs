//! Screens rendered to HTML with dioxus-ssr on a real VirtualDom, fed by the same view structs
//! the app builds from the built-in catalog, and the send form's behaviour with a recording
//! platform.

mod common;

use std::sync::Arc;

use dioxus::prelude::*;
use layanan_desa::app::{App, ServiceSummary, ServiceView};
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::ui::{AppHandle, CatalogScreen, Root, SendScreen, SendState, ServiceScreen};

fn app_with(platform: Recording) -> App {
    App::builtin(Arc::new(platform)).expect("built-in app")
}

fn render<P: Clone + 'static>(component: fn(P) -> Element, props: P) -> String {
    let mut dom = VirtualDom::new_with_props(component, props);
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

fn catalog_harness(props: (String, Vec<ServiceSummary>)) -> Element {
    rsx! { CatalogScreen { query: props.0, results: props.1, on_query: |_| {}, on_open: |_| {} } }
}

fn service_harness(service: ServiceView) -> Element {
    rsx! { ServiceScreen { service, on_send: |_| {} } }
}

fn quick_send_harness(props: (ServiceView, SendState)) -> Element {
    rsx! { ServiceScreen { service: props.0, on_send: |_| {}, send: props.1, on_phone: |_| {}, on_open: |_| {} } }
}

#[test]
fn the_service_screen_sends_with_the_number_typed_right_there() {
    let platform = Recording::default();
    let app = app_with(platform.clone());
    let mut state = SendState::start(&app, "akta-kelahiran");
    state.set_phone(&app, "0812 3456 78a0".into());
    let html = render(
        quick_send_harness,
        (
            app.service_view("akta-kelahiran").expect("akta"),
            state.clone(),
        ),
    );
    for needle in [
        "Kirim persyaratan via WhatsApp",
        "Nomor WhatsApp warga",
        "aria-invalid=\"true\"",
        "Nomor HP berisi huruf &#34;a&#34;",
        "Buka WhatsApp",
        "Lihat atau ubah pesan dulu",
    ] {
        assert!(html.contains(needle), "missing {needle:?} in {html}");
    }
    state.set_phone(&app, "0812 3456 7890".into());
    state.open(&app);
    let chats = platform.chats();
    assert_eq!(chats.len(), 1);
    assert_eq!(chats[0].number.digits(), "6281234567890");
    assert_eq!(
        chats[0].text,
        app.requirements_message("akta-kelahiran").expect("message")
    );
}

fn send_harness(state: SendState) -> Element {
    rsx! { SendScreen { state, on_phone: |_| {}, on_text: |_| {}, on_open: |_| {} } }
}

#[test]
fn root_opens_on_the_catalog() {
    let app = Arc::new(app_with(Recording::default()));
    let mut dom = VirtualDom::new(Root).with_root_context(AppHandle(app.clone()));
    dom.rebuild_in_place();
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("<h1>Layanan Desa</h1>"), "{html}");
    assert!(html.contains(&format!("{} layanan", app.catalog().services.len())));
    assert!(
        html.contains("Akta kelahiran") && html.contains("Surat keterangan tidak mampu (SKTM)")
    );
    assert!(
        !html.contains("aria-label=\"Kembali\""),
        "no back button on the first screen"
    );
}

#[test]
fn catalog_screen_shows_ranked_results_and_a_helpful_empty_state() {
    let app = app_with(Recording::default());
    let results = app.catalog_list("akte lahir");
    let html = render(catalog_harness, ("akte lahir".to_string(), results.clone()));
    assert!(html.contains(&format!("{} layanan cocok", results.len())));
    let first = html
        .find("data-id=\"akta-kelahiran\"")
        .expect("akta listed");
    let second = html
        .find(&format!("data-id=\"{}\"", results[1].id))
        .expect("second listed");
    assert!(first < second, "ranked order is kept");
    assert!(
        html.contains("Dokumen kependudukan (Dukcapil) · 6 syarat · 1–3 hari kerja"),
        "{html}"
    );

    let html = render(catalog_harness, ("qwerty".to_string(), Vec::new()));
    assert!(
        html.contains("Tidak ada layanan yang cocok dengan &#34;qwerty&#34;"),
        "{html}"
    );
}

#[test]
fn service_screen_shows_checklist_steps_place_and_time() {
    let app = app_with(Recording::default());
    let html = render(service_harness, app.service_view("kia").expect("kia"));
    for needle in [
        "<h2>Kartu Identitas Anak (KIA)</h2>",
        "Syarat yang dibawa",
        "Akta kelahiran anak",
        "fotokopi; asli ditunjukkan",
        "Pas foto berwarna 2x3",
        "2 lembar",
        "Jika anak berumur 5 tahun atau lebih",
        "Kirim persyaratan via WhatsApp",
        "Langkah",
        "Diproses di",
        "Dispendukcapil Kabupaten Jember",
        "Perkiraan waktu",
        "Kartu fisik, diambil",
        "Gratis",
        "Permendagri 2/2016",
    ] {
        assert!(html.contains(needle), "missing {needle:?} in {html}");
    }
}

#[test]
fn send_form_checks_the_number_and_opens_whatsapp() {
    let phone = Recording::new(Device::default());
    let app = app_with(phone.clone());
    let mut state = SendState::start(&app, "akta-kelahiran");
    assert_eq!(state.service_name, "Akta kelahiran");
    assert!(state.text.contains("*Akta kelahiran*"));

    // Nothing typed yet: the placeholder says what to do (no number that looks typed), the
    // button is on and nothing is shouted; tapped, it says under the field what is missing.
    let html = render(send_harness, state.clone());
    assert!(
        html.contains("placeholder=\"Ketik atau tempel nomor\"")
            && !html.contains("disabled")
            && !html.contains("role=\"alert\""),
        "{html}"
    );
    let mut empty = state.clone();
    empty.open(&app);
    assert!(phone.chats().is_empty(), "nothing opened without a number");
    let html = render(send_harness, empty);
    assert!(
        html.contains("role=\"alert\"") && html.contains("Isi nomor dulu"),
        "{html}"
    );

    state.set_phone(&app, "0812 3456 78a0".into());
    let html = render(send_harness, state.clone());
    assert!(
        html.contains("role=\"alert\"") && html.contains("berisi huruf"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""));

    state.set_phone(&app, "0812 3456 7890".into());
    state.set_text(format!("{}\nTambahan dari petugas.", state.text));
    let html = render(send_harness, state.clone());
    assert!(html.contains("Dikirim ke +62 812-3456-7890"), "{html}");
    assert!(!html.contains("disabled"));

    state.open(&app);
    let chats = phone.chats();
    assert_eq!(chats.len(), 1);
    assert_eq!(chats[0].number.digits(), "6281234567890");
    assert!(
        chats[0].text.ends_with("Tambahan dari petugas."),
        "the edited text is what goes out"
    );
    let html = render(send_harness, state.clone());
    assert!(
        html.contains("Pesan disiapkan di WhatsApp Business"),
        "{html}"
    );
}

#[test]
fn send_form_says_so_when_whatsapp_cannot_open() {
    let app = app_with(Recording::new(Device {
        installed_packages: vec![],
        has_browser: false,
        ..Device::default()
    }));
    let mut state = SendState::start(&app, "sktm");
    state.set_phone(&app, "+60 12-345 6789".into());
    state.open(&app);
    let html = render(send_harness, state);
    assert!(
        html.contains("WhatsApp tidak ditemukan di HP ini") && html.contains("Salin teksnya"),
        "{html}"
    );
    assert!(
        html.contains(">Salin teks</button>"),
        "the copy option is offered: {html}"
    );
}

#[test]
fn send_form_for_an_unknown_service_shows_an_error_not_a_crash() {
    let app = app_with(Recording::default());
    let mut state = SendState::start(&app, "tidak-ada");
    let html = render(send_harness, state.clone());
    assert!(html.contains("tidak ada di katalog"), "{html}");
    state.open(&app);
    assert!(state
        .phone_error
        .as_deref()
        .is_some_and(|e| e.contains("Isi nomor dulu")));
}

mod case_book {
    //! The four case book screens, rendered from an app with a real SQLite case book, and the
    //! whole life of a case through the same `App` calls the screens make.
    use super::*;
    use layanan_desa::app::case_views::{ItemMark, NewCaseView};
    use layanan_desa::app::CaseForm;
    use layanan_desa::store::CaseFilter;
    use layanan_desa::ui::{CaseDraft, CaseListScreen, CaseScreen, HomeScreen, NewCaseScreen};

    /// Thursday 2026-11-26 09:00 WIB, inside office hours.
    const T0: i64 = 1_795_658_400_000;

    pub fn app_with_book(dir: &std::path::Path, platform: Recording) -> App {
        crate::common::TestPhone::new(dir)
            .at(T0)
            .platform(platform)
            .start()
    }

    fn form(name: &str, service: &str, phone: &str) -> CaseForm {
        CaseForm {
            resident_name: name.into(),
            phone: phone.into(),
            service_id: service.into(),
            ..CaseForm::default()
        }
    }

    fn home_harness(view: layanan_desa::app::case_views::HomeView) -> Element {
        rsx! { HomeScreen { view, on_open: |_| {}, on_new: |_| {}, on_settings: |_| {}, on_app_update: |_| {} } }
    }

    fn list_harness(view: layanan_desa::app::case_views::CaseListView) -> Element {
        rsx! { CaseListScreen { view, search: "siti".to_string(), status: "baru".to_string(), service: "akta-kelahiran".to_string(), on_search: |_| {}, on_status: |_| {}, on_service: |_| {}, on_open: |_| {}, on_more: |_| {} } }
    }

    fn case_harness(props: (layanan_desa::app::case_views::CaseView, CaseDraft)) -> Element {
        rsx! {
            CaseScreen {
                view: props.0,
                draft: props.1,
                on_mark: |_| {},
                on_not_applicable: |_| {},
                on_action: |_| {},
                on_template: |_| {},
                on_reply: |_| {},
                on_reason: |_| {},
                on_send: |_| {},
                on_share: |_| {},
                on_note: |_| {},
                on_message_time: |_| None,
            }
        }
    }

    fn new_harness(props: (NewCaseView, Option<String>)) -> Element {
        rsx! { NewCaseScreen { view: props.0, error: props.1, rev: 0, on_field: |_| {}, on_fill: |_| {}, on_submit: |_| {} } }
    }

    #[test]
    fn home_and_list_show_seeded_cases() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let id = app
            .create_case(&form("Siti Aminah", "akta-kelahiran", "0812 3456 7890"))
            .expect("case");
        let mut f = form("Agus Santoso", "kia", "");
        f.nik = "3509120107900001".into();
        let agus = app.create_case(&f).expect("case");
        app.apply_action(&agus, "belum-lengkap", None)
            .expect("belum lengkap");

        let html = render(home_harness, app.home().expect("home"));
        for needle in [
            "+ Berkas baru",
            "2 berkas masih berjalan",
            "Baru masuk (1)",
            "Siti Aminah",
            "2026-0001 · Akta kelahiran",
            "Menunggu kelengkapan warga (1)",
            "Agus Santoso",
            "NIK 3509••••••••0001",
            // Every queue counted in the row at the top; an empty one is a count, not a button.
            "<strong>1</strong> baru",
            "<strong>1</strong> menunggu warga",
            "<strong>0</strong> siap",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        // An empty queue takes no room below the counters.
        assert!(!html.contains("Siap diambil / dokumen terbit ("), "{html}");
        assert!(!html.contains("id=\"antrean-siap\""), "{html}");
        assert!(
            !html.contains("3509120107900001"),
            "the NIK is masked outside the detail"
        );

        let list = app
            .case_list(
                &CaseFilter {
                    search: Some("siti".into()),
                    ..Default::default()
                },
                None,
            )
            .expect("list");
        assert_eq!(list.rows.len(), 1);
        assert_eq!(list.rows[0].id, id);
        let html = render(list_harness, list);
        for needle in [
            "Nama, nomor HP atau nomor berkas",
            "Berjalan",
            "Menunggu warga",
            "Semua",
            "Siti Aminah",
            "Baru",
            // The second line of a row: the day the resident wrote, number, service.
            "Kam 26 Nov · 2026-0001 · Akta kelahiran",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        // The chosen status is the pressed chip, and only it.
        assert!(
            html.contains("data-status=\"baru\" aria-pressed=\"true\""),
            "{html}"
        );
        assert_eq!(html.matches("aria-pressed=\"true\"").count(), 1, "{html}");
        assert!(
            html.contains("<option value=\"akta-kelahiran\" selected"),
            "{html}"
        );
        assert!(html.contains("Semua layanan"));
    }

    #[test]
    fn new_case_form_keeps_its_draft_and_explains_errors() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let mut f = form("Bu Siti\nRT 3", "sktm", "0812 345");
        f.notes = "Pesan: mau \\ bikin sktm = buat sekolah".into();
        app.save_draft(&f).expect("draft");
        // The app "restarts": the draft comes back from the database file.
        drop(app);
        let app = app_with_book(dir.path(), Recording::default());
        let view = app.new_case_view(None).expect("view");
        assert_eq!(view.form, f);
        let err = app.create_case(&view.form).expect_err("short number");
        let html = render(new_harness, (view, Some(err.to_string())));
        for needle in [
            "Nama warga *",
            "Layanan *",
            "Nomor WhatsApp",
            "Boleh diisi nanti",
            "NIK",
            "Dusun",
            "RT",
            "RW",
            "terlalu pendek",
            "Simpan berkas",
            "Tempel pesan WA",
            "tersimpan otomatis sebagai draf",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        // The chosen service is shown with "Ganti", not a list of every service.
        assert!(html.contains("data-id=\"sktm\""), "{html}");
        assert!(
            html.contains("Surat keterangan tidak mampu (SKTM)"),
            "{html}"
        );
        assert!(html.contains("Ganti"), "{html}");
        assert!(!html.contains("<option value=\"kia\""), "{html}");
        // The pasted message is there, so it can be read again.
        assert!(html.contains("Isi dari pesan"));
        // A created case clears the draft.
        let mut ok = f.clone();
        ok.phone = "0812 3456 7890".into();
        app.create_case(&ok).expect("created");
        assert_eq!(app.load_draft().expect("draft"), None);
    }

    /// A draft that cannot be read (here a damaged row: bytes that are not text) is never
    /// saved over by the next keystroke: the edit is refused with the error and the stored
    /// draft stays as it was for a later try or a repair.
    #[test]
    fn an_unreadable_draft_is_never_saved_over() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let typed = app
            .update_draft(|f| f.set("nama", "Siti Aminah".into()))
            .expect("typed");
        assert_eq!(typed.resident_name, "Siti Aminah");
        let raw = rusqlite::Connection::open(dir.path().join("layanan-desa.db")).expect("raw");
        raw.execute(
            "UPDATE drafts SET body = X'C328FF' WHERE form = 'berkas-baru'",
            [],
        )
        .expect("damage");
        let err = app
            .update_draft(|f| f.set("hp", "0812".into()))
            .expect_err("a draft that cannot be read is not edited");
        assert!(!err.to_string().is_empty());
        let body: Vec<u8> = raw
            .query_row(
                "SELECT body FROM drafts WHERE form = 'berkas-baru'",
                [],
                |r| r.get(0),
            )
            .expect("still there");
        assert_eq!(
            body,
            [0xC3, 0x28, 0xFF],
            "the stored draft was not overwritten"
        );
    }

    #[test]
    fn a_pasted_message_fills_only_the_empty_fields() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let form = CaseForm {
            resident_name: "Bu Siti".into(),
            notes: "[26/11/26 08.15] Siti Aminah: pak ktp saya ilang, no wa 0812-3456-7890".into(),
            ..CaseForm::default()
        };
        let filled = app.fill_form_from_notes(&form);
        assert_eq!(
            filled.message_at, "2026-11-26T08:15",
            "Pesan masuk from the line"
        );
        let typed = app.fill_form_from_notes(&CaseForm {
            message_at: "2026-11-26T07:00".into(),
            ..form.clone()
        });
        assert_eq!(typed.message_at, "2026-11-26T07:00", "a typed time stays");
        assert_eq!(
            filled.resident_name, "Bu Siti",
            "what the official typed stays"
        );
        assert_eq!(filled.service_id, "ktp-hilang");
        assert_eq!(filled.phone, "+6281234567890");
        assert_eq!(filled.notes, form.notes);
        let id = app.create_case(&filled).expect("case");
        let view = app.case_view(&id).expect("view");
        assert!(
            view.timeline
                .iter()
                .any(|e| e.text == format!("Catatan: {}", form.notes)),
            "the message is the first note"
        );
    }

    #[test]
    fn a_shared_message_becomes_a_prefilled_draft_and_loses_nothing() {
        let dir = tempfile::tempdir().expect("tmp");
        let phone = Recording::default();
        let app = app_with_book(dir.path(), phone.clone());
        assert!(!app.take_share_into_draft().expect("nothing shared"));
        let text = "Assalamualaikum pak, mau tanya syarat ngurus akte kelahiran anak nggih. Siti, WA 0857-3000-1234";
        phone.receive_share(text);
        assert!(app.take_share_into_draft().expect("taken"));
        let form = app.load_draft().expect("draft").expect("saved");
        assert_eq!(form.service_id, "akta-kelahiran");
        assert_eq!(form.phone, "+6285730001234");
        assert_eq!(form.notes, text);
        assert!(!app.take_share_into_draft().expect("taken once"));

        // A second share while a form is half typed keeps what was typed and both texts.
        let mut typed = form.clone();
        typed.resident_name = "Siti Aminah".into();
        app.save_draft(&typed).expect("typed");
        phone.receive_share("satu lagi pak: KIA anak saya juga");
        assert!(app.take_share_into_draft().expect("taken"));
        let form = app.load_draft().expect("draft").expect("saved");
        assert_eq!(form.resident_name, "Siti Aminah");
        assert_eq!(form.service_id, "akta-kelahiran");
        assert!(
            form.notes.starts_with(text) && form.notes.ends_with("KIA anak saya juga"),
            "{}",
            form.notes
        );
        let id = app.create_case(&form).expect("case");
        assert!(app
            .case_view(&id)
            .expect("view")
            .timeline
            .iter()
            .any(|e| e.text.contains("nggih. Siti, WA 0857-3000-1234")));
    }

    #[test]
    fn a_case_lives_its_whole_life_through_the_screens_calls() {
        let dir = tempfile::tempdir().expect("tmp");
        let phone = Recording::default();
        let app = app_with_book(dir.path(), phone.clone());
        let id = app
            .create_case(&form("Siti Aminah", "akta-kelahiran", "0812-3456-7890"))
            .expect("case");
        let view = app.case_view(&id).expect("view");
        assert_eq!(
            view.reply.as_ref().map(|r| r.template_id.as_str()),
            Some("salam")
        );
        // Four of six arrive; two are missing.
        for p in [0, 2, 3, 4] {
            app.set_item(&id, p, true).expect("tick");
        }
        // "SPTJM pasangan suami istri" only applies to parents without a marriage book: until
        // the official says so, `{kekurangan}` does not ask the resident for it.
        let undecided = app.reply_text(&id, "belum-lengkap").expect("text");
        assert!(
            undecided.contains("1. Fotokopi buku nikah / kutipan akta perkawinan orang tua\n")
                && !undecided.contains("SPTJM"),
            "{undecided}"
        );
        assert_eq!(app.case_view(&id).expect("view").undecided_count, 1);
        app.mark_item(&id, 5, ItemMark::Needed).expect("perlu");
        assert_eq!(app.case_view(&id).expect("view").undecided_count, 0);
        app.apply_action(&id, "belum-lengkap", None)
            .expect("belum lengkap");
        let view = app.case_view(&id).expect("view");
        let reply = view.reply.clone().expect("reply");
        assert_eq!(reply.template_id, "belum-lengkap");
        assert!(reply.text.contains("1. Fotokopi buku nikah / kutipan akta perkawinan orang tua\n2. SPTJM kebenaran pasangan suami istri"), "{}", reply.text);
        app.send_case_reply(&id, &reply.template_id, &reply.text)
            .expect("sent");
        assert_eq!(phone.chats().len(), 1);
        assert_eq!(phone.chats()[0].number.digits(), "6281234567890");
        assert_eq!(phone.chats()[0].text, reply.text);
        app.set_item(&id, 1, true).expect("tick");
        app.set_item_not_applicable(&id, 5, "punya buku nikah")
            .expect("n/a");
        let view = app.case_view(&id).expect("view");
        assert!(view.suggest_complete);
        for key in [
            "lengkap",
            "diproses:j-lahbako",
            "diproses:dispendukcapil",
            "dokumen-terbit",
        ] {
            app.apply_action(&id, key, None).expect(key);
        }
        let view = app.case_view(&id).expect("view");
        let reply = view.reply.clone().expect("reply");
        assert!(
            reply.text.contains("HVS putih A4") && reply.text.contains("kode QR"),
            "{}",
            reply.text
        );
        app.send_case_reply(&id, &reply.template_id, &reply.text)
            .expect("sent");
        app.apply_action(&id, "selesai", None).expect("selesai");
        let view = app.case_view(&id).expect("view");
        assert!(view.actions.is_empty());
        let texts: Vec<&str> = view.timeline.iter().map(|e| e.text.as_str()).collect();
        for needle in [
            "Berkas dibuat (WhatsApp)",
            "Diterima: Surat keterangan kelahiran",
            "Status: Belum lengkap: 1. Fotokopi buku nikah",
            "WhatsApp terkirim (Berkas belum lengkap)",
            "Tidak perlu: SPTJM kebenaran pasangan suami istri (punya buku nikah)",
            "Status: Lengkap",
            "Status: Diproses di Dispendukcapil (lewat J-Lahbako)",
            "Status: Diproses di Dispendukcapil",
            "Status: Dokumen terbit",
            "WhatsApp terkirim (Dokumen terbit (TTE))",
            "Status: Selesai",
        ] {
            assert!(
                texts.iter().any(|t| t.starts_with(needle)),
                "timeline lacks {needle:?}: {texts:#?}"
            );
        }
        assert!(view
            .timeline
            .iter()
            .all(|e| e.at.ends_with("WIB") && e.actor == "Petugas desa"));

        let html = render(case_harness, (view, CaseDraft::default()));
        for needle in [
            "Siti Aminah",
            "Berkas 2026-0001 · Akta kelahiran",
            "Selesai",
            "+62 812-3456-7890",
            "Syarat (0 masih kurang)",
            "Riwayat",
            "Status: Dokumen terbit",
            "Kam 26 Nov 2026 09.00 WIB",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        assert!(
            !html.contains("Langkah berikutnya"),
            "a finished case offers no next step"
        );
    }

    #[test]
    fn case_screen_offers_only_legal_steps_and_needs_reasons() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let id = app.create_case(&form("Agus", "kia", "")).expect("case");
        let view = app.case_view(&id).expect("view");
        let keys: Vec<&str> = view.actions.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["lengkap", "belum-lengkap", "dibatalkan"]);
        let err = app
            .apply_action(&id, "dibatalkan", Some("  "))
            .expect_err("needs reason");
        assert!(err.to_string().contains("alasan"), "{err}");
        let err = app.apply_action(&id, "selesai", None).expect_err("illegal");
        assert!(err.to_string().contains("tidak tersedia"), "{err}");
        let err = app
            .set_item_not_applicable(&id, 0, "")
            .expect_err("needs reason");
        assert!(err.to_string().contains("alasan"), "{err}");
        let err = app
            .send_case_reply(&id, "salam", "Halo")
            .expect_err("no phone");
        assert!(
            err.to_string().contains("belum punya nomor WhatsApp"),
            "{err}"
        );
        let html = render(
            case_harness,
            (app.case_view(&id).expect("view"), CaseDraft::default()),
        );
        assert!(
            html.contains("Langkah berikutnya")
                && html.contains("data-action=\"lengkap\"")
                && html.contains("Batalkan")
        );
        assert!(html.contains("tidak punya nomor WhatsApp") && html.contains("Bagikan pesan"));
        app.apply_action(&id, "dibatalkan", Some("Warga pindah ke Surabaya"))
            .expect("cancel");
        let view = app.case_view(&id).expect("view");
        assert_eq!(view.status, "Dibatalkan: Warga pindah ke Surabaya");
        let reply = view.reply.expect("reply");
        assert!(
            reply.text.contains("karena: Warga pindah ke Surabaya"),
            "{}",
            reply.text
        );
    }

    /// A case two phones moved apart shows "Diubah di dua HP" with "Sudah dicek", its moves in
    /// Riwayat with the phone that made each, and the mark in Berkas's row.
    #[test]
    fn a_case_changed_on_two_phones_says_so_on_the_case_and_in_berkas() {
        use layanan_desa::domain::backup::KdfCost;
        const CHEAP: KdfCost = KdfCost {
            memory_kib: 256,
            iterations: 1,
            lanes: 1,
        };
        const PASS: &str = "Sandi Kantor Wonojati 2026";
        let (dir_a, dir_b) = (
            tempfile::tempdir().expect("tmp"),
            tempfile::tempdir().expect("tmp"),
        );
        let a = app_with_book(dir_a.path(), Recording::default());
        let b = app_with_book(dir_b.path(), Recording::default());
        a.set_phone_code("A").expect("code");
        b.set_phone_code("B").expect("code");
        let id = a
            .create_case(&form("Siti Aminah", "sktm", "081234567890"))
            .expect("case");
        let file = |app: &App| app.sync_file_bytes(PASS, CHEAP).expect("file").1;
        b.receive_sync_file(&file(&a), PASS).expect("b joins");
        a.apply_action(&id, "lengkap", None).expect("a");
        b.apply_action(&id, "dibatalkan", Some("pindah"))
            .expect("b");
        b.receive_sync_file(&file(&a), PASS).expect("a to b");

        let html = render(
            case_harness,
            (b.case_view(&id).expect("view"), CaseDraft::default()),
        );
        assert!(
            html.contains("Diubah di dua HP.") && html.contains("Sudah dicek"),
            "{html}"
        );
        assert!(
            html.contains(" · HP A") && html.contains(" · HP B"),
            "{html}"
        );
        let list = b.case_list(&CaseFilter::default(), None).expect("list");
        let html = render(list_harness, list);
        assert!(html.contains("diubah di dua HP"), "{html}");

        b.mark_case_looked(&id).expect("looked");
        let html = render(
            case_harness,
            (b.case_view(&id).expect("view"), CaseDraft::default()),
        );
        assert!(!html.contains("Diubah di dua HP"), "{html}");
    }

    fn templates_harness(list: Vec<(String, String, String)>) -> Element {
        rsx! { layanan_desa::ui::TemplatesScreen { templates: list, on_edit: |_| {}, on_new: |_| {} } }
    }

    fn template_harness(edit: layanan_desa::ui::TemplateEdit) -> Element {
        rsx! { layanan_desa::ui::TemplateScreen { edit, on_field: |_| {}, on_save: |_| {} } }
    }

    #[test]
    fn template_screens_list_and_explain() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        // Every status has its default reply.
        for kind in layanan_desa::domain::case::StatusKind::ALL {
            let id = layanan_desa::app::case_views::template_for(*kind);
            assert!(
                app.template_list().iter().any(|(t, _, _)| t == id),
                "no template {id} for {kind:?}"
            );
        }
        let html = render(templates_harness, app.template_list());
        for needle in [
            "+ Templat baru",
            "Persyaratan layanan",
            "Berkas belum lengkap",
            "Dokumen terbit (TTE)",
            "Pengingat belum diambil",
            "{nama}",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        let err = app
            .save_template("x", "X", "Halo {nma}")
            .expect_err("unknown");
        let edit = layanan_desa::ui::TemplateEdit {
            id: "x".into(),
            name: "X".into(),
            text: "Halo {nma}".into(),
            is_new: true,
            error: Some(err.to_string()),
            error_field: "teks".into(),
            saved: false,
        };
        let html = render(template_harness, edit);
        for needle in [
            "Kolom {nma} tidak dikenal",
            "Simpan templat",
            "Kolom yang tersedia",
            "{kekurangan}: syarat yang masih kurang",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
    }

    #[test]
    fn office_templates_are_checked_and_replace_defaults() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let err = app
            .save_template(
                "jadwal-rekam",
                "Jadwal rekam",
                "Halo {nama}, rekam KTP {tanggal}",
            )
            .expect_err("unknown field");
        assert!(err.to_string().contains("{tanggal}"), "{err}");
        app.save_template(
            "salam",
            "Salam kantor",
            "*Wa'alaikumsalam* {nama}, berkas {nomor_berkas} kami catat.",
        )
        .expect("save");
        drop(app);
        let app = app_with_book(dir.path(), Recording::default());
        let id = app
            .create_case(&form("Siti", "sktm", "0812 3456 7890"))
            .expect("case");
        let reply = app.case_view(&id).expect("view").reply.expect("reply");
        assert_eq!(
            reply.text,
            "*Wa'alaikumsalam* Siti, berkas 2026-0001 kami catat."
        );
        assert!(app
            .template_list()
            .iter()
            .any(|(id, name, _)| id == "salam" && name == "Salam kantor"));
    }

    fn report_harness(props: (layanan_desa::domain::report::Report, String)) -> Element {
        let from = props.0.period.from.to_string();
        let to = props.0.period.to.to_string();
        rsx! {
            layanan_desa::ui::ReportScreen {
                report: props.0,
                summary: props.1,
                from,
                to,
                flash: None,
                on_period: |_| {},
                on_month: |_| {},
                on_export: |_| {},
                on_send: |_| {},
            }
        }
    }

    #[test]
    fn the_report_screen_shows_the_numbers_charts_and_summary() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let mut ids = Vec::new();
        for (name, service) in [
            ("Siti", "sktm"),
            ("Agus", "sktm"),
            ("Rina", "akta-kelahiran"),
        ] {
            ids.push(
                app.create_case(&form(name, service, "0812 3456 7890"))
                    .expect("case"),
            );
        }
        app.send_case_reply(&ids[0], "salam", "Permohonan sudah kami catat.")
            .expect("reply");
        let period = app.this_month().expect("month");
        let report = app.report(period).expect("report");
        let summary = app.summary_text(period).expect("summary");
        // Each wait reads the same on screen and in the summary: one reply is "paling lama",
        // not "9 dari 10", in office minutes, with its n.
        let lines = layanan_desa::domain::report::wait_lines(&report.total);
        let reply = lines
            .iter()
            .find(|(label, _)| *label == "Balasan pertama (jam kantor)")
            .map(|(_, text)| text.clone())
            .expect("a first-reply line");
        assert!(
            reply.starts_with("biasanya ")
                && reply.contains("paling lama")
                && reply.ends_with("(dari 1 berkas yang sudah dibalas)"),
            "{reply}"
        );
        let html = render(report_harness, (report, summary.clone()));
        for (label, text) in &lines {
            assert!(
                summary.contains(&format!("{}: {text}", label.trim())),
                "{label}: {summary}"
            );
            assert!(
                html.contains(&format!("{}</dt><dd>{text}</dd>", label.trim())),
                "{label}: {html}"
            );
        }
        for needle in [
            "1–30 November 2026",
            "<dt>Masuk</dt><dd>3</dd>",
            "<dt>Sudah siap</dt><dd>0</dd>",
            "<dt>Masih berjalan</dt><dd>3</dd>",
            "Belum dibandingkan dengan bulan lalu",
            "<dt>Masuk di luar jam</dt><dd>0 dari 3</dd>",
            "Berkas per layanan",
            "<svg",
            "Surat keterangan tidak mampu (SKTM)",
            "Berkas terbuka saat ini menurut umur",
            "Kirim ke Kepala Desa",
            "Bagikan ringkasan (CSV)",
            "Bagikan daftar berkas (CSV)",
            "Simpan keduanya ke Unduhan",
            "Berkas masuk: 3 (0 di antaranya di luar jam layanan)",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        // Summary text is shown as text: its asterisks and line breaks stay as typed.
        assert!(html.contains("*Ringkasan layanan Desa Wonojati*"));
    }

    fn settings_harness(
        props: (
            layanan_desa::app::office::SettingsView,
            Vec<layanan_desa::app::office::FieldError>,
        ),
    ) -> Element {
        rsx! {
            layanan_desa::ui::SettingsScreen {
                view: props.0,
                errors: props.1,
                flash: None,
                rev: 0,
                on_field: |_| {},
                on_save: |_| {},
                on_add_holiday: |_| {},
                on_delete_holiday: |_| {},
                on_import: |_| {},
                on_backup: |_| {},
            }
        }
    }

    #[test]
    fn settings_show_the_suggested_hours_and_errors_next_to_their_fields() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let view = app.settings_view();
        let mut form = view.form.clone();
        form.office_phone = "0812-34".into();
        form.days[4] = "08.00–07.00x".into();
        let errors = app
            .save_settings(&form)
            .expect_err("refused")
            .into_field_errors();
        let html = render(settings_harness, (view, errors));
        for needle in [
            "Periksa jam layanan di bawah",
            "value=\"Wonojati\"",
            "Nomor WhatsApp kantor desa",
            "value=\"08.00–14.00\"",
            "value=\"08.00–11.00\"",
            "Senin–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB",
            "Belum ada hari libur.",
            "Impor daftar libur setahun",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        let phone = html.find("id=\"atur-office_phone\"").expect("phone field");
        let error = html[phone..]
            .find("field-error")
            .expect("error after the field");
        let next = html[phone..].find("atur-head_phone").expect("next field");
        assert!(error < next, "the phone error sits under the phone field");
        assert!(html.contains("aria-invalid=true") || html.contains("aria-invalid=\"true\""));
    }

    fn kit_harness(kit: layanan_desa::app::office::WaKitView) -> Element {
        rsx! { layanan_desa::ui::WaKitScreen { kit, flash: None, on_save_poster: |_| {}, on_settings: |_| {} } }
    }

    #[test]
    fn the_wa_kit_screen_lists_texts_quick_replies_and_the_poster() {
        let dir = tempfile::tempdir().expect("tmp");
        let app = app_with_book(dir.path(), Recording::default());
        let html = render(kit_harness, app.wa_kit().expect("kit"));
        assert!(html.contains("Isi dulu nomor WhatsApp kantor di Pengaturan"));
        assert!(!html.contains("<img class=\"poster\""));
        let mut form = app.settings_view().form;
        form.office_phone = "081234567890".into();
        app.save_settings(&form).expect("saved");
        let html = render(kit_harness, app.wa_kit().expect("kit"));
        for needle in [
            "Langkah menyiapkan WhatsApp Business",
            "Pesan salam",
            "Pesan di luar jam kerja",
            "/aktalahir",
            "/sktm",
            "tidak mengenal hari libur",
            "Di kolom Pintasan tulis tanpa garis miring",
            "data:image/svg+xml;charset=utf-8,",
            "https://wa.me/6281234567890?text=Halo%2C%20saya%20ingin%20mengurus%20",
            "Simpan poster (A4, SVG)",
        ] {
            assert!(html.contains(needle), "missing {needle:?}");
        }
    }

    #[test]
    fn beranda_shows_the_office_state_and_the_out_of_hours_queue() {
        let dir = tempfile::tempdir().expect("tmp");
        // Saturday 28 November 2026 20.00 WIB.
        let app = crate::common::TestPhone::new(dir.path())
            .at(1_795_870_800_000)
            .platform(Recording::default())
            .start();
        app.create_case(&form("Bu Sri", "akta-kelahiran", "0812 3456 7890"))
            .expect("case");
        let html = render(home_harness, app.home().expect("home"));
        for needle in [
            "Jam layanan kantor belum dikonfirmasi",
            "Kantor tutup. Buka lagi hari Senin 30 November 2026 mulai pukul 08.00 WIB.",
            "Masuk di luar jam layanan (1)",
            "Bu Sri",
            "<strong>1</strong> di luar jam",
            "<strong>0</strong> baru",
        ] {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        // Templates, the WA guide and settings moved to the "Lainnya" tab: Beranda is work.
        assert!(!html.contains("Panduan WA Bisnis"), "{html}");
        assert!(
            !html.contains("Baru masuk ("),
            "an empty queue takes no room: {html}"
        );
    }
}
