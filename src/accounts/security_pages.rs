//! My Account → Security: two-factor sign-in (set up, recovery codes, turn off, and the
//! main account's "required for everyone") and the account's sessions.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::model::Account;
use super::reauth::{self, Refused};
use super::sessions::{self, SessionRow};
use super::two_factor;
use crate::activity_log::{ActionKind, Activity, Actor, record_activity};
use crate::app::AppState;
use crate::db;
use crate::web::confirm::{ConfirmForm, ConfirmPage, confirmed};
use crate::web::form::FieldErrors;
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
    with_retry_after,
};
use crate::webchat::events::AccessChange;

const PATH: &str = "/account/security";
/// Recovery codes made just now, shown on the next page only.
const NEW_CODES: &str = "new_recovery_codes";

pub struct SessionLine {
    pub current: bool,
    pub started: String,
    pub last_seen: String,
    pub client_addr: String,
    pub user_agent: String,
}

/// What the page shows while two-factor sign-in is being set up.
pub struct Enrolment {
    pub secret: String,
    pub qr: String,
}

#[derive(Template)]
#[template(path = "accounts/security.html")]
struct SecurityPage {
    ctx: PageCtx,
    required: bool,
    must_set_up: bool,
    is_main: bool,
    enrolment: Option<Enrolment>,
    codes_left: i64,
    new_codes: Vec<String>,
    sessions: Vec<SessionLine>,
    errors: FieldErrors,
}

/// The page's data, with `errors` from a refused form.
async fn page(
    ctx: PageCtx,
    state: &AppState,
    user: &CurrentUser,
    session: &TypedSession,
    errors: FieldErrors,
) -> AppResult<SecurityPage> {
    let now = Utc::now().naive_utc();
    let (id, seller, policy) = (user.account_id, user.seller_id, state.config.sessions);
    let (account, required, codes_left, rows) = state
        .db(move |c| {
            let account = Account::find_active(c, id)?.ok_or(AppError::NotFound)?;
            let required = two_factor::required(c, seller)?;
            let left = two_factor::recovery_codes_left(c, id)?;
            Ok((account, required, left, sessions::list(c, id, policy, now)?))
        })
        .await?;
    let enabled = account.totp_secret.is_some();
    let enrolment = if enabled {
        None
    } else {
        let secret = session.enrolment_secret(two_factor::new_secret)?;
        let qr = two_factor::setup_url(&secret, &account.username)
            .and_then(|url| two_factor::qr_data_uri(&url))
            .unwrap_or_default();
        Some(Enrolment { secret, qr })
    };
    let new_codes = session
        .take_once(NEW_CODES)
        .map(|codes| codes.split('\n').map(str::to_string).collect())
        .unwrap_or_default();
    let sessions = rows
        .into_iter()
        .map(|r: SessionRow| SessionLine {
            current: r.id == user.session_id,
            started: ctx.time(&r.created_at),
            last_seen: ctx.time(&r.last_seen_at),
            client_addr: r.client_addr,
            user_agent: r.user_agent,
        })
        .collect();
    Ok(SecurityPage {
        required,
        must_set_up: user.must_set_up_two_factor,
        is_main: user.is_main,
        enrolment,
        codes_left,
        new_codes,
        sessions,
        errors,
        ctx,
    })
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
) -> AppResult<HttpResponse> {
    let errors = FieldErrors::new(ctx.lang);
    let page = page(ctx, &state, &user, &session, errors).await?;
    Ok(render(&page, StatusCode::OK))
}

