-- What the store's integration reported about a reply reaching the buyer.
ALTER TABLE messages ADD COLUMN delivery_status TEXT;
ALTER TABLE messages ADD COLUMN delivery_reason TEXT;
ALTER TABLE messages ADD COLUMN delivery_reported_at TIMESTAMP;
-- The team's list of replies that did not arrive, newest first.
CREATE INDEX messages_undelivered_idx ON messages (seller_id, delivery_reported_at) WHERE delivery_status = 'failed';
