-- The current assignment's progress, kept so each event updates Performance Data in
-- its own transaction without reading the conversation's history.
ALTER TABLE conversations ADD COLUMN assignee_replied BOOLEAN NOT NULL DEFAULT 0;
-- The first buyer message no agent has answered yet.
ALTER TABLE conversations ADD COLUMN awaiting_since TIMESTAMP;

-- Performance Data per agent, store, group (0: none) and UTC hour: a page reads at most
-- agents × hours of the range, whatever the message history. Hours rather than days so
-- that any viewer's time zone gets its own day boundaries. Keyed by seller and hour
-- first, so a range is one contiguous stretch of the key.
CREATE TABLE agent_hourly_stats (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
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
    PRIMARY KEY (seller_id, hour, account_id, store_id, group_id)
) WITHOUT ROWID;
