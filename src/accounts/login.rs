//! Sign-in (password, then the second factor where the account has one) and sign-out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use serde::Deserialize;

use super::model::{Account, Seller};
use super::passwords::{cost_of, hash_password, verify_password};
use super::sessions;
use super::throttle::{self, Door};
use super::two_factor::{self, SecondFactor};
use super::validation::login_name;
use crate::activity_log::{Activity, Actor, SignInFailure, record_activity};
use crate::app::AppState;
use crate::db::{self, DbConnection};
use crate::web::client::{limit_key, user_agent};
use crate::web::current_user::safe_next;
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
    with_retry_after,
};
use crate::webchat::events::AccessChange;

/// How long the second step may follow the password.
const SECOND_FACTOR_MINUTES: i64 = 5;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    pub next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    ctx: PageCtx,
    username: String,
    next: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/login_second_factor.html")]
struct SecondFactorPage {
    ctx: PageCtx,
    next: String,
    error: Option<String>,
}

pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    query: web::Query<LoginQuery>,
) -> AppResult<HttpResponse> {
    if ctx.user.is_some() {
        return Ok(see_other(&safe_next(query.next.as_deref())));
    }
    if state.db(|c| Ok(Seller::count(c)?)).await? == 0 {
        return Ok(see_other("/setup"));
    }
    let next = query.into_inner().next.unwrap_or_default();
    let page = LoginPage {
        ctx,
        username: String::new(),
        next,
        error: None,
    };
    Ok(render(&page, StatusCode::OK))
}

/// The page for a throttled attempt: 429 with how long to wait.
fn throttled(ctx: &PageCtx, wait: i64) -> (String, i64) {
    (ctx.tn("login-error-throttled", "seconds", wait), wait)
}

fn retry_after(res: HttpResponse, wait: Option<i64>) -> HttpResponse {
    match wait {
        Some(seconds) => with_retry_after(res, seconds),
        None => res,
    }
}

/// What the password step decided.
enum Outcome {
    SignedIn(Box<Account>),
    SecondFactor(Box<Account>),
    Refused(SignInFailure),
}

pub async fn submit(
    req: HttpRequest,
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<LoginForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let addr = state.client_addr(&req);
    let next = form.next.clone().unwrap_or_default();
    // What the form shows back is capped like the field itself.
    let shown: String = form.username.trim().chars().take(65).collect();
    let refuse = |ctx: PageCtx, error: String, status: StatusCode, wait: Option<i64>| {
        let page = LoginPage {
            ctx,
            username: shown.clone(),
            next: next.clone(),
            error: Some(error),
        };
        retry_after(render(&page, status), wait)
    };
    if form.username.trim().is_empty() || form.password.is_empty() {
        let error = ctx.t("login-error-missing");
        return Ok(refuse(ctx, error, StatusCode::UNPROCESSABLE_ENTITY, None));
    }
    // A name no account can have is counted against the address only, under an empty
    // name: nothing the client typed is stored or logged.
    let valid_name = login_name(&form.username);
    let username = valid_name.clone().unwrap_or_default();

    let now = Utc::now().naive_utc();
    let (name, ip) = (username.clone(), limit_key(&addr));
    let (attempt, account) = state
        .write(move |c| {
            let attempt = throttle::reserve_attempt(c, &name, &ip, Door::Password, now)?;
            let account = if name.is_empty() {
                None
            } else {
                Account::find_by_username(c, &name)?
            };
            Ok::<_, AppError>((attempt, account))
        })
        .await?;
    let attempt_id = match attempt {
        Ok(id) => id,
        Err(wait) => {
            log::warn!("sign-in throttled for {username:?} from {addr} ({wait} s)");
            let (error, wait) = throttled(&ctx, wait);
            return Ok(refuse(
                ctx,
                error,
                StatusCode::TOO_MANY_REQUESTS,
                Some(wait),
            ));
        }
    };

    let stored_hash = account.as_ref().map(|a| a.password_hash.clone());
    let password = form.password;
    let password_ok =
        verify_password(password.clone(), stored_hash, state.dummy_hash.clone()).await?;
    let outcome = match account {
        Some(a) if password_ok && !a.disabled && a.totp_secret.is_some() => {
            Outcome::SecondFactor(Box::new(a))
        }
        Some(a) if password_ok && !a.disabled => Outcome::SignedIn(Box::new(a)),
        Some(_) if password_ok => Outcome::Refused(SignInFailure::Disabled),
        Some(_) => Outcome::Refused(SignInFailure::WrongPassword),
        None => Outcome::Refused(SignInFailure::UnknownMember),
    };
    // A hash made at another cost than the configured one is made again now, while the
    // password is at hand.
    let rehash = match &outcome {
        Outcome::SignedIn(a) | Outcome::SecondFactor(a)
            if cost_of(&a.password_hash) != Some(state.config.bcrypt_cost) =>
        {
            Some(hash_password(password, state.config.bcrypt_cost).await?)
        }
        _ => None,
    };
    let user_agent = user_agent(&req);
    let signed_in = state
        .write(move |c| {
            Ok::<_, AppError>(settle_password_step(
                c,
                &username,
                valid_name.is_some(),
                &addr,
                attempt_id,
                outcome,
                rehash.as_deref(),
                &user_agent,
                now,
            )?)
        })
        .await?;
    match signed_in {
        (Some(token), _) => {
            session.sign_in(&token)?;
            Ok(see_other(&safe_next(Some(&next))))
        }
        (None, Outcome::SecondFactor(account)) => {
            session.begin_second_factor(account.id, now.and_utc().timestamp())?;
            let query = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
            Ok(see_other(&format!("/login/two-factor?{query}")))
        }
        (None, Outcome::Refused(SignInFailure::Disabled)) => {
            let error = ctx.t("login-error-disabled");
            Ok(refuse(ctx, error, StatusCode::FORBIDDEN, None))
        }
        (None, _) => {
            let error = ctx.t("login-error-invalid");
            Ok(refuse(ctx, error, StatusCode::UNAUTHORIZED, None))
        }
    }
}

