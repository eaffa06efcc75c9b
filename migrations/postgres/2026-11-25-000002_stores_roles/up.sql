CREATE TABLE roles (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    permissions TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX roles_seller_name_idx ON roles (seller_id, name_key);

-- A sub-account has a built-in role or a custom one.
ALTER TABLE accounts ADD COLUMN builtin_role TEXT;
ALTER TABLE accounts ADD COLUMN custom_role_id BIGINT REFERENCES roles(id);
CREATE INDEX accounts_custom_role_idx ON accounts (custom_role_id);

CREATE TABLE stores (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    market TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    public_key TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX stores_seller_name_idx ON stores (seller_id, name_key);

CREATE TABLE store_api_tokens (
    id BIGSERIAL PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    token_hint TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX store_api_tokens_store_idx ON store_api_tokens (store_id, id);

CREATE TABLE store_grants (
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, store_id)
);
CREATE INDEX store_grants_store_idx ON store_grants (store_id, account_id);
