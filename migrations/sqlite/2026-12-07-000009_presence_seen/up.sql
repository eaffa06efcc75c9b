-- When an agent last had a Webchat page open (its live-event stream beats about once a
-- minute): an agent gone longer than the presence timeout is set Offline.
ALTER TABLE agent_presence ADD COLUMN seen_at TIMESTAMP;
