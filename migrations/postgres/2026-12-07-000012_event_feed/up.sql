-- The pull feed and webhooks read one store's events in order.
CREATE INDEX chat_events_store_idx ON chat_events (store_id, id);
