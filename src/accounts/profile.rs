//! My Account → Personal Profile (display name, email, phone) and Change password.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use diesel::prelude::*;
use serde::Deserialize;

use super::model::Account;
use super::passwords::hash_password;
use super::reauth;
use super::sessions;
use super::validation::{DisplayName, Email, NewPassword, Phone};
use crate::activity_log::{Activity, Actor, Changes, record_activity};
use crate::app::AppState;
use crate::db::schema::accounts;
use crate::db::{self, DbConnection, lower};
use crate::web::form::{FieldErrors, Invalid};
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
    with_retry_after,
};
use crate::webchat::events::AccessChange;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub email: String,
    pub phone: String,
}

pub struct ProfileInput {
    pub display_name: DisplayName,
    pub email: Email,
    pub phone: Option<Phone>,
}

impl ProfileForm {
    pub fn parse(&self, errors: &mut FieldErrors) -> Option<ProfileInput> {
        let display_name = errors.check("display_name", DisplayName::parse(&self.display_name));
        let email = errors.check("email", Email::parse(&self.email));
        let phone = errors.check("phone", Phone::parse_optional(&self.phone));
        Some(ProfileInput {
            display_name: display_name?,
            email: email?,
            phone: phone?,
        })
    }
}

#[derive(Template)]
#[template(path = "accounts/profile.html")]
struct ProfilePage {
    ctx: PageCtx,
    account: Account,
    form: ProfileForm,
    errors: FieldErrors,
}

async fn own_account(state: &AppState, user: &CurrentUser) -> AppResult<Account> {
    let id = user.account_id;
    state
        .db(move |c| Account::find_active(c, id)?.ok_or(AppError::NotFound))
        .await
}

pub async fn show_profile(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    let account = own_account(&state, &user).await?;
    let form = ProfileForm {
        display_name: account.display_name.clone(),
        email: account.email.clone(),
        phone: account.phone.clone().unwrap_or_default(),
    };
    let errors = FieldErrors::new(ctx.lang);
    Ok(render(
        &ProfilePage {
            ctx,
            account,
            form,
            errors,
        },
        StatusCode::OK,
    ))
}

