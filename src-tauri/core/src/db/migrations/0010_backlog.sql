-- backlog: reviews that arrive as history (older than the first-reply window when an
-- import brings them, or imported as history) wait to be sorted instead of flooding Today.
--
--   cases.backlog        1: the case came in as history. It gets no first-reply and no
--                        call-back reminders of its own; while it is still new and nobody
--                        started following it up, it waits in the backlog.
--   cases.followup_from  when the owner took it out of the backlog to follow it up: its
--                        first reply is due counting from then.
ALTER TABLE cases ADD COLUMN backlog INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN followup_from TEXT;
-- The backlog waiting to be sorted, oldest review first: the Today group counts it and
-- the inbox lists it from this index alone.
CREATE INDEX cases_backlog ON cases(review_time)
    WHERE backlog = 1 AND followup_from IS NULL AND status = 'new';

-- Reminders of a case in the backlog still count down (an explanation that closes, an
-- appeal deadline), but they are shown inside the backlog's one Today item and never
-- fire on their own.
ALTER TABLE reminders ADD COLUMN backlog INTEGER NOT NULL DEFAULT 0;
DROP INDEX reminders_live_late;
DROP INDEX reminders_live_due;
DROP INDEX reminders_live_span;
CREATE INDEX reminders_live_late ON reminders(late_at, expires_at, snoozed_until)
    WHERE cleared_at IS NULL AND dismissed_at IS NULL AND backlog = 0;
CREATE INDEX reminders_live_due ON reminders(due, late_at, kind, expires_at, snoozed_until)
    WHERE cleared_at IS NULL AND dismissed_at IS NULL AND backlog = 0;
CREATE INDEX reminders_live_span ON reminders(span_s)
    WHERE cleared_at IS NULL AND dismissed_at IS NULL AND backlog = 0;
CREATE INDEX reminders_live_backlog ON reminders(case_id, late_at)
    WHERE cleared_at IS NULL AND dismissed_at IS NULL AND backlog = 1;
