//! The actix application: shared state, middleware and the whole route table.

use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession, TtlExtensionPolicy};
use actix_session::storage::CookieSessionStore;
use actix_web::body::MessageBody;
use actix_web::cookie::{SameSite, time::Duration};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Logger, from_fn};
use actix_web::{App, web};

use crate::config::AppConfig;
use crate::db::writer::{WriteError, Writer};
use crate::db::{Backend, DbConnection, DbPool};
use crate::integrations::webhooks::pages as webhooks;
use crate::web::{AppError, AppResult};
use crate::webchat::events::EventHub;
use crate::{
    accounts, activity_log, chat_assignment, health, home, performance, settings, stores,
    web as sdweb, webchat,
};

pub const SESSION_COOKIE: &str = "sellerdesk_session";

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub backend: Backend,
    pub config: AppConfig,
    /// The event log's reader, feeding live pages.
    pub events: std::sync::Arc<EventHub>,
    /// SQLite's one writer; `None` on PostgreSQL, where writers run concurrently.
    pub writer: Option<Writer>,
    /// First-run setup's one-time token (a fresh database only).
    pub setup_gate: Option<crate::accounts::setup::SetupGate>,
    /// Checked against for unknown usernames, at the configured bcrypt cost.
    pub dummy_hash: std::sync::Arc<str>,
    /// Rate and connection limits of the public doors.
    pub limits: std::sync::Arc<crate::web::limits::Limiters>,
    /// Wakes the webhook worker when an endpoint was added or resumed.
    pub webhooks: std::sync::Arc<tokio::sync::Notify>,
}

impl AppState {
    /// The client's address as configured (peer, or the trusted proxy's report).
    pub fn client_addr(&self, req: &actix_web::HttpRequest) -> String {
        crate::web::client::client_addr(req, &self.config.trusted_proxies)
    }

    /// The key the client is counted under by limits and sign-in throttling.
    pub fn limit_key(&self, req: &actix_web::HttpRequest) -> String {
        crate::web::client::limit_key(&self.client_addr(req))
    }

    /// Runs blocking database reads on the blocking thread pool.
    pub async fn db<F, R>(&self, f: F) -> AppResult<R>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<R> + Send + 'static,
        R: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Runs a short read that every page makes (the session, an inbox list) on the
    /// calling thread when the database is SQLite and a connection is free: such a read
    /// takes tens of microseconds, less than handing it to another thread and back. On
    /// PostgreSQL (a network round trip), or when every connection is busy, it goes to
    /// the blocking pool like any read, so the server's threads never wait.
    pub async fn read_quick<F, R>(&self, f: F) -> AppResult<R>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<R> + Send + 'static,
        R: Send + 'static,
    {
        if self.backend == crate::db::Backend::Sqlite
            && let Some(mut conn) = self.pool.try_get()
        {
            return f(&mut conn);
        }
        self.db(f).await
    }

    /// Runs a change in one transaction: on SQLite through the one writer, on
    /// PostgreSQL on a pooled connection. The result comes after the commit, and the
    /// event hub is woken for whatever the change wrote to the event log.
    pub async fn write<F, T, E>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<diesel::result::Error> + From<WriteError> + Send + 'static,
    {
        let result = match &self.writer {
            Some(writer) => writer.run(f).await,
            None => {
                let pool = self.pool.clone();
                let ran = web::block(move || {
                    let mut conn = pool.get().map_err(|_| WriteError::Busy)?;
                    diesel::Connection::transaction(&mut *conn, f)
                })
                .await;
                match ran {
                    Ok(result) => result,
                    Err(_) => Err(WriteError::Busy.into()),
                }
            }
        };
        if result.is_ok() && self.writer.is_none() {
            // The writer wakes the hub itself after each commit.
            self.events.wake();
        }
        result
    }
}

