//! Issue 22's property on the real store (SQLite files through the app): 3–5 phones, one two
//! days behind, take random steps (new cases, ticks and set-asides, status moves, notes,
//! forms of address, erasures, holidays, office catalog files, "Sudah dicek" on a case marked
//! "diubah di dua HP") on their own and on each other's cases, and exchange random parts of
//! what they hold, duplicated and in random order. After everyone has exchanged with everyone, every phone's
//! canonical dump (the "diubah di dua HP" mark in it) and Laporan are equal, and equal to a
//! new phone that received every operation at once. A failing schedule is shrunk by proptest
//! and kept in `tests/sync_store_property.proptest-regressions`.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use common::TestPhone;
use layanan_desa::app::{App, CaseForm, ManualClock};
use layanan_desa::domain::report::Period;
use layanan_desa::store::{Entry, Operation};
use proptest::prelude::*;

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;
const DAY: i64 = 24 * 3600 * 1000;
const SERVICES: [&str; 3] = ["sktm", "kia", "domisili"];

#[derive(Debug, Clone)]
enum Step {
    Open {
        phone: usize,
        service: usize,
    },
    Tick {
        phone: usize,
        case: usize,
        item: usize,
        on: bool,
    },
    SetAside {
        phone: usize,
        case: usize,
        item: usize,
    },
    Forward {
        phone: usize,
        case: usize,
    },
    Note {
        phone: usize,
        case: usize,
    },
    Address {
        phone: usize,
        case: usize,
        ibu: bool,
    },
    /// One of two office catalog files saved (with a duration of `days`) or removed.
    Service {
        phone: usize,
        which: u8,
        days: u8,
        remove: bool,
    },
    /// "Sudah dicek" on a case marked "diubah di dua HP" (nothing when it is not marked).
    Look {
        phone: usize,
        case: usize,
    },
    Erase {
        phone: usize,
        case: usize,
    },
    Holiday {
        phone: usize,
        day: u32,
    },
    Wait {
        phone: usize,
        minutes: i64,
    },
    Exchange {
        from: usize,
        to: usize,
        keep: u8,
        seed: u64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let p = 0usize..5;
    prop_oneof![
        4 => (p.clone(), 0usize..3).prop_map(|(phone, service)| Step::Open { phone, service }),
        4 => (p.clone(), any::<usize>(), 0usize..4, any::<bool>())
            .prop_map(|(phone, case, item, on)| Step::Tick { phone, case, item, on }),
        1 => (p.clone(), any::<usize>(), 0usize..4)
            .prop_map(|(phone, case, item)| Step::SetAside { phone, case, item }),
        2 => (p.clone(), any::<usize>()).prop_map(|(phone, case)| Step::Forward { phone, case }),
        2 => (p.clone(), any::<usize>()).prop_map(|(phone, case)| Step::Note { phone, case }),
        1 => (p.clone(), any::<usize>(), any::<bool>())
            .prop_map(|(phone, case, ibu)| Step::Address { phone, case, ibu }),
        1 => (p.clone(), any::<usize>()).prop_map(|(phone, case)| Step::Erase { phone, case }),
        1 => (p.clone(), any::<usize>()).prop_map(|(phone, case)| Step::Look { phone, case }),
        1 => (p.clone(), 1u32..28).prop_map(|(phone, day)| Step::Holiday { phone, day }),
        1 => (p.clone(), 0u8..2, 1u8..9, any::<bool>())
            .prop_map(|(phone, which, days, remove)| Step::Service { phone, which, days, remove }),
        2 => (p.clone(), 1i64..600).prop_map(|(phone, minutes)| Step::Wait { phone, minutes }),
        4 => (p.clone(), p, 0u8..=100, any::<u64>())
            .prop_map(|(from, to, keep, seed)| Step::Exchange { from, to, keep, seed }),
    ]
}

struct Phone {
    _dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
    app: App,
    /// The cases this phone holds, in the order it came to hold them.
    cases: Vec<String>,
}

fn phone(i: usize, now: i64) -> Phone {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(now));
    let app = TestPhone::new(dir.path()).clock(&clock).start();
    app.set_phone_code(&((b'A' + i as u8) as char).to_string())
        .expect("code");
    Phone {
        _dir: dir,
        clock,
        app,
        cases: Vec::new(),
    }
}

fn shuffled(mut ops: Vec<Operation>, seed: u64) -> Vec<Operation> {
    let mut s = seed | 1;
    for i in (1..ops.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        ops.swap(i, (s % (i as u64 + 1)) as usize);
    }
    ops
}

/// `from` hands `to` a `keep` percent part of what `to` lacks, shuffled, a third of it twice.
fn exchange(phones: &mut [Phone], from: usize, to: usize, keep: u8, seed: u64) {
    let have = phones[to].app.sync_have().expect("have");
    let ops = phones[from].app.sync_operations_after(&have).expect("ops");
    let ops = shuffled(ops, seed);
    let n = ops.len() * usize::from(keep) / 100;
    let mut part: Vec<Operation> = ops.into_iter().take(n).collect();
    let again: Vec<Operation> = part.iter().step_by(3).cloned().collect();
    part.extend(again);
    for op in &part {
        if let Entry::Opened { case, .. } = &op.change {
            if !phones[to].cases.contains(&case.id) {
                phones[to].cases.push(case.id.clone());
            }
        }
    }
    let applied = phones[to].app.apply_sync_operations(part).expect("applied");
    assert!(applied.refused.is_empty(), "{:?}", applied.refused);
}

