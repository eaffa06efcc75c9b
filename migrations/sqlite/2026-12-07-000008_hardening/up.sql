-- Server-side sessions: the cookie carries a random token, the database its hash.
-- Signing out deletes the row, so a copied cookie dies with it; idle and absolute
-- lifetimes are checked against these times.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    client_addr TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- Sessions replace the per-account epoch (accounts.session_epoch is no longer read; it
-- stays because SQLite re-adds a dropped column at the end, and a down migration must
-- give back the schema exactly). What an account may see changes its access version,
-- which ends its live-event streams (they reconnect with the new grants).
ALTER TABLE accounts ADD COLUMN access_version BIGINT NOT NULL DEFAULT 0;

-- Two-factor sign-in (TOTP): the shared secret, the last time step used (a code is
-- good once), and single-use recovery codes stored hashed.
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;
ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sellers ADD COLUMN require_two_factor BOOLEAN NOT NULL DEFAULT 0;
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX recovery_codes_account_idx ON recovery_codes (account_id);

-- Sign-in throttling counts failures per (account, address).
CREATE INDEX login_attempts_pair_idx ON login_attempts (username, client_addr, attempted_at);

-- The buyer chat page limits open chats per address.
ALTER TABLE conversations ADD COLUMN buyer_addr TEXT;
CREATE INDEX conversations_buyer_addr_idx ON conversations (buyer_addr, status) WHERE buyer_addr IS NOT NULL;
