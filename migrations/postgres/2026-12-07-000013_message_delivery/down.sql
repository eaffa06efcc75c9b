DROP INDEX messages_undelivered_idx;
ALTER TABLE messages DROP COLUMN delivery_reported_at;
ALTER TABLE messages DROP COLUMN delivery_reason;
ALTER TABLE messages DROP COLUMN delivery_status;
