-- followup: the contact log, per-case bookkeeping for incremental reminder computation,
-- and the stored reminder occurrences the scheduler fires.

-- Every attempt to reach the buyer: when, how, what came of it.
CREATE TABLE contact_attempts (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at               TEXT    NOT NULL,
    channel          TEXT    NOT NULL,
    outcome          TEXT    NOT NULL,
    note             TEXT,
    call_back_at     TEXT,
    agreed_update_at TEXT,
    actor            TEXT    NOT NULL,
    created_at       TEXT    NOT NULL
);
CREATE INDEX contact_attempts_case ON contact_attempts(case_id, at, id);

-- One row per case. `dirty` says the case's reminders must be recomputed: triggers set it
-- whenever the case or its contact log changes, so a sync touches only what changed
-- instead of re-deriving 100,000 cases. `commitments_sig` remembers the remedies ledger's
-- commitments last seen for the case, to notice changes there.
CREATE TABLE followup_case_state (
    case_id         INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    dirty           INTEGER NOT NULL DEFAULT 1,
    commitments_sig TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX followup_case_state_dirty ON followup_case_state(case_id) WHERE dirty = 1;
CREATE INDEX followup_case_state_committed ON followup_case_state(case_id) WHERE commitments_sig <> '';

INSERT INTO followup_case_state(case_id) SELECT id FROM cases;

CREATE TRIGGER followup_case_inserted AFTER INSERT ON cases BEGIN
    INSERT OR IGNORE INTO followup_case_state(case_id) VALUES (new.id);
END;
CREATE TRIGGER followup_case_updated AFTER UPDATE ON cases BEGIN
    INSERT OR IGNORE INTO followup_case_state(case_id) VALUES (new.id);
    UPDATE followup_case_state SET dirty = 1 WHERE case_id = new.id AND dirty = 0;
END;
CREATE TRIGGER followup_contact_inserted AFTER INSERT ON contact_attempts BEGIN
    UPDATE followup_case_state SET dirty = 1 WHERE case_id = new.case_id AND dirty = 0;
END;
CREATE TRIGGER followup_contact_updated AFTER UPDATE ON contact_attempts BEGIN
    UPDATE followup_case_state SET dirty = 1
    WHERE case_id IN (old.case_id, new.case_id) AND dirty = 0;
END;
CREATE TRIGGER followup_contact_deleted AFTER DELETE ON contact_attempts BEGIN
    UPDATE followup_case_state SET dirty = 1 WHERE case_id = old.case_id AND dirty = 0;
END;

-- Reminder occurrences, one per (case, kind, subject, due). A row that has fired is kept
-- (with `cleared_at` once it no longer applies) so the same occurrence never fires twice.
--   next_fire_at  when the scheduler must fire it next: `due` at first, the snooze time
--                 after a snooze, NULL once fired (or dismissed, cleared, superseded).
--   fired_at      when it last fired; fire_count how many times (1 + snoozes that fired).
--   expires_at    after this it is moot (e.g. the warning before a deadline that passed).
--   span_s        late_at − due: the largest live span bounds the "due now" range scans.
CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    subject       TEXT    NOT NULL DEFAULT '',
    due           TEXT    NOT NULL,
    late_at       TEXT    NOT NULL,
    span_s        INTEGER NOT NULL DEFAULT 0,  -- late_at − due in seconds
    expires_at    TEXT,
    tz            TEXT    NOT NULL,
    call_window   TEXT,
    reason_code   TEXT    NOT NULL,
    reason_params TEXT    NOT NULL DEFAULT '{}',
    created_at    TEXT    NOT NULL,
    next_fire_at  TEXT,
    fired_at      TEXT,
    fire_count    INTEGER NOT NULL DEFAULT 0,
    snoozed_until TEXT,
    dismissed_at  TEXT,
    cleared_at    TEXT,
    superseded_at TEXT
);
CREATE UNIQUE INDEX reminders_key ON reminders(case_id, kind, subject, due);
CREATE INDEX reminders_next_fire ON reminders(next_fire_at) WHERE next_fire_at IS NOT NULL;
-- Covering indexes for the Today groups and counts over live reminders: with 100,000
-- open cases they are answered from the index alone, without touching the table.
CREATE INDEX reminders_live_late ON reminders(late_at, expires_at, snoozed_until)
    WHERE cleared_at IS NULL AND dismissed_at IS NULL;
CREATE INDEX reminders_live_due ON reminders(due, late_at, kind, expires_at, snoozed_until)
    WHERE cleared_at IS NULL AND dismissed_at IS NULL;
CREATE INDEX reminders_live_span ON reminders(span_s)
    WHERE cleared_at IS NULL AND dismissed_at IS NULL;
CREATE INDEX reminders_snoozed ON reminders(snoozed_until) WHERE snoozed_until IS NOT NULL;
