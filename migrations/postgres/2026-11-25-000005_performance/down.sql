DROP TABLE agent_hourly_stats;
ALTER TABLE conversations DROP COLUMN awaiting_since;
ALTER TABLE conversations DROP COLUMN assignee_replied;
