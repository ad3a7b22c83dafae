//! Plain data for the screens, built from domain values: the same structs feed the desktop
//! preview, the component tests and (later) the browser tests.

use crate::domain::catalog::Service;

/// A row in the catalog list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSummary {
    pub id: String,
    pub name: String,
    pub category: String,
    pub duration: String,
    pub requirement_count: usize,
}

impl From<&Service> for ServiceSummary {
    fn from(s: &Service) -> Self {
        ServiceSummary {
            id: s.id.to_string(),
            name: s.name.clone(),
            category: s.category.label().to_string(),
            duration: s.duration.label(),
            requirement_count: s.requirements.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementView {
    pub label: String,
    pub detail: Option<String>,
    /// "Bila ada" or "Jika ..." for requirements that are not always needed.
    pub condition: Option<String>,
}

/// Everything the service detail screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub category: String,
    pub requirements: Vec<RequirementView>,
    pub steps: Vec<String>,
    pub place: String,
    pub outcome: String,
    pub duration: String,
    /// The lead time, for the services that have one.
    pub lead: Option<String>,
    pub fee: String,
    pub legal_basis: Vec<String>,
    pub source: Vec<String>,
    pub note: Option<String>,
}

impl From<&Service> for ServiceView {
    fn from(s: &Service) -> Self {
        ServiceView {
            id: s.id.to_string(),
            name: s.name.clone(),
            category: s.category.label().to_string(),
            requirements: s
                .requirements
                .iter()
                .map(|r| RequirementView {
                    label: r.label.clone(),
                    detail: r.detail_text(),
                    condition: r.condition_text(),
                })
                .collect(),
            steps: s.steps.clone(),
            place: s.processed_at.label().to_string(),
            outcome: s.outcome.label().to_string(),
            duration: s.duration.label(),
            lead: s.lead_label(),
            fee: s.fee_label(),
            legal_basis: s.legal_basis.clone(),
            source: s.source.clone(),
            note: s.note.clone(),
        }
    }
}
