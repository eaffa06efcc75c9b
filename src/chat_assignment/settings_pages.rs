//! Store settings pages: default auto-reply, off-work auto-reply with working hours,
//! and quick replies.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::pages::managed_store;
use super::settings::{self, ChatSettings, MAX_QUICK_REPLIES, MAX_REPLY_CHARS, QuickReply};
use super::working_hours::{self, WEEKDAY_KEYS};
use crate::app::AppState;
use crate::stores::model::Store;
use crate::web::confirm::{ConfirmPage, confirmed};
use crate::web::form::{FieldErrors, FormFields};
use crate::web::{AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other};

pub struct DayRow {
    pub field: String,
    pub key: &'static str,
    pub value: String,
}

#[derive(Template)]
#[template(path = "chat_assignment/settings.html")]
struct SettingsPage {
    ctx: PageCtx,
    store: Store,
    settings: ChatSettings,
    days: Vec<DayRow>,
    quick_replies: Vec<QuickReply>,
    max_chars: usize,
    max_quick: i64,
    new_shortcut: String,
    new_text: String,
    /// The guard's and the marketplace rule's number fields, as saved or as sent.
    numbers: BTreeMap<&'static str, String>,
    errors: FieldErrors,
}

impl SettingsPage {
    fn chars(&self, text: &str) -> usize {
        text.chars().count()
    }

