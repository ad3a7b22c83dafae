//! What the Laporan reads: each case's facts from the case row (milestones, first forwarding,
//! spans in Belum lengkap kept by triggers), and the timeline's status changes for checking them.

use super::*;

impl Store {
    /// The facts of the report, each case once, in no particular order: every case whose
    /// resident wrote in `[from_ms, to_ms)`, every case first ready in that range, and every
    /// open case (for their ages).
    pub fn report_facts(&self, from_ms: i64, to_ms: i64) -> Result<Vec<CaseFacts>, StoreError> {
        // Three index searches: the written ones from the covering index `cases_report`, the
        // ready ones from `cases_by_ready` (its expression, word for word), the open ones
        // through `cases_by_status`. The milestones, the first Diproses outside the village
        // and the spans in Belum lengkap are kept on the case row by the `events_keep_*`
        // triggers, so no timeline is read.
        let columns = "year, seq, service_id, service_name, message_at, out_of_hours, status, \
                       first_reply_at, ready_at, done_at, cancelled_at, id, left_village_at, \
                       incomplete_spans, phone_code";
        // Disjoint branches (UNION ALL) and no ORDER BY: no temporary B-tree to sort or
        // deduplicate twenty thousand rows; the caller orders what it shows.
        let ready = "coalesce(min(ready_at, done_at), ready_at, done_at)";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {columns} FROM cases WHERE message_at >= ?1 AND message_at < ?2 \
             UNION ALL \
             SELECT {columns} FROM cases WHERE {ready} >= ?1 AND {ready} < ?2 \
               AND NOT (message_at >= ?1 AND message_at < ?2) \
             UNION ALL \
             SELECT {columns} FROM cases WHERE status IN ({}) \
               AND NOT (message_at >= ?1 AND message_at < ?2) \
               AND NOT coalesce({ready} >= ?1 AND {ready} < ?2, 0)",
            open_statuses()
        ))?;
        let rows = stmt
            .query_map(params![from_ms, to_ms], |r| {
                let status = r.get_ref(6)?.as_str()?;
                let Some(status) = StatusKind::from_key(status) else {
                    return Ok(Err(corrupt("status", status)));
                };
                let spans = r.get_ref(13)?.as_str_or_null()?;
                let Some(incomplete) = spans.map_or(Some(Vec::new()), parse_spans) else {
                    return Ok(Err(corrupt("incomplete_spans", spans.unwrap_or(""))));
                };
                let number = CaseNumber {
                    year: r.get(0)?,
                    code: PhoneCode::stored(r.get_ref(14)?.as_str()?),
                    seq: r.get(1)?,
                };
                Ok(Ok(CaseFacts {
                    number: number.to_string(),
                    service_id: r.get(2)?,
                    service_name: r.get(3)?,
                    message_ms: r.get(4)?,
                    out_of_hours: r.get(5)?,
                    status,
                    first_reply_ms: r.get(7)?,
                    ready_ms: r.get(8)?,
                    done_ms: r.get(9)?,
                    cancelled_ms: r.get(10)?,
                    expected_days: None,
                    left_village_ms: r.get(12)?,
                    incomplete,
                }))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    /// A case's status changes in time order, as the timeline has them (for checking what the
    /// triggers keep on the case row).
    pub fn status_steps(&self, case_id: &str) -> Result<Vec<StatusStep>, StoreError> {
        Ok(self
            .timeline(case_id)?
            .into_iter()
            .filter_map(|event| match event.kind {
                EventKind::StatusChanged { status } => Some(StatusStep {
                    at_ms: event.at_ms,
                    status: status.kind(),
                    stage: status.stage(),
                }),
                _ => None,
            })
            .collect())
    }

    /// The spans in Belum lengkap and the first Diproses outside the village as kept on the
    /// case row.
    pub fn kept_status_facts(&self, case_id: &str) -> Result<StatusFacts, StoreError> {
        let (left, spans): (Option<i64>, Option<String>) = self.conn.query_row(
            "SELECT left_village_at, incomplete_spans FROM cases WHERE id = ?1",
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let incomplete = match spans.as_deref() {
            None => Vec::new(),
            Some(text) => parse_spans(text).ok_or_else(|| corrupt("incomplete_spans", text))?,
        };
        Ok(StatusFacts {
            incomplete,
            left_village_ms: left,
        })
    }
}

/// `"1900-,1700-1800"` -> `[(1700, Some(1800)), (1900, None)]`, sorted by start; `None` when
/// unreadable.
fn parse_spans(text: &str) -> Option<Vec<(i64, Option<i64>)>> {
    let mut spans = text
        .split(',')
        .map(|span| {
            let (start, end) = span.split_once('-')?;
            let end = match end {
                "" => None,
                end => Some(end.parse().ok()?),
            };
            Some((start.parse().ok()?, end))
        })
        .collect::<Option<Vec<_>>>()?;
    spans.sort_unstable();
    Some(spans)
}
