//! My Account → Stores: list, add, edit, deactivate, and API tokens.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::actions::{self, StoreInput};
use super::markets::Market;
use super::model::{Store, StoreName};
use super::tokens::{self, ApiToken};
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::i18n::{Lang, TimeZoneName, all_time_zones};
use crate::web::confirm::{ConfirmForm, ConfirmPage, confirmed};
use crate::web::form::{FieldErrors, parse_switch};
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
};

const NEW_TOKEN: &str = "new_api_token";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StoreForm {
    pub name: String,
    pub market: String,
    pub time_zone: String,
}

impl StoreForm {
    fn of(store: &Store) -> Self {
        Self {
            name: store.name.clone(),
            market: store.market.clone(),
            time_zone: store.time_zone.clone(),
        }
    }

    pub fn market_is(&self, code: impl AsRef<str>) -> bool {
        self.market.eq_ignore_ascii_case(code.as_ref())
    }

    pub fn zone_is(&self, zone: impl AsRef<str>) -> bool {
        self.time_zone == zone.as_ref()
    }

    /// An empty time zone means "the market's usual one".
    fn parse(&self, lang: Lang) -> (Option<StoreInput>, FieldErrors) {
        let mut errors = FieldErrors::new(lang);
        let name = errors.check("name", StoreName::parse(&self.name));
        let market = errors.check("market", Market::parse(&self.market));
        let zone = match (self.time_zone.trim(), market) {
            ("", Some(m)) => TimeZoneName::parse(m.default_time_zone()),
            ("", None) => None,
            (zone, _) => errors.check(
                "time_zone",
                TimeZoneName::parse(zone).ok_or("error-time-zone-invalid"),
            ),
        };
        let input = match (name, market, zone) {
            (Some(name), Some(market), Some(time_zone)) => Some(StoreInput {
                name,
                market,
                time_zone,
            }),
            _ => None,
        };
        (input, errors)
    }
}

pub struct MarketOption {
    pub code: &'static str,
    pub key: &'static str,
}

fn markets() -> Vec<MarketOption> {
    Market::ALL
        .iter()
        .map(|m| MarketOption {
            code: m.code(),
            key: m.label_key(),
        })
        .collect()
}

fn market_key(code: &str) -> &'static str {
    Market::parse(code)
        .map(Market::label_key)
        .unwrap_or("market-unknown")
}

#[derive(Template)]
#[template(path = "stores/list.html")]
struct ListPage {
    ctx: PageCtx,
    stores: Vec<Store>,
}

impl ListPage {
    fn market_key(&self, code: &str) -> &'static str {
        market_key(code)
    }
}

#[derive(Template)]
#[template(path = "stores/new.html")]
struct NewPage {
    ctx: PageCtx,
    form: StoreForm,
    errors: FieldErrors,
    markets: Vec<MarketOption>,
    zones: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "stores/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    store: Store,
    form: StoreForm,
    errors: FieldErrors,
    markets: Vec<MarketOption>,
    zones: Vec<&'static str>,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
    token_name: String,
    token_errors: FieldErrors,
    /// Webhook endpoints: how many, and how many Sellerdesk paused after failing.
    webhooks: (usize, usize),
}

impl DetailPage {
    fn webhooks_total(&self) -> i64 {
        i64::try_from(self.webhooks.0).unwrap_or(i64::MAX)
    }

    fn webhooks_gave_up(&self) -> i64 {
        i64::try_from(self.webhooks.1).unwrap_or(i64::MAX)
    }

    /// The buyer chat page of this store (the public key keeps it unguessable).
    fn chat_path(&self) -> String {
        format!("/chat/{}", self.store.public_key)
    }
}

pub async fn list(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let stores = state.db(move |c| Ok(Store::visible_to(c, &user)?)).await?;
    Ok(render(&ListPage { ctx, stores }, StatusCode::OK))
}

pub async fn new(ctx: PageCtx, user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let errors = FieldErrors::new(ctx.lang);
    let page = NewPage {
        ctx,
        form: StoreForm::default(),
        errors,
        markets: markets(),
        zones: all_time_zones().collect(),
    };
    Ok(render(&page, StatusCode::OK))
}

