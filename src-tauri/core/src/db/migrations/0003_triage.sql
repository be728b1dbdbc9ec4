-- triage: the owner's keywords and alerts, and the structured reasons of each case.

-- Extra words that count as evidence for a cause, for every product ('') or for cases
-- whose product name contains `product`.
CREATE TABLE triage_keywords (
    id         INTEGER PRIMARY KEY,
    cause      TEXT    NOT NULL,
    term       TEXT    NOT NULL,
    product    TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX triage_keywords_unique ON triage_keywords(cause, term, product);

-- Words the owner wants to hear about: a case that mentions one is marked and notified.
CREATE TABLE triage_alerts (
    id         INTEGER PRIMARY KEY,
    term       TEXT    NOT NULL,
    product    TEXT    NOT NULL DEFAULT '',
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX triage_alerts_unique ON triage_alerts(term, product);

-- Which case matched which alert, and whether the owner has been notified of it yet.
CREATE TABLE triage_alert_hits (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    alert_id    INTEGER NOT NULL REFERENCES triage_alerts(id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    notified_at TEXT,
    PRIMARY KEY (case_id, alert_id)
);
CREATE INDEX triage_alert_hits_pending ON triage_alert_hits(notified_at, at);

-- The reasons of the last triage in both languages (JSON list of {kind, cause, term, zh, en}),
-- so the UI can show them in the owner's language; `triage_reasons` keeps the text.
ALTER TABLE cases ADD COLUMN triage_detail TEXT NOT NULL DEFAULT '[]';

-- The urgent view and grouping by severity.
CREATE INDEX cases_severity ON cases(severity, review_time);
