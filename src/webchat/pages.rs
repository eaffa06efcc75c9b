//! The agent inbox pages (`/webchat`). They work on reload without JavaScript.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::inbox::{self, Conversation, HistoryMessage, Row, Tab, Transfer, sees_all};
use super::ingest::parse_text;
use super::routing::AgentStatus;
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::chat_assignment::settings::{QuickReply, quick_replies_of};
use crate::chat_assignment::sources::ChatSource;
use crate::stores::model::Store;
use crate::web::form::FormFields;
use crate::web::{
    AppError, AppResult, CurrentUser, FlashKind, PageCtx, TypedSession, render, see_other,
};

fn require_inbox(user: &CurrentUser) -> AppResult<()> {
    if user.can(Permission::Webchat) || sees_all(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InboxQuery {
    pub tab: String,
    pub store: Option<i64>,
}

pub struct Open {
    pub conversation: Conversation,
    pub history: Vec<HistoryMessage>,
    pub quick_replies: Vec<QuickReply>,
    /// Where the viewer may hand this conversation (empty when they may not).
    pub transfers: Vec<Transfer>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "webchat/index.html")]
struct InboxPage {
    ctx: PageCtx,
    status: AgentStatus,
    tab: Tab,
    rows: Vec<Row>,
    stores: Vec<Store>,
    store_filter: Option<i64>,
    show_all_tab: bool,
    open: Option<Open>,
}

impl InboxPage {
    fn source_key(&self, code: &str) -> &'static str {
        ChatSource::from_code(code)
            .map(ChatSource::label_key)
            .unwrap_or("source-other")
    }

    fn status_key(&self, status: &AgentStatus) -> &'static str {
        inbox::status_key(*status)
    }

    fn is_current(&self, status: &AgentStatus) -> bool {
        *status == self.status
    }

    fn statuses(&self) -> [AgentStatus; 3] {
        [AgentStatus::Online, AgentStatus::Idle, AgentStatus::Offline]
    }

    fn status_code(&self, status: &AgentStatus) -> &'static str {
        inbox::status_code(*status)
    }

    fn tab_href(&self, tab: &str) -> String {
        match self.store_filter {
            Some(store) => format!("/webchat?tab={tab}&store={store}"),
            None => format!("/webchat?tab={tab}"),
        }
    }

    fn is_mine(&self, open: &Open) -> bool {
        self.ctx
            .user
            .as_ref()
            .is_some_and(|u| open.conversation.assignee_id == Some(u.account_id))
    }

    fn is_store_filter(&self, id: &i64) -> bool {
        self.store_filter == Some(*id)
    }
}

async fn inbox_page(
    ctx: PageCtx,
    user: CurrentUser,
    state: &AppState,
    query: InboxQuery,
    open: Option<Open>,
) -> AppResult<InboxPage> {
    let tab = match Tab::parse(&query.tab) {
        Tab::All if !sees_all(&user) => Tab::Mine,
        tab => tab,
    };
    let store_filter = query.store;
    let show_all_tab = sees_all(&user);
    let (status, rows, stores) = state
        .db(move |c| {
            let status = inbox::current_status(c, user.account_id)?;
            let rows = inbox::list(c, &user, tab, store_filter)?;
            Ok((status, rows, Store::visible_to(c, &user)?))
        })
        .await?;
    Ok(InboxPage {
        ctx,
        status,
        tab,
        rows,
        stores,
        store_filter,
        show_all_tab,
        open,
    })
}

pub async fn index(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<InboxQuery>,
) -> AppResult<HttpResponse> {
    require_inbox(&user)?;
    let page = inbox_page(ctx, user, &state, query.into_inner(), None).await?;
    Ok(render(&page, StatusCode::OK))
}

async fn open_conversation(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    error: Option<String>,
) -> AppResult<Open> {
    let user = user.clone();
    state
        .db(move |c| {
            let conversation = inbox::find(c, &user, id)?;
            inbox::mark_read(c, &user, &conversation, Utc::now().naive_utc())?;
            let history = inbox::history(c, id)?;
            let quick_replies = quick_replies_of(c, conversation.store.id)?;
            let may_transfer = conversation.status == "open"
                && (conversation.assignee_id == Some(user.account_id) || sees_all(&user));
            let transfers = if may_transfer {
                inbox::transfer_options(c, &conversation)?
            } else {
                vec![]
            };
            Ok(Open {
                conversation,
                history,
                quick_replies,
                transfers,
                error,
            })
        })
        .await
}

pub async fn conversation(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    require_inbox(&user)?;
    let open = open_conversation(&state, &user, path.into_inner(), None).await?;
    let query = InboxQuery {
        tab: if open.conversation.assignee_id.is_none() {
            "queue".into()
        } else {
            "mine".into()
        },
        store: None,
    };
    let page = inbox_page(ctx, user, &state, query, Some(open)).await?;
    Ok(render(&page, StatusCode::OK))
}

