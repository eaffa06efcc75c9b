-- A buyer of one store: remembered by a cookie on the buyer chat page, or by the
-- integration's own buyer id through the API.
CREATE TABLE buyers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    buyer_key TEXT NOT NULL,
    display_name TEXT NOT NULL,
    last_auto_reply_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX buyers_store_key_idx ON buyers (store_id, buyer_key);

-- Unassigned open conversations form the queues: a group's queue is derived from the
-- store and source its active groups take, the main account's queue from the rest.
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    buyer_id BIGINT NOT NULL REFERENCES buyers(id),
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    group_id BIGINT,
    assignee_id BIGINT REFERENCES accounts(id),
    assigned_at TIMESTAMP,
    assignee_read_at TIMESTAMP,
    last_message_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX conversations_buyer_idx ON conversations (store_id, buyer_id, status);
CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status, last_message_at);
CREATE INDEX conversations_queue_idx ON conversations (store_id, status, assignee_id, source);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    sender TEXT NOT NULL,
    agent_id BIGINT REFERENCES accounts(id),
    body TEXT NOT NULL,
    external_id TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, id);
CREATE UNIQUE INDEX messages_external_idx ON messages (store_id, external_id);

CREATE TABLE agent_presence (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id),
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    status TEXT NOT NULL,
    last_assigned_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

-- Assignments, transfers, closes and reopens: the raw data of Performance Data.
CREATE TABLE conversation_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    kind TEXT NOT NULL,
    group_id BIGINT,
    account_id BIGINT REFERENCES accounts(id),
    actor_id BIGINT REFERENCES accounts(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX conversation_events_conversation_idx ON conversation_events (conversation_id, id);
CREATE INDEX conversation_events_account_idx ON conversation_events (seller_id, account_id, created_at);
