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
        insert_event(&tx, event_id, id, at_ms, actor, kind)?;
        tx.commit()?;
        Ok(())
    }
}

/// The optional columns of one event row.
#[derive(Default)]
pub(super) struct EventColumns<'a> {
    status: Option<&'a str>,
    stage: Option<&'a str>,
    reason: Option<&'a str>,
    position: Option<i64>,
    template: Option<&'a str>,
    body: Option<&'a str>,
}

pub(super) fn insert_event(
    tx: &Connection,
    event_id: &str,
    case_id: &str,
    at_ms: i64,
    actor: &str,
    kind: &EventKind,
) -> Result<(), StoreError> {
    let at = |p: &usize| Some(*p as i64);
    let (key, c) = match kind {
        EventKind::Created => ("created", EventColumns::default()),
        EventKind::StatusChanged { status } => (
            "status",
            EventColumns {
                status: Some(status.kind().key()),
                stage: status.stage().map(Stage::key),
                reason: status.reason(),
                ..Default::default()
            },
        ),
        EventKind::ItemReceived { position } => (
            "item-received",
            EventColumns {
                position: at(position),
                ..Default::default()
            },
        ),
        EventKind::ItemNotApplicable { position, reason } => (
            "item-not-applicable",
            EventColumns {
                position: at(position),
                reason: Some(reason),
                ..Default::default()
            },
        ),
        EventKind::ItemReset { position } => (
            "item-reset",
            EventColumns {
                position: at(position),
                ..Default::default()
            },
        ),
        EventKind::ItemNeeded { position } => (
            "item-needed",
            EventColumns {
                position: at(position),
                ..Default::default()
            },
        ),
        EventKind::Note { text } => (
            "note",
            EventColumns {
                body: Some(text),
                ..Default::default()
            },
        ),
        EventKind::MessageTimeSet { at_ms } => (
            "message-time",
            // The new time rides in `position`, the one integer column of an event.
            EventColumns {
                position: Some(*at_ms),
                ..Default::default()
            },
        ),
        EventKind::PersonalDataErased { reason } => (
            "erased",
            EventColumns {
                reason: Some(reason),
                ..Default::default()
            },
        ),
        EventKind::MessageSent { template, text } => (
            "message",
            EventColumns {
                template: Some(template),
                body: Some(text),
                ..Default::default()
            },
        ),
    };
    tx.execute(
        "INSERT INTO events (id, case_id, at, actor, kind, status, stage, reason, position, template, body) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![event_id, case_id, at_ms, actor, key, c.status, c.stage, c.reason, c.position, c.template, c.body],
    )?;
    Ok(())
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
    let id: String = r.get(0)?;
    let at_ms: i64 = r.get(1)?;
    let actor: String = r.get(2)?;
    let kind_key: String = r.get(3)?;
    let status: Option<String> = r.get(4)?;
    let stage: Option<String> = r.get(5)?;
    let reason: Option<String> = r.get(6)?;
    let message_time: Option<i64> = r.get(7)?;
    let position: Option<usize> = message_time.and_then(|p| usize::try_from(p).ok());
    let template: Option<String> = r.get(8)?;
    let body: Option<String> = r.get(9)?;
    let kind = match (kind_key.as_str(), position) {
        ("created", _) => Some(EventKind::Created),
        ("status", _) => status
            .as_deref()
            .and_then(StatusKind::from_key)
            .and_then(|k| {
                Status::from_parts(
                    k,
                    stage.as_deref().and_then(Stage::from_key),
                    reason.clone(),
                )
            })
            .map(|status| EventKind::StatusChanged { status }),
        ("item-received", Some(position)) => Some(EventKind::ItemReceived { position }),
        ("item-not-applicable", Some(position)) => reason
            .clone()
            .map(|reason| EventKind::ItemNotApplicable { position, reason }),
        ("item-reset", Some(position)) => Some(EventKind::ItemReset { position }),
        ("item-needed", Some(position)) => Some(EventKind::ItemNeeded { position }),
        ("note", _) => body.clone().map(|text| EventKind::Note { text }),
        ("message-time", _) => message_time.map(|at_ms| EventKind::MessageTimeSet { at_ms }),
        ("erased", _) => reason
            .clone()
            .map(|reason| EventKind::PersonalDataErased { reason }),
        ("message", _) => match (template, body) {
            (Some(template), Some(text)) => Some(EventKind::MessageSent { template, text }),
            _ => None,
        },
        _ => None,
    };
    Ok(match kind {
        Some(kind) => Ok(Event {
            id,
            at_ms,
            actor,
            kind,
        }),
        None => Err(corrupt("event", &kind_key)),
    })
}
