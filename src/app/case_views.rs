//! The case book seen from the screens: Beranda's queues, the Berkas list, the case detail with
//! its checklist, timeline, next statuses and the reply for the current status, the new-case
//! form with its draft, and the office's own templates. Every method returns plain view data
//! or a typed error with an Indonesian message.

use std::sync::{Arc, MutexGuard};

use crate::domain::case::{
    check_transition, likely_next, ready_status, Channel, ItemState, Salutation, Stage, Status,
    StatusKind,
};
use crate::domain::catalog::{Need, Office};
use crate::domain::time::{format_day, format_wib};
use crate::store::{CaseFilter, Cursor, EventKind, ListedCase};

pub use super::reply_templates::template_for;
use super::{App, AppError};
use super::{CaseBook, CaseForm};

/// Rows per page of the Berkas list.
pub const PAGE_SIZE: usize = 50;

/// The acknowledgement suggested first for a request that arrives while the office is closed.
pub const OUT_OF_HOURS_TEMPLATE: &str = "di-luar-jam";

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: String,
    pub number: String,
    pub name: String,
    pub service: String,
    pub status: String,
    pub status_key: String,
    pub received: String,
    /// The day alone (`Sen 30 Nov`), for the list's second line.
    pub received_day: String,
    /// Masked (`3509••••••••0001`) outside the case detail.
    pub nik: Option<String>,
    /// "diubah di dua HP" until someone looked.
    pub changed_on_two_phones: bool,
}

/// Beranda: today's queues.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeView {
    /// A problem the official must act on (damage found, a failed copy ...).
    pub notice: Option<String>,
    /// Told for information only (old cases' personal data removed by the retention period).
    pub info: Option<String>,
    pub new: Vec<CaseSummary>,
    pub waiting: Vec<CaseSummary>,
    pub ready: Vec<CaseSummary>,
    /// Ready cases whose resident has not been told since ("Kabari semua yang siap diambil").
    pub to_tell: usize,
    pub overdue: Vec<CaseSummary>,
    /// Received outside office hours and not handled yet, oldest first.
    pub out_of_hours: Vec<CaseSummary>,
    pub open_count: usize,
    pub office_open: bool,
    /// `besok, Senin 30 November 2026, mulai pukul 08.00 WIB` while closed.
    pub next_opening: Option<String>,
    /// The office has not confirmed its hours yet (first start).
    pub hours_unconfirmed: bool,
    /// A newer app version announced by a signed bundle: `(version, what changed)`.
    pub app_update: Option<(String, String)>,
    /// The server the daily copy goes to ("dav.example.id"), so a changed address shows.
    pub offsite_target: Option<String>,
    /// "Terakhir sinkron: … · 3 perubahan menunggu dikirim" while the folder sync is on.
    pub sync_line: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseListView {
    pub rows: Vec<CaseSummary>,
    pub next: Option<Cursor>,
    /// `(id, name)` of every service, for the filter.
    pub services: Arc<[(String, String)]>,
}

/// What the official does to one checklist item from the case screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemMark {
    /// The paper is in hand.
    Received,
    /// Back to not received (a conditional item to undecided).
    Reset,
    /// A conditional item applies ("Perlu").
    Needed,
}

