-- An image sent with a message (buyer page or agent reply): the bytes exactly as
-- uploaded and a small thumbnail made at upload, kept in the database so that every
-- instance serves them. Notes never carry one. One image per message at most.
CREATE TABLE message_images (
    message_id BIGINT PRIMARY KEY REFERENCES messages(id),
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    content_type TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data BYTEA NOT NULL,
    thumb BYTEA NOT NULL,
    thumb_type TEXT NOT NULL,
    thumb_width INTEGER NOT NULL,
    thumb_height INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX message_images_conversation_idx ON message_images (conversation_id);
