//! My Account → Stores → store → Webhooks: add an endpoint (its secret shown once),
//! change its URL and events, pause or resume it, send a test event, delete it, and
//! read its delivery log with a "resend" on each delivery. Each change is in the
//! Activity Log. The same people as the store page (Stores permission, the store
//! visible to them) may use it.

use std::net::SocketAddr;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::model::{self, DELIVERED, Delivery, Endpoint, EndpointInput, FAILED};
use super::send::{Attempt, Sender};
use crate::accounts::permissions::Permission;
use crate::activity_log::{ActionKind, Activity, record_activity};
use crate::app::AppState;
use crate::db::schema::webhook_deliveries;
use crate::db::{self, DbConnection};
use crate::integrations::events::{PublicKind, store_events_after};
use crate::stores::model::Store;
use crate::web::confirm::{ConfirmPage, confirmed};
use crate::web::form::{FieldErrors, FormFields};
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
};

const NEW_SECRET: &str = "new_webhook_secret";
/// The type of a test delivery (never an event of the log).
pub const TEST_EVENT: &str = "webhook.test";

/// The form's values as typed, to show again with its errors.
#[derive(Debug, Default, Clone)]
pub struct EndpointForm {
    pub url: String,
    pub events: Vec<String>,
}

impl EndpointForm {
    fn of(endpoint: &Endpoint) -> Self {
        Self {
            url: endpoint.url.clone(),
            events: endpoint
                .event_types
                .split(',')
                .map(str::to_string)
                .collect(),
        }
    }

    /// A new endpoint's form: every event type ticked.
    fn fresh() -> Self {
        Self {
            url: String::new(),
            events: PublicKind::ALL
                .iter()
                .map(|k| k.code().to_string())
                .collect(),
        }
    }

    fn from_fields(fields: &FormFields) -> Self {
        Self {
            url: fields.get("url").to_string(),
            events: fields
                .all("events")
                .into_iter()
                .map(str::to_string)
                .collect(),
        }
    }

    pub fn ticks(&self, kind: &PublicKind) -> bool {
        self.events.iter().any(|e| e == kind.code())
    }

    fn parse(&self, errors: &mut FieldErrors, own: Option<SocketAddr>) -> Option<EndpointInput> {
        let url = errors.check("url", model::parse_url(&self.url, own));
        let event_types = errors.check("events", model::parse_event_types(&self.events));
        Some(EndpointInput {
            url: url?,
            event_types: event_types?,
        })
    }
}

/// Label keys of the event types, for the form and the log.
pub fn kind_label(code: &str) -> &'static str {
    match PublicKind::from_code(code) {
        Some(PublicKind::MessageCreated) => "webhook-event-message-created",
        Some(PublicKind::ConversationAssigned) => "webhook-event-conversation-assigned",
        Some(PublicKind::ConversationReturned) => "webhook-event-conversation-returned",
        Some(PublicKind::ConversationTransferred) => "webhook-event-conversation-transferred",
        Some(PublicKind::ConversationClosed) => "webhook-event-conversation-closed",
        Some(PublicKind::ConversationReopened) => "webhook-event-conversation-reopened",
        Some(PublicKind::ConversationRatingRequested) => {
            "webhook-event-conversation-rating-requested"
        }
        Some(PublicKind::ConversationRated) => "webhook-event-conversation-rated",
        None => "webhook-event-test",
    }
}

#[derive(Template)]
#[template(path = "stores/webhooks.html")]
struct ListPage {
    ctx: PageCtx,
    store: Store,
    endpoints: Vec<Endpoint>,
    form: EndpointForm,
    errors: FieldErrors,
}

impl ListPage {
    fn form_action(&self) -> String {
        list_url(self.store.id)
    }
}

#[derive(Template)]
#[template(path = "stores/webhook.html")]
struct EndpointPage {
    ctx: PageCtx,
    store: Store,
    endpoint: Endpoint,
    deliveries: Vec<Delivery>,
    secret: Option<String>,
    form: EndpointForm,
    errors: FieldErrors,
}

