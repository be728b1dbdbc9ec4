-- insights: what the dashboard and the closed-loop report read, kept ready so that every
-- chart answers in well under 100 ms with a million cases.
--
-- Days are Beijing days (UTC+8, no daylight saving since 1991), like review_stats:
-- date(t, '+8 hours') of a stored UTC time.

-- When the buyer was first contacted (earliest contact attempt) and when the case first
-- reached resolved/closed (cleared when it is reopened). Kept by the triggers below, so
-- the response-time figures read one index instead of joining the contact log.
ALTER TABLE cases ADD COLUMN first_contact_at TEXT;
ALTER TABLE cases ADD COLUMN resolved_at TEXT;

UPDATE cases SET first_contact_at =
    (SELECT min(at) FROM contact_attempts a WHERE a.case_id = cases.id);
-- The last time each finished case became finished, from its history.
UPDATE cases SET resolved_at = coalesce(
    (SELECT max(e.at) FROM case_events e
      WHERE e.case_id = cases.id AND e.field = 'status'
        AND e.new_value IN ('resolved', 'closed')
        AND coalesce(e.old_value, '') NOT IN ('resolved', 'closed')),
    closed_at, updated_at)
WHERE status IN ('resolved', 'closed');

CREATE TRIGGER insights_contact_inserted AFTER INSERT ON contact_attempts BEGIN
    UPDATE cases SET first_contact_at = new.at
    WHERE id = new.case_id AND (first_contact_at IS NULL OR first_contact_at > new.at);
END;
CREATE TRIGGER insights_contact_updated AFTER UPDATE OF at, case_id ON contact_attempts BEGIN
    UPDATE cases SET first_contact_at =
        (SELECT min(at) FROM contact_attempts a WHERE a.case_id = cases.id)
    WHERE id IN (old.case_id, new.case_id);
END;
CREATE TRIGGER insights_contact_deleted AFTER DELETE ON contact_attempts BEGIN
    UPDATE cases SET first_contact_at =
        (SELECT min(at) FROM contact_attempts a WHERE a.case_id = cases.id)
    WHERE id = old.case_id;
END;

CREATE TRIGGER insights_case_finished_on_insert AFTER INSERT ON cases
WHEN new.status IN ('resolved', 'closed') AND new.resolved_at IS NULL BEGIN
    UPDATE cases SET resolved_at = coalesce(new.closed_at, new.updated_at) WHERE id = new.id;
END;
CREATE TRIGGER insights_case_finished AFTER UPDATE OF status ON cases
WHEN (new.status IN ('resolved', 'closed')) <> (old.status IN ('resolved', 'closed')) BEGIN
    UPDATE cases SET resolved_at =
        CASE WHEN new.status IN ('resolved', 'closed') THEN new.updated_at END
    WHERE id = new.id;
END;

-- Cases per Beijing review day, platform, shop, primary cause and stars: the trend and
-- the share of causes read a few hundred rows per day from here instead of every case.
-- (Product is left out on purpose: with hundreds of products it would hold nearly one
-- row per case; a product filter reads the cases through their product index instead.)
CREATE TABLE insights_case_days (
    day      TEXT    NOT NULL,
    platform TEXT    NOT NULL,
    shop     TEXT    NOT NULL,
    cause    TEXT    NOT NULL,
    stars    INTEGER NOT NULL,
    cases    INTEGER NOT NULL,
    PRIMARY KEY (day, platform, shop, cause, stars)
) WITHOUT ROWID;

INSERT INTO insights_case_days(day, platform, shop, cause, stars, cases)
SELECT date(review_time, '+8 hours'), platform, shop, primary_cause, stars, count(*)
FROM cases GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER insights_case_days_insert AFTER INSERT ON cases BEGIN
    INSERT INTO insights_case_days(day, platform, shop, cause, stars, cases)
    VALUES (date(new.review_time, '+8 hours'), new.platform, new.shop, new.primary_cause, new.stars, 1)
    ON CONFLICT(day, platform, shop, cause, stars) DO UPDATE SET cases = cases + 1;
END;
CREATE TRIGGER insights_case_days_delete AFTER DELETE ON cases BEGIN
    UPDATE insights_case_days SET cases = cases - 1
    WHERE day = date(old.review_time, '+8 hours') AND platform = old.platform
      AND shop = old.shop AND cause = old.primary_cause AND stars = old.stars;
    DELETE FROM insights_case_days
    WHERE day = date(old.review_time, '+8 hours') AND platform = old.platform
      AND shop = old.shop AND cause = old.primary_cause AND stars = old.stars AND cases <= 0;
