//! The case book screens: Beranda (today's queues), Berkas (the paged list with filters and
//! search), the case detail (checklist, status steps, reply, timeline) and the new-case form.
//! Each renders the view struct `app` built and reports taps through its event handlers.

use dioxus::prelude::*;

use crate::app::book::{CaseListView, CaseSummary, CaseView, HomeView, ItemMark, NewCaseView};
use crate::domain::case::StatusKind;
use crate::domain::intake::KEPT_MESSAGES;

#[component]
fn CaseRows(rows: Vec<CaseSummary>, on_open: EventHandler<String>) -> Element {
    rsx! {
        ul { class: "cases",
            for row in rows {
                li { key: "{row.id}",
                    button {
                        class: "case",
                        "data-id": "{row.id}",
                        onclick: {
                            let id = row.id.clone();
                            move |_| on_open.call(id.clone())
                        },
                        span { class: "name", "{row.name}" }
                        span { class: "meta", "{row.number} · {row.service}" }
                        span { class: "status status-{row.status_key}", "{row.status}" }
                        span { class: "meta", "Masuk {row.received}" }
                        if let Some(nik) = &row.nik {
                            span { class: "meta", "NIK {nik}" }
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn Queue(
    title: String,
    empty: String,
    rows: Vec<CaseSummary>,
    on_open: EventHandler<String>,
) -> Element {
    rsx! {
        section { class: "queue",
            h2 { "{title} ({rows.len()})" }
            if rows.is_empty() {
                p { class: "hint", "{empty}" }
            } else {
                CaseRows { rows, on_open }
            }
        }
    }
}

#[component]
pub fn HomeScreen(
    view: HomeView,
    on_open: EventHandler<String>,
    on_new: EventHandler<()>,
    on_templates: EventHandler<()>,
    on_settings: EventHandler<()>,
    on_wa_kit: EventHandler<()>,
    on_app_update: EventHandler<()>,
) -> Element {
    rsx! {
        if let Some(notice) = &view.notice {
            p { class: "notice error", role: "alert", "{notice}" }
        }
        if let Some(info) = &view.info {
            p { class: "notice ok", role: "status", "{info}" }
        }
        if let Some((version, changes)) = &view.app_update {
            div { class: "notice ok", role: "status",
                p { "Versi baru tersedia: {version}. {changes}" }
                button { class: "secondary", onclick: move |_| on_app_update.call(()), "Buka halaman unduhan" }
            }
        }
        if view.hours_unconfirmed {
            div { class: "notice warn", role: "status",
                p { "Jam layanan kantor belum dikonfirmasi. Periksa dulu agar balasan di luar jam dan laporan memakai jam yang benar." }
                button { class: "secondary", onclick: move |_| on_settings.call(()), "Periksa jam layanan" }
            }
        }
        p { class: if view.office_open { "office-state open" } else { "office-state closed" },
            if view.office_open {
                "Kantor buka sekarang."
            } else if let Some(next) = &view.next_opening {
                "Kantor tutup. Buka lagi {next}."
            } else {
                "Kantor tutup."
            }
        }
        button { class: "primary", onclick: move |_| on_new.call(()), "+ Berkas baru" }
        p { class: "count", "{view.open_count} berkas masih berjalan" }
        if let Some(server) = &view.offsite_target {
            p { class: "hint offsite-target", "Salinan harian ke: {server}" }
        }
        Queue { title: "Masuk di luar jam layanan", empty: "Tidak ada pesan yang masuk saat kantor tutup.", rows: view.out_of_hours, on_open }
        Queue { title: "Terlambat", empty: "Tidak ada berkas yang melewati perkiraan waktu.", rows: view.overdue, on_open }
        Queue { title: "Baru masuk", empty: "Tidak ada permohonan baru.", rows: view.new, on_open }
        Queue { title: "Menunggu kelengkapan", empty: "Tidak ada berkas yang menunggu syarat.", rows: view.waiting, on_open }
        Queue { title: "Siap diambil / dokumen terbit", empty: "Tidak ada dokumen yang menunggu diambil.", rows: view.ready, on_open }
        nav { class: "more", "aria-label": "Lainnya",
            button { class: "secondary", onclick: move |_| on_templates.call(()), "Templat balasan" }
            button { class: "secondary", onclick: move |_| on_wa_kit.call(()), "Panduan WA Bisnis" }
            button { class: "secondary", onclick: move |_| on_settings.call(()), "Pengaturan" }
        }
    }
}

#[component]
pub fn CaseListScreen(
    view: CaseListView,
    search: String,
    status: String,
    service: String,
    on_search: EventHandler<String>,
    on_status: EventHandler<String>,
    on_service: EventHandler<String>,
    on_open: EventHandler<String>,
    on_more: EventHandler<()>,
) -> Element {
    rsx! {
        div { class: "search",
            label { r#for: "cari-berkas", class: "sr-only", "Cari berkas" }
            input {
                id: "cari-berkas",
                r#type: "search",
                autocomplete: "off",
                placeholder: "Nama, nomor HP atau nomor berkas",
                initial_value: "{search}",
                oninput: move |e| on_search.call(e.value()),
            }
        }
        label { r#for: "saring-status", "Status" }
        select {
            id: "saring-status",
            onchange: move |e| on_status.call(e.value()),
            option { value: "", selected: status.is_empty(), "Semua status" }
            for kind in StatusKind::ALL {
                option { value: "{kind.key()}", selected: status == kind.key(), "{kind.label()}" }
            }
        }
        label { r#for: "saring-layanan", "Layanan" }
        select {
            id: "saring-layanan",
            onchange: move |e| on_service.call(e.value()),
            option { value: "", selected: service.is_empty(), "Semua layanan" }
            for (id, name) in view.services.iter() {
                option { value: "{id}", selected: *id == service, "{name}" }
            }
        }
        if view.rows.is_empty() {
            p { class: "empty", role: "status", "Belum ada berkas yang cocok." }
        }
        CaseRows { rows: view.rows, on_open }
        if view.next.is_some() {
            button { class: "secondary", onclick: move |_| on_more.call(()), "Muat lebih banyak" }
        }
    }
}

/// "Pesan masuk" of a case with "Ubah": a date-time field, refused under it when in the
/// future or after the case's first recorded event.
#[component]
fn MessageTimeField(
    shown: String,
    value: String,
    on_save: Callback<String, Option<String>>,
) -> Element {
    let mut editing = use_signal(|| None::<String>);
    let mut error = use_signal(|| None::<String>);
    rsx! {
        dt { "Pesan masuk" }
        dd {
            match editing() {
                None => rsx! {
                    "{shown} "
                    button {
                        class: "small",
                        onclick: {
                            let value = value.clone();
                            move |_| { error.set(None); editing.set(Some(value.clone())) }
                        },
                        "Ubah"
                    }
                },
                Some(text) => rsx! {
                    input { id: "ubah-pesan-masuk", r#type: "datetime-local", "aria-label": "Pesan masuk (WIB)", initial_value: "{text}", "aria-invalid": error().is_some(), oninput: move |e| editing.set(Some(e.value())) }
                    if let Some(message) = error() {
                        p { class: "field-error", role: "alert", "{message}" }
                    }
                    button {
                        class: "small",
                        onclick: move |_| match on_save.call(text.clone()) {
                            None => { error.set(None); editing.set(None) }
                            Some(message) => error.set(Some(message)),
                        },
                        "Simpan"
                    }
                    button { class: "small secondary", onclick: move |_| { error.set(None); editing.set(None) }, "Batal" }
                },
            }
        }
    }
}

/// What the case screen keeps while the official works on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseDraft {
    pub template_id: String,
    pub reply: String,
    pub reason: String,
    pub flash: Option<(bool, String)>,
}

#[component]
pub fn CaseScreen(
    view: CaseView,
    draft: CaseDraft,
    on_mark: EventHandler<(usize, ItemMark)>,
    on_not_applicable: EventHandler<usize>,
    on_action: EventHandler<String>,
    on_template: EventHandler<String>,
    on_reply: EventHandler<String>,
    on_reason: EventHandler<String>,
    on_send: EventHandler<()>,
    on_share: EventHandler<()>,
    on_note: EventHandler<()>,
    /// "Pesan masuk" corrected: `None` when saved, else the message for under the field.
    on_message_time: Callback<String, Option<String>>,
) -> Element {
    let open = !matches!(view.status_key.as_str(), "selesai" | "dibatalkan");
    let mut show_nik = use_signal(|| false);
    rsx! {
        article { class: "detail",
            h2 { "{view.name}" }
            p { class: "category", "Berkas {view.number} · {view.service}" }
            p { class: "status status-{view.status_key}", role: "status", "{view.status}" }
            if let Some((ok, msg)) = &draft.flash {
                // A toast above the tab bar: in the flow it would push the checklist down
                // between two taps.
                p { class: if *ok { "toast ok" } else { "toast error" }, role: if *ok { "status" } else { "alert" }, "{msg}" }
            }
            dl { class: "facts",
                MessageTimeField { shown: view.message.clone(), value: view.message_input.clone(), on_save: on_message_time }
                dt { "Dicatat" }
                dd { "{view.received} ({view.channel})" }
                if let Some(phone) = &view.phone {
                    dt { "WhatsApp" }
                    dd { "{phone}" }
                }
                if let (Some(nik), Some(full)) = (&view.nik, &view.nik_full) {
                    dt { "NIK" }
                    dd {
                        if show_nik() { "{full} " } else { "{nik} " }
                        button {
                            class: "small",
                            "aria-pressed": show_nik(),
                            onclick: move |_| show_nik.toggle(),
                            if show_nik() { "Sembunyikan" } else { "Tampilkan NIK" }
                        }
                    }
                }
                if let Some(address) = &view.address {
                    dt { "Alamat" }
                    dd { "{address}" }
                }
            }
            section {
                h3 { "Syarat ({view.missing_count} masih kurang)" }
                if open && view.undecided_count > 0 {
                    p { class: "notice undecided",
                        "{view.undecided_count} syarat bersyarat belum diputuskan: pilih Perlu atau Tidak perlu. Yang belum diputuskan tidak ikut di daftar kekurangan."
                    }
                }
                ul { class: "checklist ticks",
                    for item in view.items.iter() {
                        li { key: "{item.position}", class: "item item-{item.state}",
                            label { class: "tick",
                                input {
                                    r#type: "checkbox",
                                    checked: item.state == "received",
                                    disabled: !open,
                                    onchange: {
                                        let p = item.position;
                                        move |e: FormEvent| {
                                            let mark = if e.checked() { ItemMark::Received } else { ItemMark::Reset };
                                            on_mark.call((p, mark))
                                        }
                                    },
                                }
                                span { class: "req", "{item.label}" }
                            }
                            if let Some(detail) = &item.detail {
                                span { class: "req-detail", "{detail}" }
                            }
                            if let Some(condition) = &item.condition {
                                span { class: "req-when", "{condition}" }
                            }
                            if let Some(text) = &item.state_text {
                                span { class: "req-state", "{text}" }
                            }
                            if open && item.undecided {
                                button {
                                    class: "small",
                                    onclick: {
                                        let p = item.position;
                                        move |_| on_mark.call((p, ItemMark::Needed))
                                    },
                                    "Perlu"
                                }
                            }
                            if open && matches!(item.state.as_str(), "pending" | "needed") && item.condition.is_some() {
                                button {
                                    class: "small",
                                    onclick: {
                                        let p = item.position;
                                        move |_| on_not_applicable.call(p)
                                    },
                                    "Tidak perlu (isi alasan di bawah)"
                                }
                            }
                        }
                    }
                }
                if view.suggest_complete {
                    p { class: "notice ok", "Semua syarat sudah ada: berkas bisa ditandai Lengkap." }
                }
            }
            if open {
                section {
                    h3 { "Langkah berikutnya" }
                    div { class: "actions",
                        for action in view.actions.iter() {
                            button {
                                key: "{action.key}",
                                class: if action.key == "lengkap" && view.suggest_complete { "action suggested" } else { "action" },
                                "data-action": "{action.key}",
                                onclick: {
                                    let key = action.key.clone();
                                    move |_| on_action.call(key.clone())
                                },
                                "{action.label}"
                            }
                        }
                    }
                }
            }
            label { r#for: "alasan", "Alasan atau catatan" }
            textarea {
                // Re-created after each recorded step, so a used reason does not linger.
                key: "alasan-{view.timeline.len()}",
                id: "alasan",
                rows: "2",
                initial_value: "{draft.reason}",
                placeholder: "Wajib untuk Batalkan dan Tidak perlu; juga untuk catatan",
                oninput: move |e| on_reason.call(e.value()),
            }
            button { class: "secondary", onclick: move |_| on_note.call(()), "Simpan sebagai catatan" }
            section { class: "reply",
                h3 { "Balasan WhatsApp" }
                label { r#for: "templat", "Templat" }
                select {
                    id: "templat",
                    onchange: move |e| on_template.call(e.value()),
                    for (id, name) in view.reply_options.iter() {
                        option { value: "{id}", selected: *id == draft.template_id, "{name}" }
                    }
                }
                label { r#for: "balasan", "Pesan (boleh diubah)" }
                textarea {
                    // Re-created when the template changes, so the new text shows.
                    key: "{draft.template_id}",
                    id: "balasan",
                    rows: "10",
                    initial_value: "{draft.reply}",
                    oninput: move |e| on_reply.call(e.value()),
                }
                if view.phone.is_some() {
                    button { class: "primary", onclick: move |_| on_send.call(()), "Kirim via WhatsApp" }
                    super::screens::CopyButton { text: draft.reply.clone() }
                } else {
                    p { class: "hint", "Berkas ini tidak punya nomor WhatsApp: bagikan pesannya lewat aplikasi lain, atau sampaikan langsung kepada warga." }
                    button { class: "secondary", onclick: move |_| on_share.call(()), "Bagikan pesan" }
                }
            }
            section {
                h3 { "Riwayat" }
                ol { class: "timeline",
                    for entry in view.timeline.iter().rev() {
                        li {
                            span { class: "when", "{entry.at} · {entry.actor}" }
                            span { class: "what", "{entry.text}" }
                        }
                    }
                }
            }
        }
    }
}

#[component]
pub fn NewCaseScreen(
    view: NewCaseView,
    error: Option<String>,
    /// Problems of single fields, each shown under its field.
    #[props(default)]
    errors: Vec<crate::app::FieldError>,
    /// Bumped when the form is filled by the app, so the inputs show the new values.
    rev: u64,
    on_field: EventHandler<(&'static str, String)>,
    on_fill: EventHandler<()>,
    on_submit: EventHandler<()>,
    /// "Sertakan percakapan sebelumnya" (a whole shared chat's earlier part).
    #[props(default)]
    on_include_earlier: EventHandler<()>,
) -> Element {
    let f = &view.form;
    let channel = f.channel.map_or("", |c| c.key()).to_string();
    let error_for = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    };
    let (e_name, e_service, e_phone, e_nik, e_message) = (
        error_for("nama"),
        error_for("layanan"),
        error_for("hp"),
        error_for("nik"),
        error_for("pesan-masuk"),
    );
    let message_shown = if f.message_at.trim().is_empty() {
        view.message_default.clone()
    } else {
        f.message_at.clone()
    };
    rsx! {
        form {
            key: "{rev}",
            class: "new-case",
            onsubmit: move |e| {
                e.prevent_default();
                on_submit.call(());
            },
            p { class: "hint", "Isian tersimpan otomatis sebagai draf sampai berkas dibuat." }
            label { r#for: "f-nama", "Nama warga *" }
            input { id: "f-nama", initial_value: "{f.resident_name}", autocomplete: "off", "aria-invalid": e_name.is_some(), oninput: move |e| on_field.call(("nama", e.value())) }
            if let Some(message) = &e_name {
                p { class: "field-error", role: "alert", "{message}" }
            }
            label { r#for: "f-layanan", "Layanan *" }
            select { id: "f-layanan", onchange: move |e| on_field.call(("layanan", e.value())),
                option { value: "", selected: f.service_id.is_empty(), "Pilih layanan…" }
                for (id, name) in view.services.iter() {
                    option { value: "{id}", selected: *id == f.service_id, "{name}" }
                }
            }
            if let Some(message) = &e_service {
                p { class: "field-error", role: "alert", "{message}" }
            }
            label { r#for: "f-hp", "Nomor WhatsApp" }
            input { id: "f-hp", r#type: "tel", inputmode: "tel", initial_value: "{f.phone}", "aria-invalid": e_phone.is_some(), oninput: move |e| on_field.call(("hp", e.value())) }
            if let Some(message) = &e_phone {
                p { class: "field-error", role: "alert", "{message}" }
            }
            label { r#for: "f-saluran", "Masuk lewat" }
            select { id: "f-saluran", onchange: move |e| on_field.call(("saluran", e.value())),
                option { value: "", selected: channel.is_empty(), "Otomatis (WhatsApp bila ada nomor)" }
                for (key, label) in view.channels.iter() {
                    option { value: "{key}", selected: *key == channel, "{label}" }
                }
            }
            label { r#for: "f-pesan-masuk", "Pesan masuk (WIB)" }
            p { class: "hint", id: "f-pesan-masuk-hint", "Kapan warga mengirim pesan. Terisi sendiri dari pesan WhatsApp yang dibagikan; biarkan bila pesan baru saja masuk." }
            input { id: "f-pesan-masuk", r#type: "datetime-local", initial_value: "{message_shown}", "aria-describedby": "f-pesan-masuk-hint", "aria-invalid": e_message.is_some(), oninput: move |e| on_field.call(("pesan-masuk", e.value())) }
            if let Some(message) = &e_message {
                p { class: "field-error", role: "alert", "{message}" }
            }
            label { r#for: "f-nik", "NIK (boleh kosong)" }
            input { id: "f-nik", inputmode: "numeric", initial_value: "{f.nik}", "aria-invalid": e_nik.is_some(), oninput: move |e| on_field.call(("nik", e.value())) }
            if let Some(message) = &e_nik {
                p { class: "field-error", role: "alert", "{message}" }
            }
            div { class: "row3",
                div {
                    label { r#for: "f-dusun", "Dusun" }
                    input { id: "f-dusun", initial_value: "{f.dusun}", oninput: move |e| on_field.call(("dusun", e.value())) }
                }
                div {
                    label { r#for: "f-rt", "RT" }
                    input { id: "f-rt", inputmode: "numeric", initial_value: "{f.rt}", oninput: move |e| on_field.call(("rt", e.value())) }
                }
                div {
                    label { r#for: "f-rw", "RW" }
                    input { id: "f-rw", inputmode: "numeric", initial_value: "{f.rw}", oninput: move |e| on_field.call(("rw", e.value())) }
                }
            }
            label { r#for: "f-catatan", "Catatan / pesan warga" }
            p { class: "hint", "Tempel pesan WhatsApp warga di sini, lalu tekan \"Isi dari pesan\": layanan, nomor dan nama diisi bila ada di pesan." }
            textarea { id: "f-catatan", rows: "3", initial_value: "{f.notes}", oninput: move |e| on_field.call(("catatan", e.value())) }
            button { class: "secondary", r#type: "button", onclick: move |_| on_fill.call(()), "Isi dari pesan" }
            if let Some(lines) = view.earlier_chat_lines {
                p { class: "notice", role: "status",
                    "Yang dibagikan adalah seluruh percakapan: hanya {KEPT_MESSAGES} pesan terakhir yang masuk catatan. {lines} baris sebelumnya tidak disimpan kecuali Anda menyertakannya."
                }
                button { class: "secondary", r#type: "button", onclick: move |_| on_include_earlier.call(()), "Sertakan percakapan sebelumnya" }
            }
            if let Some(error) = &error {
                p { class: "field-error", role: "alert", "{error}" }
            }
            button { class: "primary", r#type: "submit", "Buat berkas" }
        }
    }
}

/// The template editor's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateEdit {
    pub id: String,
    pub name: String,
    pub text: String,
    pub is_new: bool,
    pub error: Option<String>,
    /// The field the error belongs to (`kode`, `nama`, `teks`); any other shows under the text.
    pub error_field: String,
    pub saved: bool,
}

#[component]
pub fn TemplatesScreen(
    templates: Vec<(String, String, String)>,
    on_edit: EventHandler<String>,
    on_new: EventHandler<()>,
) -> Element {
    rsx! {
        p { class: "hint", "Templat dipakai untuk balasan WhatsApp. Kolom seperti {{nama}} diisi otomatis dari data berkas." }
        button { class: "primary", onclick: move |_| on_new.call(()), "+ Templat baru" }
        ul { class: "cases",
            for (id, name, text) in templates {
                li { key: "{id}",
                    button {
                        class: "case",
                        onclick: {
                            let id = id.clone();
                            move |_| on_edit.call(id.clone())
                        },
                        span { class: "name", "{name}" }
                        span { class: "meta", "{id} · {text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default()}" }
                    }
                }
            }
        }
    }
}

#[component]
pub fn TemplateScreen(
    edit: TemplateEdit,
    on_field: EventHandler<(&'static str, String)>,
    on_save: EventHandler<()>,
) -> Element {
    let error_at = |field: &str| {
        let here = match edit.error_field.as_str() {
            "kode" | "nama" => edit.error_field.as_str() == field,
            _ => field == "teks",
        };
        edit.error.clone().filter(|_| here)
    };
    let fields: Vec<String> = crate::domain::template::Placeholder::ALL
        .iter()
        .map(|p| format!("{{{}}}: {}", p.key(), p.description()))
        .collect();
    rsx! {
        form {
            class: "template",
            onsubmit: move |e| {
                e.prevent_default();
                on_save.call(());
            },
            label { r#for: "t-kode", "Kode (huruf kecil dan tanda minus)" }
            input { id: "t-kode", initial_value: "{edit.id}", disabled: !edit.is_new, autocomplete: "off", "aria-invalid": error_at("kode").is_some(), oninput: move |e| on_field.call(("kode", e.value())) }
            if let Some(error) = error_at("kode") {
                p { class: "field-error", role: "alert", "{error}" }
            }
            label { r#for: "t-nama", "Nama" }
            input { id: "t-nama", initial_value: "{edit.name}", "aria-invalid": error_at("nama").is_some(), oninput: move |e| on_field.call(("nama", e.value())) }
            if let Some(error) = error_at("nama") {
                p { class: "field-error", role: "alert", "{error}" }
            }
            label { r#for: "t-teks", "Teks" }
            textarea { id: "t-teks", rows: "12", initial_value: "{edit.text}", "aria-invalid": error_at("teks").is_some(), oninput: move |e| on_field.call(("teks", e.value())) }
            if let Some(error) = error_at("teks") {
                p { class: "field-error", role: "alert", "{error}" }
            }
            if edit.saved {
                p { class: "field-ok", role: "status", "Templat disimpan." }
            }
            button { class: "primary", r#type: "submit", "Simpan templat" }
            details { class: "sources",
                summary { "Kolom yang tersedia" }
                ul {
                    for field in fields {
                        li { "{field}" }
                    }
                }
            }
        }
    }
}
