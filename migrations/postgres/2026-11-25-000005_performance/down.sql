DROP INDEX agent_hourly_stats_seller_hour_idx;
DROP TABLE agent_hourly_stats;
ALTER TABLE conversations DROP COLUMN awaiting_since;
ALTER TABLE conversations DROP COLUMN assignee_replied;