/// The application, used by `main` and by the tests alike.
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let session = SessionMiddleware::builder(
        CookieSessionStore::default(),
        state.config.secret_key.clone(),
    )
    .cookie_name(SESSION_COOKIE.to_string())
    .cookie_content_security(CookieContentSecurity::Private)
    .cookie_http_only(true)
    .cookie_same_site(SameSite::Lax)
    .cookie_secure(state.config.cookie_secure)
    .session_lifecycle(
        PersistentSession::default()
            .session_ttl(Duration::seconds(
                state.config.sessions.lifetime.num_seconds(),
            ))
            .session_ttl_extension_policy(TtlExtensionPolicy::OnStateChanges),
    )
    .build();

    // Listed innermost first: routes ← CSRF ← error pages ← current user ← session ←
    // transport security ← headers ← log.
    App::new()
        .app_data(web::Data::new(state))
        .app_data(
            web::FormConfig::default()
                // Long texts in Thai or Chinese are ~9 bytes a character once url-encoded.
                .limit(crate::web::csrf::MAX_FORM_BYTES)
                .error_handler(|_, _| AppError::BadRequest.into()),
        )
        .app_data(web::QueryConfig::default().error_handler(|_, _| AppError::BadRequest.into()))
        .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
        .configure(routes)
        .wrap(from_fn(sdweb::csrf::verify_csrf))
        .wrap(sdweb::error_pages::error_pages())
        .wrap(from_fn(sdweb::current_user::load_current_user))
        .wrap(session)
        .wrap(from_fn(sdweb::headers::transport_security))
        .wrap(sdweb::headers::security_headers())
        .wrap(Logger::new("%a \"%r\" %s %b %Dms"))
}

