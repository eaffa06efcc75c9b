ALTER TABLE agent_presence DROP COLUMN seen_at;
