-- The event log (docs/ARCHITECTURE.md, "The event log"): every change to a conversation
-- is one row, written in the change's own transaction, in commit order. Live pages,
-- integrations and Performance Data read it. It grows out of the assignment history
-- (conversation_events), whose rows it keeps with their ids.
CREATE TABLE chat_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    kind TEXT NOT NULL,
    group_id BIGINT,
    account_id BIGINT REFERENCES accounts(id),
    actor_id BIGINT REFERENCES accounts(id),
    message_id BIGINT REFERENCES messages(id),
    created_at TIMESTAMP NOT NULL
);
INSERT INTO chat_events (id, seller_id, store_id, conversation_id, kind, group_id, account_id, actor_id, created_at)
    SELECT id, seller_id, store_id, conversation_id, kind, group_id, account_id, actor_id, created_at
    FROM conversation_events;
DROP INDEX conversation_events_account_idx;
DROP INDEX conversation_events_conversation_idx;
DROP TABLE conversation_events;
CREATE INDEX chat_events_conversation_idx ON chat_events (conversation_id, id);
CREATE INDEX chat_events_seller_idx ON chat_events (seller_id, id);

-- One open conversation per buyer and store, enforced by the database so two first
-- messages arriving at once cannot open two. Older duplicates (none are expected) close.
UPDATE conversations SET status = 'closed', closed_at = last_message_at
    WHERE status = 'open' AND id NOT IN
        (SELECT MAX(id) FROM conversations WHERE status = 'open' GROUP BY store_id, buyer_id);
CREATE UNIQUE INDEX conversations_one_open_idx ON conversations (store_id, buyer_id) WHERE status = 'open';
-- Inbox lists: a store's open (or all) conversations, newest first, in keyset pages.
CREATE INDEX conversations_list_idx ON conversations (store_id, status, last_message_at, id);
-- Every buyer message moves its conversation's last_message_at, and each index holding it
-- is rewritten with it: the lists above are the one index that needs the time. An agent's
-- open chats are few, so their index needs none; the queues read the list index.
DROP INDEX conversations_queue_idx;
DROP INDEX conversations_assignee_idx;
CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status);
