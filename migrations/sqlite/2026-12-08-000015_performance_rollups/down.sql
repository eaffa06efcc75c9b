DROP TABLE agent_online_hours;
ALTER TABLE agent_presence DROP COLUMN online_since;
DROP INDEX conversations_started_idx;
DROP TABLE team_hourly_stats;
DROP TABLE agent_daily_stats;
