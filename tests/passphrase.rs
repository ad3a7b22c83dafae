//! Generated backup passphrases ("Buat kata sandi acak"): the word list has exactly 2048
//! distinct plain words, every word is reachable at every position and picked from 11 bits
//! with no bias, the app's passphrases come from the system's random source, are accepted as
//! a backup passphrase and open the backup they sealed, and their QR code, rendered by a real
//! SVG renderer (resvg) and read by a QR decoder (rqrr), gives the passphrase back.

mod common;
use common::TestPhone;

use std::collections::HashSet;

use layanan_desa::app::backup::new_passphrase;
use layanan_desa::app::CaseForm;
use layanan_desa::domain::backup::{check_new_passphrase, KdfCost};
use layanan_desa::domain::passphrase::{self, RANDOM_BYTES, WORDS_PER_PASSPHRASE};
use layanan_desa::platform::recording::{Device, Recording};

const NOW: i64 = 1_795_869_000_000;

#[test]
fn the_word_list_is_2048_distinct_plain_words() {
    let words: Vec<&str> = passphrase::words().collect();
    assert_eq!(words.len(), 2048);
    let distinct: HashSet<&&str> = words.iter().collect();
    assert_eq!(distinct.len(), 2048, "no word twice");
    for w in &words {
        assert!(
            (4..=9).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()),
            "{w:?}"
        );
    }
    assert_eq!(passphrase::entropy_bits(), 44.0);
    assert_eq!((WORDS_PER_PASSPHRASE, RANDOM_BYTES), (4, 6));
}

/// Writes `indices` (11 bits each) into the bytes `from_random` reads.
fn bytes_for(indices: [usize; 4]) -> [u8; RANDOM_BYTES] {
    let mut bits: u64 = 0;
    for i in indices {
        bits = (bits << 11) | i as u64;
    }
    bits <<= RANDOM_BYTES * 8 - 44;
    let all = bits.to_be_bytes();
    let mut out = [0u8; RANDOM_BYTES];
    out.copy_from_slice(&all[8 - RANDOM_BYTES..]);
    out
}

#[test]
fn every_word_is_reachable_at_every_position_from_its_own_eleven_bits() {
    let words: Vec<&str> = passphrase::words().collect();
    assert_eq!(
        passphrase::from_random(&[0; RANDOM_BYTES]),
        [words[0]; 4].join(" ")
    );
    assert_eq!(
        passphrase::from_random(&[0xff; RANDOM_BYTES]),
        [words[2047]; 4].join(" ")
    );
    for i in 0..2048 {
        let j = 2047 - i;
        let k = (i * 7 + 3) % 2048;
        let got = passphrase::from_random(&bytes_for([i, j, k, i]));
        assert_eq!(got, [words[i], words[j], words[k], words[i]].join(" "));
    }
}

#[test]
fn generated_passphrases_are_random_accepted_and_open_their_backup() {
    let list: HashSet<&str> = passphrase::words().collect();
    let made: Vec<String> = (0..50).map(|_| new_passphrase().expect("random")).collect();
    for p in &made {
        let words: Vec<&str> = p.split(' ').collect();
        assert_eq!(words.len(), 4, "{p}");
        assert!(words.iter().all(|w| list.contains(w)), "{p}");
        check_new_passphrase(p).expect("long enough");
    }
    let distinct: HashSet<&String> = made.iter().collect();
    assert_eq!(
        distinct.len(),
        made.len(),
        "50 draws of 44 bits never repeat"
    );

    let dir = tempfile::tempdir().expect("tmp");
    let platform = Recording::new(Device::default()).with_data_dir(dir.path().to_path_buf());
    let app = TestPhone::new(dir.path())
        .at(NOW)
        .platform(platform.clone())
        .start();
    app.create_case(&CaseForm {
        resident_name: "Siti Aminah".into(),
        phone: "0812 3456 7890".into(),
        service_id: "domisili".into(),
        ..CaseForm::default()
    })
    .expect("case");
    let cheap = KdfCost {
        memory_kib: 64,
        iterations: 1,
        lanes: 1,
    };
    let (name, bytes, _) = app.backup_bytes(&made[0], cheap).expect("backup");
    assert!(app.inspect_backup(&name, &bytes, &made[1]).is_err());
    assert_eq!(
        app.inspect_backup(&name, &bytes, &made[0])
            .expect("opens")
            .cases,
        1
    );
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
            ((u16::from(data[i]) + u16::from(data[i + 1]) + u16::from(data[i + 2])) / 3) as u8
        });
    image
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("decodes").1)
        .collect()
}

#[test]
fn the_passphrase_qr_code_reads_back_as_the_passphrase() {
    for _ in 0..5 {
        let words = new_passphrase().expect("random");
        let svg = passphrase::qr_svg(&words, 240).expect("qr");
        assert_eq!(decode_qr(&svg), vec![words]);
    }
}