pub async fn update_profile(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<ProfileForm>,
) -> AppResult<HttpResponse> {
    let account = own_account(&state, &user).await?;
    let form = form.into_inner();
    let mut errors = FieldErrors::new(ctx.lang);
    if let Some(input) = form.parse(&mut errors) {
        let actor = user.actor(state.client_addr(&req));
        let target = account.clone();
        match state
            .write(move |c| save_profile(c, &actor, &target, &input))
            .await?
        {
            Ok(()) => {
                session.push_flash(FlashKind::Success, "profile-saved")?;
                return Ok(see_other("/account/profile"));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    Ok(render(
        &ProfilePage {
            ctx,
            account,
            form,
            errors,
        },
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

/// Whether another account of the seller already uses `email` (ignoring case).
pub fn email_taken(
    conn: &mut DbConnection,
    seller_id: i64,
    email: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        accounts::table
            .filter(accounts::seller_id.eq(seller_id))
            .filter(lower(accounts::email).eq(email.to_lowercase()))
            .filter(accounts::id.ne(except.unwrap_or(0))),
    ))
    .get_result(conn)
}

pub const EMAIL_TAKEN: Invalid = Invalid {
    field: "email",
    key: "error-email-taken",
};

/// Saves display name, email and phone of `account` (the actor's own, or a
/// sub-account being managed), recording before → after.
pub fn save_profile(
    conn: &mut DbConnection,
    actor: &Actor,
    account: &Account,
    input: &ProfileInput,
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        if email_taken(c, account.seller_id, input.email.as_str(), Some(account.id))? {
            return Ok(Err(EMAIL_TAKEN));
        }
        let phone = input.phone.as_ref().map(Phone::as_str);
        let changes = Changes::new()
            .field(
                "display_name",
                &account.display_name,
                input.display_name.as_str(),
            )
            .field("email", &account.email, input.email.as_str())
            .field(
                "phone",
                account.phone.as_deref().unwrap_or(""),
                phone.unwrap_or(""),
            );
        if changes.is_empty() {
            return Ok(Ok(()));
        }
        diesel::update(
            accounts::table
                .filter(accounts::id.eq(account.id))
                .filter(accounts::seller_id.eq(actor.seller_id)),
        )
        .set((
            accounts::display_name.eq(input.display_name.as_str()),
            accounts::email.eq(input.email.as_str()),
            accounts::phone.eq(phone),
            accounts::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(c)?;
        let activity = if account.is_main || actor.account_id == Some(account.id) {
            Activity::profile_updated(account.id, &account.username, &changes)
        } else {
            Activity::sub_account_updated(account.id, &account.username, &changes)
        };
        record_activity(c, actor, &activity)?;
        Ok(Ok(()))
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub current_password: String,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/password.html")]
struct PasswordPage {
    ctx: PageCtx,
    forced: bool,
    errors: FieldErrors,
}

pub async fn show_password(ctx: PageCtx, user: CurrentUser) -> AppResult<HttpResponse> {
    let errors = FieldErrors::new(ctx.lang);
    Ok(render(
        &PasswordPage {
            ctx,
            forced: user.must_change_password,
            errors,
        },
        StatusCode::OK,
    ))
}

pub async fn change_password(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<PasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let account = own_account(&state, &user).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let addr = state.client_addr(&req);
    let mut wait = None;
    match reauth::check_password(&state, &account, &addr, form.current_password.clone()).await? {
        Ok(()) => {}
        Err(reauth::Refused::Wrong) => {
            errors.add("current_password", "error-current-password-wrong")
        }
        Err(reauth::Refused::Wait(seconds)) => {
            errors.add_text(
                "current_password",
                ctx.tn("login-error-throttled", "seconds", seconds),
            );
            wait = Some(seconds);
        }
    }
    let new = errors.check(
        "password",
        NewPassword::parse(&form.password, &form.password_confirm, &account.username),
    );
    if form.password == form.current_password && !form.password.is_empty() && errors.is_empty() {
        errors.add("password", "error-password-unchanged");
    }
    let (Some(new), true) = (new, errors.is_empty()) else {
        let page = PasswordPage {
            ctx,
            forced: user.must_change_password,
            errors,
        };
        return Ok(match wait {
            Some(seconds) => {
                with_retry_after(render(&page, StatusCode::TOO_MANY_REQUESTS), seconds)
            }
            None => render(&page, StatusCode::UNPROCESSABLE_ENTITY),
        });
    };
    let hash = hash_password(new.into_inner(), state.config.bcrypt_cost).await?;
    let actor = user.actor(addr);
    let keep = user.session_id;
    state
        .write(move |c| set_own_password(c, &actor, &account, &hash, keep))
        .await?;
    state
        .events
        .access_changed(AccessChange::Account(user.account_id));
    session.push_flash(FlashKind::Success, "password-changed")?;
    Ok(see_other(if user.must_change_password {
        "/home"
    } else {
        "/account/password"
    }))
}

/// Replaces the account's password hash with one of the same password (made at the
/// configured cost at sign-in).
pub fn store_password_hash(
    conn: &mut DbConnection,
    account_id: i64,
    hash: &str,
) -> diesel::QueryResult<()> {
    diesel::update(accounts::table.filter(accounts::id.eq(account_id)))
        .set(accounts::password_hash.eq(hash))
        .execute(conn)
        .map(|_| ())
}

/// Stores the new hash, clears "must change", and ends every other session of the
/// account: this one (`keep`) stays signed in.
fn set_own_password(
    conn: &mut DbConnection,
    actor: &Actor,
    account: &Account,
    hash: &str,
    keep: i64,
) -> AppResult<()> {
    db::write_transaction(conn, |c| {
        diesel::update(accounts::table.filter(accounts::id.eq(account.id)))
            .set((
                accounts::password_hash.eq(hash),
                accounts::must_change_password.eq(false),
                accounts::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(c)?;
        sessions::end_others(c, account.id, keep)?;
        record_activity(
            c,
            actor,
            &Activity::password_changed(account.id, &account.username),
        )?;
        Ok(())
    })
}

pub async fn account_root() -> HttpResponse {
    see_other("/account/profile")
}
