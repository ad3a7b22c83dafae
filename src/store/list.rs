//! The Berkas list: filters, keyset paging over narrow rows.

use super::*;

/// One line of the Berkas list: only what the list shows and its cursor needs (the list is
/// read on every keystroke of a search; the other columns stay on disk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedCase {
    pub id: String,
    pub number: CaseNumber,
    pub resident_name: String,
    pub nik: Option<Nik>,
    pub service_name: String,
    pub status: Status,
    pub received_at_ms: i64,
    /// "Pesan masuk": what the lists show as "Masuk".
    pub message_at_ms: i64,
    pub updated_at_ms: i64,
    /// "Diubah di dua HP" (see `CaseRow`).
    pub changed_on_two_phones: bool,
}

/// The list's filters and cursor are plain data of the domain (the screens build them without
/// knowing the store); the store only reads them.
pub use crate::domain::case::{CaseFilter, Cursor};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub rows: Vec<ListedCase>,
    pub next: Option<Cursor>,
}

impl Store {
    /// One page of the Berkas list, newest activity first.
    pub fn list_cases(
        &self,
        filter: &CaseFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        let mut sql = format!("SELECT {LIST_COLUMNS} FROM cases WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |v: rusqlite::types::Value, args: &mut Vec<rusqlite::types::Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(status) = filter.status {
            let p = arg(status.key().to_string().into(), &mut args);
            sql.push_str(&format!(" AND status = {p}"));
        }
        if filter.open_only {
            sql.push_str(&format!(" AND status IN ({})", open_statuses()));
        }
        if let Some(service) = &filter.service_id {
            let p = arg(service.clone().into(), &mut args);
            sql.push_str(&format!(" AND service_id = {p}"));
        }
        if let Some(search) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if let Some(number) = CaseNumber::parse(search) {
                let y = arg(i64::from(number.year).into(), &mut args);
                let s = arg(i64::from(number.seq).into(), &mut args);
                let c = arg(number.code.as_str().to_string().into(), &mut args);
                sql.push_str(&format!(
                    " AND year = {y} AND seq = {s} AND phone_code = {c}"
                ));
            } else if search
                .chars()
                .all(|c| c.is_ascii_digit() || " +-.".contains(c))
            {
                let digits: String = search.chars().filter(char::is_ascii_digit).collect();
                let digits = digits
                    .strip_prefix('0')
                    .map(|d| format!("62{d}"))
                    .unwrap_or(digits);
                let p = arg(format!("%{digits}%").into(), &mut args);
                sql.push_str(&format!(" AND phone LIKE {p}"));
            } else {
                // A name prefix (any word of the name), case-insensitive; `%` and `_` typed by
                // the official are taken literally.
                let escaped = search
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                let p1 = arg(format!("{escaped}%").into(), &mut args);
                let p2 = arg(format!("% {escaped}%").into(), &mut args);
                sql.push_str(&format!(" AND (resident_name LIKE {p1} ESCAPE '\\' OR resident_name LIKE {p2} ESCAPE '\\')"));
            }
        }
        if let Some(cursor) = after {
            let u = arg(cursor.updated_at_ms.into(), &mut args);
            let i = arg(cursor.id.clone().into(), &mut args);
            sql.push_str(&format!(
                " AND (updated_at < {u} OR (updated_at = {u} AND id < {i}))"
            ));
        }
        // The limit is written into the SQL, not bound: SQLite plans with a bound LIMIT's value
        // and so prepares such a statement again at every run (measured: 10 of 10).
        sql.push_str(&format!(
            " ORDER BY updated_at DESC, id DESC LIMIT {}",
            limit.saturating_add(1)
        ));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), listed_from_row)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| Cursor {
                updated_at_ms: r.updated_at_ms,
                id: r.id.clone(),
            })
        } else {
            None
        };
        Ok(Page { rows, next })
    }
}

pub(super) fn listed_from_row(r: &Row<'_>) -> rusqlite::Result<Result<ListedCase, StoreError>> {
    let status = match status_from_columns(
        r.get_ref(6)?.as_str()?,
        r.get_ref(7)?.as_str_or_null()?,
        r.get(8)?,
    ) {
        Ok(status) => status,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(ListedCase {
        id: r.get(0)?,
        number: CaseNumber {
            year: r.get(1)?,
            code: PhoneCode::stored(r.get_ref(12)?.as_str()?),
            seq: r.get(2)?,
        },
        resident_name: r.get(3)?,
        nik: nik(r.get(4)?),
        service_name: r.get(5)?,
        status,
        received_at_ms: r.get(9)?,
        updated_at_ms: r.get(10)?,
        message_at_ms: r.get(11)?,
        changed_on_two_phones: r.get(13)?,
    }))
}
