-- drafts: the owner's template library, the reply rotation per shop, and sign-offs.

-- Owner's changes to the library. A row with `builtin_key` edits or disables a shipped
-- template (body NULL = shipped text unchanged); a row without one is the owner's own.
CREATE TABLE draft_templates (
    id          INTEGER PRIMARY KEY,
    builtin_key TEXT UNIQUE,
    cause       TEXT    NOT NULL,
    channel     TEXT    NOT NULL CHECK (channel IN ('public', 'private', 'phone')),
    lang        TEXT    NOT NULL CHECK (lang IN ('zh', 'en')),
    body        TEXT,
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    CHECK (builtin_key IS NOT NULL OR body IS NOT NULL)
);
CREATE INDEX draft_templates_pool ON draft_templates(cause, channel, lang);

-- The last reply copied per shop and channel, so the next one is a different variant
-- and never the identical text.
CREATE TABLE draft_rotation (
    shop         TEXT    NOT NULL,
    channel      TEXT    NOT NULL,
    variant      INTEGER NOT NULL,
    text_hash    TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    PRIMARY KEY (shop, channel)
);

-- Drafting preferences (sign-offs), one JSON value per key.
CREATE TABLE draft_prefs (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
