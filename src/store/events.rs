//! The append-only timeline: what happened to a case (`EventKind`), written only by inserts
//! (triggers refuse updates and deletes) and read back typed.

use super::*;

/// What happened to a case, one line of its timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    Created,
    StatusChanged {
        status: Status,
    },
    ItemReceived {
        position: usize,
    },
    ItemNotApplicable {
        position: usize,
        reason: String,
    },
    ItemReset {
        position: usize,
    },
    /// A conditional item was said to apply ("Perlu").
    ItemNeeded {
        position: usize,
    },
    Note {
        text: String,
    },
    MessageSent {
        template: String,
        text: String,
    },
    /// The resident's personal data was erased (on request, or when the retention period ran
    /// out); `reason` says which, never what was erased.
    PersonalDataErased {
        reason: String,
    },
    /// "Pesan masuk" was corrected to this time.
    MessageTimeSet {
        at_ms: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub at_ms: i64,
    pub actor: String,
    pub kind: EventKind,
}

impl Store {
    /// The cases in one of `kinds` whose resident has not been sent a reply since the case's
    /// status last changed (so not told of the status it is in), those waiting longest first.
    pub fn untold_cases(&self, kinds: &[StatusKind]) -> Result<Vec<String>, StoreError> {
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let keys = kinds
            .iter()
            .map(|k| format!("'{}'", k.key()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.id FROM cases c WHERE c.status IN ({keys}) AND NOT EXISTS ( \
               SELECT 1 FROM events m WHERE m.case_id = c.id AND m.kind = 'message' AND m.at >= \
                 COALESCE((SELECT MAX(s.at) FROM events s WHERE s.case_id = c.id AND s.kind = 'status'), 0)) \
             ORDER BY c.updated_at, c.id"
        ))?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    /// Appends a note or a sent message to the timeline.
    pub fn append_event(
        &mut self,
        id: &str,
        kind: &EventKind,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        if read_case(&tx, id)?.is_none() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        touch(&tx, id, at_ms)?;
        let event = insert_event(&tx, event_id, id, at_ms, actor, kind)?;
        journal::record(&tx, &mut self.journal, at_ms, &Entry::event(event))?;
        tx.commit()?;
        Ok(())
    }
}

/// One row of `events` as plain columns: what the journal carries to the other phones and
/// inserts there as it is (checked first with [`EventRow::kind`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventRow {
    pub id: String,
    pub case_id: String,
    pub at: i64,
    pub actor: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl EventRow {
    pub fn new(event_id: &str, case_id: &str, at_ms: i64, actor: &str, kind: &EventKind) -> Self {
        let mut row = EventRow {
            id: event_id.to_string(),
            case_id: case_id.to_string(),
            at: at_ms,
            actor: actor.to_string(),
            kind: String::new(),
            status: None,
            stage: None,
            reason: None,
            position: None,
            template: None,
            body: None,
        };
        let at = |p: &usize| Some(*p as i64);
        row.kind = match kind {
            EventKind::Created => "created",
            EventKind::StatusChanged { status } => {
                row.status = Some(status.kind().key().to_string());
                row.stage = status.stage().map(|s| s.key().to_string());
                row.reason = status.reason().map(str::to_string);
                "status"
            }
            EventKind::ItemReceived { position } => {
                row.position = at(position);
                "item-received"
            }
            EventKind::ItemNotApplicable { position, reason } => {
                row.position = at(position);
                row.reason = Some(reason.clone());
                "item-not-applicable"
            }
            EventKind::ItemReset { position } => {
                row.position = at(position);
                "item-reset"
            }
            EventKind::ItemNeeded { position } => {
                row.position = at(position);
                "item-needed"
            }
            EventKind::Note { text } => {
                row.body = Some(text.clone());
                "note"
            }
            // The new time rides in `position`, the one integer column of an event.
            EventKind::MessageTimeSet { at_ms } => {
                row.position = Some(*at_ms);
                "message-time"
            }
            EventKind::PersonalDataErased { reason } => {
                row.reason = Some(reason.clone());
                "erased"
            }
            EventKind::MessageSent { template, text } => {
                row.template = Some(template.clone());
                row.body = Some(text.clone());
                "message"
            }
        }
        .to_string();
        row
    }

    /// What the row says happened, or `Corrupt` when its columns do not make an event.
    pub fn kind(&self) -> Result<EventKind, StoreError> {
        let position = self.position.and_then(|p| usize::try_from(p).ok());
        let kind = match (self.kind.as_str(), position) {
            ("created", _) => Some(EventKind::Created),
            ("status", _) => self
                .status
                .as_deref()
                .and_then(StatusKind::from_key)
                .and_then(|k| {
                    Status::from_parts(
                        k,
                        self.stage.as_deref().and_then(Stage::from_key),
                        self.reason.clone(),
                    )
                })
                .map(|status| EventKind::StatusChanged { status }),
            ("item-received", Some(position)) => Some(EventKind::ItemReceived { position }),
            ("item-not-applicable", Some(position)) => self
                .reason
                .clone()
                .map(|reason| EventKind::ItemNotApplicable { position, reason }),
            ("item-reset", Some(position)) => Some(EventKind::ItemReset { position }),
            ("item-needed", Some(position)) => Some(EventKind::ItemNeeded { position }),
            ("note", _) => self.body.clone().map(|text| EventKind::Note { text }),
            ("message-time", _) => self
                .position
                .map(|at_ms| EventKind::MessageTimeSet { at_ms }),
            ("erased", _) => self
                .reason
                .clone()
                .map(|reason| EventKind::PersonalDataErased { reason }),
            ("message", _) => match (&self.template, &self.body) {
                (Some(template), Some(text)) => Some(EventKind::MessageSent {
                    template: template.clone(),
                    text: text.clone(),
                }),
                _ => None,
            },
            _ => None,
        };
        kind.ok_or_else(|| corrupt("event", &self.kind))
    }
}

/// Inserts one event and returns its row (for the journal).
pub(super) fn insert_event(
    tx: &Connection,
    event_id: &str,
    case_id: &str,
    at_ms: i64,
    actor: &str,
    kind: &EventKind,
) -> Result<EventRow, StoreError> {
    let row = EventRow::new(event_id, case_id, at_ms, actor, kind);
    insert_event_row(tx, &row, false)?;
    Ok(row)
}

/// Inserts an event row; `or_ignore`: one already there (same id) is left as it is.
pub(super) fn insert_event_row(
    tx: &Connection,
    row: &EventRow,
    or_ignore: bool,
) -> Result<bool, StoreError> {
    let verb = if or_ignore {
        "INSERT OR IGNORE"
    } else {
        "INSERT"
    };
    let added = tx.prepare_cached(&format!(
        "{verb} INTO events (id, case_id, at, actor, kind, status, stage, reason, position, template, body) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))?
    .execute(params![
        row.id, row.case_id, row.at, row.actor, row.kind, row.status, row.stage, row.reason,
        row.position, row.template, row.body
    ])?;
    Ok(added > 0)
}

impl Store {
    /// A case's timeline, oldest first (events at the same moment in the order written): the
    /// one reader of events, for the case detail and the report's status steps alike.
    pub(super) fn timeline(&self, case_id: &str) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, actor, kind, status, stage, reason, position, template, body \
             FROM events WHERE case_id = ?1 ORDER BY at, id",
        )?;
        let events = stmt
            .query_map([case_id], event_from_row)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        Ok(events)
    }
}

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<Result<Event, StoreError>> {
    let row = EventRow {
        id: r.get(0)?,
        case_id: String::new(),
        at: r.get(1)?,
        actor: r.get(2)?,
        kind: r.get(3)?,
        status: r.get(4)?,
        stage: r.get(5)?,
        reason: r.get(6)?,
        position: r.get(7)?,
        template: r.get(8)?,
        body: r.get(9)?,
    };
    Ok(row.kind().map(|kind| Event {
        id: row.id,
        at_ms: row.at,
        actor: row.actor,
        kind,
    }))
}
