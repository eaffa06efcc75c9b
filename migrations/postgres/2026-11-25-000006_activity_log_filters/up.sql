-- The Activity Log lists a seller's entries newest first, ordered by (created_at, id).
-- Each filter that narrows by equality gets an index that keeps that order, so a page
-- is a short index range scan whatever the filter. Seller + time and seller + operator
-- exist since the foundation migration.
CREATE INDEX activity_log_area_time_idx ON activity_log (seller_id, area, created_at, id);
CREATE INDEX activity_log_action_time_idx ON activity_log (seller_id, action, created_at, id);
CREATE INDEX activity_log_store_time_idx ON activity_log (seller_id, store_id, created_at, id);
