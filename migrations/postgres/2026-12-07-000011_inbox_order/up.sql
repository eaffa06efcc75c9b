-- The inbox lists a seller's chats newest first, a page at a time: an index in that
-- order serves a page without sorting every chat of the seller. Each message moves a
-- chat in it, so the store index loses its time column (the queue sorts its few waiting
-- chats itself): a message still rewrites one index entry, not two.
DROP INDEX conversations_list_idx;
CREATE INDEX conversations_status_idx ON conversations (store_id, status);
CREATE INDEX conversations_seller_order_idx ON conversations (seller_id, last_message_at, id);
-- An inbox page's alerts list the seller's waiting chats (no assignee, open) and an
-- agent's open chats from this index alone.
DROP INDEX conversations_assignee_idx;
CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status, seller_id);

-- The buyer's latest message, the list row's preview, kept with the chat by the intake
-- that stores the message, so a page of rows needs no look into the messages.
ALTER TABLE conversations ADD COLUMN last_buyer_text TEXT NOT NULL DEFAULT '';
UPDATE conversations SET last_buyer_text = COALESCE((
    SELECT m.body FROM messages m
    WHERE m.conversation_id = conversations.id AND m.sender = 'buyer'
    ORDER BY m.id DESC LIMIT 1), '');
