//! Sellerdesk: a customer-service back office for marketplace sellers.

pub mod accounts;
pub mod activity_log;
pub mod app;
pub mod chat_assignment;
pub mod codes;
pub mod config;
pub mod conversations;
pub mod db;
pub mod demo;
pub mod health;
pub mod home;
pub mod i18n;
pub mod integrations;
pub mod maintenance;
pub mod performance;
pub mod settings;
pub mod stores;
pub mod web;
pub mod webchat;

use std::net::TcpListener;

use anyhow::Context;

use crate::accounts::sessions::SessionPolicy;
use crate::app::{AppState, build_app};
use crate::config::{AppConfig, ServeArgs, resolve_secret_key};
use crate::db::DatabaseUrl;

/// Opens the database (migrating it) and builds the state the app runs on.
pub fn prepare(args: &ServeArgs) -> anyhow::Result<AppState> {
    let url = DatabaseUrl::parse(&args.db.database_url)?;
    let secret_key = resolve_secret_key(args.secret_key.as_deref(), &url)?;
    let pool = db::connect(&url, args.db_pool_size)?;
    i18n::init();
    let events = webchat::events::EventHub::start(pool.clone());
    let writer = match url.backend {
        db::Backend::Postgres => {
            webchat::pg_bridge::listen(&url.target, std::sync::Arc::downgrade(&events));
            None
        }
        db::Backend::Sqlite => {
            let hub = std::sync::Arc::downgrade(&events);
            Some(db::writer::Writer::start(&url, move || {
                if let Some(hub) = hub.upgrade() {
                    hub.wake();
                }
            })?)
        }
    };
    let setup_gate = accounts::setup::SetupGate::new(&args.bind, &pool);
    Ok(AppState {
        pool,
        backend: url.backend,
        events,
        writer,
        setup_gate,
        dummy_hash: accounts::passwords::dummy_hash(args.bcrypt_cost).into(),
        limits: std::sync::Arc::new(web::limits::Limiters::new(&args.limits)),
        config: AppConfig {
            secret_key,
            cookie_secure: args.cookie_secure,
            hsts: args.hsts,
            trusted_proxies: args.trusted_proxies.clone(),
            bcrypt_cost: args.bcrypt_cost,
            sessions: SessionPolicy {
                idle: chrono::Duration::minutes(args.session_idle_minutes.into()),
                lifetime: chrono::Duration::days(args.session_lifetime_days.into()),
            },
            presence_timeout: chrono::Duration::minutes(args.presence_timeout_minutes.into()),
            webhooks: config::WebhookPolicy {
                first_retry: chrono::Duration::milliseconds(
                    i64::try_from(args.webhook_first_retry_ms).unwrap_or(10_000),
                ),
                give_up: chrono::Duration::seconds(args.webhook_give_up_seconds.into()),
            },
        },
        webhooks: std::sync::Arc::new(tokio::sync::Notify::new()),
    })
}

/// Serves on an already bound listener until the server stops.
pub fn serve(
    state: AppState,
    listener: TcpListener,
    workers: Option<usize>,
) -> anyhow::Result<actix_web::dev::Server> {
    maintenance::start(state.clone());
    let own = listener.local_addr().ok();
    // The webhook worker runs on the first HTTP worker's thread, so it stops with the
    // server (a test that restarts the app has one worker at a time).
    let worker_started = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut server = actix_web::HttpServer::new(move || {
        if !worker_started.swap(true, std::sync::atomic::Ordering::SeqCst) {
            integrations::webhooks::worker::start(state.clone(), own);
        }
        build_app(state.clone())
    });
    if let Some(n) = workers {
        server = server.workers(n.max(1));
    }
    Ok(server.listen(listener).context("cannot listen")?.run())
}
