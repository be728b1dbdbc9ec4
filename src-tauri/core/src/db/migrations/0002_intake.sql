-- intake: imports of review exports and pasted reviews.

-- The dedup key of the review a case came from (hex of a 128-bit hash of platform +
-- review id, or platform + order + product + review time, or the review's content).
ALTER TABLE cases ADD COLUMN dedup_key TEXT;
CREATE UNIQUE INDEX cases_dedup_key ON cases(dedup_key) WHERE dedup_key IS NOT NULL;

-- Every review ever imported, positives included, by dedup key: what makes re-imports
-- idempotent, and which statistics bucket the review is counted in.
CREATE TABLE intake_reviews (
    key         BLOB    PRIMARY KEY,
    platform    TEXT    NOT NULL,
    shop        TEXT    NOT NULL,
    product     TEXT    NOT NULL,
    day         TEXT    NOT NULL,
    stars       INTEGER NOT NULL,
    -- Hash of the fields an update can change, to spot changes without reading the case.
    fields_hash INTEGER NOT NULL,
    case_id     INTEGER REFERENCES cases(id) ON DELETE SET NULL,
    -- A case was made once; if the owner deleted it, a re-import does not bring it back.
    had_case    INTEGER NOT NULL DEFAULT 0,
    -- The last import that read this review (tells repeated rows within one file apart).
    seen_in     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX intake_reviews_case ON intake_reviews(case_id) WHERE case_id IS NOT NULL;

-- Reviews per platform, shop, product, Beijing day and stars (positives included), so
-- rates are computable. Read by insights: keep this schema.
CREATE TABLE review_stats (
    platform TEXT,
    shop     TEXT,
    product  TEXT,
    day      TEXT /* YYYY-MM-DD, Beijing time */,
    stars    INTEGER,
    count    INTEGER,
    PRIMARY KEY (platform, shop, product, day, stars)
);

-- One line per committed import.
CREATE TABLE intake_imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT    NOT NULL,
    shop        TEXT    NOT NULL,
    preset      TEXT,
    started_at  TEXT    NOT NULL,
    finished_at TEXT,
    rows_read   INTEGER NOT NULL DEFAULT 0,
    new         INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    stats_only  INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);

-- Column mappings the owner saved, per shop; `headers_key` identifies the header row
-- they were made for, so a file of the same layout picks its mapping by itself.
CREATE TABLE intake_mappings (
    id          INTEGER PRIMARY KEY,
    shop        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    headers     TEXT    NOT NULL,
    headers_key TEXT    NOT NULL,
    mapping     TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    UNIQUE (shop, name)
);
CREATE INDEX intake_mappings_headers ON intake_mappings(shop, headers_key);
