//! Settings, holidays, office templates, drafts, the signed catalog bundle and the office's
//! catalog files.

use super::*;

impl Store {
    /// One setting of this phone, `None` when never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Writes several settings in one transaction: all or none.
    pub fn set_settings(&mut self, values: &[(&str, &str)], at_ms: i64) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        for (key, value) in values {
            tx.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![key, value, at_ms],
            )?;
            if OFFICE_SETTINGS.contains(key) {
                let entry = Entry::Setting {
                    key: key.to_string(),
                    value: value.to_string(),
                };
                journal::record(&tx, &mut self.journal, at_ms, &entry)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The office's holidays, `(ISO date, name)`, oldest first.
    pub fn holidays(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.text_pairs("SELECT date, name FROM holidays ORDER BY date")
    }

    /// Adds or renames holidays (an imported yearly list), in one transaction.
    pub fn put_holidays(
        &mut self,
        holidays: &[(String, String)],
        at_ms: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        for (date, name) in holidays {
            tx.execute(
                "INSERT INTO holidays (date, name) VALUES (?1, ?2) \
                 ON CONFLICT (date) DO UPDATE SET name = excluded.name",
                params![date, name],
            )?;
            let entry = Entry::Holiday {
                date: date.clone(),
                name: Some(name.clone()),
            };
            journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn delete_holiday(&mut self, date: &str, at_ms: i64) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        if tx.execute("DELETE FROM holidays WHERE date = ?1", [date])? > 0 {
            let entry = Entry::Holiday {
                date: date.to_string(),
                name: None,
            };
            journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Office-written templates, `(id, name, text)`.
    pub fn templates(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, body FROM templates ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Saves a template the caller has already validated.
    pub fn save_template(
        &mut self,
        id: &str,
        name: &str,
        text: &str,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO templates (id, name, body, updated_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at",
            params![id, name, text, at_ms],
        )?;
        let entry = Entry::Template {
            id: id.to_string(),
            text: Some((name.to_string(), text.to_string())),
            at: at_ms,
        };
        journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        tx.commit()?;
        Ok(())
    }

    pub fn delete_template(&mut self, id: &str, at_ms: i64) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        if tx.execute("DELETE FROM templates WHERE id = ?1", [id])? > 0 {
            let entry = Entry::Template {
                id: id.to_string(),
                text: None,
                at: at_ms,
            };
            journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn save_draft(&mut self, form: &str, body: &str, at_ms: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO drafts (form, body, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (form) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![form, body, at_ms],
        )?;
        Ok(())
    }

    pub fn draft(&self, form: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT body FROM drafts WHERE form = ?1", [form], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn delete_draft(&mut self, form: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM drafts WHERE form = ?1", [form])?;
        Ok(())
    }

    /// The last applied catalog bundle: `(version, bundle file)`.
    pub fn catalog_bundle(&self) -> Result<Option<(u32, Vec<u8>)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT version, bytes FROM catalog_bundle WHERE id = 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)),
            )
            .optional()?
            .map(|(v, b)| (v.clamp(0, u32::MAX as i64) as u32, b)))
    }

    /// Replaces the applied catalog bundle (one row, one statement: atomic).
    pub fn put_catalog_bundle(
        &mut self,
        version: u32,
        bytes: &[u8],
        at_ms: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO catalog_bundle (id, version, bytes, applied_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET version = ?1, bytes = ?2, applied_at = ?3",
            params![version, bytes, at_ms],
        )?;
        Ok(())
    }

    /// The office's own catalog files, `(name, TOML)`, by name.
    pub fn overlay_files(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.text_pairs("SELECT name, text FROM catalog_overlay ORDER BY name")
    }

    /// Removes an office catalog file, on every phone of the office at its next sync.
    pub fn delete_overlay_file(&mut self, name: &str, at_ms: i64) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        if tx.execute("DELETE FROM catalog_overlay WHERE name = ?1", [name])? > 0 {
            let entry = Entry::Service {
                name: name.to_string(),
                text: None,
                at: at_ms,
            };
            journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Saves an office catalog file, on every phone of the office at its next sync. A name or
    /// size another phone would refuse is refused here.
    pub fn put_overlay_file(
        &mut self,
        name: &str,
        text: &str,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        if !super::projection::service_file_ok(name, Some(text)) {
            return Err(StoreError::Corrupt(format!("layanan kantor {name}")));
        }
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO catalog_overlay (name, text, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET text = ?2, updated_at = ?3",
            params![name, text, at_ms],
        )?;
        let entry = Entry::Service {
            name: name.to_string(),
            text: Some(text.to_string()),
            at: at_ms,
        };
        journal::record(&tx, &mut self.journal, at_ms, &entry)?;
        tx.commit()?;
        Ok(())
    }

    /// The rows of a two-column query of text, in its order.
    fn text_pairs(&self, sql: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
