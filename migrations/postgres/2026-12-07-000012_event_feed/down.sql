DROP INDEX chat_events_store_idx;