END;
CREATE TRIGGER insights_case_days_update
AFTER UPDATE OF review_time, platform, shop, primary_cause, stars ON cases
WHEN date(old.review_time, '+8 hours') IS NOT date(new.review_time, '+8 hours')
  OR old.platform IS NOT new.platform OR old.shop IS NOT new.shop
  OR old.primary_cause IS NOT new.primary_cause OR old.stars IS NOT new.stars
BEGIN
    UPDATE insights_case_days SET cases = cases - 1
    WHERE day = date(old.review_time, '+8 hours') AND platform = old.platform
      AND shop = old.shop AND cause = old.primary_cause AND stars = old.stars;
    DELETE FROM insights_case_days
    WHERE day = date(old.review_time, '+8 hours') AND platform = old.platform
      AND shop = old.shop AND cause = old.primary_cause AND stars = old.stars AND cases <= 0;
    INSERT INTO insights_case_days(day, platform, shop, cause, stars, cases)
    VALUES (date(new.review_time, '+8 hours'), new.platform, new.shop, new.primary_cause, new.stars, 1)
    ON CONFLICT(day, platform, shop, cause, stars) DO UPDATE SET cases = cases + 1;
END;

-- Imported reviews (positives included) per Beijing day, platform, shop and stars: the
-- bad-review rate without a product filter. review_stats itself is keyed by platform,
-- shop and product first, so a date range over it would read the whole table.
CREATE TABLE insights_review_days (
    day      TEXT    NOT NULL,
    platform TEXT    NOT NULL,
    shop     TEXT    NOT NULL,
    stars    INTEGER NOT NULL,
    reviews  INTEGER NOT NULL,
    PRIMARY KEY (day, platform, shop, stars)
) WITHOUT ROWID;

INSERT INTO insights_review_days(day, platform, shop, stars, reviews)
SELECT day, coalesce(platform, ''), coalesce(shop, ''), stars, sum(count)
FROM review_stats WHERE day IS NOT NULL AND stars IS NOT NULL
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER insights_review_days_insert AFTER INSERT ON review_stats
WHEN new.day IS NOT NULL AND new.stars IS NOT NULL BEGIN
    INSERT INTO insights_review_days(day, platform, shop, stars, reviews)
    VALUES (new.day, coalesce(new.platform, ''), coalesce(new.shop, ''), new.stars, coalesce(new.count, 0))
    ON CONFLICT(day, platform, shop, stars) DO UPDATE SET reviews = reviews + excluded.reviews;
END;
CREATE TRIGGER insights_review_days_delete AFTER DELETE ON review_stats
WHEN old.day IS NOT NULL AND old.stars IS NOT NULL BEGIN
    UPDATE insights_review_days SET reviews = reviews - coalesce(old.count, 0)
    WHERE day = old.day AND platform = coalesce(old.platform, '')
      AND shop = coalesce(old.shop, '') AND stars = old.stars;
END;
CREATE TRIGGER insights_review_days_update AFTER UPDATE ON review_stats BEGIN
    UPDATE insights_review_days SET reviews = reviews - coalesce(old.count, 0)
    WHERE old.day IS NOT NULL AND old.stars IS NOT NULL
      AND day = old.day AND platform = coalesce(old.platform, '')
      AND shop = coalesce(old.shop, '') AND stars = old.stars;
    INSERT INTO insights_review_days(day, platform, shop, stars, reviews)
    SELECT new.day, coalesce(new.platform, ''), coalesce(new.shop, ''), new.stars, coalesce(new.count, 0)
    WHERE new.day IS NOT NULL AND new.stars IS NOT NULL
    ON CONFLICT(day, platform, shop, stars) DO UPDATE SET reviews = reviews + excluded.reviews;
END;

-- A product filter on the bad-review rate.
CREATE INDEX insights_review_stats_product ON review_stats(product, day, stars, count, platform, shop);

-- Covering indexes: each per-case figure reads its date range from one index alone.
-- Top products, first contact and the first-response deadline (by review time):
CREATE INDEX insights_cases_review ON cases(
    review_time, stars, primary_cause, platform, shop, product, first_contact_at);
-- A product filter on the same figures:
CREATE INDEX insights_cases_product ON cases(
    product, review_time, stars, primary_cause, platform, shop, first_contact_at);