pub async fn set_status(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    require_inbox(&user)?;
    let status = match FormFields::new(form.into_inner()).get("status") {
        "online" => AgentStatus::Online,
        "idle" => AgentStatus::Idle,
        "offline" => AgentStatus::Offline,
        _ => return Err(AppError::BadRequest),
    };
    let actor = user.actor(state.client_addr(&req));
    state
        .db(move |c| inbox::set_status(c, &actor, &user, status, Utc::now().naive_utc()))
        .await?;
    session.push_flash(FlashKind::Success, "agent-status-saved")?;
    Ok(see_other("/webchat"))
}

async fn act(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Conversation> {
    require_inbox(user)?;
    let user = user.clone();
    state.db(move |c| inbox::find(c, &user, id)).await
}

pub async fn reply(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let conversation = act(&state, &user, id).await?;
    let mine_or_waiting = conversation
        .assignee_id
        .is_none_or(|a| a == user.account_id);
    if !mine_or_waiting || !user.can(Permission::Webchat) {
        return Err(AppError::Forbidden);
    }
    match parse_text(FormFields::new(form.into_inner()).get("text")) {
        Ok(text) => {
            let agent = user.clone();
            let (seller, store) = (conversation.store.seller_id, conversation.store.id);
            state
                .db(move |c| inbox::reply(c, &agent, &conversation, &text, Utc::now().naive_utc()))
                .await?;
            state.notify(seller, store, id, "message");
            Ok(see_other(&format!("/webchat/conversations/{id}#reply")))
        }
        Err(key) => {
            let open = open_conversation(&state, &user, id, Some(ctx.t(key))).await?;
            let query = InboxQuery {
                tab: "mine".into(),
                store: None,
            };
            let page = inbox_page(ctx, user, &state, query, Some(open)).await?;
            Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
    }
}

pub async fn take(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let conversation = act(&state, &user, id).await?;
    if !user.can(Permission::Webchat) {
        return Err(AppError::Forbidden);
    }
    let (agent, actor) = (user.clone(), user.actor(state.client_addr(&req)));
    let (seller, store) = (conversation.store.seller_id, conversation.store.id);
    state
        .db(move |c| inbox::take(c, &actor, &agent, &conversation, Utc::now().naive_utc()))
        .await?;
    state.notify(seller, store, id, "assigned");
    session.push_flash(FlashKind::Success, "conversation-taken")?;
    Ok(see_other(&format!("/webchat/conversations/{id}")))
}

/// Close dialogue (`/close`) or reopen it (`/reopen`).
pub async fn set_open(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<(i64, String)>,
) -> AppResult<HttpResponse> {
    let (id, action) = path.into_inner();
    let open = match action.as_str() {
        "close" => false,
        "reopen" => true,
        _ => return Err(AppError::NotFound),
    };
    let conversation = act(&state, &user, id).await?;
    let (seller, store) = (conversation.store.seller_id, conversation.store.id);
    let actor = user.actor(state.client_addr(&req));
    state
        .db(move |c| {
            inbox::set_open(
                c,
                &actor,
                &user,
                &conversation,
                open,
                Utc::now().naive_utc(),
            )
        })
        .await?;
    state.notify(seller, store, id, if open { "reopened" } else { "closed" });
    session.push_flash(
        FlashKind::Success,
        if open {
            "conversation-reopened"
        } else {
            "conversation-closed"
        },
    )?;
    Ok(see_other(&format!("/webchat/conversations/{id}")))
}

pub async fn transfer(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let conversation = act(&state, &user, id).await?;
    let choice = FormFields::new(form.into_inner()).get("target").to_string();
    let (seller, store) = (conversation.store.seller_id, conversation.store.id);
    let actor = user.actor(state.client_addr(&req));
    state
        .db(move |c| {
            inbox::transfer(
                c,
                &actor,
                &user,
                &conversation,
                &choice,
                Utc::now().naive_utc(),
            )
        })
        .await?;
    state.notify(seller, store, id, "transferred");
    session.push_flash(FlashKind::Success, "conversation-transferred")?;
    Ok(see_other("/webchat"))
}

/// `/webchat/events`: Server-Sent Events for the stores this agent may work on.
pub async fn events(user: CurrentUser, state: web::Data<AppState>) -> AppResult<HttpResponse> {
    require_inbox(&user)?;
    let seller_id = user.seller_id;
    let stores: Vec<i64> = state
        .db(move |c| Ok(Store::visible_to(c, &user)?))
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let receiver = state.events.subscribe();
    let stream = super::events::sse_stream(receiver, move |e| {
        e.seller_id == seller_id && stores.contains(&e.store_id)
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(stream))
}
