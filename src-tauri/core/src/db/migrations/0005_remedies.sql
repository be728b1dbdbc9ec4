-- remedies: the ledger of what was offered and delivered, promises with due times,
-- appeals with their evidence files, and how each case ended.
-- Money is in integer minor units of `currency` (分 for CNY), never floating point.

CREATE TABLE remedies (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind              TEXT    NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'proposed'
                      CHECK (status IN ('proposed', 'accepted', 'delivered', 'declined', 'cancelled')),
    currency          TEXT    NOT NULL DEFAULT 'CNY' CHECK (length(currency) = 3),
    value_cents       INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
    cost_cents        INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
    cost_is_default   INTEGER NOT NULL DEFAULT 1,
    coupon_percent_bp INTEGER CHECK (coupon_percent_bp BETWEEN 1 AND 10000),
    gift_item         TEXT,
    quantity          INTEGER CHECK (quantity >= 1),
    unit_cost_cents   INTEGER CHECK (unit_cost_cents >= 0),
    postage_payer     TEXT    CHECK (postage_payer IN ('shop', 'buyer')),
    postage_cents     INTEGER CHECK (postage_cents >= 0),
    terms             TEXT    NOT NULL DEFAULT '',
    note              TEXT    NOT NULL DEFAULT '',
    reference         TEXT,
    due_at            TEXT,
    delivered_at      TEXT,
    compliance_flags  TEXT    NOT NULL DEFAULT '[]',
    compliance_match  TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX remedies_case ON remedies(case_id, id);
CREATE INDEX remedies_open_due ON remedies(due_at) WHERE status IN ('proposed', 'accepted');
CREATE INDEX remedies_delivered ON remedies(delivered_at) WHERE status = 'delivered';

CREATE TABLE promises (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    text             TEXT    NOT NULL,
    due_at           TEXT    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'cancelled')),
    done_at          TEXT,
    note             TEXT    NOT NULL DEFAULT '',
    compliance_flags TEXT    NOT NULL DEFAULT '[]',
    compliance_match TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX promises_case ON promises(case_id, due_at);
CREATE INDEX promises_open_due ON promises(due_at) WHERE status = 'open';

CREATE TABLE appeals (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    reason       TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'submitted', 'accepted', 'rejected', 'withdrawn')),
    deadline_at  TEXT    NOT NULL,
    submitted_at TEXT,
    decided_at   TEXT,
    reference    TEXT,
    note         TEXT    NOT NULL DEFAULT '',
    outcome_note TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX appeals_case ON appeals(case_id, id);
CREATE INDEX appeals_draft_deadline ON appeals(deadline_at) WHERE status = 'draft';

-- Evidence files live under <data dir>/evidence/<first two hex digits>/<sha256>.<ext>;
-- one stored copy per content, one row per appeal that uses it.
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    appeal_id   INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
    size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
    file_name   TEXT    NOT NULL,
    stored_path TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    added_at    TEXT    NOT NULL,
    UNIQUE (appeal_id, sha256)
);
CREATE INDEX evidence_hash ON evidence(sha256);

-- How the case ended, beside cases.outcome.
ALTER TABLE cases ADD COLUMN final_stars INTEGER CHECK (final_stars BETWEEN 1 AND 5);
ALTER TABLE cases ADD COLUMN closed_at TEXT;
CREATE INDEX cases_closed_at ON cases(closed_at) WHERE closed_at IS NOT NULL;

-- Per case and currency, for the case list to join: delivered cost (spent) and the
-- cost still owed on proposed or accepted remedies (pending).
CREATE VIEW case_remedy_totals AS
SELECT case_id,
       currency,
       SUM(CASE WHEN status = 'delivered' THEN cost_cents ELSE 0 END)               AS spent_cents,
       SUM(CASE WHEN status IN ('proposed', 'accepted') THEN cost_cents ELSE 0 END) AS pending_cents,
       COUNT(*)                                                                      AS remedies,
       MAX(compliance_flags <> '[]')                                                 AS flagged
FROM remedies
GROUP BY case_id, currency;
