CREATE TABLE chat_groups (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX chat_groups_store_name_idx ON chat_groups (store_id, name_key);

-- The routing question "active groups of store S taking source X" starts here.
CREATE TABLE chat_group_sources (
    group_id BIGINT NOT NULL REFERENCES chat_groups(id) ON DELETE CASCADE,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    source TEXT NOT NULL,
    PRIMARY KEY (group_id, source)
);
CREATE INDEX chat_group_sources_route_idx ON chat_group_sources (store_id, source, group_id);

CREATE TABLE chat_group_members (
    group_id BIGINT NOT NULL REFERENCES chat_groups(id) ON DELETE CASCADE,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX chat_group_members_account_idx ON chat_group_members (account_id, store_id);

CREATE TABLE store_chat_settings (
    store_id BIGINT PRIMARY KEY REFERENCES stores(id),
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    auto_reply_enabled BOOLEAN NOT NULL,
    auto_reply_text TEXT NOT NULL,
    off_work_enabled BOOLEAN NOT NULL,
    off_work_text TEXT NOT NULL,
    max_concurrent_chats INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE store_working_hours (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    weekday INTEGER NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL
);
CREATE INDEX store_working_hours_store_idx ON store_working_hours (store_id, weekday, start_minute);

CREATE TABLE quick_replies (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    shortcut TEXT NOT NULL,
    shortcut_key TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX quick_replies_store_shortcut_idx ON quick_replies (store_id, shortcut_key);