fn pick(p: &Phone, case: usize) -> Option<String> {
    (!p.cases.is_empty()).then(|| p.cases[case % p.cases.len()].clone())
}

fn report(app: &App) -> Vec<u8> {
    let year = Period::parse("2026-01-01", "2026-12-31").expect("year");
    let (summary, cases) = app.report_csv_bytes(year).expect("report");
    [summary, cases].concat()
}

fn run(count: usize, steps: &[Step]) -> Result<usize, TestCaseError> {
    let mut phones: Vec<Phone> = (0..count)
        .map(|i| phone(i, if i == 1 { NOW - 2 * DAY } else { NOW }))
        .collect();
    let mut opened = 0;
    for step in steps {
        // Steps meant for a phone beyond this run's count go to one that exists. What the
        // app refuses (a move the case cannot take, an erased case) is part of the run.
        match step.clone() {
            Step::Open { phone, service } => {
                let p = &mut phones[phone % count];
                let form = CaseForm {
                    resident_name: format!("Warga {opened}"),
                    phone: format!("0812 3456 {:04}", opened % 10_000),
                    service_id: SERVICES[service].into(),
                    notes: format!("Catatan warga {opened}"),
                    ..CaseForm::default()
                };
                let id = p.app.create_case(&form).expect("case");
                p.cases.push(id);
                opened += 1;
            }
            Step::Tick {
                phone,
                case,
                item,
                on,
            } => {
                let p = &phones[phone % count];
                if let Some(id) = pick(p, case) {
                    let _ = p.app.set_item(&id, item, on);
                }
            }
            Step::SetAside { phone, case, item } => {
                let p = &phones[phone % count];
                if let Some(id) = pick(p, case) {
                    let _ = p.app.set_item_not_applicable(&id, item, "sudah ada");
                }
            }
            Step::Forward { phone, case } => {
                let p = &phones[phone % count];
                if let Some(id) = pick(p, case) {
                    let view = p.app.case_view(&id).expect("view");
                    if let Some(action) = view.next.or_else(|| {
                        view.actions
                            .into_iter()
                            .find(|a| !a.backward && !a.needs_reason)
                    }) {
                        let _ = p.app.apply_action(&id, &action.key, None);
                    }
                }
            }
            Step::Note { phone, case } => {
                let p = &phones[phone % count];
                if let Some(id) = pick(p, case) {
                    p.app.add_case_note(&id, "ditelepon").expect("note");
                }
            }
            Step::Look { phone, case } => {
                let p = &phones[phone % count];
                if let Some(id) = pick(p, case) {
                    p.app.mark_case_looked(&id).expect("looked");
                }
            }
            Step::Address { phone, case, ibu } => {
                let p = &phones[phone % count];
                if let Some(id) = pick(p, case) {
                    let _ = p.app.set_salutation(&id, if ibu { "ibu" } else { "bapak" });
                }
            }
            Step::Erase { phone, case } => {
                let p = &phones[phone % count];
                if let Some(id) = pick(p, case) {
                    let _ = p.app.erase_resident(&id, "");
                }
            }
            Step::Holiday { phone, day } => {
                let p = &phones[phone % count];
                p.app
                    .add_holiday(&format!("2026-12-{day:02}"), "Libur desa")
                    .expect("holiday");
            }
            Step::Service {
                phone,
                which,
                days,
                remove,
            } => {
                let p = &phones[phone % count];
                let name = format!("kantor-{which}.toml");
                if remove {
                    p.app.delete_office_catalog_file(&name).expect("removed");
                } else {
                    p.app
                        .save_office_catalog_file(
                            &name,
                            &common::office_service(
                                &format!("sk-kantor-{which}"),
                                &format!("Surat keterangan kantor {which}"),
                                days,
                            ),
                        )
                        .expect("office service");
                }
            }
            Step::Wait { phone, minutes } => phones[phone % count].clock.advance(minutes * 60_000),
            Step::Exchange {
                from,
                to,
                keep,
                seed,
            } => {
                let (from, to) = (from % count, to % count);
                if from != to {
                    exchange(&mut phones, from, to, keep, seed);
                }
            }
        }
    }
    // Everyone with everyone, whole, twice over.
    for round in 0..2u64 {
        for from in 0..count {
            for to in 0..count {
                if from != to {
                    exchange(
                        &mut phones,
                        from,
                        to,
                        100,
                        round * 31 + from as u64 * 7 + to as u64,
                    );
                }
            }
        }
    }
    let dump = phones[0].app.canonical_dump().expect("dump");
    let laporan = report(&phones[0].app);
    for (i, p) in phones.iter().enumerate().skip(1) {
        prop_assert_eq!(&p.app.canonical_dump().expect("dump"), &dump, "phone {}", i);
        prop_assert_eq!(&report(&p.app), &laporan, "Laporan of phone {}", i);
    }
    // One phone that received every operation at once, in clock order.
    let all = phones[0]
        .app
        .sync_operations_after(&Default::default())
        .expect("all");
    let fresh = phone(count, NOW + DAY);
    fresh.app.apply_sync_operations(all).expect("all at once");
    prop_assert_eq!(fresh.app.canonical_dump().expect("dump"), dump);
    prop_assert_eq!(report(&fresh.app), laporan);
    let ids: BTreeSet<&String> = phones.iter().flat_map(|p| &p.cases).collect();
    Ok(ids.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn phones_that_exchanged_everything_show_the_same_book_and_laporan(
        count in 3usize..=5,
        steps in prop::collection::vec(step(), 100..400),
    ) {
        // About 50 cases a run, 2,500 over the 48 runs.
        run(count, &steps)?;
    }
}