    fn number(&self, field: &str) -> &str {
        self.numbers
            .get(field)
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// The number fields of the guard and marketplace-rule forms, with their saved values.
fn saved_numbers(settings: &ChatSettings) -> BTreeMap<&'static str, String> {
    let (guard, rule) = (settings.guard, settings.rate_rule);
    BTreeMap::from([
        ("target", guard.first_response_target_minutes.to_string()),
        ("reassign", guard.reassign_after_minutes.to_string()),
        ("return", guard.return_within_hours.to_string()),
        ("limit", rule.limit_hours.to_string()),
        ("window", rule.window_days.to_string()),
    ])
}

/// What a failed submission puts back into the page.
#[derive(Default)]
struct Submitted {
    /// The auto-reply switch and text as sent.
    auto_reply: Option<(bool, String)>,
    /// The off-work switch and text as sent.
    off_work: Option<(bool, String)>,
    days: Option<Vec<String>>,
    new_quick: Option<(String, String)>,
    /// Number fields as sent, and the marketplace rule's switch.
    numbers: Vec<(&'static str, String)>,
    counts_auto_replies: Option<bool>,
    errors: Option<FieldErrors>,
}

async fn page(
    ctx: PageCtx,
    state: &AppState,
    store: Store,
    submitted: Submitted,
) -> AppResult<SettingsPage> {
    let id = store.id;
    let (saved, slots, quick_replies) = state
        .db(move |c| {
            Ok((
                settings::load(c, id)?,
                settings::working_hours(c, id)?,
                settings::quick_replies_of(c, id)?,
            ))
        })
        .await?;
    let days = (0..7u8)
        .map(|d| DayRow {
            field: format!("day{d}"),
            key: WEEKDAY_KEYS[usize::from(d)],
            value: match &submitted.days {
                Some(values) => values.get(usize::from(d)).cloned().unwrap_or_default(),
                None => working_hours::format_day(&slots, d),
            },
        })
        .collect();
    let (new_shortcut, new_text) = submitted.new_quick.unwrap_or_default();
    let mut settings = saved;
    if let Some((enabled, text)) = submitted.auto_reply {
        (settings.auto_reply_enabled, settings.auto_reply_text) = (enabled, text);
    }
    if let Some((enabled, text)) = submitted.off_work {
        (settings.off_work_enabled, settings.off_work_text) = (enabled, text);
    }
    if let Some(counts) = submitted.counts_auto_replies {
        settings.rate_rule.counts_auto_replies = counts;
    }
    let mut numbers = saved_numbers(&settings);
    numbers.extend(submitted.numbers);
    Ok(SettingsPage {
        numbers,
        errors: submitted
            .errors
            .unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        settings,
        ctx,
        store,
        days,
        quick_replies,
        max_chars: MAX_REPLY_CHARS,
        max_quick: MAX_QUICK_REPLIES,
        new_shortcut,
        new_text,
    })
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    Ok(render(
        &page(ctx, &state, store, Submitted::default()).await?,
        StatusCode::OK,
    ))
}

fn settings_url(store_id: i64, anchor: &str) -> String {
    format!("/chat-assignment/stores/{store_id}/settings#{anchor}")
}

pub async fn save_auto_reply(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    let fields = FormFields::new(form.into_inner());
    let enabled = fields.get("enabled") == "on";
    let mut errors = FieldErrors::new(ctx.lang);
    if let Some(text) = errors.check(
        "auto_reply_text",
        settings::parse_reply_text(fields.get("text"), enabled),
    ) {
        let actor = user.actor(state.client_addr(&req));
        let (target, id) = (store.clone(), store.id);
        state
            .write(move |c| settings::save_auto_reply(c, &actor, &target, enabled, &text))
            .await?;
        session.push_flash(FlashKind::Success, "auto-reply-saved")?;
        return Ok(see_other(&settings_url(id, "autoreply")));
    }
    let submitted = Submitted {
        auto_reply: Some((enabled, fields.get("text").to_string())),
        errors: Some(errors),
        ..Submitted::default()
    };
    Ok(render(
        &page(ctx, &state, store, submitted).await?,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

pub async fn save_off_work(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    let fields = FormFields::new(form.into_inner());
    let enabled = fields.get("enabled") == "on";
    let mut errors = FieldErrors::new(ctx.lang);
    let text = errors.check(
        "off_work_text",
        settings::parse_reply_text(fields.get("text"), enabled),
    );
    let day_fields: Vec<&'static str> =
        vec!["day0", "day1", "day2", "day3", "day4", "day5", "day6"];
    let mut slots = Vec::new();
    for (d, field) in day_fields.iter().enumerate() {
        if let Some(day) = errors.check(field, working_hours::parse_day(d as u8, fields.get(field)))
        {
            slots.extend(day);
        }
    }
    if enabled && errors.is_empty() && slots.is_empty() {
        errors.add("day0", "error-hours-required");
    }
    if let (Some(text), true) = (text, errors.is_empty()) {
        let actor = user.actor(state.client_addr(&req));
        let (target, id) = (store.clone(), store.id);
        state
            .write(move |c| settings::save_off_work(c, &actor, &target, enabled, &text, &slots))
            .await?;
        session.push_flash(FlashKind::Success, "off-work-saved")?;
        return Ok(see_other(&settings_url(id, "offwork")));
    }
    let submitted = Submitted {
        off_work: Some((enabled, fields.get("text").to_string())),
        days: Some(
            day_fields
                .iter()
                .map(|f| fields.get(f).to_string())
                .collect(),
        ),
        errors: Some(errors),
        ..Submitted::default()
    };
    Ok(render(
        &page(ctx, &state, store, submitted).await?,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

/// Adds a quick reply, or with `{id}` changes one.
pub async fn save_quick_reply(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, Option<i64>)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, reply_id) = path.into_inner();
    let store = managed_store(&state, &user, store_id).await?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let (shortcut, text) = settings::parse_quick_reply(fields.get("shortcut"), fields.get("text"));
    let (shortcut, text) = (
        errors.check("shortcut", shortcut),
        errors.check("quick_text", text),
    );
    if let (Some(shortcut), Some(text)) = (shortcut, text) {
        let actor = user.actor(state.client_addr(&req));
        let target = store.clone();
        let result = state
            .write(move |c| match reply_id {
                Some(id) => {
                    let reply = settings::find_quick_reply(c, &target, id)?;
                    settings::update_quick_reply(c, &actor, &target, &reply, &shortcut, &text)
                }
                None => settings::add_quick_reply(c, &actor, &target, &shortcut, &text),
            })
            .await?;
        match result {
            Ok(()) => {
                session.push_flash(FlashKind::Success, "quick-reply-saved")?;
                return Ok(see_other(&settings_url(store_id, "quickreplies")));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    let submitted = Submitted {
        new_quick: Some((
            fields.get("shortcut").to_string(),
            fields.get("text").to_string(),
        )),
        errors: Some(errors),
        ..Submitted::default()
    };
    Ok(render(
        &page(ctx, &state, store, submitted).await?,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

pub async fn add_quick_reply(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let path = web::Path::from((path.into_inner(), None));
    save_quick_reply(req, ctx, user, state, session, path, form).await
}

pub async fn update_quick_reply(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, reply_id) = path.into_inner();
    let path = web::Path::from((store_id, Some(reply_id)));
    save_quick_reply(req, ctx, user, state, session, path, form).await
}

pub async fn delete_quick_reply(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, reply_id) = path.into_inner();
    let store = managed_store(&state, &user, store_id).await?;
    let target = store.clone();
    let reply = state
        .db(move |c| settings::find_quick_reply(c, &target, reply_id))
        .await?;
    if !confirmed(Some(FormFields::new(form.into_inner()).get("confirm"))) {
        let page = ConfirmPage {
            title: ctx.t("quick-reply-delete-title"),
            message: ctx.t1("quick-reply-delete-message", "shortcut", &reply.shortcut),
            action: format!("/chat-assignment/stores/{store_id}/quick-replies/{reply_id}/delete"),
            submit_key: "quick-reply-delete",
            cancel_href: settings_url(store_id, "quickreplies"),
            ctx,
        };
        return Ok(page.respond());
    }
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| settings::delete_quick_reply(c, &actor, &store, &reply))
        .await?;
    session.push_flash(FlashKind::Success, "quick-reply-deleted")?;
    Ok(see_other(&settings_url(store_id, "quickreplies")))
}

pub async fn save_capacity(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    if let Some(capacity) =
        errors.check("capacity", settings::parse_capacity(fields.get("capacity")))
    {
        let actor = user.actor(state.client_addr(&req));
        let (target, id) = (store.clone(), store.id);
        state
            .write(move |c| settings::save_capacity(c, &actor, &target, capacity))
            .await?;
        session.push_flash(FlashKind::Success, "capacity-saved")?;
        return Ok(see_other(&settings_url(id, "capacity")));
    }
    let submitted = Submitted {
        errors: Some(errors),
        ..Submitted::default()
    };
    Ok(render(
        &page(ctx, &state, store, submitted).await?,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

/// Saves the response guard: the first-response target, when an unanswered chat goes
/// back to routing, and how long a returning buyer goes back to their agent.
pub async fn save_guard(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let target = errors.check("target", settings::parse_guard_target(fields.get("target")));
    let reassign = errors.check(
        "reassign",
        settings::parse_guard_reassign(fields.get("reassign")),
    );
    let within = errors.check("return", settings::parse_guard_return(fields.get("return")));
    if let (Some(target), Some(reassign), Some(within)) = (target, reassign, within) {
        let guard = settings::Guard {
            first_response_target_minutes: target,
            reassign_after_minutes: reassign,
            return_within_hours: within,
        };
        let actor = user.actor(state.client_addr(&req));
        let (target, id) = (store.clone(), store.id);
        state
            .write(move |c| settings::save_guard(c, &actor, &target, guard))
            .await?;
        session.push_flash(FlashKind::Success, "guard-saved")?;
        return Ok(see_other(&settings_url(id, "guard")));
    }
    let submitted = Submitted {
        numbers: sent_numbers(&fields, &["target", "reassign", "return"]),
        errors: Some(errors),
        ..Submitted::default()
    };
    Ok(render(
        &page(ctx, &state, store, submitted).await?,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

/// Saves the marketplace's rule for the store's own response rate.
pub async fn save_rate_rule(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let limit = errors.check("limit", settings::parse_rate_limit(fields.get("limit")));
    let window = errors.check("window", settings::parse_rate_window(fields.get("window")));
    let counts_auto_replies = fields.get("counts_auto_replies") == "on";
    if let (Some(limit_hours), Some(window_days)) = (limit, window) {
        let rule = settings::RateRule {
            limit_hours,
            window_days,
            counts_auto_replies,
        };
        let actor = user.actor(state.client_addr(&req));
        let (target, id) = (store.clone(), store.id);
        state
            .write(move |c| settings::save_rate_rule(c, &actor, &target, rule))
            .await?;
        session.push_flash(FlashKind::Success, "rate-rule-saved")?;
        return Ok(see_other(&settings_url(id, "marketplace")));
    }
    let submitted = Submitted {
        numbers: sent_numbers(&fields, &["limit", "window"]),
        counts_auto_replies: Some(counts_auto_replies),
        errors: Some(errors),
        ..Submitted::default()
    };
    Ok(render(
        &page(ctx, &state, store, submitted).await?,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

fn sent_numbers(fields: &FormFields, names: &[&'static str]) -> Vec<(&'static str, String)> {
    names
        .iter()
        .map(|name| (*name, fields.get(name).to_string()))
        .collect()
}
