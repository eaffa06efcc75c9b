//! First run: the setup page creates the installation's first seller and its main account.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::model::{Account, NewAccount, Seller};
use super::passwords::hash_password;
use super::sessions;
use super::validation::{DisplayName, Email, MainUsername, NewPassword};
use crate::activity_log::{Activity, Actor, record_activity};
use crate::app::AppState;
use crate::db::{self, DbConnection};
use crate::web::form::FieldErrors;
use crate::web::{AppResult, FlashKind, PageCtx, TypedSession, render, see_other};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetupForm {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
    /// The one-time setup token, when the server asked for one (see `setup_token`).
    pub token: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetupQuery {
    pub token: String,
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    ctx: PageCtx,
    form: SetupForm,
    errors: FieldErrors,
    /// The server wants its setup token and this visitor did not bring it.
    token_missing: bool,
}

/// A token for first-run setup when the server listens beyond this machine: whoever
/// reaches a fresh install first could otherwise claim it. Printed in the log once.
pub fn setup_token(bind: &str, pool: &crate::db::DbPool) -> Option<String> {
    if !reachable_from_elsewhere(bind) {
        return None;
    }
    let unset = pool
        .get()
        .ok()
        .and_then(|mut c| Seller::count(&mut c).ok())
        .is_none_or(|n| n == 0);
    if !unset {
        return None;
    }
    let token = crate::stores::model::random_key(24);
    log::warn!(
        "First-run setup is open to whoever reaches {bind}: finish it at /setup?token={token}"
    );
    Some(token)
}

/// Only a loopback address (or `localhost`) keeps the server to this machine; any
/// other address or name may be reachable from elsewhere.
fn reachable_from_elsewhere(bind: &str) -> bool {
    let host = bind.rsplit_once(':').map_or(bind, |(host, _)| host);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => !ip.is_loopback(),
        Err(_) => !host.eq_ignore_ascii_case("localhost"),
    }
}

fn token_ok(state: &AppState, given: &str) -> bool {
    match state.setup_token.as_deref() {
        None => true,
        Some(expected) => {
            use sha2::{Digest, Sha256};
            // Compared as digests so the time taken says nothing about the token.
            Sha256::digest(expected.as_bytes()) == Sha256::digest(given.as_bytes())
        }
    }
}

pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    query: web::Query<SetupQuery>,
) -> AppResult<HttpResponse> {
    if state.db(|c| Ok(Seller::count(c)?)).await? > 0 {
        return Ok(see_other("/login"));
    }
    let token = query.into_inner().token;
    let token_missing = !token_ok(&state, &token);
    let errors = FieldErrors::new(ctx.lang);
    Ok(render(
        &SetupPage {
            ctx,
            form: SetupForm {
                token,
                ..SetupForm::default()
            },
            errors,
            token_missing,
        },
        if token_missing {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::OK
        },
    ))
}

pub async fn submit(
    req: HttpRequest,
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<SetupForm>,
) -> AppResult<HttpResponse> {
    let mut form = form.into_inner();
    if state.db(|c| Ok(Seller::count(c)?)).await? > 0 {
        return Ok(see_other("/login"));
    }
    if !token_ok(&state, &form.token) {
        let errors = FieldErrors::new(ctx.lang);
        let page = SetupPage {
            ctx,
            form: SetupForm::default(),
            errors,
            token_missing: true,
        };
        return Ok(render(&page, StatusCode::FORBIDDEN));
    }
    let mut errors = FieldErrors::new(ctx.lang);
    let username = errors.check("username", MainUsername::parse(&form.username));
    let display_name = errors.check("display_name", DisplayName::parse(&form.display_name));
    let email = errors.check("email", Email::parse(&form.email));
    let password = errors.check(
        "password",
        NewPassword::parse(&form.password, &form.password_confirm, form.username.trim()),
    );
    let (Some(username), Some(display_name), Some(email), Some(password)) =
        (username, display_name, email, password)
    else {
        form.password.clear();
        form.password_confirm.clear();
        return Ok(render(
            &SetupPage {
                ctx,
                form,
                errors,
                token_missing: false,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let password_hash = hash_password(password.into_inner(), state.config.bcrypt_cost).await?;
    let addr = state.client_addr(&req);
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let input = SetupInput {
        username,
        display_name,
        email,
        password_hash,
    };
    let now = chrono::Utc::now().naive_utc();
    match state
        .write(move |c| {
            db::write_transaction(c, |c| {
                Ok::<_, crate::web::AppError>(match complete_setup(c, &input, &addr)? {
                    Ok(account) => Ok(sessions::start(c, account.id, &addr, &user_agent, now)?),
                    Err(refused) => Err(refused),
                })
            })
        })
        .await?
    {
        Ok(token) => {
            session.sign_in(&token)?;
            session.push_flash(FlashKind::Success, "setup-done")?;
            Ok(see_other("/home"))
        }
        Err(SetupRefused::AlreadyDone) => Ok(see_other("/login")),
    }
}

pub struct SetupInput {
    pub username: MainUsername,
    pub display_name: DisplayName,
    pub email: Email,
    pub password_hash: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SetupRefused {
    AlreadyDone,
}

/// Creates the first seller and main account, once: a second call finds a seller and
/// changes nothing.
pub fn complete_setup(
    conn: &mut DbConnection,
    input: &SetupInput,
    client_addr: &str,
) -> diesel::QueryResult<Result<Account, SetupRefused>> {
    db::write_transaction(conn, |c| {
        db::lock_table(c, "sellers")?;
        if Seller::count(c)? > 0 {
            return Ok(Err(SetupRefused::AlreadyDone));
        }
        create_seller(c, input, client_addr).map(Ok)
    })
}

/// Creates a seller with its main account (inside the caller's transaction).
pub fn create_seller(
    c: &mut DbConnection,
    input: &SetupInput,
    client_addr: &str,
) -> diesel::QueryResult<Account> {
    let now = chrono::Utc::now().naive_utc();
    let username = input.username.as_str();
    let seller = Seller::create(c, username, now)?;
    let account = Account::create(
        c,
        &NewAccount {
            seller_id: seller.id,
            member_name: None,
            username,
            display_name: input.display_name.as_str(),
            email: input.email.as_str(),
            phone: None,
            password_hash: &input.password_hash,
            is_main: true,
            must_change_password: false,
            language: None,
            time_zone: "UTC",
            created_at: now,
            updated_at: now,
            builtin_role: None,
            custom_role_id: None,
        },
    )?;
    let actor = Actor {
        seller_id: seller.id,
        account_id: Some(account.id),
        name: account.username.clone(),
        client_addr: client_addr.to_string(),
    };
    record_activity(
        c,
        &actor,
        &Activity::setup_completed(account.id, &account.username),
    )?;
    Ok(account)
}

#[cfg(test)]
mod tests {
    use super::reachable_from_elsewhere;

    #[test]
    fn only_loopback_binds_skip_the_setup_token() {
        for local in [
            "127.0.0.1:8080",
            "[::1]:8080",
            "localhost:8080",
            "127.0.0.2:0",
        ] {
            assert!(!reachable_from_elsewhere(local), "{local}");
        }
        for public in [
            "0.0.0.0:8080",
            "[::]:8080",
            "203.0.113.5:80",
            "shop.example.com:80",
        ] {
            assert!(reachable_from_elsewhere(public), "{public}");
        }
    }
}
