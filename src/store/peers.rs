//! The office's other phones as this phone knows them (issue 22): who sent a sync file, what
//! they held then, when it was opened here; and of every phone in the journal, the time of
//! its newest operation. Local knowledge: never in a sync file.

use std::collections::BTreeMap;

use super::*;
use crate::domain::sync::Stamp;

/// One phone of the office as this phone knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerRow {
    pub phone: String,
    /// Its code and official, from its last file (empty when only heard of through others).
    pub code: String,
    pub official: String,
    /// What it held when it wrote its last file.
    pub have: BTreeMap<String, u64>,
    /// When its last file was opened here (this phone's clock), if ever.
    pub heard_at_ms: Option<i64>,
    /// The wall time of its newest operation in this book (its own clock), if any.
    pub newest_ms: Option<i64>,
}

impl Store {
    /// Records what a phone's sync file said about it.
    pub fn put_peer(
        &mut self,
        phone: &str,
        code: &str,
        official: &str,
        have: &BTreeMap<String, u64>,
        heard_at_ms: i64,
    ) -> Result<(), StoreError> {
        let have =
            serde_json::to_string(have).map_err(|e| StoreError::Corrupt(format!("have: {e}")))?;
        self.conn.execute(
            "INSERT INTO sync_peers (phone, code, official, have, heard_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (phone) DO UPDATE SET code = excluded.code, official = excluded.official, \
             have = excluded.have, heard_at = excluded.heard_at",
            params![phone, code, official, have, heard_at_ms],
        )?;
        Ok(())
    }

    /// Every phone this book knows of (the ones that sent a file, and every phone with
    /// operations in the journal), this phone included, by id.
    pub fn peers(&self) -> Result<Vec<PeerRow>, StoreError> {
        let mut rows: BTreeMap<String, PeerRow> = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT phone, code, official, have, heard_at FROM sync_peers")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let phone: String = r.get(0)?;
            let have: String = r.get(3)?;
            rows.insert(
                phone.clone(),
                PeerRow {
                    phone,
                    code: r.get(1)?,
                    official: r.get(2)?,
                    // A row this build cannot read counts as holding nothing: the next file
                    // to it carries everything, which is safe.
                    have: serde_json::from_str(&have).unwrap_or_default(),
                    heard_at_ms: Some(r.get(4)?),
                    newest_ms: None,
                },
            );
        }
        // Phone by phone through the (phone, place) index, each one's last place (a phone's
        // own stamps only grow): a few lookups, not a pass over the whole journal.
        let mut next = self
            .conn
            .prepare_cached("SELECT MIN(phone) FROM operations WHERE phone > ?1")?;
        let mut last = self.conn.prepare_cached(
            "SELECT stamp FROM operations WHERE phone = ?1 ORDER BY place DESC LIMIT 1",
        )?;
        let mut after = String::new();
        while let Some(phone) = next.query_row([&after], |r| r.get::<_, Option<String>>(0))? {
            after = phone.clone();
            let stamp: String = last.query_row([&phone], |r| r.get(0))?;
            let newest = Stamp::from_hex(&stamp, &phone).map(|s| s.ms());
            rows.entry(phone.clone())
                .or_insert_with(|| PeerRow {
                    phone,
                    code: String::new(),
                    official: String::new(),
                    have: BTreeMap::new(),
                    heard_at_ms: None,
                    newest_ms: None,
                })
                .newest_ms = newest;
        }
        Ok(rows.into_values().collect())
    }

    /// Whether another phone of the office uses `code`: one that sent a file under it, or
    /// one whose cases in this book carry it (a book restored from a backup takes a new
    /// phone id, and the old phone's cases are then another phone's). Never in a book that
    /// knows of one phone only.
    pub fn code_used_by_another_phone(&self, code: &str) -> Result<bool, StoreError> {
        // A book of one phone only (its own, or its own restored under a new id) has no other
        // phone to collide with.
        if code.is_empty() || self.peers()?.len() <= 1 {
            return Ok(false);
        }
        let me = self.phone_id();
        let heard: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_peers WHERE code = ?1 AND phone != ?2)",
            params![code, me],
            |r| r.get(0),
        )?;
        if heard {
            return Ok(true);
        }
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM cases c WHERE c.phone_code = ?1 AND EXISTS \
               (SELECT 1 FROM operations o WHERE o.subject = c.id AND o.field IS NULL \
                AND o.phone != ?2 AND o.body LIKE '{\"kind\":\"opened\"%'))",
            params![code, me],
            |r| r.get(0),
        )?)
    }
}
