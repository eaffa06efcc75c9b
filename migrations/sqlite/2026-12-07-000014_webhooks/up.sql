-- A store's webhook endpoints: where the events of its event log are posted, each with
-- its own cursor (the newest event it has handled) so deliveries resume after a restart.
CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    store_id BIGINT NOT NULL REFERENCES stores(id),
    url TEXT NOT NULL,
    event_types TEXT NOT NULL,
    secret TEXT NOT NULL,
    cursor BIGINT NOT NULL,
    paused_at TIMESTAMP,
    pause_reason TEXT,
    failing_since TIMESTAMP,
    next_attempt_at TIMESTAMP,
    leased_until TIMESTAMP,
    leased_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_store_idx ON webhook_endpoints (store_id, id);

-- Each event's delivery to an endpoint (and each test event): attempts and the last answer.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id BIGINT NOT NULL REFERENCES sellers(id),
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event_id BIGINT,
    event_type TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    response_code INTEGER,
    response_body TEXT,
    error TEXT,
    next_attempt_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id);
