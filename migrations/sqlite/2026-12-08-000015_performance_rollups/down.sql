DROP INDEX conversations_started_idx;
DROP TABLE team_hourly_stats;
DROP TABLE agent_daily_stats;
