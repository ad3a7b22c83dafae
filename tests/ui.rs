//! Screens rendered to HTML with dioxus-ssr on a real VirtualDom, fed by the same view structs
//! the app builds from the built-in catalog, and the send form's behaviour with a recording
//! platform.

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
        "Kantor kecamatan",
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

    // Nothing typed yet: the button is disabled and no error is shouted.
    let html = render(send_harness, state.clone());
    assert!(
        html.contains("disabled") && !html.contains("role=\"alert\""),
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
    }));
    let mut state = SendState::start(&app, "sktm");
    state.set_phone(&app, "+60 12-345 6789".into());
    state.open(&app);
    let html = render(send_harness, state);
    assert!(
        html.contains("WhatsApp tidak ditemukan") && html.contains("Salin teksnya"),
        "{html}"
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
        .is_some_and(|e| e.contains("Isi dulu nomor")));
}
