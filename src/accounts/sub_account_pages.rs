//! My Account → Sub-accounts pages.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::model::Account;
use super::passwords::hash_password;
use super::permissions::{BuiltinRole, Permission, RoleRef};
use super::profile::{ProfileForm, ProfileInput};
use super::roles::Role;
use super::sub_accounts::{self, MemberName, NewSubAccount, may_assign};
use super::validation::NewPassword;
use crate::app::AppState;
use crate::db::DbConnection;
use crate::stores::model::Store;
use crate::web::confirm::{ConfirmForm, ConfirmPage, confirmed};
use crate::web::form::{FieldErrors, FormFields, Pagination, parse_switch};
use crate::web::{AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other};
use crate::webchat::events::AccessChange;

pub struct RoleOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct StoreOption {
    pub id: i64,
    pub name: String,
    pub checked: bool,
}

pub struct Row {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub stores: i64,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "accounts/sub_accounts.html")]
struct ListPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    q: String,
    pagination: Pagination,
}

impl ListPage {
    fn page_href(&self, page: i64) -> String {
        let query =
            serde_urlencoded::to_string([("q", self.q.as_str()), ("page", &page.to_string())])
                .unwrap_or_default();
        format!("/account/sub-accounts?{query}")
    }
}

#[derive(Template)]
#[template(path = "accounts/sub_account_new.html")]
struct NewPage {
    ctx: PageCtx,
    member_name: String,
    form: ProfileForm,
    errors: FieldErrors,
    roles: Vec<RoleOption>,
    stores: Vec<StoreOption>,
    seller_name: String,
}

#[derive(Template)]
#[template(path = "accounts/sub_account_detail.html")]
struct DetailPage {
    ctx: PageCtx,
    account: Account,
    form: ProfileForm,
    errors: FieldErrors,
    roles: Vec<RoleOption>,
    stores: Vec<StoreOption>,
    password_errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub page: Option<i64>,
}

fn seller_name(user: &CurrentUser) -> String {
    user.username
        .split(':')
        .next()
        .unwrap_or(&user.username)
        .to_string()
}

/// The roles `user` may give, labelled in the page's language.
fn role_options(
    c: &mut DbConnection,
    ctx: &PageCtx,
    user: &CurrentUser,
    selected: Option<RoleRef>,
) -> AppResult<Vec<RoleOption>> {
    let out: Vec<RoleOption> = BuiltinRole::ALL
        .iter()
        .filter(|b| may_assign(user, b.permissions()))
        .map(|b| (RoleRef::Builtin(*b), ctx.t(b.label_key())))
        .chain(
            Role::of_seller(c, user.seller_id)?
                .into_iter()
                .filter(|r| may_assign(user, r.permission_set()))
                .map(|r| (RoleRef::Custom(r.id), r.name)),
        )
        .map(|(role, label)| RoleOption {
            value: role.form_value(),
            label,
            selected: Some(role) == selected,
        })
        .collect();
    Ok(out)
}

fn store_options(
    c: &mut DbConnection,
    user: &CurrentUser,
    checked: &[i64],
) -> AppResult<Vec<StoreOption>> {
    Ok(Store::visible_to(c, user)?
        .into_iter()
        .map(|s| StoreOption {
            checked: checked.contains(&s.id),
            id: s.id,
            name: s.name,
        })
        .collect())
}

fn role_label(ctx: &PageCtx, account: &Account, custom: &[Role]) -> String {
    match account.role() {
        Some(RoleRef::Builtin(b)) => ctx.t(b.label_key()),
        Some(RoleRef::Custom(id)) => custom
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        None => String::new(),
    }
}