impl EndpointPage {
    fn form_action(&self) -> String {
        endpoint_url(self.store.id, self.endpoint.id)
    }
}

/// The store (visible to the user, who may manage stores) and its endpoints.
async fn load(
    state: &AppState,
    user: &CurrentUser,
    store_id: i64,
) -> AppResult<(Store, Vec<Endpoint>)> {
    user.require(Permission::Stores)?;
    let user = user.clone();
    state
        .db(move |c| {
            let store = Store::find_for(c, &user, store_id)?;
            let endpoints = Endpoint::of_store(c, store.id)?;
            Ok((store, endpoints))
        })
        .await
}

/// One endpoint of a store the user may manage, with its delivery log.
async fn load_endpoint(
    state: &AppState,
    user: &CurrentUser,
    store_id: i64,
    id: i64,
) -> AppResult<(Store, Endpoint, Vec<Delivery>)> {
    user.require(Permission::Stores)?;
    let user = user.clone();
    state
        .db(move |c| {
            let store = Store::find_for(c, &user, store_id)?;
            let endpoint = Endpoint::find(c, &store, id)?;
            let deliveries = Delivery::latest(c, id)?;
            Ok((store, endpoint, deliveries))
        })
        .await
}

fn list_url(store_id: i64) -> String {
    format!("/account/stores/{store_id}/webhooks")
}

fn endpoint_url(store_id: i64, id: i64) -> String {
    format!("/account/stores/{store_id}/webhooks/{id}")
}

pub async fn list(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let (store, endpoints) = load(&state, &user, path.into_inner()).await?;
    let errors = FieldErrors::new(ctx.lang);
    let page = ListPage {
        ctx,
        store,
        endpoints,
        form: EndpointForm::fresh(),
        errors,
    };
    Ok(render(&page, StatusCode::OK))
}

pub async fn create(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store, endpoints) = load(&state, &user, path.into_inner()).await?;
    let form = EndpointForm::from_fields(&FormFields::new(form.into_inner()));
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(input) = form.parse(&mut errors, own_address(&req)) else {
        let page = ListPage {
            ctx,
            store,
            endpoints,
            form,
            errors,
        };
        return Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let actor = user.actor(state.client_addr(&req));
    let secret = model::new_secret();
    let (kept, store_id) = (secret.clone(), store.id);
    let id = state
        .write(move |c| model::create(c, &actor, &store, &input, &kept, Utc::now().naive_utc()))
        .await?;
    session.put_once(NEW_SECRET, &secret)?;
    session.push_flash(FlashKind::Success, "webhook-created")?;
    state.webhooks.notify_one();
    Ok(see_other(&endpoint_url(store_id, id)))
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (store_id, id) = path.into_inner();
    let (store, endpoint, deliveries) = load_endpoint(&state, &user, store_id, id).await?;
    let errors = FieldErrors::new(ctx.lang);
    let page = EndpointPage {
        ctx,
        store,
        form: EndpointForm::of(&endpoint),
        endpoint,
        deliveries,
        secret: session.take_once(NEW_SECRET),
        errors,
    };
    Ok(render(&page, StatusCode::OK))
}

pub async fn update(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, id) = path.into_inner();
    let (store, endpoint, deliveries) = load_endpoint(&state, &user, store_id, id).await?;
    let form = EndpointForm::from_fields(&FormFields::new(form.into_inner()));
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(input) = form.parse(&mut errors, own_address(&req)) else {
        let page = EndpointPage {
            ctx,
            store,
            endpoint,
            deliveries,
            secret: None,
            form,
            errors,
        };
        return Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| model::update(c, &actor, &store, id, &input, Utc::now().naive_utc()))
        .await?;
    session.push_flash(FlashKind::Success, "webhook-saved")?;
    Ok(see_other(&endpoint_url(store_id, id)))
}

