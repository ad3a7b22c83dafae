-- Issue 8: erasing residents' personal data. The timeline stays append-only, except that the
-- free text of an event (body, reason) may be replaced by the erasure marker; nothing else of
-- an event can change and no event can be deleted.
DROP TRIGGER events_are_append_only_update;
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
WHEN NOT (
  NEW.id IS OLD.id AND NEW.case_id IS OLD.case_id AND NEW.at IS OLD.at
  AND NEW.actor IS OLD.actor AND NEW.kind IS OLD.kind AND NEW.status IS OLD.status
  AND NEW.stage IS OLD.stage AND NEW.position IS OLD.position AND NEW.template IS OLD.template
  AND (NEW.body IS OLD.body OR NEW.body = '(dihapus)')
  AND (NEW.reason IS OLD.reason OR NEW.reason = '(dihapus)')
)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