pub async fn list(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let ListQuery { q, page } = query.into_inner();
    let seller_id = user.seller_id;
    let search = q.clone();
    let (accounts, pagination, counts, custom) = state
        .db(move |c| {
            let (accounts, pagination) = sub_accounts::search(c, seller_id, &search, page)?;
            let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
            let counts = sub_accounts::grant_counts(c, &ids)?;
            Ok((accounts, pagination, counts, Role::of_seller(c, seller_id)?))
        })
        .await?;
    let rows = accounts
        .iter()
        .map(|a| Row {
            id: a.id,
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            role: role_label(&ctx, a, &custom),
            stores: counts
                .iter()
                .find(|(id, _)| *id == a.id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            disabled: a.disabled,
        })
        .collect();
    Ok(render(
        &ListPage {
            ctx,
            rows,
            q,
            pagination,
        },
        StatusCode::OK,
    ))
}

pub async fn new(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    new_page(ctx, user, state, NewSubmitted::default(), StatusCode::OK).await
}

/// What a failed creation brings back to the form.
#[derive(Default)]
struct NewSubmitted {
    member_name: String,
    form: ProfileForm,
    role: Option<RoleRef>,
    stores: Vec<i64>,
    errors: Option<FieldErrors>,
}

async fn new_page(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    submitted: NewSubmitted,
    status: StatusCode,
) -> AppResult<HttpResponse> {
    let NewSubmitted {
        member_name,
        form,
        role,
        stores,
        errors,
    } = submitted;
    // New members default to the least powerful role.
    let role = role.or(Some(RoleRef::Builtin(BuiltinRole::CustomerService)));
    let (ctx, roles, store_opts, user) = state
        .db(move |c| {
            let roles = role_options(c, &ctx, &user, role)?;
            let store_opts = store_options(c, &user, &stores)?;
            Ok((ctx, roles, store_opts, user))
        })
        .await?;
    let errors = errors.unwrap_or_else(|| FieldErrors::new(ctx.lang));
    let page = NewPage {
        seller_name: seller_name(&user),
        ctx,
        member_name,
        form,
        errors,
        roles,
        stores: store_opts,
    };
    Ok(render(&page, status))
}

fn profile_form(fields: &FormFields) -> ProfileForm {
    ProfileForm {
        display_name: fields.get("display_name").to_string(),
        email: fields.get("email").to_string(),
        phone: fields.get("phone").to_string(),
    }
}

pub async fn create(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let member = errors.check("member_name", MemberName::parse(fields.get("member_name")));
    let profile_form = profile_form(&fields);
    let profile = profile_form.parse(&mut errors);
    let role = errors.check(
        "role",
        RoleRef::parse_form_value(fields.get("role")).ok_or("error-role-invalid"),
    );
    let username = format!(
        "{}:{}",
        seller_name(&user),
        fields.get("member_name").trim().to_lowercase()
    );
    let password = errors.check(
        "password",
        NewPassword::parse(
            fields.get("password"),
            fields.get("password_confirm"),
            &username,
        ),
    );
    let stores = fields.ids("stores");
    if let (Some(member), Some(profile), Some(role), Some(password)) =
        (member, profile, role, password)
    {
        let password_hash = hash_password(password.into_inner(), state.config.bcrypt_cost).await?;
        let input = NewSubAccount {
            member,
            profile,
            role,
            password_hash,
            stores: stores.clone(),
        };
        let actor = user.actor(state.client_addr(&req));
        let (actor_user, name) = (user.clone(), seller_name(&user));
        match state
            .write(move |c| sub_accounts::create(c, &actor_user, &actor, &name, &input))
            .await?
        {
            Ok(account) => {
                session.push_flash(FlashKind::Success, "sub-account-created")?;
                return Ok(see_other(&format!("/account/sub-accounts/{}", account.id)));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    let submitted = NewSubmitted {
        member_name: fields.get("member_name").to_string(),
        form: profile_form,
        role,
        stores,
        errors: Some(errors),
    };
    new_page(
        ctx,
        user,
        state,
        submitted,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// What a failed submission brings back to the detail page.
#[derive(Default)]
struct Submitted {
    form: Option<ProfileForm>,
    role: Option<RoleRef>,
    errors: Option<FieldErrors>,
    password_errors: Option<FieldErrors>,
}

async fn detail(
    ctx: PageCtx,
    user: CurrentUser,
    state: &AppState,
    id: i64,
    submitted: Submitted,
) -> AppResult<DetailPage> {
    let (ctx, account, roles, stores) = state
        .db(move |c| {
            let account = sub_accounts::find_manageable(c, &user, id)?;
            let roles = role_options(c, &ctx, &user, submitted.role.or(account.role()))?;
            let granted = sub_accounts::granted_store_ids(c, account.id)?;
            let stores = store_options(c, &user, &granted)?;
            Ok((ctx, account, roles, stores))
        })
        .await?;
    let form = submitted.form.unwrap_or_else(|| ProfileForm {
        display_name: account.display_name.clone(),
        email: account.email.clone(),
        phone: account.phone.clone().unwrap_or_default(),
    });
    Ok(DetailPage {
        errors: submitted
            .errors
            .unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        password_errors: submitted
            .password_errors
            .unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        ctx,
        account,
        form,
        roles,
        stores,
    })
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let page = detail(ctx, user, &state, path.into_inner(), Submitted::default()).await?;
    Ok(render(&page, StatusCode::OK))
}

async fn find(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Account> {
    let user = user.clone();
    state
        .db(move |c| sub_accounts::find_manageable(c, &user, id))
        .await
}

pub async fn update(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let id = path.into_inner();
    let account = find(&state, &user, id).await?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let form = profile_form(&fields);
    let profile: Option<ProfileInput> = form.parse(&mut errors);
    let role = errors.check(
        "role",
        RoleRef::parse_form_value(fields.get("role")).ok_or("error-role-invalid"),
    );
    if let (Some(profile), Some(role)) = (profile, role) {
        let actor = user.actor(state.client_addr(&req));
        let actor_user = user.clone();
        match state
            .write(move |c| sub_accounts::update(c, &actor_user, &actor, &account, &profile, role))
            .await?
        {
            Ok(()) => {
                state.events.access_changed(AccessChange::Account(id));
                session.push_flash(FlashKind::Success, "sub-account-saved")?;
                return Ok(see_other(&format!("/account/sub-accounts/{id}")));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    let page = detail(
        ctx,
        user,
        &state,
        id,
        Submitted {
            form: Some(form),
            role,
            errors: Some(errors),
            password_errors: None,
        },
    )
    .await?;
    Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
}

pub async fn set_stores(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let id = path.into_inner();
    let account = find(&state, &user, id).await?;
    let wanted = FormFields::new(form.into_inner()).ids("stores");
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| sub_accounts::set_grants(c, &user, &actor, &account, &wanted))
        .await?;
    state.events.access_changed(AccessChange::Account(id));
    session.push_flash(FlashKind::Success, "sub-account-stores-saved")?;
    Ok(see_other(&format!("/account/sub-accounts/{id}")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub enabled: String,
}

pub async fn set_status(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let enabled = parse_switch(&form.enabled)?;
    let id = path.into_inner();
    let account = find(&state, &user, id).await?;
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| sub_accounts::set_enabled(c, &actor, &account, enabled))
        .await?;
    state.events.access_changed(AccessChange::Account(id));
    session.push_flash(
        FlashKind::Success,
        if enabled {
            "sub-account-enabled"
        } else {
            "sub-account-disabled"
        },
    )?;
    Ok(see_other(&format!("/account/sub-accounts/{id}")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    pub password: String,
    pub password_confirm: String,
}

pub async fn reset_password(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<ResetForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let id = path.into_inner();
    let account = find(&state, &user, id).await?;
    match NewPassword::parse(&form.password, &form.password_confirm, &account.username) {
        Ok(password) => {
            let hash = hash_password(password.into_inner(), state.config.bcrypt_cost).await?;
            let actor = user.actor(state.client_addr(&req));
            state
                .write(move |c| sub_accounts::reset_password(c, &actor, &account, &hash))
                .await?;
            state.events.access_changed(AccessChange::Account(id));
            session.push_flash(FlashKind::Success, "sub-account-password-reset")?;
            Ok(see_other(&format!("/account/sub-accounts/{id}")))
        }
        Err(key) => {
            let mut password_errors = FieldErrors::new(ctx.lang);
            password_errors.add("new_password", key);
            let submitted = Submitted {
                password_errors: Some(password_errors),
                ..Submitted::default()
            };
            let page = detail(ctx, user, &state, id, submitted).await?;
            Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
    }
}

/// Turns a member's two-factor sign-in off (a lost phone, no recovery codes left), after
/// a confirmation; the member sets it up again at the next sign-in where it is required.
pub async fn reset_two_factor(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<ConfirmForm>,
) -> AppResult<HttpResponse> {
    user.require(Permission::SubAccounts)?;
    let id = path.into_inner();
    let account = find(&state, &user, id).await?;
    let back = format!("/account/sub-accounts/{id}");
    if account.totp_secret.is_none() {
        return Ok(see_other(&back));
    }
    if !confirmed(form.confirm.as_deref()) {
        return Ok(ConfirmPage {
            title: ctx.t("two-factor-reset-title"),
            message: ctx.t1("two-factor-reset-confirm", "name", &account.username),
            action: format!("{back}/two-factor/reset"),
            submit_key: "two-factor-reset-submit",
            cancel_href: back,
            ctx,
        }
        .respond());
    }
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| sub_accounts::reset_two_factor(c, &actor, &account))
        .await?;
    session.push_flash(FlashKind::Success, "two-factor-reset-done")?;
    Ok(see_other(&back))
}
