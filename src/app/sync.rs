//! Sync between the office's phones (issue 22), the use cases under "Kirim ke HP lain",
//! "Terima dari HP lain" and the WebDAV rounds: what this phone holds (`sync_have`), what
//! another phone lacks (`sync_operations_after`), and applying what another phone sent
//! (`apply_sync_operations`), after which the office profile is read again (its settings
//! may have come with them). The sealed files and the folder build on these.

use std::collections::BTreeMap;

use super::{App, AppError};
use crate::store::{Applied, Operation};

impl App {
    /// Of each phone, how many of its operations this book holds without a gap.
    pub fn sync_have(&self) -> Result<BTreeMap<String, u64>, AppError> {
        Ok(self.book()?.store.have()?)
    }

    /// The operations a phone that holds `have` lacks, in stamp order.
    pub fn sync_operations_after(
        &self,
        have: &BTreeMap<String, u64>,
    ) -> Result<Vec<Operation>, AppError> {
        Ok(self.book()?.store.operations_after(have)?)
    }

    /// Applies operations another phone sent: all or nothing, each phone far ahead left out
    /// and named.
    pub fn apply_sync_operations(&self, ops: Vec<Operation>) -> Result<Applied, AppError> {
        let applied = {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.apply_operations(ops, now)?
        };
        self.load_office()?;
        Ok(applied)
    }

    /// This phone's id in the journal.
    pub fn sync_phone_id(&self) -> Result<String, AppError> {
        Ok(self.book()?.store.phone_id().to_string())
    }

    /// The shared part of the book as sorted text: equal on two phones that hold the same
    /// operations (tests and the two-phone browser flow compare it).
    pub fn canonical_dump(&self) -> Result<String, AppError> {
        Ok(self.book()?.store.canonical_dump()?)
    }
}
