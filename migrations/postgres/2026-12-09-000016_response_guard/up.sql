-- The response guard and the marketplace's own rate, per store (Chat Assignment →
-- Settings): the first-response target, when an unanswered chat goes back to routing
-- (0 = never), how long a returning buyer goes back to the agent who last answered
-- (0 = never), and the marketplace's rule (answer limit, window, whether automatic
-- replies count as an answer).
ALTER TABLE store_chat_settings ADD COLUMN first_response_target_minutes INTEGER NOT NULL DEFAULT 5;
ALTER TABLE store_chat_settings ADD COLUMN reassign_after_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE store_chat_settings ADD COLUMN return_within_hours INTEGER NOT NULL DEFAULT 24;
ALTER TABLE store_chat_settings ADD COLUMN rate_limit_hours INTEGER NOT NULL DEFAULT 12;
ALTER TABLE store_chat_settings ADD COLUMN rate_window_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE store_chat_settings ADD COLUMN rate_counts_auto_replies BOOLEAN NOT NULL DEFAULT FALSE;

-- How long a chat waited for its first answer, in seconds from its start, kept by the
-- core when it stores the reply: the first agent reply and the first automatic reply.
-- The marketplace rate counts them in SQL for any answer limit.
ALTER TABLE conversations ADD COLUMN first_reply_seconds BIGINT;
ALTER TABLE conversations ADD COLUMN first_auto_reply_seconds BIGINT;
UPDATE conversations SET
    first_reply_seconds = (SELECT CAST(EXTRACT(EPOCH FROM MIN(m.created_at) - conversations.created_at) AS BIGINT) FROM messages m
        WHERE m.conversation_id = conversations.id AND m.sender = 'agent'),
    first_auto_reply_seconds = (SELECT CAST(EXTRACT(EPOCH FROM MIN(m.created_at) - conversations.created_at) AS BIGINT) FROM messages m
        WHERE m.conversation_id = conversations.id AND m.sender = 'auto');

-- The marketplace rate reads a store's chats by start with their first answers from the
-- index alone; it also serves the per-chat export, which read the index it replaces.
DROP INDEX conversations_started_idx;
CREATE INDEX conversations_answers_idx
    ON conversations (store_id, created_at, first_reply_seconds, first_auto_reply_seconds);

-- The guard looks for assigned chats whose buyer has waited too long.
CREATE INDEX conversations_awaiting_idx ON conversations (awaiting_since)
    WHERE awaiting_since IS NOT NULL AND status = 'open';

-- Buyer satisfaction: one rating per closing of a chat (closed_at tells which), by the
-- chat's buyer, on the buyer page or posted by the store's integration.
CREATE TABLE chat_ratings (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    closed_at TIMESTAMP NOT NULL,
    agent_id BIGINT REFERENCES accounts(id),
    group_id BIGINT,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (conversation_id, closed_at)
);
-- Performance Data sums a range's ratings per agent, store and group from the index alone,
-- and reads the newest comments from a small one.
CREATE INDEX chat_ratings_store_idx
    ON chat_ratings (store_id, created_at, seller_id, agent_id, group_id, score);
CREATE INDEX chat_ratings_comments_idx ON chat_ratings (store_id, created_at, seller_id)
    WHERE comment <> '';


-- First responses and responses counted per time band (limits in
-- `performance::indicators::BAND_LIMITS`), so any range's p50 and p90 come from sums
-- like the averages. Narrow tables of their own, beside the tallies, written only when
-- a reply is counted: the agent's hour (own figures), the team's hour and the team's
-- UTC day (a long range reads whole days and only the hours at its two ends). History
-- before this migration has no bands until `rebuild-performance` recounts it; until
-- then its percentiles show as unknown.
CREATE TABLE agent_hourly_bands (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    group_id BIGINT NOT NULL,
    hour BIGINT NOT NULL,
    first_band_0 BIGINT NOT NULL DEFAULT 0,
    first_band_1 BIGINT NOT NULL DEFAULT 0,
    first_band_2 BIGINT NOT NULL DEFAULT 0,
    first_band_3 BIGINT NOT NULL DEFAULT 0,
    first_band_4 BIGINT NOT NULL DEFAULT 0,
    first_band_5 BIGINT NOT NULL DEFAULT 0,
    first_band_6 BIGINT NOT NULL DEFAULT 0,
    first_band_7 BIGINT NOT NULL DEFAULT 0,
    first_band_8 BIGINT NOT NULL DEFAULT 0,
    first_band_9 BIGINT NOT NULL DEFAULT 0,
    first_band_10 BIGINT NOT NULL DEFAULT 0,
    first_band_11 BIGINT NOT NULL DEFAULT 0,
    reply_band_0 BIGINT NOT NULL DEFAULT 0,
    reply_band_1 BIGINT NOT NULL DEFAULT 0,
    reply_band_2 BIGINT NOT NULL DEFAULT 0,
    reply_band_3 BIGINT NOT NULL DEFAULT 0,
    reply_band_4 BIGINT NOT NULL DEFAULT 0,
    reply_band_5 BIGINT NOT NULL DEFAULT 0,
    reply_band_6 BIGINT NOT NULL DEFAULT 0,
    reply_band_7 BIGINT NOT NULL DEFAULT 0,
    reply_band_8 BIGINT NOT NULL DEFAULT 0,
    reply_band_9 BIGINT NOT NULL DEFAULT 0,
    reply_band_10 BIGINT NOT NULL DEFAULT 0,
    reply_band_11 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, hour, account_id, store_id, group_id)
);

