//! Synthetic case books for benchmarks and tests (`layanan-desa dev seed`): realistic spread of
//! services, statuses and about ten events per case over five years, from a fixed seed so two
//! runs give the same book. The names are invented; no real resident is in here.

use crate::domain::case::{ready_status, Channel, ItemState, Stage, Status};
use crate::domain::catalog::{Catalog, Office};
use crate::domain::hours::{OfficeHours, Schedule};
use crate::domain::time;
use crate::store::{EventKind, NewCase, Store, StoreError};

use super::new_id;

/// SplitMix64: small, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Siti", "Sri", "Nur", "Ahmad", "Muhammad", "Slamet", "Sugeng", "Suparman", "Wahyuni", "Dewi",
    "Rina", "Agus", "Bambang", "Hasan", "Ika", "Lilik", "Mistari", "Nanik", "Rohmah", "Sholeh",
    "Tri", "Yuli", "Zainal", "Fatimah",
];
const LAST: &[&str] = &[
    "Aminah",
    "Rahayu",
    "Hidayat",
    "Santoso",
    "Wibowo",
    "Lestari",
    "Fauzi",
    "Hasanah",
    "Kurniawan",
    "Maulana",
    "Purnomo",
    "Rofiq",
    "Safitri",
    "Utomo",
    "Wati",
    "Yulianto",
    "Zubaidah",
    "Arifin",
    "Susanti",
    "Hariyanto",
];
const DUSUN: &[&str] = &[
    "Krajan",
    "Sumberan",
    "Kebonsari",
    "Tegalrejo",
    "Karanganyar",
];
const DAY_MS: i64 = 24 * 3600 * 1000;

/// Writes `count` synthetic cases ending at `now_ms`, in transactions of 1,000 cases.
pub fn seed(
    store: &mut Store,
    catalog: &Catalog,
    count: usize,
    now_ms: i64,
    seed: u64,
) -> Result<(), StoreError> {
    let mut rng = Rng(seed);
    let span_ms = 5 * 365 * DAY_MS;
    let start_ms = now_ms - span_ms;
    let mut written = 0;
    while written < count {
        let batch = (count - written).min(1000);
        store.in_transaction(|store| {
            for i in 0..batch {
                // Spread evenly over five years, oldest first, with jitter inside the slot.
                let slot = span_ms / count.max(1) as i64;
                let received =
                    start_ms + (written + i) as i64 * slot + rng.below(slot.max(1) as u64) as i64;
                one_case(store, catalog, &mut rng, received, now_ms)?;
            }
            Ok(())
        })?;
        written += batch;
    }
    Ok(())
}

fn one_case(
    store: &mut Store,
    catalog: &Catalog,
    rng: &mut Rng,
    received: i64,
    now_ms: i64,
) -> Result<(), StoreError> {
    let service = rng.pick(&catalog.services);
    let phone = format!("0812{:08}", rng.below(100_000_000));
    // The resident wrote up to 12 hours before the case was entered (a hash of the time, not
    // a draw, so the rest of the seeded book stays as it was).
    let message = received - ((received / 60_000).wrapping_mul(7_919).rem_euclid(720)) * 60_000;
    let new = NewCase {
        resident_name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        phone: crate::domain::phone::WaNumber::parse(&phone).ok(),
        nik: None,
        dusun: Some(rng.pick(DUSUN).to_string()),
        rt: Some(format!("{:03}", 1 + rng.below(12))),
        rw: Some(format!("{:03}", 1 + rng.below(5))),
        service_id: service.id.to_string(),
        service_name: service.name.clone(),
        outcome: service.outcome,
        catalog_version: catalog.meta.version,
        requirements: service.requirements.clone(),
        channel: *rng.pick(Channel::ALL),
        received_at_ms: received,
        message_at_ms: message,
        year: time::wib_year(received),
        handler: Some("Operator".into()),
        notes: (rng.below(3) == 0).then(|| "Pesan warga: mohon info syaratnya".to_string()),
        out_of_hours: !OfficeHours::new(Schedule::suggested(), []).is_open(message),
        phone_code: crate::domain::case::PhoneCode::NONE,
    };
    let row = store.create_case(&new, "Operator", &new_id(), [&new_id(), &new_id()])?;
    let id = row.id;
    let mut at = received + 10 * 60 * 1000;
    let step =
        |at: &mut i64, rng: &mut Rng| *at += 30 * 60 * 1000 + rng.below(DAY_MS as u64) as i64;
    let age_days = (now_ms - received) / DAY_MS;
    store.append_event(
        &id,
        &EventKind::MessageSent {
            template: "persyaratan".into(),
            text: "…".into(),
        },
        "Operator",
        at,
        &new_id(),
    )?;
    if age_days < 2 && rng.below(2) == 0 {
        return Ok(());
    }
    for position in 0..service.requirements.len() {
        step(&mut at, rng);
        store.set_item(
            &id,
            position,
            &ItemState::Received { at_ms: at },
            "Operator",
            at,
            &new_id(),
        )?;
    }
    if rng.below(20) == 0 {
        step(&mut at, rng);
        return store
            .change_status(
                &id,
                &Status::Cancelled {
                    reason: "Warga membatalkan".into(),
                },
                "Operator",
                at,
                &new_id(),
            )
            .map(drop);
    }
    step(&mut at, rng);
    // One case in five waited a day for the resident in Belum lengkap (derived from the time,
    // not drawn, so the rest of the seeded book stays as it was).
    if age_days >= 3 && (received / 60_000) % 5 == 0 {
        let missing = Status::Incomplete {
            reason: "KK asli belum dibawa".into(),
        };
        store.change_status(&id, &missing, "Operator", at, &new_id())?;
        at += DAY_MS;
    }
    store.change_status(&id, &Status::Complete, "Operator", at, &new_id())?;
    let stage = match service.processed_at {
        Office::Village => Stage::Village,
        Office::JLahbako => Stage::JLahbako,
        Office::Kecamatan => Stage::Kecamatan,
        Office::Dispendukcapil => Stage::Dispendukcapil,
        Office::Kua | Office::Polsek => Stage::OtherOffice,
    };
    step(&mut at, rng);
    store.change_status(&id, &Status::InProcess(stage), "Operator", at, &new_id())?;
    if age_days < 7 && rng.below(2) == 0 {
        return Ok(());
    }
    step(&mut at, rng);
    let ready = ready_status(service.outcome);
    store.change_status(&id, &ready, "Operator", at, &new_id())?;
    if ready == Status::Done {
        // Done on the spot (an IKD activation): nothing to announce or collect.
        return Ok(());
    }
    step(&mut at, rng);
    store.append_event(
        &id,
        &EventKind::MessageSent {
            template: "siap".into(),
            text: "…".into(),
        },
        "Operator",
        at,
        &new_id(),
    )?;
    if age_days < 14 && rng.below(2) == 0 {
        return Ok(());
    }
    step(&mut at, rng);
    store
        .change_status(&id, &Status::Done, "Operator", at, &new_id())
        .map(drop)
}
