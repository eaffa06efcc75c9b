//! Sign-in and sign-out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::model::{Account, Seller};
use super::passwords::verify_password;
use super::throttle;
use crate::activity_log::{Activity, Actor, SignInFailure, record_activity};
use crate::app::AppState;
use crate::db::{self, DbConnection};
use crate::web::client::client_addr;
use crate::web::current_user::safe_next;
use crate::web::{AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other};

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
    error_key: Option<&'static str>,
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
        error_key: None,
    };
    Ok(render(&page, StatusCode::OK))
}

/// The outcome of one sign-in attempt, decided inside one transaction.
enum Outcome {
    SignedIn(Box<Account>),
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
    let username = form.username.trim().to_lowercase();
    let addr = client_addr(&req, state.config.trust_proxy);
    let next = form.next.clone().unwrap_or_default();
    let refuse = |ctx: PageCtx, key: &'static str, status: StatusCode| {
        let page = LoginPage {
            ctx,
            username: form.username.trim().to_string(),
            next: next.clone(),
            error_key: Some(key),
        };
        render(&page, status)
    };
    if username.is_empty() || form.password.is_empty() {
        return Ok(refuse(
            ctx,
            "login-error-missing",
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }

    let now = chrono::Utc::now().naive_utc();
    let (name, ip) = (username.clone(), addr.clone());
    let (attempt, account) = state
        .write(move |c| {
            let attempt = throttle::reserve_attempt(c, &name, &ip, now)?;
            Ok::<_, crate::web::AppError>((attempt, Account::find_by_username(c, &name)?))
        })
        .await?;
    let Some(attempt_id) = attempt else {
        log::warn!("sign-in throttled for {username} from {addr}");
        return Ok(refuse(
            ctx,
            "login-error-throttled",
            StatusCode::TOO_MANY_REQUESTS,
        ));
    };

    let password_ok = verify_password(
        form.password,
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await?;
    let outcome = match account {
        Some(a) if password_ok && !a.disabled => Outcome::SignedIn(Box::new(a)),
        Some(_) if password_ok => Outcome::Refused(SignInFailure::Disabled),
        Some(_) => Outcome::Refused(SignInFailure::WrongPassword),
        None => Outcome::Refused(SignInFailure::UnknownMember),
    };
    let outcome = state
        .write(move |c| {
            Ok::<_, crate::web::AppError>(record_sign_in(c, &username, &addr, attempt_id, outcome)?)
        })
        .await?;
    match outcome {
        Outcome::SignedIn(account) => {
            session.sign_in(account.id, account.session_epoch)?;
            Ok(see_other(&safe_next(Some(&next))))
        }
        Outcome::Refused(SignInFailure::Disabled) => {
            Ok(refuse(ctx, "login-error-disabled", StatusCode::FORBIDDEN))
        }
        Outcome::Refused(_) => Ok(refuse(ctx, "login-error-invalid", StatusCode::UNAUTHORIZED)),
    }
}

/// Settles the reserved attempt and, where the seller is known, writes the Activity
/// Log entry; both in one transaction.
fn record_sign_in(
    conn: &mut DbConnection,
    username: &str,
    addr: &str,
    attempt_id: i64,
    outcome: Outcome,
) -> diesel::QueryResult<Outcome> {
    db::write_transaction(conn, |c| {
        if matches!(outcome, Outcome::SignedIn(_)) {
            throttle::mark_succeeded(c, attempt_id)?;
        }
        let entry = match &outcome {
            Outcome::SignedIn(a) => Some((a.seller_id, Activity::signed_in(a.id, &a.username))),
            Outcome::Refused(reason) => {
                // Failures are shown to the seller whose account was named; a name
                // that matches no seller is only counted for throttling.
                let main_name = username.split(':').next().unwrap_or(username);
                let account = Account::find_by_username(c, username)?;
                let seller = Seller::find_by_name(c, main_name)?;
                seller.map(|s| {
                    (
                        s.id,
                        Activity::sign_in_failed(account.map(|a| a.id), username, *reason),
                    )
                })
            }
        };
        if let Some((seller_id, activity)) = entry {
            let account_id = match &outcome {
                Outcome::SignedIn(a) => Some(a.id),
                Outcome::Refused(_) => None,
            };
            let actor = Actor {
                seller_id,
                account_id,
                name: username.to_string(),
                client_addr: addr.to_string(),
            };
            record_activity(c, &actor, &activity)?;
        }
        Ok(outcome)
    })
}

pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: TypedSession,
) -> AppResult<HttpResponse> {
    if let Some(user) = CurrentUser::of(&req) {
        let actor = user.actor(client_addr(&req, state.config.trust_proxy));
        let activity = Activity::signed_out(user.account_id, &user.username);
        state
            .write(move |c| {
                record_activity(c, &actor, &activity)?;
                // An agent who signs out is not there to answer: Offline.
                crate::conversations::sign_out(c, &actor, &user, chrono::Utc::now().naive_utc())?;
                Ok::<_, crate::web::AppError>(())
            })
            .await?;
    }
    session.sign_out();
    session.push_flash(FlashKind::Success, "logout-done")?;
    Ok(see_other("/login"))
}