/// Pause or resume.
async fn set_paused(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    (store_id, id): (i64, i64),
    paused: bool,
) -> AppResult<HttpResponse> {
    let (store, _, _) = load_endpoint(&state, &user, store_id, id).await?;
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| model::set_paused(c, &actor, &store, id, paused, Utc::now().naive_utc()))
        .await?;
    if !paused {
        state.webhooks.notify_one();
    }
    let flash = if paused {
        "webhook-paused"
    } else {
        "webhook-resumed"
    };
    session.push_flash(FlashKind::Success, flash)?;
    Ok(see_other(&endpoint_url(store_id, id)))
}

pub async fn pause(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    set_paused(req, user, state, session, path.into_inner(), true).await
}

pub async fn resume(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    set_paused(req, user, state, session, path.into_inner(), false).await
}

pub async fn delete(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, id) = path.into_inner();
    let (store, endpoint, _) = load_endpoint(&state, &user, store_id, id).await?;
    if !confirmed(Some(FormFields::new(form.into_inner()).get("confirm"))) {
        let page = ConfirmPage {
            title: ctx.t("webhook-delete-title"),
            message: ctx.t1("webhook-delete-message", "url", &endpoint.url),
            action: format!("{}/delete", endpoint_url(store_id, id)),
            submit_key: "webhook-delete",
            cancel_href: endpoint_url(store_id, id),
            ctx,
        };
        return Ok(page.respond());
    }
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| model::delete(c, &actor, &store, id))
        .await?;
    session.push_flash(FlashKind::Success, "webhook-deleted")?;
    Ok(see_other(&list_url(store_id)))
}

/// Sends a test event now and shows what came back.
pub async fn test(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (store_id, id) = path.into_inner();
    let (store, endpoint, _) = load_endpoint(&state, &user, store_id, id).await?;
    let now = Utc::now().naive_utc();
    let body = json!({
        "id": null,
        "type": TEST_EVENT,
        "created_at": now.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "store_id": store.id,
    });
    let attempt = send_unless_self(&req, &endpoint, "test", body.to_string().into_bytes()).await;
    let actor = user.actor(state.client_addr(&req));
    let entry = Activity::webhook(
        ActionKind::TestSent,
        store.id,
        &store.name,
        id,
        &endpoint.url,
    );
    let shown = attempt.clone();
    recorded(&state, actor, entry, move |c| {
        log_attempt(c, &endpoint, None, TEST_EVENT, &attempt, now)
    })
    .await?;
    flash_attempt(
        &ctx,
        &session,
        &shown,
        "webhook-test-delivered",
        "webhook-test-failed",
    )?;
    Ok(see_other(&endpoint_url(store_id, id)))
}

/// Sends one logged event again now (the endpoint's own order goes on unchanged).
pub async fn resend(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64, i64)>,
) -> AppResult<HttpResponse> {
    let (store_id, id, delivery_id) = path.into_inner();
    let (store, endpoint, _) = load_endpoint(&state, &user, store_id, id).await?;
    let (event_store, found) = (
        store.id,
        state
            .db(move |c| Delivery::find(c, id, delivery_id))
            .await?,
    );
    let Some(event_id) = found.event_id else {
        // A test delivery: send a new test instead.
        return Err(AppError::NotFound);
    };
    let event = state
        .db(move |c| Ok(store_events_after(c, event_store, event_id - 1, 1)?))
        .await?
        .into_iter()
        .find(|e| e.id == event_id)
        .ok_or(AppError::NotFound)?;
    let body = serde_json::to_vec(&event).unwrap_or_default();
    let attempt = send_unless_self(&req, &endpoint, &event_id.to_string(), body).await;
    let now = Utc::now().naive_utc();
    let actor = user.actor(state.client_addr(&req));
    let entry = Activity::webhook(ActionKind::Resent, store.id, &store.name, id, &endpoint.url);
    let shown = attempt.clone();
    recorded(&state, actor, entry, move |c| {
        resent(c, delivery_id, &found, &attempt, now)
    })
    .await?;
    flash_attempt(
        &ctx,
        &session,
        &shown,
        "webhook-resend-delivered",
        "webhook-resend-failed",
    )?;
    Ok(see_other(&endpoint_url(store_id, id)))
}

