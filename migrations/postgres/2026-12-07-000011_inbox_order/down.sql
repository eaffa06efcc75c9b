ALTER TABLE conversations DROP COLUMN last_buyer_text;
DROP INDEX conversations_assignee_idx;
CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status);
DROP INDEX conversations_seller_order_idx;
DROP INDEX conversations_status_idx;
CREATE INDEX conversations_list_idx ON conversations (store_id, status, last_message_at, id);