CREATE TABLE team_hourly_bands (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    group_id BIGINT NOT NULL,
    hour BIGINT NOT NULL,
    first_band_0 BIGINT NOT NULL DEFAULT 0,
    first_band_1 BIGINT NOT NULL DEFAULT 0,
    first_band_2 BIGINT NOT NULL DEFAULT 0,
    first_band_3 BIGINT NOT NULL DEFAULT 0,
    first_band_4 BIGINT NOT NULL DEFAULT 0,
    first_band_5 BIGINT NOT NULL DEFAULT 0,
    first_band_6 BIGINT NOT NULL DEFAULT 0,
    first_band_7 BIGINT NOT NULL DEFAULT 0,
    first_band_8 BIGINT NOT NULL DEFAULT 0,
    first_band_9 BIGINT NOT NULL DEFAULT 0,
    first_band_10 BIGINT NOT NULL DEFAULT 0,
    first_band_11 BIGINT NOT NULL DEFAULT 0,
    reply_band_0 BIGINT NOT NULL DEFAULT 0,
    reply_band_1 BIGINT NOT NULL DEFAULT 0,
    reply_band_2 BIGINT NOT NULL DEFAULT 0,
    reply_band_3 BIGINT NOT NULL DEFAULT 0,
    reply_band_4 BIGINT NOT NULL DEFAULT 0,
    reply_band_5 BIGINT NOT NULL DEFAULT 0,
    reply_band_6 BIGINT NOT NULL DEFAULT 0,
    reply_band_7 BIGINT NOT NULL DEFAULT 0,
    reply_band_8 BIGINT NOT NULL DEFAULT 0,
    reply_band_9 BIGINT NOT NULL DEFAULT 0,
    reply_band_10 BIGINT NOT NULL DEFAULT 0,
    reply_band_11 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, hour, store_id, group_id)
);

CREATE TABLE team_daily_bands (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    group_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    first_band_0 BIGINT NOT NULL DEFAULT 0,
    first_band_1 BIGINT NOT NULL DEFAULT 0,
    first_band_2 BIGINT NOT NULL DEFAULT 0,
    first_band_3 BIGINT NOT NULL DEFAULT 0,
    first_band_4 BIGINT NOT NULL DEFAULT 0,
    first_band_5 BIGINT NOT NULL DEFAULT 0,
    first_band_6 BIGINT NOT NULL DEFAULT 0,
    first_band_7 BIGINT NOT NULL DEFAULT 0,
    first_band_8 BIGINT NOT NULL DEFAULT 0,
    first_band_9 BIGINT NOT NULL DEFAULT 0,
    first_band_10 BIGINT NOT NULL DEFAULT 0,
    first_band_11 BIGINT NOT NULL DEFAULT 0,
    reply_band_0 BIGINT NOT NULL DEFAULT 0,
    reply_band_1 BIGINT NOT NULL DEFAULT 0,
    reply_band_2 BIGINT NOT NULL DEFAULT 0,
    reply_band_3 BIGINT NOT NULL DEFAULT 0,
    reply_band_4 BIGINT NOT NULL DEFAULT 0,
    reply_band_5 BIGINT NOT NULL DEFAULT 0,
    reply_band_6 BIGINT NOT NULL DEFAULT 0,
    reply_band_7 BIGINT NOT NULL DEFAULT 0,
    reply_band_8 BIGINT NOT NULL DEFAULT 0,
    reply_band_9 BIGINT NOT NULL DEFAULT 0,
    reply_band_10 BIGINT NOT NULL DEFAULT 0,
    reply_band_11 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, day, store_id, group_id)
);
