//! My Account → Roles: the built-in roles and the seller's custom roles.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::permissions::{BuiltinRole, Permission, PermissionSet};
use super::roles::{self, MAX_CUSTOM_ROLES, Role};
use super::sub_accounts::may_assign;
use crate::app::AppState;
use crate::web::confirm::{ConfirmPage, confirmed};
use crate::web::form::{FieldErrors, FormFields};
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
};
use crate::webchat::events::AccessChange;

pub struct PermissionOption {
    pub code: &'static str,
    pub key: &'static str,
    pub checked: bool,
}

fn permission_options(set: PermissionSet) -> Vec<PermissionOption> {
    Permission::ALL
        .iter()
        .map(|p| PermissionOption {
            code: p.code(),
            key: p.label_key(),
            checked: set.contains(*p),
        })
        .collect()
}

pub struct RoleRow {
    pub id: Option<i64>,
    pub name: String,
    pub permissions: Vec<&'static str>,
    pub users: i64,
}

#[derive(Template)]
#[template(path = "accounts/roles.html")]
struct ListPage {
    ctx: PageCtx,
    builtin: Vec<RoleRow>,
    custom: Vec<RoleRow>,
    can_add: bool,
    max: i64,
}

#[derive(Template)]
#[template(path = "accounts/role_form.html")]
struct FormPage {
    ctx: PageCtx,
    role_id: Option<i64>,
    name: String,
    permissions: Vec<PermissionOption>,
    errors: FieldErrors,
}

fn labels(set: PermissionSet) -> Vec<&'static str> {
    set.iter().map(Permission::label_key).collect()
}

pub async fn list(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Roles)?;
    let seller_id = user.seller_id;
    let custom = state
        .db(move |c| {
            let roles = Role::of_seller(c, seller_id)?;
            let mut rows = Vec::with_capacity(roles.len());
            for r in roles {
                let users = Role::users(c, seller_id, r.id)?;
                rows.push(RoleRow {
                    id: Some(r.id),
                    permissions: labels(r.permission_set()),
                    name: r.name,
                    users,
                });
            }
            Ok(rows)
        })
        .await?;
    let builtin = BuiltinRole::ALL
        .iter()
        .map(|b| RoleRow {
            id: None,
            name: ctx.t(b.label_key()),
            permissions: labels(b.permissions()),
            users: 0,
        })
        .collect();
    let can_add = (custom.len() as i64) < MAX_CUSTOM_ROLES;
    Ok(render(
        &ListPage {
            ctx,
            builtin,
            custom,
            can_add,
            max: MAX_CUSTOM_ROLES,
        },
        StatusCode::OK,
    ))
}

pub async fn new(ctx: PageCtx, user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Permission::Roles)?;
    let errors = FieldErrors::new(ctx.lang);
    let page = FormPage {
        ctx,
        role_id: None,
        name: String::new(),
        permissions: permission_options(PermissionSet::default()),
        errors,
    };
    Ok(render(&page, StatusCode::OK))
}

/// Parses name and permissions; a sub-account cannot grant a role more than it holds.
fn parse(
    fields: &FormFields,
    user: &CurrentUser,
    errors: &mut FieldErrors,
) -> (Option<String>, PermissionSet) {
    let name = errors.check("name", roles::parse_name(fields.get("name")));
    let set = PermissionSet::of(
        &fields
            .all("permissions")
            .iter()
            .filter_map(|c| Permission::from_code(c))
            .collect::<Vec<_>>(),
    );
    if errors
        .check("permissions", roles::parse_permissions(set))
        .is_some()
        && !may_assign(user, set)
    {
        errors.add("permissions", "error-role-permissions-exceed");
    }
    (name, set)
}

pub async fn create(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Roles)?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let (name, set) = parse(&fields, &user, &mut errors);
    if let (Some(name), true) = (name, errors.is_empty()) {
        let actor = user.actor(state.client_addr(&req));
        match state
            .write(move |c| roles::create(c, &actor, &name, set))
            .await?
        {
            Ok(_) => {
                session.push_flash(FlashKind::Success, "role-created")?;
                return Ok(see_other("/account/roles"));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    let page = FormPage {
        ctx,
        role_id: None,
        name: fields.get("name").to_string(),
        permissions: permission_options(set),
        errors,
    };
    Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
}

/// A role of the seller (404 otherwise) that `user` may change: one whose permissions
/// they hold themselves (403 otherwise), so nobody rewrites a role above their own.
async fn find(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Role> {
    let seller_id = user.seller_id;
    let role = state
        .db(move |c| Role::find(c, seller_id, id)?.ok_or(AppError::NotFound))
        .await?;
    if may_assign(user, role.permission_set()) {
        Ok(role)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Roles)?;
    let role = find(&state, &user, path.into_inner()).await?;
    let errors = FieldErrors::new(ctx.lang);
    let page = FormPage {
        ctx,
        role_id: Some(role.id),
        permissions: permission_options(role.permission_set()),
        name: role.name,
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
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Roles)?;
    let role = find(&state, &user, path.into_inner()).await?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let (name, set) = parse(&fields, &user, &mut errors);
    let role_id = role.id;
    if let (Some(name), true) = (name, errors.is_empty()) {
        let actor = user.actor(state.client_addr(&req));
        match state
            .write(move |c| roles::update(c, &actor, &role, &name, set))
            .await?
        {
            Ok(()) => {
                // Its holders' live pages reconnect with what they may see now.
                state
                    .events
                    .access_changed(AccessChange::Seller(user.seller_id));
                session.push_flash(FlashKind::Success, "role-saved")?;
                return Ok(see_other("/account/roles"));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    let page = FormPage {
        ctx,
        role_id: Some(role_id),
        name: fields.get("name").to_string(),
        permissions: permission_options(set),
        errors,
    };
    Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
}

pub async fn delete(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    user.require(Permission::Roles)?;
    let role = find(&state, &user, path.into_inner()).await?;
    if !confirmed(Some(FormFields::new(form.into_inner()).get("confirm"))) {
        let page = ConfirmPage {
            title: ctx.t("role-delete-title"),
            message: ctx.t1("role-delete-message", "name", &role.name),
            action: format!("/account/roles/{}/delete", role.id),
            submit_key: "role-delete",
            cancel_href: "/account/roles".to_string(),
            ctx,
        };
        return Ok(page.respond());
    }
    let actor = user.actor(state.client_addr(&req));
    let deleted = state
        .write(move |c| roles::delete(c, &actor, &role))
        .await?;
    session.push_flash(
        if deleted {
            FlashKind::Success
        } else {
            FlashKind::Error
        },
        if deleted {
            "role-deleted"
        } else {
            "role-in-use"
        },
    )?;
    Ok(see_other("/account/roles"))
}