/// The whole URL surface on one screen.
fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::root))
        .route("/healthz", web::get().to(health::healthz))
        .route("/static/{name}", web::get().to(sdweb::static_files::serve))
        .route("/setup", web::get().to(accounts::setup::show))
        .route("/setup", web::post().to(accounts::setup::submit))
        .route("/login", web::get().to(accounts::login::show))
        .route("/login", web::post().to(accounts::login::submit))
        .route(
            "/login/two-factor",
            web::get().to(accounts::login::show_second_factor),
        )
        .route(
            "/login/two-factor",
            web::post().to(accounts::login::submit_second_factor),
        )
        .route("/logout", web::post().to(accounts::login::logout))
        .route("/language", web::post().to(settings::language::switch))
        .route("/chat/{store_key}", web::get().to(webchat::buyer::show))
        .route(
            "/chat/{store_key}/events",
            web::get().to(webchat::buyer::events),
        )
        .route("/chat/{store_key}", web::post().to(webchat::buyer::post))
        .route(
            "/chat/{store_key}/rating",
            web::post().to(webchat::buyer::post_rating),
        )
        .route(
            "/chat/{store_key}/images/{message_id}",
            web::get().to(webchat::images::buyer_full),
        )
        .route(
            "/chat/{store_key}/images/{message_id}/thumb",
            web::get().to(webchat::images::buyer_thumb),
        )
        .route(
            "/api/v1/messages",
            web::post().to(webchat::api::post_message),
        )
        .route(
            "/api/v1/messages/{id}/delivery",
            web::post().to(crate::integrations::delivery::report),
        )
        .route(
            "/api/v1/messages/{id}/image",
            web::get().to(crate::integrations::images::image),
        )
        .route(
            "/api/v1/openapi.json",
            web::get().to(crate::integrations::openapi::document),
        )
        .route(
            "/api/v1/events",
            web::get().to(crate::integrations::feed::events),
        )
        .route(
            "/api/v1/conversations/{id}/rating",
            web::post().to(crate::integrations::rating::post),
        )
        .route(
            "/api/v1/conversations/{id}/messages",
            web::get().to(webchat::api::conversation_messages),
        )
        .service(
            web::scope("")
                .wrap(from_fn(sdweb::current_user::require_sign_in))
                .route("/home", web::get().to(home::index))
                .route("/webchat", web::get().to(webchat::pages::index))
                .route(
                    "/webchat/status",
                    web::post().to(webchat::pages::set_status),
                )
                .route("/webchat/events", web::get().to(webchat::pages::events))
                .route("/webchat/team", web::get().to(webchat::team::show))
                .route("/webchat/at-risk", web::get().to(webchat::at_risk::show))
                .route(
                    "/webchat/undelivered",
                    web::get().to(webchat::undelivered::show),
                )
                .route(
                    "/webchat/images/{message_id}",
                    web::get().to(webchat::images::agent_full),
                )
                .route(
                    "/webchat/images/{message_id}/thumb",
                    web::get().to(webchat::images::agent_thumb),
                )
                .route(
                    "/webchat/conversations/{id}",
                    web::get().to(webchat::pages::conversation),
                )
                .route(
                    "/webchat/conversations/{id}/reply",
                    web::post().to(webchat::pages::reply),
                )
                .route(
                    "/webchat/conversations/{id}/take",
                    web::post().to(webchat::pages::take),
                )
                .route(
                    "/webchat/conversations/{id}/transfer",
                    web::post().to(webchat::pages::transfer),
                )
                .route(
                    "/webchat/conversations/{id}/note",
                    web::post().to(webchat::pages::note),
                )
                .route(
                    "/webchat/conversations/{id}/read",
                    web::post().to(webchat::pages::read),
                )
                .route(
                    "/webchat/conversations/{id}/{action}",
                    web::post().to(webchat::pages::set_open),
                )
                .route(
                    "/chat-assignment",
                    web::get().to(chat_assignment::pages::index),
                )
                .route(
                    "/chat-assignment/stores/{id}",
                    web::get().to(chat_assignment::pages::store),
                )
                .route(
                    "/chat-assignment/stores/{id}/groups",
                    web::post().to(chat_assignment::pages::create_group),
                )
                .route(
                    "/chat-assignment/stores/{id}/groups/new",
                    web::get().to(chat_assignment::pages::new_group),
                )
                .route(
                    "/chat-assignment/stores/{id}/groups/{group_id}",
                    web::get().to(chat_assignment::pages::edit_group),
                )
                .route(
                    "/chat-assignment/stores/{id}/groups/{group_id}/status",
                    web::post().to(chat_assignment::pages::set_group_status),
                )
                .route(
                    "/chat-assignment/stores/{id}/groups/{group_id}/delete",
                    web::post().to(chat_assignment::pages::delete_group),
                )
                .route(
                    "/chat-assignment/stores/{id}/groups/{group_id}/{part}",
                    web::post().to(chat_assignment::pages::update_group),
                )
                .route(
                    "/chat-assignment/stores/{id}/settings",
                    web::get().to(chat_assignment::settings_pages::show),
                )
                .route(
                    "/chat-assignment/stores/{id}/settings/auto-reply",
                    web::post().to(chat_assignment::settings_pages::save_auto_reply),
                )
                .route(
                    "/chat-assignment/stores/{id}/settings/capacity",
                    web::post().to(chat_assignment::settings_pages::save_capacity),
                )
                .route(
                    "/chat-assignment/stores/{id}/settings/guard",
                    web::post().to(chat_assignment::settings_pages::save_guard),
                )
                .route(
                    "/chat-assignment/stores/{id}/settings/marketplace-rate",
                    web::post().to(chat_assignment::settings_pages::save_rate_rule),
                )
                .route(
                    "/chat-assignment/stores/{id}/settings/off-work",
                    web::post().to(chat_assignment::settings_pages::save_off_work),
                )
                .route(
                    "/chat-assignment/stores/{id}/quick-replies",
                    web::post().to(chat_assignment::settings_pages::add_quick_reply),
                )
                .route(
                    "/chat-assignment/stores/{id}/quick-replies/{reply_id}",
                    web::post().to(chat_assignment::settings_pages::update_quick_reply),
                )
                .route(
                    "/chat-assignment/stores/{id}/quick-replies/{reply_id}/delete",
                    web::post().to(chat_assignment::settings_pages::delete_quick_reply),
                )
                .route("/performance", web::get().to(performance::pages::index))
                .route(
                    "/performance.csv",
                    web::get().to(performance::pages::export),
                )
                .route(
                    "/performance/satisfaction",
                    web::get().to(performance::satisfaction_page::show),
                )
                .route(
                    "/performance/marketplace",
                    web::get().to(performance::marketplace_page::show),
                )
                .route(
                    "/performance/chats.csv",
                    web::get().to(performance::chats_export::export),
                )
                .route("/activity-log", web::get().to(activity_log::pages::index))
                .route(
                    "/activity-log.csv",
                    web::get().to(activity_log::pages::export),
                )
                .route("/settings", web::get().to(settings::page::show))
                .route("/settings", web::post().to(settings::page::save))
                .route("/account", web::get().to(accounts::profile::account_root))
                .route(
                    "/account/profile",
                    web::get().to(accounts::profile::show_profile),
                )
                .route(
                    "/account/profile",
                    web::post().to(accounts::profile::update_profile),
                )
                .route(
                    "/account/password",
                    web::get().to(accounts::profile::show_password),
                )
                .route(
                    "/account/password",
                    web::post().to(accounts::profile::change_password),
                )
                .route(
                    "/account/security",
                    web::get().to(accounts::security_pages::show),
                )
                .route(
                    "/account/security/two-factor/enable",
                    web::post().to(accounts::security_pages::enable),
                )
                .route(
                    "/account/security/two-factor/recovery-codes",
                    web::post().to(accounts::security_pages::renew_codes),
                )
                .route(
                    "/account/security/two-factor/disable",
                    web::post().to(accounts::security_pages::disable),
                )
                .route(
                    "/account/security/two-factor/required",
                    web::post().to(accounts::security_pages::set_required),
                )
                .route(
                    "/account/security/sessions/end-others",
                    web::post().to(accounts::security_pages::end_other_sessions),
                )
                .route(
                    "/account/sub-accounts",
                    web::get().to(accounts::sub_account_pages::list),
                )
                .route(
                    "/account/sub-accounts",
                    web::post().to(accounts::sub_account_pages::create),
                )
                .route(
                    "/account/sub-accounts/new",
                    web::get().to(accounts::sub_account_pages::new),
                )
                .route(
                    "/account/sub-accounts/{id}",
                    web::get().to(accounts::sub_account_pages::show),
                )
                .route(
                    "/account/sub-accounts/{id}",
                    web::post().to(accounts::sub_account_pages::update),
                )
                .route(
                    "/account/sub-accounts/{id}/stores",
                    web::post().to(accounts::sub_account_pages::set_stores),
                )
                .route(
                    "/account/sub-accounts/{id}/status",
                    web::post().to(accounts::sub_account_pages::set_status),
                )
                .route(
                    "/account/sub-accounts/{id}/password",
                    web::post().to(accounts::sub_account_pages::reset_password),
                )
                .route(
                    "/account/sub-accounts/{id}/two-factor/reset",
                    web::post().to(accounts::sub_account_pages::reset_two_factor),
                )
                .route("/account/roles", web::get().to(accounts::role_pages::list))
                .route(
                    "/account/roles",
                    web::post().to(accounts::role_pages::create),
                )
                .route(
                    "/account/roles/new",
                    web::get().to(accounts::role_pages::new),
                )
                .route(
                    "/account/roles/{id}",
                    web::get().to(accounts::role_pages::show),
                )
                .route(
                    "/account/roles/{id}",
                    web::post().to(accounts::role_pages::update),
                )
                .route(
                    "/account/roles/{id}/delete",
                    web::post().to(accounts::role_pages::delete),
                )
                .route("/account/stores", web::get().to(stores::pages::list))
                .route("/account/stores", web::post().to(stores::pages::create))
                .route("/account/stores/new", web::get().to(stores::pages::new))
                .route("/account/stores/{id}", web::get().to(stores::pages::show))
                .route(
                    "/account/stores/{id}",
                    web::post().to(stores::pages::update),
                )
                .route(
                    "/account/stores/{id}/status",
                    web::post().to(stores::pages::set_status),
                )
                .route(
                    "/account/stores/{id}/chat-link",
                    web::post().to(stores::pages::rotate_chat_link),
                )
                .route(
                    "/account/stores/{id}/tokens",
                    web::post().to(stores::pages::create_token),
                )
                .route(
                    "/account/stores/{id}/tokens/{token_id}/revoke",
                    web::post().to(stores::pages::revoke_token),
                )
                .route(
                    "/account/stores/{id}/webhooks",
                    web::get().to(webhooks::list),
                )
                .route(
                    "/account/stores/{id}/webhooks",
                    web::post().to(webhooks::create),
                )
                .route(
                    "/account/stores/{id}/webhooks/{endpoint_id}",
                    web::get().to(webhooks::show),
                )
                .route(
                    "/account/stores/{id}/webhooks/{endpoint_id}",
                    web::post().to(webhooks::update),
                )
                .route(
                    "/account/stores/{id}/webhooks/{endpoint_id}/pause",
                    web::post().to(webhooks::pause),
                )
                .route(
                    "/account/stores/{id}/webhooks/{endpoint_id}/resume",
                    web::post().to(webhooks::resume),
                )
                .route(
                    "/account/stores/{id}/webhooks/{endpoint_id}/test",
                    web::post().to(webhooks::test),
                )
                .route(
                    "/account/stores/{id}/webhooks/{endpoint_id}/delete",
                    web::post().to(webhooks::delete),
                )
                .route(
                    "/account/stores/{id}/webhooks/{endpoint_id}/deliveries/{delivery_id}/resend",
                    web::post().to(webhooks::resend),
                ),
        )
        .default_service(web::to(|| async {
            Err::<actix_web::HttpResponse, _>(AppError::NotFound)
        }));
}
