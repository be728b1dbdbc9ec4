-- Cases: one complaint (a negative or neutral review) and everything known about it.
-- Times are UTC, stored as RFC 3339 text so they sort and read well.
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    platform         TEXT    NOT NULL,
    shop             TEXT    NOT NULL DEFAULT '',
    order_id         TEXT,
    review_id        TEXT,
    buyer_nick       TEXT,
    buyer_phone      TEXT,
    buyer_tz         TEXT    NOT NULL DEFAULT 'Asia/Shanghai',
    product          TEXT    NOT NULL,
    stars            INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    review_text      TEXT    NOT NULL,
    review_time      TEXT    NOT NULL,
    has_photos       INTEGER NOT NULL DEFAULT 0,
    order_value_cents INTEGER,
    lang             TEXT    NOT NULL DEFAULT 'zh',
    seller_reply     TEXT,
    follow_up_text   TEXT,
    primary_cause    TEXT    NOT NULL DEFAULT 'other',
    causes           TEXT    NOT NULL DEFAULT '[]',
    severity         INTEGER NOT NULL DEFAULT 1 CHECK (severity BETWEEN 1 AND 3),
    flags            TEXT    NOT NULL DEFAULT '[]',
    triage_reasons   TEXT    NOT NULL DEFAULT '[]',
    labels_locked    INTEGER NOT NULL DEFAULT 0,
    status           TEXT    NOT NULL DEFAULT 'new',
    outcome          TEXT,
    source           TEXT    NOT NULL DEFAULT 'manual',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX cases_review_time ON cases(review_time);
CREATE INDEX cases_status ON cases(status, review_time);
CREATE INDEX cases_platform ON cases(platform, review_time);
CREATE INDEX cases_product ON cases(product);
CREATE INDEX cases_cause ON cases(primary_cause, review_time);
CREATE UNIQUE INDEX cases_review_key ON cases(platform, review_id) WHERE review_id IS NOT NULL;

-- Who changed what, when. Never updated, only appended.
CREATE TABLE case_events (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    field     TEXT,
    old_value TEXT,
    new_value TEXT,
    note      TEXT
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- Substring search. Trigram answers queries of three characters or more through the
-- index; shorter ones (two-character Chinese words such as 质量) scan this same table.
CREATE VIRTUAL TABLE cases_fts USING fts5(
    review_text, product, buyer_nick, order_id, follow_up_text,
    content = 'cases', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts(rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES (new.id, new.review_text, new.product, new.buyer_nick, new.order_id, new.follow_up_text);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES ('delete', old.id, old.review_text, old.product, old.buyer_nick, old.order_id, old.follow_up_text);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF review_text, product, buyer_nick, order_id, follow_up_text ON cases BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES ('delete', old.id, old.review_text, old.product, old.buyer_nick, old.order_id, old.follow_up_text);
    INSERT INTO cases_fts(rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES (new.id, new.review_text, new.product, new.buyer_nick, new.order_id, new.follow_up_text);
END;

-- Owner preferences (language, operator name, shop defaults), one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
