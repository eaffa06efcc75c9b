//! Chat Assignment pages: the stores overview, a store's Assigned Groups, and the
//! forms to create and change groups.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::groups::{self, ChatGroup, GroupView, NewGroup, Staff};
use super::settings;
use super::sources::ChatSource;
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::stores::model::Store;
use crate::web::confirm::{ConfirmPage, confirmed};
use crate::web::form::{FieldErrors, FormFields, parse_switch};
use crate::web::{AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other};

/// A store the viewer may manage (Chat Assignment permission and the store's grant).
pub async fn managed_store(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Store> {
    user.require(Permission::ChatAssignment)?;
    let user = user.clone();
    state.db(move |c| Store::find_for(c, &user, id)).await
}

pub struct StoreSummary {
    pub store: Store,
    pub groups: i64,
    pub members: i64,
    pub auto_reply: bool,
}

#[derive(Template)]
#[template(path = "chat_assignment/index.html")]
struct IndexPage {
    ctx: PageCtx,
    stores: Vec<StoreSummary>,
}

pub async fn index(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    user.require(Permission::ChatAssignment)?;
    let stores = state
        .db(move |c| {
            let stores = Store::visible_to(c, &user)?;
            let ids: Vec<i64> = stores.iter().map(|s| s.id).collect();
            let counts = groups::counts(c, &ids)?;
            let replies = settings::auto_reply_states(c, &ids)?;
            Ok(stores
                .into_iter()
                .map(|store| {
                    let (_, groups, members) = counts
                        .iter()
                        .find(|(id, _, _)| *id == store.id)
                        .copied()
                        .unwrap_or_default();
                    let auto_reply = replies.iter().any(|(id, on)| *id == store.id && *on);
                    StoreSummary {
                        store,
                        groups,
                        members,
                        auto_reply,
                    }
                })
                .collect())
        })
        .await?;
    Ok(render(&IndexPage { ctx, stores }, StatusCode::OK))
}

#[derive(Template)]
#[template(path = "chat_assignment/store.html")]
struct StorePage {
    ctx: PageCtx,
    store: Store,
    groups: Vec<GroupView>,
}

pub async fn store(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    let id = store.id;
    let groups = state
        .db(move |c| Ok(groups::groups_of_store(c, id)?))
        .await?;
    Ok(render(&StorePage { ctx, store, groups }, StatusCode::OK))
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

fn member_choices(staff: &[Staff], chosen: &[i64]) -> Vec<Choice> {
    staff
        .iter()
        .map(|s| Choice {
            value: s.account_id.to_string(),
            label: format!("{} ({})", s.display_name, s.username),
            checked: chosen.contains(&s.account_id),
        })
        .collect()
}

fn source_choices(ctx: &PageCtx, chosen: &[ChatSource]) -> Vec<Choice> {
    ChatSource::ALL
        .iter()
        .map(|s| Choice {
            value: s.code().to_string(),
            label: ctx.t(s.label_key()),
            checked: chosen.contains(s),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "chat_assignment/group_form.html")]
struct GroupFormPage {
    ctx: PageCtx,
    store: Store,
    group: Option<ChatGroup>,
    name: String,
    members: Vec<Choice>,
    sources: Vec<Choice>,
    errors: FieldErrors,
}

async fn form_page(
    ctx: PageCtx,
    state: &AppState,
    store: Store,
    group: Option<ChatGroup>,
    name: String,
    chosen: (Vec<i64>, Vec<ChatSource>),
    errors: Option<FieldErrors>,
) -> AppResult<GroupFormPage> {
    let target = store.clone();
    let staff = state
        .db(move |c| Ok(groups::eligible_staff(c, &target)?))
        .await?;
    let sources = source_choices(&ctx, &chosen.1);
    Ok(GroupFormPage {
        errors: errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        members: member_choices(&staff, &chosen.0),
        ctx,
        store,
        group,
        name,
        sources,
    })
}

pub async fn new_group(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let store = managed_store(&state, &user, path.into_inner()).await?;
    let page = form_page(
        ctx,
        &state,
        store,
        None,
        String::new(),
        (vec![], vec![]),
        None,
    )
    .await?;
    Ok(render(&page, StatusCode::OK))
}

pub async fn create_group(
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
    let name = errors.check("name", groups::parse_name(fields.get("name")));
    let sources = errors.check("sources", groups::parse_sources(&fields.all("sources")));
    let members = fields.ids("members");
    if let (Some(name), Some(sources)) = (name, sources.clone()) {
        let actor = user.actor(state.client_addr(&req));
        let (target, input) = (
            store.clone(),
            NewGroup {
                name,
                members: members.clone(),
                sources,
            },
        );
        match state
            .write(move |c| groups::create(c, &actor, &target, &input))
            .await?
        {
            Ok(_) => {
                session.push_flash(FlashKind::Success, "group-created")?;
                return Ok(see_other(&format!("/chat-assignment/stores/{}", store.id)));
            }
            Err(invalid) => errors.refuse(invalid),
        }
    }
    let name = fields.get("name").to_string();
    let chosen = (members, sources.unwrap_or_default());
    let page = form_page(ctx, &state, store, None, name, chosen, Some(errors)).await?;
    Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
}

async fn load_group(
    state: &AppState,
    user: &CurrentUser,
    store_id: i64,
    group_id: i64,
) -> AppResult<(Store, GroupView)> {
    let store = managed_store(state, user, store_id).await?;
    let target = store.clone();
    let view = state
        .db(move |c| {
            let group = groups::find(c, &target, group_id)?;
            groups::groups_of_store(c, target.id)?
                .into_iter()
                .find(|v| v.group.id == group.id)
                .ok_or(crate::web::AppError::NotFound)
        })
        .await?;
    Ok((store, view))
}

pub async fn edit_group(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (store_id, group_id) = path.into_inner();
    let (store, view) = load_group(&state, &user, store_id, group_id).await?;
    let chosen = (
        view.members.iter().map(|m| m.account_id).collect(),
        view.sources.clone(),
    );
    let page = form_page(
        ctx,
        &state,
        store,
        Some(view.group.clone()),
        view.group.name,
        chosen,
        None,
    )
    .await?;
    Ok(render(&page, StatusCode::OK))
}

/// One of the group's three edits: `name`, `members` or `sources`.
pub async fn update_group(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, group_id, part) = path.into_inner();
    let (store, view) = load_group(&state, &user, store_id, group_id).await?;
    let fields = FormFields::new(form.into_inner());
    let mut errors = FieldErrors::new(ctx.lang);
    let actor = user.actor(state.client_addr(&req));
    let (target, group) = (store.clone(), view.group.clone());
    let mut chosen = (
        view.members
            .iter()
            .map(|m| m.account_id)
            .collect::<Vec<_>>(),
        view.sources.clone(),
    );
    let mut name = view.group.name.clone();
    match part.as_str() {
        "name" => {
            name = fields.get("name").to_string();
            if let Some(new_name) = errors.check("name", groups::parse_name(&name)) {
                let result = state
                    .write(move |c| groups::rename(c, &actor, &target, &group, &new_name))
                    .await?;
                result.map_err(|invalid| errors.refuse(invalid)).ok();
            }
        }
        "members" => {
            chosen.0 = fields.ids("members");
            let ids = chosen.0.clone();
            let result = state
                .write(move |c| groups::set_members(c, &actor, &target, &group, &ids))
                .await?;
            result.map_err(|invalid| errors.refuse(invalid)).ok();
        }
        "sources" => {
            if let Some(sources) =
                errors.check("sources", groups::parse_sources(&fields.all("sources")))
            {
                chosen.1 = sources.clone();
                state
                    .write(move |c| groups::set_sources(c, &actor, &target, &group, &sources))
                    .await?;
            }
        }
        _ => return Err(crate::web::AppError::NotFound),
    }
    if errors.is_empty() {
        session.push_flash(FlashKind::Success, "group-saved")?;
        return Ok(see_other(&format!("/chat-assignment/stores/{store_id}")));
    }
    let page = form_page(
        ctx,
        &state,
        store,
        Some(view.group),
        name,
        chosen,
        Some(errors),
    )
    .await?;
    Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
}

pub async fn set_group_status(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, group_id) = path.into_inner();
    let active = parse_switch(FormFields::new(form.into_inner()).get("active"))?;
    let (store, view) = load_group(&state, &user, store_id, group_id).await?;
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| groups::set_active(c, &actor, &store, &view.group, active))
        .await?;
    session.push_flash(
        FlashKind::Success,
        if active {
            "group-reopened"
        } else {
            "group-closed"
        },
    )?;
    Ok(see_other(&format!("/chat-assignment/stores/{store_id}")))
}

pub async fn delete_group(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, i64)>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let (store_id, group_id) = path.into_inner();
    let (store, view) = load_group(&state, &user, store_id, group_id).await?;
    if !confirmed(Some(FormFields::new(form.into_inner()).get("confirm"))) {
        let page = ConfirmPage {
            title: ctx.t("group-delete-title"),
            message: ctx.t1("group-delete-message", "name", &view.group.name),
            action: format!("/chat-assignment/stores/{store_id}/groups/{group_id}/delete"),
            submit_key: "group-delete",
            cancel_href: format!("/chat-assignment/stores/{store_id}"),
            ctx,
        };
        return Ok(page.respond());
    }
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| groups::delete(c, &actor, &store, &view.group))
        .await?;
    session.push_flash(FlashKind::Success, "group-deleted")?;
    Ok(see_other(&format!("/chat-assignment/stores/{store_id}")))
}