/// Writes what `log` logs of an attempt with its Activity Log entry, in one
/// transaction.
async fn recorded(
    state: &AppState,
    actor: crate::activity_log::Actor,
    entry: Activity,
    log: impl FnOnce(&mut DbConnection) -> QueryResult<()> + Send + 'static,
) -> AppResult<()> {
    state
        .write(move |c| {
            db::write_transaction(c, |c| {
                log(c)?;
                record_activity(c, &actor, &entry)?;
                Ok::<_, AppError>(())
            })
        })
        .await
}

/// The address this request reached: the server's own, never a receiver.
fn own_address(req: &HttpRequest) -> Option<SocketAddr> {
    req.app_config().local_addr().into()
}

async fn send_unless_self(
    req: &HttpRequest,
    endpoint: &Endpoint,
    event_id: &str,
    body: Vec<u8>,
) -> Attempt {
    Sender::new()
        .post_checked(
            own_address(req),
            &endpoint.url,
            &endpoint.secret,
            event_id,
            body,
        )
        .await
}

fn flash_attempt(
    ctx: &PageCtx,
    session: &TypedSession,
    attempt: &Attempt,
    delivered: &'static str,
    failed: &'static str,
) -> AppResult<()> {
    if attempt.delivered {
        return session.push_flash(FlashKind::Success, delivered);
    }
    let why = match (&attempt.status, &attempt.error) {
        (Some(status), _) => ctx.tn("webhook-answered", "status", i64::from(*status)),
        (None, Some(error)) => error.clone(),
        (None, None) => String::new(),
    };
    session.push_flash_with(FlashKind::Error, failed, &[("reason", &why)])
}

/// Logs a test attempt.
fn log_attempt(
    c: &mut DbConnection,
    endpoint: &Endpoint,
    event_id: Option<i64>,
    kind: &str,
    attempt: &Attempt,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(webhook_deliveries::table)
        .values((
            webhook_deliveries::seller_id.eq(endpoint.seller_id),
            webhook_deliveries::endpoint_id.eq(endpoint.id),
            webhook_deliveries::event_id.eq(event_id),
            webhook_deliveries::event_type.eq(kind),
            webhook_deliveries::status.eq(if attempt.delivered { DELIVERED } else { FAILED }),
            webhook_deliveries::attempts.eq(1),
            webhook_deliveries::response_code.eq(attempt.status.map(i32::from)),
            webhook_deliveries::response_body.eq(Some(&attempt.body)),
            webhook_deliveries::error.eq(attempt.error.as_ref()),
            webhook_deliveries::created_at.eq(now),
            webhook_deliveries::updated_at.eq(now),
        ))
        .execute(c)
        .map(|_| ())
}

/// Records a resend on the delivery it repeats. A delivery the worker is still retrying
/// keeps retrying until the worker itself gets through (its order must hold).
fn resent(
    c: &mut DbConnection,
    delivery_id: i64,
    before: &Delivery,
    attempt: &Attempt,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let status = if attempt.delivered && !before.is_retrying() {
        DELIVERED
    } else {
        before.status.as_str()
    };
    diesel::update(webhook_deliveries::table.find(delivery_id))
        .set((
            webhook_deliveries::status.eq(status),
            webhook_deliveries::attempts.eq(before.attempts + 1),
            webhook_deliveries::response_code.eq(attempt.status.map(i32::from)),
            webhook_deliveries::response_body.eq(Some(&attempt.body)),
            webhook_deliveries::error.eq(attempt.error.as_ref()),
            webhook_deliveries::updated_at.eq(now),
        ))
        .execute(c)
        .map(|_| ())
}