/// Settles the reserved attempt in one transaction: a success starts the server-side
/// session (returning its token) with its Activity Log entry; a refusal is logged for
/// the seller whose account was named. A right password for an account with a second
/// factor starts nothing yet and stays counted as a failure until the code is given.
#[allow(clippy::too_many_arguments)]
fn settle_password_step(
    conn: &mut DbConnection,
    username: &str,
    name_is_valid: bool,
    addr: &str,
    attempt_id: i64,
    outcome: Outcome,
    rehash: Option<&str>,
    user_agent: &str,
    now: NaiveDateTime,
) -> diesel::QueryResult<(Option<String>, Outcome)> {
    db::write_transaction(conn, |c| {
        // A password changed or reset while this one was being checked signs nobody in.
        let outcome = match outcome {
            Outcome::SignedIn(a) | Outcome::SecondFactor(a)
                if Account::find_by_username(c, &a.username)?
                    .is_none_or(|now| now.password_hash != a.password_hash) =>
            {
                Outcome::Refused(SignInFailure::WrongPassword)
            }
            other => other,
        };
        if let (Some(hash), Outcome::SignedIn(a) | Outcome::SecondFactor(a)) = (rehash, &outcome) {
            super::profile::store_password_hash(c, a.id, hash)?;
        }
        let token = match &outcome {
            Outcome::SignedIn(a) => {
                throttle::mark_succeeded(c, attempt_id)?;
                let token = sessions::start(c, a.id, addr, user_agent, now)?;
                let actor = Actor {
                    seller_id: a.seller_id,
                    account_id: Some(a.id),
                    name: a.username.clone(),
                    client_addr: addr.to_string(),
                };
                record_activity(c, &actor, &Activity::signed_in(a.id, &a.username))?;
                Some(token)
            }
            Outcome::SecondFactor(_) => None,
            Outcome::Refused(reason) if name_is_valid => {
                record_failure(c, username, addr, *reason)?;
                None
            }
            Outcome::Refused(_) => None,
        };
        Ok((token, outcome))
    })
}

/// A failed sign-in, shown to the seller whose account was named; a name that matches
/// no seller is only counted for throttling.
fn record_failure(
    c: &mut DbConnection,
    username: &str,
    addr: &str,
    reason: SignInFailure,
) -> diesel::QueryResult<()> {
    let main_name = username.split(':').next().unwrap_or(username);
    let Some(seller) = Seller::find_by_name(c, main_name)? else {
        return Ok(());
    };
    let account = Account::find_by_username(c, username)?;
    let actor = Actor {
        seller_id: seller.id,
        account_id: None,
        name: username.to_string(),
        client_addr: addr.to_string(),
    };
    record_activity(
        c,
        &actor,
        &Activity::sign_in_failed(account.map(|a| a.id), username, reason),
    )
}

/// The account waiting for its second factor, if the password step was recent.
fn pending(session: &TypedSession, now: NaiveDateTime) -> Option<i64> {
    let (account_id, at) = session.pending_second_factor()?;
    let age = now.and_utc().timestamp() - at;
    (0..SECOND_FACTOR_MINUTES * 60)
        .contains(&age)
        .then_some(account_id)
}