impl ItemMark {
    /// The toast after the change.
    pub fn done_text(self) -> &'static str {
        match self {
            ItemMark::Received => "Syarat ditandai diterima.",
            ItemMark::Reset => "Centang dibatalkan.",
            ItemMark::Needed => "Syarat ditandai perlu: masuk daftar kekurangan.",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemView {
    pub position: usize,
    pub label: String,
    pub detail: Option<String>,
    pub condition: Option<String>,
    /// `pending`, `needed`, `received` or `not-applicable`.
    pub state: String,
    pub state_text: Option<String>,
    pub missing: bool,
    /// A conditional item waiting for "Perlu" or "Tidak perlu".
    pub undecided: bool,
    /// Ticked as brought.
    pub received: bool,
    /// A conditional item not yet brought nor set aside: "Tidak perlu" can be said of it.
    pub can_set_aside: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: String,
    pub actor: String,
    pub text: String,
    /// On which of the office's phones ("HP B"), once the office has more than one.
    pub phone: Option<String>,
}

/// A status the case may move to next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionView {
    pub key: String,
    pub label: String,
    pub needs_reason: bool,
    /// A move back (Belum lengkap, Batalkan): offered, but never first.
    pub backward: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyView {
    pub template_id: String,
    pub template_name: String,
    pub text: String,
    pub phone: Option<String>,
}

/// Everything the case detail screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    pub id: String,
    pub number: String,
    pub name: String,
    /// How the replies address the resident (Bapak, Ibu, or Bapak/Ibu until chosen).
    pub salutation: Salutation,
    pub phone: Option<String>,
    /// Masked (`3509••••••••0001`): what the screen shows unless the official asks.
    pub nik: Option<String>,
    /// The whole NIK, shown only after "Tampilkan NIK".
    pub nik_full: Option<String>,
    pub address: Option<String>,
    pub service: String,
    pub channel: String,
    pub received: String,
    /// "Pesan masuk": when the resident wrote, `Sab 28 Nov 2026 20.14 WIB`.
    pub message: String,
    /// The same as a `datetime-local` value, for the field that corrects it.
    pub message_input: String,
    pub handler: Option<String>,
    pub status: String,
    pub status_key: String,
    /// Not finished or cancelled: the checklist and the next steps can still change.
    pub is_open: bool,
    pub items: Vec<ItemView>,
    pub missing_count: usize,
    /// Conditional items nobody has said "Perlu" or "Tidak perlu" to.
    pub undecided_count: usize,
    pub suggest_complete: bool,
    pub timeline: Vec<TimelineEntry>,
    /// Two phones changed the same thing without seeing each other's change, and nobody has
    /// looked since: "diubah di dua HP" until "Sudah dicek".
    pub changed_on_two_phones: bool,
    /// The likely next step (`domain::case::likely_next`), offered first; not in `actions`.
    pub next: Option<ActionView>,
    /// The other steps the case may take, forward ones first.
    pub actions: Vec<ActionView>,
    /// "3/3 syarat ✓" once nothing is missing or undecided: the checklist can fold away.
    pub checklist_done: Option<String>,
    pub reply: Option<ReplyView>,
    pub reply_options: Vec<(String, String)>,
}

/// The new-case form's choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCaseView {
    pub form: CaseForm,
    pub services: Arc<[(String, String)]>,
    pub channels: Vec<(String, String)>,
    /// Lines of a whole shared chat left out of the notes (offered, not stored).
    pub earlier_chat_lines: Option<usize>,
    /// What "Pesan masuk" shows while the form leaves it empty: now, as a `datetime-local`
    /// value (saved as the moment the case is created unless changed).
    pub message_default: String,
}

fn summary(row: &ListedCase) -> CaseSummary {
    CaseSummary {
        id: row.id.clone(),
        number: row.number.to_string(),
        name: row.resident_name.clone(),
        service: row.service_name.clone(),
        status: row.status.label(),
        status_key: row.status.kind().key().to_string(),
        // "Masuk" in the lists is when the resident wrote.
        received: format_wib(row.message_at_ms),
        received_day: format_day(row.message_at_ms),
        nik: row.nik.as_ref().map(|n| n.masked()),
        changed_on_two_phones: row.changed_on_two_phones,
    }
}

/// The candidate next statuses, in the order they are offered.
pub(super) fn candidates(
    status: &Status,
    outcome: crate::domain::catalog::Outcome,
    missing: &str,
) -> Vec<(String, Status)> {
    let mut out = vec![
        ("lengkap".to_string(), Status::Complete),
        (
            "belum-lengkap".to_string(),
            Status::Incomplete {
                reason: if missing.is_empty() {
                    "-".into()
                } else {
                    missing.to_string()
                },
            },
        ),
    ];
    for stage in Stage::ALL {
        out.push((
            format!("diproses:{}", stage.key()),
            Status::InProcess(*stage),
        ));
    }
    let ready = ready_status(outcome);
    if ready != Status::Done {
        out.push((ready.kind().key().to_string(), ready));
    }
    out.push(("selesai".to_string(), Status::Done));
    out.push((
        "dibatalkan".to_string(),
        Status::Cancelled { reason: "-".into() },
    ));
    out.into_iter()
        .filter(|(_, to)| check_transition(status, to, outcome).is_ok())
        .collect()
}

impl App {
    /// `(id, name)` of every service, for the screens' service pickers.
    fn service_options(&self) -> Arc<[(String, String)]> {
        self.loaded().service_options.clone()
    }

