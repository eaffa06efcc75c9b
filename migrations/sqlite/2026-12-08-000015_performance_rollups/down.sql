DROP TABLE team_hourly_stats;
DROP TABLE agent_daily_stats;