-- What the case's delivered remedies cost, in their currency ('*' when they were paid in
-- several; NULL when none was delivered), kept by the triggers below: the cost of the
-- cases closed in a period is then read with their outcomes, not looked up case by case.
ALTER TABLE cases ADD COLUMN delivered_cost_cents INTEGER;
ALTER TABLE cases ADD COLUMN delivered_cost_currency TEXT;

UPDATE cases SET
    delivered_cost_cents = (SELECT sum(cost_cents) FROM remedies r
                            WHERE r.case_id = cases.id AND r.status = 'delivered'),
    delivered_cost_currency = (SELECT CASE WHEN count(DISTINCT currency) > 1 THEN '*' ELSE max(currency) END
                               FROM remedies r WHERE r.case_id = cases.id AND r.status = 'delivered')
WHERE id IN (SELECT case_id FROM remedies WHERE status = 'delivered');

CREATE TRIGGER insights_remedy_cost_inserted AFTER INSERT ON remedies
WHEN new.status = 'delivered' BEGIN
    UPDATE cases SET
        delivered_cost_cents = (SELECT sum(cost_cents) FROM remedies r
                                WHERE r.case_id = cases.id AND r.status = 'delivered'),
        delivered_cost_currency = (SELECT CASE WHEN count(DISTINCT currency) > 1 THEN '*' ELSE max(currency) END
                                   FROM remedies r WHERE r.case_id = cases.id AND r.status = 'delivered')
    WHERE id = new.case_id;
END;
CREATE TRIGGER insights_remedy_cost_updated AFTER UPDATE OF status, cost_cents, currency, case_id ON remedies
WHEN old.status = 'delivered' OR new.status = 'delivered' BEGIN
    UPDATE cases SET
        delivered_cost_cents = (SELECT sum(cost_cents) FROM remedies r
                                WHERE r.case_id = cases.id AND r.status = 'delivered'),
        delivered_cost_currency = (SELECT CASE WHEN count(DISTINCT currency) > 1 THEN '*' ELSE max(currency) END
                                   FROM remedies r WHERE r.case_id = cases.id AND r.status = 'delivered')
    WHERE id IN (old.case_id, new.case_id);
END;
CREATE TRIGGER insights_remedy_cost_deleted AFTER DELETE ON remedies
WHEN old.status = 'delivered' BEGIN
    UPDATE cases SET
        delivered_cost_cents = (SELECT sum(cost_cents) FROM remedies r
                                WHERE r.case_id = cases.id AND r.status = 'delivered'),
        delivered_cost_currency = (SELECT CASE WHEN count(DISTINCT currency) > 1 THEN '*' ELSE max(currency) END
                                   FROM remedies r WHERE r.case_id = cases.id AND r.status = 'delivered')
    WHERE id = old.case_id;
END;

-- Recovery rate and the cost of the cases closed (by the time the case was closed with
-- its outcome):
CREATE INDEX insights_cases_closed ON cases(
    closed_at, primary_cause, outcome, platform, shop, product,
    delivered_cost_currency, delivered_cost_cents) WHERE closed_at IS NOT NULL;
-- Time to resolution (by the time the case was finished):
CREATE INDEX insights_cases_resolved ON cases(
    resolved_at, review_time, platform, shop, product) WHERE resolved_at IS NOT NULL;
-- Open cases past the first-response deadline, for the report.
CREATE INDEX insights_cases_uncontacted ON cases(review_time)
    WHERE first_contact_at IS NULL AND status NOT IN ('resolved', 'closed');
-- Remedy spend without reading the wide ledger rows: delivered by time, still owed, and
-- delivered per case (for the cost of the cases closed in a period). `status` is stored
-- too although the partial indexes imply it: SQLite reads a column from the table unless
-- the index holds it.
CREATE INDEX insights_remedies_delivered
    ON remedies(delivered_at, kind, currency, cost_cents, case_id, status)
    WHERE status = 'delivered';
CREATE INDEX insights_remedies_open ON remedies(currency, cost_cents, case_id, status)
    WHERE status IN ('proposed', 'accepted');
CREATE INDEX insights_remedies_by_case ON remedies(case_id, currency, cost_cents, status)
    WHERE status = 'delivered';
-- A case's platform, shop and product by its id, for filters on joined tables (remedies,
-- alert hits) without reading the wide case rows.
CREATE INDEX insights_cases_scope ON cases(id, review_time, platform, shop, product);
