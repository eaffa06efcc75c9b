-- Performance Data rollups, kept beside agent_hourly_stats in the same transaction, so
-- a long range reads days instead of hours:
-- * agent_daily_stats: per agent, store and group and UTC day. A range in the viewer's
--   zone reads its whole UTC days here and only the hours at its two ends hourly.
-- * team_hourly_stats: per store and group and UTC hour, without the agent, for the
--   chart's days in the viewer's zone.
CREATE TABLE agent_daily_stats (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    group_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    chats_received BIGINT NOT NULL DEFAULT 0,
    chats_replied BIGINT NOT NULL DEFAULT 0,
    replied_in_time BIGINT NOT NULL DEFAULT 0,
    first_response_seconds BIGINT NOT NULL DEFAULT 0,
    responses BIGINT NOT NULL DEFAULT 0,
    response_seconds BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    messages_sent BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, day, account_id, store_id, group_id)
) WITHOUT ROWID;

CREATE TABLE team_hourly_stats (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    group_id BIGINT NOT NULL,
    hour BIGINT NOT NULL,
    chats_received BIGINT NOT NULL DEFAULT 0,
    chats_replied BIGINT NOT NULL DEFAULT 0,
    replied_in_time BIGINT NOT NULL DEFAULT 0,
    first_response_seconds BIGINT NOT NULL DEFAULT 0,
    responses BIGINT NOT NULL DEFAULT 0,
    response_seconds BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    messages_sent BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, hour, store_id, group_id)
) WITHOUT ROWID;

-- The history so far (hours are never negative, so integer division is the floor).
INSERT INTO agent_daily_stats (seller_id, account_id, store_id, group_id, day,
    chats_received, chats_replied, replied_in_time, first_response_seconds, responses,
    response_seconds, resolved, messages_sent)
SELECT seller_id, account_id, store_id, group_id, hour / 24,
    SUM(chats_received), SUM(chats_replied), SUM(replied_in_time),
    SUM(first_response_seconds), SUM(responses), SUM(response_seconds), SUM(resolved),
    SUM(messages_sent)
FROM agent_hourly_stats
GROUP BY seller_id, account_id, store_id, group_id, hour / 24;

INSERT INTO team_hourly_stats (seller_id, store_id, group_id, hour,
    chats_received, chats_replied, replied_in_time, first_response_seconds, responses,
    response_seconds, resolved, messages_sent)
SELECT seller_id, store_id, group_id, hour,
    SUM(chats_received), SUM(chats_replied), SUM(replied_in_time),
    SUM(first_response_seconds), SUM(responses), SUM(response_seconds), SUM(resolved),
    SUM(messages_sent)
FROM agent_hourly_stats
GROUP BY seller_id, store_id, group_id, hour;

-- The per-chat export reads a store's chats by when they started.
CREATE INDEX conversations_started_idx ON conversations (store_id, created_at);

-- Agents' time Online, per UTC hour (an agent is Online for the seller, not per store):
-- each stretch is added when it ends; the one still running is counted when read.
ALTER TABLE agent_presence ADD COLUMN online_since TIMESTAMP;
UPDATE agent_presence SET online_since = updated_at WHERE status = 'online';
CREATE TABLE agent_online_hours (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    hour BIGINT NOT NULL,
    seconds BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, hour, account_id)
);
