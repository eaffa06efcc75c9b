DROP INDEX conversations_assignee_idx;
CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status, last_message_at);
CREATE INDEX conversations_queue_idx ON conversations (store_id, status, assignee_id, source);
DROP INDEX conversations_list_idx;
DROP INDEX conversations_one_open_idx;
CREATE TABLE conversation_events (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    kind TEXT NOT NULL,
    group_id BIGINT,
    account_id BIGINT REFERENCES accounts(id),
    actor_id BIGINT REFERENCES accounts(id),
    created_at TIMESTAMP NOT NULL
);
INSERT INTO conversation_events (id, seller_id, store_id, conversation_id, kind, group_id, account_id, actor_id, created_at)
    SELECT id, seller_id, store_id, conversation_id, kind, group_id, account_id, actor_id, created_at
    FROM chat_events WHERE kind IN ('assigned', 'taken', 'transferred', 'returned', 'closed', 'reopened');
CREATE INDEX conversation_events_conversation_idx ON conversation_events (conversation_id, id);
CREATE INDEX conversation_events_account_idx ON conversation_events (seller_id, account_id, created_at);
DROP INDEX chat_events_seller_idx;
DROP INDEX chat_events_conversation_idx;
DROP TABLE chat_events;
SELECT setval('conversation_events_id_seq', COALESCE((SELECT MAX(id) FROM conversation_events), 0) + 1, false);
