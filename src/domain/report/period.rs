//! What a report is asked for: a period of WIB dates (parsed as officials write dates, the
//! month of a day, the period before it for the comparison) and which of its cases (`Basis`:
//! written in it, or ready in it).

use super::*;

/// WIB dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    #[error("Tanggal \"{0}\" tidak dikenal. Tulis seperti 2026-11-01 atau 01/11/2026.")]
    BadDate(String),
    #[error("Tanggal akhir ({to}) lebih awal dari tanggal awal ({from}).")]
    Reversed { from: String, to: String },
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::Reversed {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        Ok(Period { from, to })
    }

    pub fn parse(from: &str, to: &str) -> Result<Period, PeriodError> {
        let parse = |t: &str| {
            crate::domain::hours::parse_date(t)
                .ok_or_else(|| PeriodError::BadDate(t.trim().to_string()))
        };
        Period::new(parse(from)?, parse(to)?)
    }

    /// The calendar month holding `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        let from = date.with_day(1).unwrap_or(date);
        let next = if from.month() == 12 {
            NaiveDate::from_ymd_opt(from.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(from.year(), from.month() + 1, 1)
        };
        let to = next.and_then(|n| n.pred_opt()).unwrap_or(from);
        Period { from, to }
    }

    /// A whole calendar month?
    pub fn is_month(&self) -> bool {
        Period::month_of(self.from) == *self
    }

    /// The period compared with this one: the month before a calendar month, otherwise as many
    /// days just before it.
    pub fn previous(&self) -> Period {
        let before = self.from.pred_opt().unwrap_or(self.from);
        if self.is_month() {
            return Period::month_of(before);
        }
        let days = (self.to - self.from).num_days();
        Period {
            from: before
                .checked_sub_signed(Duration::days(days))
                .unwrap_or(before),
            to: before,
        }
    }

    pub fn contains_ms(&self, ms: i64) -> bool {
        to_wib(ms).is_some_and(|t| (self.from..=self.to).contains(&t.date_naive()))
    }

    /// `1–30 November 2026`, or both dates in full.
    pub fn label(&self) -> String {
        if self.from.year() == self.to.year() && self.from.month() == self.to.month() {
            format!("{}–{}", self.from.day(), long_date(self.to))
        } else {
            format!("{} – {}", long_date(self.from), long_date(self.to))
        }
    }
}

/// Which cases a period holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Basis {
    /// "Berkas yang masuk": Pesan masuk in the period.
    #[default]
    Written,
    /// "Berkas yang siap": ready in the period.
    Ready,
}

keyed!(Basis, label {
    Written => "masuk", "berkas yang masuk";
    Ready => "siap", "berkas yang siap";
});

/// A period and which of its cases: what a report is asked for. A bare period means the cases
/// written in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub period: Period,
    pub basis: Basis,
}

impl From<Period> for Scope {
    fn from(period: Period) -> Scope {
        Scope {
            period,
            basis: Basis::Written,
        }
    }
}