pub async fn create(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<StoreForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let form = form.into_inner();
    let (input, mut errors) = form.parse(ctx.lang);
    if let Some(input) = input {
        let actor = user.actor(state.client_addr(&req));
        match state
            .write(move |c| {
                let grant_to =
                    (!user.all_stores()).then_some((user.account_id, user.username.as_str()));
                actions::create_store(c, &actor, &input, grant_to)
            })
            .await?
        {
            Ok(store) => {
                session.push_flash(FlashKind::Success, "store-created")?;
                return Ok(see_other(&format!("/account/stores/{}", store.id)));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    let page = NewPage {
        ctx,
        form,
        errors,
        markets: markets(),
        zones: all_time_zones().collect(),
    };
    Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
}

async fn load(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<(Store, Vec<ApiToken>)> {
    let user = user.clone();
    state
        .db(move |c| {
            let store = Store::find_for(c, &user, id)?;
            let tokens = ApiToken::of_store(c, store.id)?;
            Ok((store, tokens))
        })
        .await
}

fn detail_page(
    ctx: PageCtx,
    store: Store,
    tokens: Vec<ApiToken>,
    form: StoreForm,
    errors: FieldErrors,
) -> DetailPage {
    let token_errors = FieldErrors::new(ctx.lang);
    DetailPage {
        ctx,
        store,
        form,
        errors,
        markets: markets(),
        zones: all_time_zones().collect(),
        tokens,
        new_token: None,
        token_name: String::new(),
        token_errors,
        webhooks: (0, 0),
    }
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let (store, tokens) = load(&state, &user, path.into_inner()).await?;
    let store_id = store.id;
    let endpoints = state
        .db(move |c| {
            Ok(crate::integrations::webhooks::model::Endpoint::of_store(
                c, store_id,
            )?)
        })
        .await?;
    let errors = FieldErrors::new(ctx.lang);
    let form = StoreForm::of(&store);
    let mut page = detail_page(ctx, store, tokens, form, errors);
    page.new_token = session.take_once(NEW_TOKEN);
    page.webhooks = (
        endpoints.len(),
        endpoints.iter().filter(|e| e.gave_up()).count(),
    );
    Ok(render(&page, StatusCode::OK))
}

pub async fn update(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<StoreForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let (store, tokens) = load(&state, &user, path.into_inner()).await?;
    let form = form.into_inner();
    let (input, mut errors) = form.parse(ctx.lang);
    if let Some(input) = input {
        let actor = user.actor(state.client_addr(&req));
        let target = store.clone();
        match state
            .write(move |c| actions::update_store(c, &actor, &target, &input))
            .await?
        {
            Ok(()) => {
                session.push_flash(FlashKind::Success, "store-updated")?;
                return Ok(see_other(&format!("/account/stores/{}", store.id)));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    Ok(render(
        &detail_page(ctx, store, tokens, form, errors),
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub active: String,
}

pub async fn set_status(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let active = parse_switch(&form.active)?;
    let (store, _) = load(&state, &user, path.into_inner()).await?;
    let actor = user.actor(state.client_addr(&req));
    let id = store.id;
    state
        .write(move |c| actions::set_store_active(c, &actor, &store, active))
        .await?;
    session.push_flash(
        FlashKind::Success,
        if active {
            "store-activated"
        } else {
            "store-deactivated"
        },
    )?;
    Ok(see_other(&format!("/account/stores/{id}")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    pub name: String,
}

pub async fn create_token(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<TokenForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let (store, tokens) = load(&state, &user, path.into_inner()).await?;
    let id = store.id;
    match tokens::parse_name(&form.name) {
        Ok(name) => {
            let actor = user.actor(state.client_addr(&req));
            let secret = state
                .write(move |c| actions::create_token(c, &actor, &store, &name))
                .await?;
            session.put_once(NEW_TOKEN, &secret)?;
            session.push_flash(FlashKind::Success, "token-created")?;
            Ok(see_other(&format!("/account/stores/{id}#api-tokens")))
        }
        Err(key) => {
            let errors = FieldErrors::new(ctx.lang);
            let form_values = StoreForm::of(&store);
            let mut page = detail_page(ctx, store, tokens, form_values, errors);
            page.token_errors.add("token_name", key);
            page.token_name = form.into_inner().name;
            Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
    }
}

/// A new buyer chat link for the store (the old one stops working), after a
/// confirmation.
pub async fn rotate_chat_link(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<ConfirmForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let store_id = path.into_inner();
    let (store, _) = load(&state, &user, store_id).await?;
    if !confirmed(form.confirm.as_deref()) {
        let page = ConfirmPage {
            title: ctx.t("store-chat-link-rotate-title"),
            message: ctx.t("store-chat-link-rotate-message"),
            action: format!("/account/stores/{store_id}/chat-link"),
            submit_key: "store-chat-link-rotate",
            cancel_href: format!("/account/stores/{store_id}"),
            ctx,
        };
        return Ok(page.respond());
    }
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| actions::rotate_chat_link(c, &actor, &store))
        .await?;
    session.push_flash(FlashKind::Success, "store-chat-link-rotated")?;
    Ok(see_other(&format!("/account/stores/{store_id}")))
}

pub async fn revoke_token(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
    form: web::Form<ConfirmForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Stores)?;
    let (store_id, token_id) = path.into_inner();
    let (store, tokens) = load(&state, &user, store_id).await?;
    let token = tokens
        .into_iter()
        .find(|t| t.id == token_id)
        .ok_or(AppError::NotFound)?;
    if !confirmed(form.confirm.as_deref()) {
        let page = ConfirmPage {
            title: ctx.t("token-revoke-title"),
            message: ctx.t1("token-revoke-message", "name", &token.name),
            action: format!("/account/stores/{store_id}/tokens/{token_id}/revoke"),
            submit_key: "token-revoke",
            cancel_href: format!("/account/stores/{store_id}#api-tokens"),
            ctx,
        };
        return Ok(page.respond());
    }
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| actions::revoke_token(c, &actor, &store, token_id))
        .await?;
    session.push_flash(FlashKind::Success, "token-revoked")?;
    Ok(see_other(&format!("/account/stores/{store_id}#api-tokens")))
}