/// Re-renders the page with one field's error (422, or 429 with `Retry-After`).
async fn refuse(
    ctx: PageCtx,
    state: &AppState,
    user: &CurrentUser,
    session: &TypedSession,
    field: &'static str,
    refused: Refused,
    wrong_key: &str,
) -> AppResult<HttpResponse> {
    let mut errors = FieldErrors::new(ctx.lang);
    match refused {
        Refused::Wrong => errors.add(field, wrong_key),
        Refused::Wait(seconds) => {
            errors.add_text(field, ctx.tn("login-error-throttled", "seconds", seconds))
        }
    }
    let page = page(ctx, state, user, session, errors).await?;
    Ok(match refused {
        Refused::Wait(seconds) => {
            with_retry_after(render(&page, StatusCode::TOO_MANY_REQUESTS), seconds)
        }
        Refused::Wrong => render(&page, StatusCode::UNPROCESSABLE_ENTITY),
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    pub code: String,
    pub password: String,
}

async fn own_account(state: &AppState, user: &CurrentUser) -> AppResult<Account> {
    let id = user.account_id;
    state
        .db(move |c| Account::find_active(c, id)?.ok_or(AppError::NotFound))
        .await
}

/// Confirms the app is set up with the code it shows, and turns two-factor sign-in on.
pub async fn enable(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<CodeForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let account = own_account(&state, &user).await?;
    if account.totp_secret.is_some() {
        return Ok(see_other(PATH));
    }
    // Someone holding a stolen session must not bind their own phone to the account.
    let addr = state.client_addr(&req);
    if let Err(refused) = reauth::check_password(&state, &account, &addr, form.password).await? {
        return refuse(
            ctx,
            &state,
            &user,
            &session,
            "enable_password",
            refused,
            "error-current-password-wrong",
        )
        .await;
    }
    let secret = session.enrolment_secret(two_factor::new_secret)?;
    let now = Utc::now().naive_utc();
    let unix = u64::try_from(now.and_utc().timestamp()).unwrap_or(0);
    let code = two_factor::normalize(&form.code);
    let Some(step) = two_factor::matching_step(&secret, &code, unix) else {
        return refuse(
            ctx,
            &state,
            &user,
            &session,
            "code",
            Refused::Wrong,
            "two-factor-error-wrong-code",
        )
        .await;
    };
    let codes = two_factor::new_recovery_codes();
    let actor = user.actor(addr);
    let (stored_codes, step) = (codes.clone(), i64::try_from(step).unwrap_or(i64::MAX));
    let enabled = state
        .write(move |c| {
            db::write_transaction(c, |c| {
                if !two_factor::enable(c, account.id, &secret, step, &stored_codes)? {
                    return Ok::<_, AppError>(false);
                }
                record_activity(
                    c,
                    &actor,
                    &Activity::two_factor(
                        ActionKind::TwoFactorEnabled,
                        account.id,
                        &account.username,
                    ),
                )?;
                Ok(true)
            })
        })
        .await?;
    if !enabled {
        // Set up meanwhile from another browser: that one stands.
        return Ok(see_other(PATH));
    }
    session.end_enrolment();
    session.put_once(NEW_CODES, &codes.join("\n"))?;
    session.push_flash(FlashKind::Success, "two-factor-enabled")?;
    Ok(see_other(PATH))
}

/// Checks the code (or a recovery code) of the signed-in account, throttled like a
/// sign-in, then runs `then` and records `action` in the same transaction.
async fn with_code<F>(
    state: &AppState,
    account: Account,
    actor: Actor,
    code: String,
    action: ActionKind,
    then: F,
) -> AppResult<Result<(), Refused>>
where
    F: FnOnce(&mut db::DbConnection, &Account) -> diesel::QueryResult<()> + Send + 'static,
{
    let now = Utc::now().naive_utc();
    let addr = crate::web::client::limit_key(&actor.client_addr);
    state
        .write(move |c| {
            let attempt = match super::throttle::reserve_attempt(
                c,
                &account.username,
                &addr,
                super::throttle::Door::Code,
                now,
            )? {
                Ok(id) => id,
                Err(wait) => return Ok::<_, AppError>(Err(Refused::Wait(wait))),
            };
            db::write_transaction(c, |c| {
                if two_factor::use_code(c, &account, &code, now)?.is_none() {
                    return Ok(Err(Refused::Wrong));
                }
                super::throttle::mark_succeeded(c, attempt)?;
                then(c, &account)?;
                let activity = Activity::two_factor(action, account.id, &account.username);
                record_activity(c, &actor, &activity)?;
                Ok(Ok(()))
            })
        })
        .await
}

/// New recovery codes (the old ones stop working), after a code from the app.
pub async fn renew_codes(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<CodeForm>,
) -> AppResult<HttpResponse> {
    let account = own_account(&state, &user).await?;
    let codes = two_factor::new_recovery_codes();
    let actor = user.actor(state.client_addr(&req));
    let stored = codes.clone();
    let done = with_code(
        &state,
        account,
        actor,
        form.into_inner().code,
        ActionKind::RecoveryCodesRenewed,
        move |c, a| two_factor::replace_recovery_codes(c, a.id, &stored),
    )
    .await?;
    if let Err(refused) = done {
        return refuse(
            ctx,
            &state,
            &user,
            &session,
            "renew_code",
            refused,
            "two-factor-error-wrong-code",
        )
        .await;
    }
    session.put_once(NEW_CODES, &codes.join("\n"))?;
    session.push_flash(FlashKind::Success, "two-factor-codes-renewed")?;
    Ok(see_other(PATH))
}

/// Turns two-factor sign-in off: the password and a code, and only where the seller
/// does not require it.
pub async fn disable(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<CodeForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let account = own_account(&state, &user).await?;
    let seller = user.seller_id;
    if state
        .db(move |c| Ok(two_factor::required(c, seller)?))
        .await?
    {
        session.push_flash(FlashKind::Error, "two-factor-error-required")?;
        return Ok(see_other(PATH));
    }
    let addr = state.client_addr(&req);
    if let Err(refused) = reauth::check_password(&state, &account, &addr, form.password).await? {
        return refuse(
            ctx,
            &state,
            &user,
            &session,
            "off_password",
            refused,
            "error-current-password-wrong",
        )
        .await;
    }
    let done = with_code(
        &state,
        account,
        user.actor(addr),
        form.code,
        ActionKind::TwoFactorDisabled,
        |c, a| two_factor::disable(c, a.id),
    )
    .await?;
    if let Err(refused) = done {
        return refuse(
            ctx,
            &state,
            &user,
            &session,
            "off_code",
            refused,
            "two-factor-error-wrong-code",
        )
        .await;
    }
    session.push_flash(FlashKind::Success, "two-factor-disabled")?;
    Ok(see_other(PATH))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequireForm {
    pub required: String,
}

/// The main account requires (or stops requiring) a second factor of every account;
/// it must have one itself first.
pub async fn set_required(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<RequireForm>,
) -> AppResult<HttpResponse> {
    if !user.is_main {
        return Err(AppError::Forbidden);
    }
    let required = form.required == "on";
    if required && !user.has_two_factor {
        session.push_flash(FlashKind::Error, "two-factor-error-own-first")?;
        return Ok(see_other(PATH));
    }
    let actor = user.actor(state.client_addr(&req));
    let (seller, id, username) = (user.seller_id, user.account_id, user.username.clone());
    state
        .write(move |c| {
            db::write_transaction(c, |c| {
                if two_factor::required(c, seller)? != required {
                    two_factor::set_required(c, seller, required)?;
                    record_activity(
                        c,
                        &actor,
                        &Activity::two_factor_required(id, &username, required),
                    )?;
                }
                Ok::<_, AppError>(())
            })
        })
        .await?;
    state.events.access_changed(AccessChange::Seller(seller));
    let key = if required {
        "two-factor-required-on"
    } else {
        "two-factor-required-off"
    };
    session.push_flash(FlashKind::Success, key)?;
    Ok(see_other(PATH))
}

/// Signs out every other session of the account, after a confirmation.
pub async fn end_other_sessions(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<ConfirmForm>,
) -> AppResult<HttpResponse> {
    if !confirmed(form.confirm.as_deref()) {
        return Ok(ConfirmPage {
            title: ctx.t("sessions-end-others-title"),
            message: ctx.t("sessions-end-others-confirm"),
            action: format!("{PATH}/sessions/end-others"),
            submit_key: "sessions-end-others-submit",
            cancel_href: PATH.to_string(),
            ctx,
        }
        .respond());
    }
    let actor = user.actor(state.client_addr(&req));
    let (id, keep, username) = (user.account_id, user.session_id, user.username.clone());
    state
        .write(move |c| {
            db::write_transaction(c, |c| {
                let ended = sessions::end_others(c, id, keep)?;
                record_activity(c, &actor, &Activity::sessions_ended(id, &username, ended))?;
                Ok::<_, AppError>(())
            })
        })
        .await?;
    state.events.access_changed(AccessChange::Account(id));
    session.push_flash(FlashKind::Success, "sessions-ended")?;
    Ok(see_other(PATH))
}
