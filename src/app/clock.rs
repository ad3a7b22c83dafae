//! The clock the app reads: the phone's (`SystemClock`) or one moved by hand (`ManualClock`:
//! the seeder, the test phones, and the instant a daily copy is named after).

use std::sync::atomic::{AtomicI64, Ordering};

/// The current time, injected so tests can freeze it.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch, UTC.
    fn now_ms(&self) -> i64;

    /// Milliseconds on a clock nobody can set, that only moves forward, counted from a fixed
    /// point in this run of the app (the PIN wait uses it besides `now_ms`, so moving the
    /// phone's clock does not end a wait while the app keeps running).
    fn elapsed_ms(&self) -> i64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        let start = START.get_or_init(std::time::Instant::now);
        i64::try_from(start.elapsed().as_millis()).unwrap_or(i64::MAX)
    }
}

/// A shared clock (tests keep one handle to move time while the case book holds the other).
impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now_ms(&self) -> i64 {
        (**self).now_ms()
    }

    fn elapsed_ms(&self) -> i64 {
        (**self).elapsed_ms()
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A clock that stands still until moved by hand: the seeder's, the test phones', and the
/// one instant a daily copy made outside the book is named after. `advance` and a `set`
/// forward are time passing (the elapsed clock moves too); `set` backward and `move_wall`
/// are someone changing the phone's clock (the elapsed clock stays).
#[derive(Debug, Default)]
pub struct ManualClock {
    wall: AtomicI64,
    elapsed: AtomicI64,
}

impl ManualClock {
    pub fn new(ms: i64) -> ManualClock {
        ManualClock {
            wall: AtomicI64::new(ms),
            elapsed: AtomicI64::new(0),
        }
    }

    pub fn set(&self, ms: i64) {
        let before = self.wall.swap(ms, Ordering::SeqCst);
        if ms > before {
            self.elapsed.fetch_add(ms - before, Ordering::SeqCst);
        }
    }

    pub fn advance(&self, ms: i64) {
        self.wall.fetch_add(ms, Ordering::SeqCst);
        self.elapsed.fetch_add(ms.max(0), Ordering::SeqCst);
    }

    /// The phone's clock set by hand: the wall clock jumps, no time passes.
    pub fn move_wall(&self, ms: i64) {
        self.wall.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.wall.load(Ordering::SeqCst)
    }

    fn elapsed_ms(&self) -> i64 {
        self.elapsed.load(Ordering::SeqCst)
    }
}