    pub(crate) fn book(&self) -> Result<MutexGuard<'_, CaseBook>, AppError> {
        let book = self.cases.as_ref().ok_or(AppError::NoCaseBook)?;
        // A poisoned lock only means an earlier call panicked mid-way; SQLite kept the data
        // consistent, so carry on with it.
        Ok(book.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// What the app must tell the official at start (a damaged database that was replaced).
    pub fn startup_notice(&self) -> Option<String> {
        self.notice_now()
    }

    pub fn home(&self) -> Result<HomeView, AppError> {
        let book = self.book()?;
        let now = book.now_ms();
        let open = book.store.open_cases()?;
        let office = self.office();
        let hours = &office.hours;
        // Overdue as the Laporan counts it: office time (Belum lengkap counted out) past the
        // service's processing duration. An empty range reads only the open cases.
        let late: std::collections::HashSet<String> =
            super::report::facts_of_open(&book.store, &self.catalog())?
                .iter()
                .filter_map(|f| f.overdue(hours, now))
                .map(|o| o.number)
                .collect();
        let to_tell = book.store.untold_cases(&super::tell_ready::READY)?.len();
        drop(book);
        let is_open = hours.is_open(now);
        let mut view = HomeView {
            notice: self.notice_now(),
            info: self.info_now(),
            open_count: open.len(),
            office_open: is_open,
            next_opening: (!is_open).then(|| hours.opening_text(now)),
            hours_unconfirmed: !office.hours_confirmed,
            app_update: self.app_update().map(|r| (r.version, r.changes)),
            offsite_target: self.offsite_target()?,
            sync_line: self.sync_status()?.map(|s| s.line()),
            to_tell,
            ..HomeView::default()
        };
        // Oldest first for the out-of-hours queue (handled in arrival order next morning);
        // newest first for the rest.
        for row in &open {
            if row.out_of_hours && row.status.kind() == StatusKind::New {
                view.out_of_hours.push(summary(&row.listed()));
            }
        }
        for row in open.iter().rev() {
            let s = summary(&row.listed());
            match row.status.kind() {
                StatusKind::New if !row.out_of_hours => view.new.push(s.clone()),
                StatusKind::Incomplete => view.waiting.push(s.clone()),
                StatusKind::Issued | StatusKind::ReadyForPickup => view.ready.push(s.clone()),
                _ => {}
            }
            if late.contains(&row.number.to_string()) {
                view.overdue.push(s);
            }
        }
        Ok(view)
    }

    pub fn case_list(
        &self,
        filter: &CaseFilter,
        after: Option<&Cursor>,
    ) -> Result<CaseListView, AppError> {
        let page = self.book()?.store.list_cases(filter, after, PAGE_SIZE)?;
        Ok(CaseListView {
            rows: page.rows.iter().map(summary).collect(),
            next: page.next,
            services: self.service_options(),
        })
    }

    pub fn case_view(&self, id: &str) -> Result<CaseView, AppError> {
        let (detail, now, event_phones) = {
            let book = self.book()?;
            (
                book.detail(id)?,
                book.now_ms(),
                book.store.event_phones(id)?,
            )
        };
        let codes = self.phone_codes()?;
        let case = &detail.case;
        let items: Vec<ItemView> = detail
            .checklist
            .items
            .iter()
            .enumerate()
            .map(|(position, item)| ItemView {
                position,
                label: item.requirement.label.clone(),
                detail: item.requirement.detail_text(),
                condition: item.requirement.condition_text(),
                state: match item.state {
                    ItemState::Pending => "pending",
                    ItemState::Needed => "needed",
                    ItemState::Received { .. } => "received",
                    ItemState::NotApplicable { .. } => "not-applicable",
                }
                .into(),
                state_text: match &item.state {
                    ItemState::Pending => None,
                    ItemState::Needed => Some("Perlu, masih kurang".into()),
                    ItemState::Received { at_ms } => {
                        Some(format!("Diterima {}", format_wib(*at_ms)))
                    }
                    ItemState::NotApplicable { reason } => Some(format!("Tidak perlu: {reason}")),
                },
                missing: item.is_missing(),
                undecided: item.is_undecided(),
                received: matches!(item.state, ItemState::Received { .. }),
                can_set_aside: matches!(item.state, ItemState::Pending | ItemState::Needed)
                    && !matches!(item.requirement.need, Need::Always),
            })
            .collect();
        let label_at = |p: &usize| {
            items
                .get(*p)
                .map_or_else(|| format!("syarat {}", p + 1), |i| i.label.clone())
        };
        let templates: Vec<(String, String)> = self
            .templates
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|t| t.id != super::REQUIREMENTS_TEMPLATE)
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect();
        let timeline = detail
            .events
            .iter()
            .map(|e| TimelineEntry {
                at: format_wib(e.at_ms),
                actor: e.actor.clone(),
                phone: codes
                    .as_ref()
                    .and_then(|c| c.get(event_phones.get(&e.id)?))
                    .cloned(),
                text: match &e.kind {
                    EventKind::Created => format!("Berkas dibuat ({})", case.channel.label()),
                    EventKind::StatusChanged { status } => format!("Status: {}", status.label()),
                    EventKind::ItemReceived { position } => {
                        format!("Diterima: {}", label_at(position))
                    }
                    EventKind::ItemNotApplicable { position, reason } => {
                        format!("Tidak perlu: {} ({reason})", label_at(position))
                    }
                    EventKind::ItemReset { position } => {
                        format!("Centang dibatalkan: {}", label_at(position))
                    }
                    EventKind::ItemNeeded { position } => {
                        format!("Perlu: {}", label_at(position))
                    }
                    EventKind::Note { text } => format!("Catatan: {text}"),
                    EventKind::MessageTimeSet { at_ms } => {
                        format!("Pesan masuk diubah menjadi {}", format_wib(*at_ms))
                    }
                    EventKind::PersonalDataErased { reason } => {
                        format!("Data pribadi warga dihapus ({reason})")
                    }
                    EventKind::MessageSent { template, text } => {
                        let name = templates
                            .iter()
                            .find(|(id, _)| id == template)
                            .map_or(template.as_str(), |(_, n)| n.as_str());
                        format!(
                            "WhatsApp terkirim ({name}): {}",
                            text.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
                        )
                    }
                },
            })
            .collect();
        let missing = detail.checklist.missing_list();
        let papers_complete =
            detail.checklist.missing().is_empty() && detail.checklist.undecided().is_empty();
        let processed_at = self
            .catalog()
            .service(&case.service_id)
            .map_or(Office::Village, |s| s.processed_at);
        let likely = likely_next(&case.status, case.outcome, processed_at, papers_complete);
        let (mut next, mut actions) = (None, Vec::new());
        for (key, status) in candidates(&case.status, case.outcome, &missing) {
            let backward = matches!(status, Status::Incomplete { .. } | Status::Cancelled { .. });
            let action = ActionView {
                label: match &status {
                    Status::Incomplete { .. } => "Belum lengkap".to_string(),
                    Status::Cancelled { .. } => "Batalkan".to_string(),
                    other => other.label(),
                },
                needs_reason: matches!(status, Status::Cancelled { .. }),
                backward,
                key,
            };
            if likely.as_ref() == Some(&status) {
                next = Some(action);
            } else {
                actions.push(action);
            }
        }
        // Forward first: a move back is never the first button under the thumb.
        actions.sort_by_key(|a| a.backward);
        let checklist_done = (papers_complete && !items.is_empty())
            .then(|| format!("{n}/{n} syarat ✓", n = items.len()));
        // Before the first reply, while the office is closed, the resident first hears that the
        // message was received and when it will be handled.
        let replied = detail
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::MessageSent { .. }));
        let template_id = if case.status.kind() == StatusKind::New
            && !replied
            && !self.office().hours.is_open(now)
        {
            OUT_OF_HOURS_TEMPLATE
        } else {
            template_for(case.status.kind())
        };
        let reply = self
            .template_text(template_id, &detail, None, now)
            .ok()
            .map(|(name, text)| ReplyView {
                template_id: template_id.to_string(),
                template_name: name,
                text,
                phone: case.phone.as_ref().map(|n| n.digits().to_string()),
            });
        let address = [
            case.dusun.as_ref().map(|d| format!("Dusun {d}")),
            case.rt.as_ref().map(|rt| format!("RT {rt}")),
            case.rw.as_ref().map(|rw| format!("RW {rw}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        Ok(CaseView {
            id: case.id.clone(),
            number: case.number.to_string(),
            name: case.resident_name.clone(),
            salutation: case.salutation,
            phone: case.phone.as_ref().map(|n| n.display()),
            nik: case.nik.as_ref().map(|n| n.masked()),
            nik_full: case.nik.as_ref().map(|n| n.digits().to_string()),
            address: (!address.is_empty()).then_some(address),
            service: case.service_name.clone(),
            channel: case.channel.label().to_string(),
            received: format_wib(case.received_at_ms),
            message: format_wib(case.message_at_ms),
            message_input: crate::domain::time::wib_input(case.message_at_ms),
            handler: case.handler.clone(),
            status: case.status.label(),
            status_key: case.status.kind().key().to_string(),
            is_open: case.status.kind().is_open(),
            missing_count: detail.checklist.missing().len(),
            undecided_count: detail.checklist.undecided().len(),
            suggest_complete: detail.checklist.suggests_complete(&case.status),
            items,
            timeline,
            changed_on_two_phones: case.changed_on_two_phones,
            next,
            actions,
            checklist_done,
            reply,
            reply_options: templates,
        })
    }

    pub fn new_case_view(&self, service_id: Option<&str>) -> Result<NewCaseView, AppError> {
        let now = self.book()?.now_ms();
        let mut form = self.load_draft()?.unwrap_or_default();
        if let Some(id) = service_id {
            form.service_id = id.to_string();
        }
        Ok(NewCaseView {
            form,
            services: self.service_options(),
            channels: Channel::ALL
                .iter()
                .map(|c| (c.key().to_string(), c.label().to_string()))
                .collect(),
            earlier_chat_lines: self.earlier_chat_lines(),
            message_default: crate::domain::time::wib_input(now),
        })
    }
}
