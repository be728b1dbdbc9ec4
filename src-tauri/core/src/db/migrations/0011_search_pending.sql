-- search_pending: ranges of case ids an import stored but the search index does not hold
-- yet. Indexing 50,000 reviews' trigrams takes longer than storing them, so an import
-- records its range and the index catches up afterwards in short transactions (see
-- cases::search_index); until then a search reads those cases' text directly.
CREATE TABLE search_pending (
    lo INTEGER NOT NULL,
    hi INTEGER NOT NULL,
    CHECK (lo <= hi)
);

-- A case still waiting is not in the index: removing or re-writing its entry there would
-- damage the index (it is external-content), and the catch-up indexes its current text.
-- Only imported cases wait: a case typed in later may take a waiting range's id (ids are
-- reused after the highest case is deleted), and it was indexed when it was stored.
DROP TRIGGER cases_fts_delete;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases
WHEN old.source <> 'import'
    OR NOT EXISTS (SELECT 1 FROM search_pending WHERE old.id BETWEEN lo AND hi) BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES ('delete', old.id, old.review_text, old.product, old.buyer_nick, old.order_id, old.follow_up_text);
END;
DROP TRIGGER cases_fts_update;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF review_text, product, buyer_nick, order_id, follow_up_text ON cases
WHEN old.source <> 'import'
    OR NOT EXISTS (SELECT 1 FROM search_pending WHERE old.id BETWEEN lo AND hi) BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES ('delete', old.id, old.review_text, old.product, old.buyer_nick, old.order_id, old.follow_up_text);
    INSERT INTO cases_fts(rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES (new.id, new.review_text, new.product, new.buyer_nick, new.order_id, new.follow_up_text);
END;
