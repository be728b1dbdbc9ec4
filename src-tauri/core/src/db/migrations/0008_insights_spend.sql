-- insights: remedy spend under platform, shop and product filters without looking up
-- each remedy's case. The case's platform, shop and product are copied onto its remedies
-- and kept in step by the triggers below; the spend indexes then answer a filtered
-- range from one index alone.

ALTER TABLE remedies ADD COLUMN case_platform TEXT;
ALTER TABLE remedies ADD COLUMN case_shop TEXT;
ALTER TABLE remedies ADD COLUMN case_product TEXT;

UPDATE remedies SET (case_platform, case_shop, case_product) =
    (SELECT c.platform, c.shop, c.product FROM cases c WHERE c.id = remedies.case_id);

CREATE TRIGGER insights_remedy_scope_insert AFTER INSERT ON remedies BEGIN
    UPDATE remedies SET (case_platform, case_shop, case_product) =
        (SELECT c.platform, c.shop, c.product FROM cases c WHERE c.id = new.case_id)
    WHERE id = new.id;
END;
CREATE TRIGGER insights_remedy_scope_moved AFTER UPDATE OF case_id ON remedies BEGIN
    UPDATE remedies SET (case_platform, case_shop, case_product) =
        (SELECT c.platform, c.shop, c.product FROM cases c WHERE c.id = new.case_id)
    WHERE id = new.id;
END;
CREATE TRIGGER insights_case_scope_changed AFTER UPDATE OF platform, shop, product ON cases
WHEN old.platform IS NOT new.platform OR old.shop IS NOT new.shop
  OR old.product IS NOT new.product
BEGIN
    UPDATE remedies SET case_platform = new.platform, case_shop = new.shop,
        case_product = new.product
    WHERE case_id = new.id;
END;

-- Delivered remedies by delivery time (spend per period and per kind), and by product
-- first for a product filter; open remedies (pending) with their scope.
DROP INDEX insights_remedies_delivered;
CREATE INDEX insights_remedies_delivered ON remedies(
    delivered_at, case_platform, case_shop, case_product, kind, currency, cost_cents)
    WHERE status = 'delivered';
CREATE INDEX insights_remedies_delivered_product ON remedies(
    case_product, delivered_at, case_platform, case_shop, kind, currency, cost_cents)
    WHERE status = 'delivered';
DROP INDEX insights_remedies_open;
CREATE INDEX insights_remedies_open ON remedies(
    currency, cost_cents, case_platform, case_shop, case_product, status)
    WHERE status IN ('proposed', 'accepted');
