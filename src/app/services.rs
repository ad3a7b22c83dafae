//! The catalog for the screens and the command line: the list with search, a service's view,
//! and reading and checking a folder of catalog files (every problem named with its file).

use std::path::Path;

use crate::domain::catalog::{self, Catalog, CatalogErrors, CatalogIssue, IssueKind};

use super::{App, AppError, ServiceSummary, ServiceView};

impl App {
    /// The catalog screen: every service for an empty query, else the ranked matches.
    pub fn catalog_list(&self, query: &str) -> Vec<ServiceSummary> {
        if query.trim().is_empty() {
            return self
                .catalog()
                .services
                .iter()
                .map(ServiceSummary::from)
                .collect();
        }
        let loaded = self.loaded();
        loaded
            .index
            .search(query)
            .iter()
            .filter_map(|hit| loaded.catalog.service(hit.id.as_str()))
            .map(ServiceSummary::from)
            .collect()
    }

    /// Ranked service ids for a query (the `catalog search` command).
    pub fn search_ids(&self, query: &str) -> Vec<String> {
        self.loaded()
            .index
            .search(query)
            .into_iter()
            .map(|h| h.id.to_string())
            .collect()
    }

    pub fn service_view(&self, id: &str) -> Result<ServiceView, AppError> {
        self.loaded()
            .catalog
            .service(id)
            .map(ServiceView::from)
            .ok_or_else(|| AppError::UnknownService(id.to_string()))
    }
}

/// Reads every `*.toml` in a catalog folder and validates it (the `catalog check` command).
pub fn check_catalog_dir(dir: &Path) -> Result<Catalog, AppError> {
    read_catalog_dir(dir).map(|(catalog, _)| catalog)
}

/// Reads and checks every `*.toml` of a catalog folder: the catalog and its files, by name.
pub fn read_catalog_dir(dir: &Path) -> Result<(Catalog, Vec<(String, String)>), AppError> {
    let io = |source| AppError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((name, text)),
                Err(_) => unreadable.push(issue(&name, "file bukan teks UTF-8")),
            },
            Err(e) => unreadable.push(issue(&name, &format!("tidak bisa dibaca: {e}"))),
        }
    }
    if files.is_empty() && unreadable.is_empty() {
        unreadable.push(issue(
            &dir.display().to_string(),
            "tidak ada file .toml di folder ini",
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let loaded = catalog::load(&refs);
    drop(refs);
    match loaded {
        Ok(catalog) if unreadable.is_empty() => Ok((catalog, files)),
        Ok(_) => Err(CatalogErrors(unreadable).into()),
        Err(CatalogErrors(mut issues)) => {
            unreadable.append(&mut issues);
            Err(CatalogErrors(unreadable).into())
        }
    }
}

fn issue(file: &str, message: &str) -> CatalogIssue {
    CatalogIssue {
        file: file.to_string(),
        service: None,
        field: None,
        kind: IssueKind::Syntax,
        message: message.to_string(),
    }
}
