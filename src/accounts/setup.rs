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
use crate::i18n::{Lang, TimeZoneName};
use crate::stores::markets::Market;
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
    /// The browser's time zone, filled in by script (see `first_time_zone`).
    pub time_zone: String,
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

/// First-run setup's gate. Whoever reaches a fresh install first could claim it, so
/// setup asks for a one-time token printed in the log, except from a browser on this
/// machine talking to a server bound to loopback only (no proxy in between).
#[derive(Debug, Clone)]
pub struct SetupGate {
    token: std::sync::Arc<str>,
    local_without_token: bool,
}

impl SetupGate {
    /// The gate for a fresh database (`None` once a seller exists).
    pub fn new(bind: &str, pool: &crate::db::DbPool) -> Option<SetupGate> {
        let fresh = pool
            .get()
            .ok()
            .and_then(|mut c| Seller::count(&mut c).ok())
            .is_none_or(|n| n == 0);
        if !fresh {
            return None;
        }
        let token = crate::stores::model::random_key(24);
        let local_without_token = !reachable_from_elsewhere(bind);
        if local_without_token {
            log::info!(
                "First-run setup: open /setup in a browser on this machine, or \
                 /setup?token={token} through a proxy"
            );
        } else {
            log::warn!(
                "First-run setup is open to whoever reaches {bind}: finish it at \
                 /setup?token={token}"
            );
        }
        Some(SetupGate {
            token: token.into(),
            local_without_token,
        })
    }

    /// The token, for tests and the operator's log.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether this request may complete setup with `given` as the token.
    fn admits(&self, req: &HttpRequest, given: &str) -> bool {
        if self.local_without_token && from_this_machine(req) {
            return true;
        }
        use sha2::{Digest, Sha256};
        // Compared as digests so the time taken says nothing about the token.
        Sha256::digest(self.token.as_bytes()) == Sha256::digest(given.as_bytes())
    }
}

/// A browser on this machine talking to the server directly: a loopback peer and no
/// forwarding header (a proxy on this machine forwards strangers).
fn from_this_machine(req: &HttpRequest) -> bool {
    let forwarded = ["forwarded", "x-forwarded-for", "x-real-ip"]
        .iter()
        .any(|h| req.headers().contains_key(*h));
    !forwarded && req.peer_addr().is_some_and(|a| a.ip().is_loopback())
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

fn token_ok(state: &AppState, req: &HttpRequest, given: &str) -> bool {
    state
        .setup_gate
        .as_ref()
        .is_none_or(|gate| gate.admits(req, given))
}

pub async fn show(
    req: HttpRequest,
    ctx: PageCtx,
    state: web::Data<AppState>,
    query: web::Query<SetupQuery>,
) -> AppResult<HttpResponse> {
    if state.db(|c| Ok(Seller::count(c)?)).await? > 0 {
        return Ok(see_other("/login"));
    }
    let token = query.into_inner().token;
    let token_missing = !token_ok(&state, &req, &token);
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
    if !token_ok(&state, &req, &form.token) {
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
    let user_agent = crate::web::client::user_agent(&req);
    let input = SetupInput {
        username,
        display_name,
        email,
        password_hash,
        time_zone: first_time_zone(&form.time_zone, ctx.lang),
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

/// The first account's zone: the browser's, else that of the one market whose language
/// the visitor reads (a Thai page: Bangkok), else UTC. Settings changes it any time.
fn first_time_zone(browser: &str, lang: Lang) -> TimeZoneName {
    TimeZoneName::parse(browser)
        .or_else(|| {
            Market::of_language(lang).and_then(|m| TimeZoneName::parse(m.default_time_zone()))
        })
        .unwrap_or_else(TimeZoneName::utc)
}

pub struct SetupInput {
    pub username: MainUsername,
    pub display_name: DisplayName,
    pub email: Email,
    pub password_hash: String,
    pub time_zone: TimeZoneName,
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
            time_zone: input.time_zone.name(),
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
    use super::{Lang, first_time_zone, reachable_from_elsewhere};

    #[test]
    fn the_first_zone_is_the_browsers_else_the_markets_of_the_language() {
        assert_eq!(
            first_time_zone("Asia/Jakarta", Lang::Th).name(),
            "Asia/Jakarta"
        );
        assert_eq!(first_time_zone("", Lang::Th).name(), "Asia/Bangkok");
        assert_eq!(
            first_time_zone("Mars/Base", Lang::PtBr).name(),
            "America/Sao_Paulo"
        );
        assert_eq!(first_time_zone("", Lang::En).name(), "UTC");
    }

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
