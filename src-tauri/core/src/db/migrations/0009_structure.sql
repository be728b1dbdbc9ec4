-- structure: history entries keep values as values, and what else an entry says (the
-- remedy, promise or appeal it is about, the parts of a value that has several, the
-- import row that made it) as JSON in `detail`. Earlier entries are converted where
-- their text has a known shape; others keep the text they were shown with.
ALTER TABLE case_events ADD COLUMN detail TEXT;

-- The ledger's and the appeals' entries named their row in `field` ("remedy #12").
UPDATE case_events SET
    detail = json_set(coalesce(detail, '{}'), '$.subject',
        json_object('kind', substr(field, 1, instr(field, ' #') - 1),
                    'id', CAST(substr(field, instr(field, ' #') + 2) AS INTEGER))),
    field = NULL
WHERE field LIKE 'remedy #%' OR field LIKE 'promise #%' OR field LIKE 'appeal #%';

-- An outcome with its final stars: "review_revised (4★)".
UPDATE case_events SET
    detail = json_set(coalesce(detail, '{}'), '$.new.final_stars',
        CAST(substr(new_value, instr(new_value, ' (') + 2, 1) AS INTEGER)),
    new_value = substr(new_value, 1, instr(new_value, ' (') - 1)
WHERE kind = 'outcome' AND new_value LIKE '% (_★)';

-- The owner's labels with their severity: "quality / 2".
UPDATE case_events SET
    detail = json_set(json_set(coalesce(detail, '{}'),
        '$.old.severity', CAST(substr(old_value, instr(old_value, ' / ') + 3) AS INTEGER)),
        '$.new.severity', CAST(substr(new_value, instr(new_value, ' / ') + 3) AS INTEGER)),
    old_value = substr(old_value, 1, instr(old_value, ' / ') - 1),
    new_value = substr(new_value, 1, instr(new_value, ' / ') - 1)
WHERE kind = 'labels' AND old_value LIKE '% / %' AND new_value LIKE '% / %';

-- A contact's channel and outcome: "phone:no_answer".
UPDATE case_events SET
    detail = json_set(coalesce(detail, '{}'), '$.new.channel',
        substr(new_value, 1, instr(new_value, ':') - 1)),
    new_value = substr(new_value, instr(new_value, ':') + 1)
WHERE kind = 'contact' AND instr(new_value, ':') > 0;

-- The compliance rules broken, as a list: "compliance.a, compliance.b".
UPDATE case_events SET
    detail = json_set(coalesce(detail, '{}'), '$.new.codes',
        json('["' || replace(new_value, ', ', '","') || '"]')),
    new_value = NULL
WHERE kind = 'compliance_flag' AND new_value IS NOT NULL AND instr(new_value, '"') = 0;

-- An appeal's reason and deadline: "extortion, deadline 2026-12-01T00:00:00+00:00".
UPDATE case_events SET
    detail = json_set(coalesce(detail, '{}'), '$.new.due_at',
        substr(new_value, instr(new_value, ', deadline ') + 11)),
    new_value = substr(new_value, 1, instr(new_value, ', deadline ') - 1)
WHERE kind IN ('appeal_added', 'appeal_edited') AND instr(new_value, ', deadline ') > 0;
UPDATE case_events SET
    detail = json_set(coalesce(detail, '{}'), '$.old.due_at',
        substr(old_value, instr(old_value, ', deadline ') + 11)),
    old_value = substr(old_value, 1, instr(old_value, ', deadline ') - 1)
WHERE kind = 'appeal_edited' AND instr(old_value, ', deadline ') > 0;

-- Whether a buyer has bought before, asked for every new case: answered from an index.
CREATE INDEX cases_buyer ON cases(platform, buyer_nick) WHERE buyer_nick IS NOT NULL;

-- Imports add their cases to the search index together, once the import is stored
-- (see cases::CaseImport): one run of the index's writing and merging instead of one
-- per batch. Every other new case is indexed as it is stored.
DROP TRIGGER cases_fts_insert;
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases WHEN new.source <> 'import' BEGIN
    INSERT INTO cases_fts(rowid, review_text, product, buyer_nick, order_id, follow_up_text)
    VALUES (new.id, new.review_text, new.product, new.buyer_nick, new.order_id, new.follow_up_text);
END;

-- Every new case writes every index of `cases`: these two only repeat the leading
-- column of a covering index that serves the same searches (insights_cases_review
-- starts with review_time, insights_cases_product with product).
DROP INDEX cases_review_time;
DROP INDEX cases_product;