pub async fn show_second_factor(
    ctx: PageCtx,
    session: TypedSession,
    query: web::Query<LoginQuery>,
) -> AppResult<HttpResponse> {
    if pending(&session, Utc::now().naive_utc()).is_none() {
        return Ok(see_other("/login"));
    }
    let page = SecondFactorPage {
        ctx,
        next: query.into_inner().next.unwrap_or_default(),
        error: None,
    };
    Ok(render(&page, StatusCode::OK))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SecondFactorForm {
    pub code: String,
    pub next: Option<String>,
}

/// What the second step decided.
enum CodeOutcome {
    SignedIn(String),
    Wrong,
    /// The account was disabled or lost its second factor meanwhile: start again.
    Gone,
}

pub async fn submit_second_factor(
    req: HttpRequest,
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<SecondFactorForm>,
) -> AppResult<HttpResponse> {
    let now = Utc::now().naive_utc();
    let Some(account_id) = pending(&session, now) else {
        return Ok(see_other("/login"));
    };
    let form = form.into_inner();
    let next = form.next.clone().unwrap_or_default();
    let refuse = |ctx: PageCtx, error: String, status: StatusCode, wait: Option<i64>| {
        let page = SecondFactorPage {
            ctx,
            next: next.clone(),
            error: Some(error),
        };
        retry_after(render(&page, status), wait)
    };
    let addr = state.client_addr(&req);
    let user_agent = user_agent(&req);
    let code: String = form.code.chars().take(40).collect();
    let outcome = state
        .write(move |c| {
            let Some(account) = Account::find_active(c, account_id)? else {
                return Ok::<_, AppError>(Ok(CodeOutcome::Gone));
            };
            if account.totp_secret.is_none() {
                return Ok(Ok(CodeOutcome::Gone));
            }
            let key = limit_key(&addr);
            let attempt =
                match throttle::reserve_attempt(c, &account.username, &key, Door::Code, now)? {
                    Ok(id) => id,
                    Err(wait) => return Ok(Err(wait)),
                };
            Ok(Ok(db::write_transaction(c, |c| {
                settle_code(c, &account, &code, attempt, &addr, &user_agent, now)
            })?))
        })
        .await?;
    match outcome {
        Err(wait) => {
            let (error, wait) = throttled(&ctx, wait);
            Ok(refuse(
                ctx,
                error,
                StatusCode::TOO_MANY_REQUESTS,
                Some(wait),
            ))
        }
        Ok(CodeOutcome::SignedIn(token)) => {
            session.sign_in(&token)?;
            Ok(see_other(&safe_next(Some(&next))))
        }
        Ok(CodeOutcome::Gone) => {
            session.sign_out();
            Ok(see_other("/login"))
        }
        Ok(CodeOutcome::Wrong) => {
            let error = ctx.t("two-factor-error-wrong-code");
            Ok(refuse(ctx, error, StatusCode::UNAUTHORIZED, None))
        }
    }
}

/// Checks the code and, when it is right, starts the session with its Activity Log
/// entry; a wrong code is logged as a failed sign-in.
fn settle_code(
    c: &mut DbConnection,
    account: &Account,
    code: &str,
    attempt_id: i64,
    addr: &str,
    user_agent: &str,
    now: NaiveDateTime,
) -> diesel::QueryResult<CodeOutcome> {
    let actor = Actor {
        seller_id: account.seller_id,
        account_id: Some(account.id),
        name: account.username.clone(),
        client_addr: addr.to_string(),
    };
    let activity = match two_factor::use_code(c, account, code, now)? {
        None => {
            let failed = Activity::sign_in_failed(
                Some(account.id),
                &account.username,
                SignInFailure::WrongCode,
            );
            record_activity(c, &actor, &failed)?;
            return Ok(CodeOutcome::Wrong);
        }
        Some(SecondFactor::Code) => Activity::signed_in(account.id, &account.username),
        Some(SecondFactor::RecoveryCode { left }) => {
            Activity::signed_in_with_recovery_code(account.id, &account.username, left)
        }
    };
    throttle::mark_succeeded(c, attempt_id)?;
    let token = sessions::start(c, account.id, addr, user_agent, now)?;
    record_activity(c, &actor, &activity)?;
    Ok(CodeOutcome::SignedIn(token))
}

pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: TypedSession,
) -> AppResult<HttpResponse> {
    if let Some(user) = CurrentUser::of(&req) {
        let actor = user.actor(state.client_addr(&req));
        let account_id = user.account_id;
        let activity = Activity::signed_out(user.account_id, &user.username);
        state
            .write(move |c| {
                sessions::end(c, user.session_id)?;
                record_activity(c, &actor, &activity)?;
                // An agent who signs out is not there to answer: Offline.
                crate::conversations::sign_out(c, &actor, &user, Utc::now().naive_utc())?;
                Ok::<_, AppError>(())
            })
            .await?;
        state
            .events
            .access_changed(AccessChange::Account(account_id));
    }
    session.sign_out();
    session.push_flash(FlashKind::Success, "logout-done")?;
    Ok(see_other("/login"))
}
