//! The agent inbox pages (`/webchat`). They work on reload without JavaScript. Every
//! change goes through the conversation core; a change that lost a race is explained to
//! the agent with the conversation in view.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use serde::Deserialize;

use super::events::{Audience, SessionCheck, StreamGuard, last_event_id, sse_stream};
use super::fragments::{HeadView, Inline, LineView, RowView};
use super::inbox::{self, Conversation, Cursor, Filter, Line, Reach, Row, Tab, sees_all};
use super::live::{LiveEvent, View};
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::chat_assignment::groups::QueueScope;
use crate::chat_assignment::settings::{QuickReply, quick_replies_of};
use crate::conversations::{
    self, AgentStatus, Conflict, CoreError, EventKind, Image, Transfer, parse_text,
    parse_text_with_image, transfer_options,
};
use crate::i18n::Fmt;
use crate::stores::model::Store;
use crate::web::form::FormFields;
use crate::web::page::request_lang;
use crate::web::upload::{Submission, Upload, read_form};
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
    /// Search by buyer name or message text.
    pub q: String,
    /// Where an older page starts (`inbox::Cursor`).
    pub after: Option<String>,
}

pub struct Open {
    pub conversation: Conversation,
    pub history: Vec<Line>,
    /// Older lines exist before this message ("earlier messages").
    pub earlier: Option<i64>,
    /// An earlier part is shown, not the newest messages.
    pub looking_back: bool,
    pub quick_replies: Vec<QuickReply>,
    /// Where the viewer may hand this conversation (empty when they may not).
    pub transfers: Vec<Transfer>,
    /// Why the typed reply is not acceptable (shown at the reply box).
    pub error: Option<String>,
    /// Why nothing happened: someone else changed the conversation first.
    pub notice: Option<String>,
    /// A reply that could not be sent, kept for the agent to send again or discard.
    pub draft: String,
}

#[derive(Template)]
#[template(path = "webchat/index.html")]
struct InboxPage {
    ctx: PageCtx,
    status: AgentStatus,
    tab: Tab,
    rows: Vec<Row>,
    next: Option<Cursor>,
    /// The stores of the store menu, by id and name.
    stores: Vec<(i64, String)>,
    store_filter: Option<i64>,
    /// The search typed (empty: none).
    search: String,
    /// What the tab title, favicon and alerts count.
    waiting: inbox::Waiting,
    /// The viewer's queue, for the live page to tell which chats belong in it (`None`:
    /// every waiting chat of their stores).
    queue: Option<QueueScope>,
    /// The newest event this page shows: its live updates start after it.
    live_after: i64,
    show_all_tab: bool,
    /// When the page was made: what its waiting times count to.
    now: NaiveDateTime,
    open: Option<Open>,
    unsent: Option<Unsent>,
}

impl InboxPage {
    fn is_current(&self, status: &AgentStatus) -> bool {
        *status == self.status
    }

    fn statuses(&self) -> &'static [AgentStatus] {
        AgentStatus::ALL
    }

    fn tab_href(&self, tab: &str) -> String {
        let mut query = vec![("tab", tab.to_string())];
        if let Some(store) = self.store_filter {
            query.push(("store", store.to_string()));
        }
        if !self.search.is_empty() {
            query.push(("q", self.search.clone()));
        }
        format!(
            "/webchat?{}",
            serde_urlencoded::to_string(&query).unwrap_or_default()
        )
    }

    fn older_href(&self, next: &Cursor) -> String {
        format!("{}&after={}", self.tab_href(self.tab.code()), next.encode())
    }

    fn is_mine(&self, open: &Open) -> bool {
        self.ctx
            .user
            .as_ref()
            .is_some_and(|u| open.conversation.assignee_id == Some(u.account_id))
    }

    fn me(&self) -> i64 {
        self.ctx.user.as_ref().map_or(0, |u| u.account_id)
    }

    fn is_store_filter(&self, id: &i64) -> bool {
        self.store_filter == Some(*id)
    }

    fn row<'a>(&self, row: &'a Row) -> Inline<RowView<'a>> {
        Inline(RowView {
            f: self.ctx.fmt(),
            row,
            now: self.now,
        })
    }

    fn line<'a>(&self, open: &'a Open, line: &'a Line) -> Inline<LineView<'a>> {
        Inline(LineView {
            f: self.ctx.fmt(),
            line,
            buyer: &open.conversation.buyer,
            store: &open.conversation.store.name,
        })
    }

    fn head<'a>(&self, open: &'a Open) -> Inline<HeadView<'a>> {
        Inline(HeadView {
            f: self.ctx.fmt(),
            head: &open.conversation,
        })
    }

    /// The viewer's queue as the live page reads it: `all`, or the (store, source)
    /// pairs and groups it takes.
    fn queue_json(&self) -> String {
        match &self.queue {
            None => "\"all\"".to_string(),
            Some(scope) => serde_json::json!({
                "sources": scope.sources.iter().collect::<Vec<_>>(),
                "groups": scope.groups,
            })
            .to_string(),
        }
    }

    fn ids(&self, ids: &[i64]) -> String {
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }

    /// The assignee the page shows, as the transfer form sends it back.
    fn assignee_value(&self, open: &Open) -> String {
        open.conversation
            .assignee_id
            .map(|a| a.to_string())
            .unwrap_or_default()
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
    let filter = Filter {
        store: store_filter,
        // A search longer than any buyer name or message is no search at all.
        search: query.q.chars().take(100).collect(),
        after: query.after.as_deref().and_then(Cursor::parse),
    };
    let search = filter.search.clone();
    let show_all_tab = sees_all(&user);
    // Read before the page: an event after it may also be in the page, and applying it
    // again changes nothing; one before it is in the page for sure.
    let live_after = state.events.last();
    let (status, page, stores, waiting, queue) = state
        .read_quick(move |c| {
            crate::db::read_transaction(c, |c| {
                let status = conversations::current_status(c, user.account_id)?;
                let stores = Store::names_visible_to(c, &user)?;
                let queue = inbox::queue_of(c, &user)?;
                let page = inbox::list(c, &user, tab, &filter)?;
                let waiting = inbox::waiting(c, &user)?;
                Ok((status, page, stores, waiting, queue))
            })
        })
        .await?;
    Ok(InboxPage {
        ctx,
        status,
        tab,
        rows: page.rows,
        next: page.next,
        stores,
        store_filter,
        search,
        waiting,
        queue,
        live_after,
        show_all_tab,
        now: Utc::now().naive_utc(),
        open,
        unsent: None,
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
    before: Option<i64>,
    refusal: Refusal,
    draft: String,
) -> AppResult<Open> {
    let reader = user.clone();
    let conversation = state.db(move |c| inbox::find(c, &reader, id)).await?;
    if conversation.unread {
        let agent = user.clone();
        state
            .write(move |c| conversations::mark_read(c, &agent, id, Utc::now().naive_utc()))
            .await
            .map_err(AppError::from)?;
    }
    let user = user.clone();
    state
        .db(move |c| {
            let history = inbox::history(c, id, before)?;
            let quick_replies = quick_replies_of(c, conversation.store.id)?;
            let may_transfer = conversation.is_open()
                && (conversation.assignee_id == Some(user.account_id) || sees_all(&user));
            let transfers = if may_transfer {
                transfer_options(c, &conversation.store, conversation.assignee_id)?
            } else {
                vec![]
            };
            Ok(Open {
                conversation,
                history: history.lines,
                earlier: history.earlier,
                looking_back: before.is_some(),
                quick_replies,
                transfers,
                error: refusal.error,
                notice: refusal.notice,
                draft,
            })
        })
        .await
}

/// Why a reply was not sent: its text, or a conflict.
#[derive(Debug, Clone, Default)]
struct Refusal {
    error: Option<String>,
    notice: Option<String>,
}

impl Refusal {
    fn conflict(ctx: &PageCtx, conflict: &Conflict) -> Self {
        let (key, args) = conflict_message(conflict);
        let args = crate::i18n::args(args);
        Refusal {
            error: None,
            notice: Some(crate::i18n::tr(ctx.lang, key, Some(&args))),
        }
    }
}

/// A reply that could not be sent, shown above the inbox when its conversation can no
/// longer be opened.
pub struct Unsent {
    pub notice: String,
    pub draft: String,
}

/// What the agent is told when someone else changed the conversation first.
fn conflict_message(conflict: &Conflict) -> (&'static str, Vec<(&'static str, &str)>) {
    match conflict {
        Conflict::TakenBy(name) => ("conversation-conflict-taken", vec![("name", name.as_str())]),
        Conflict::MovedTo(Some(name)) => {
            ("conversation-conflict-moved", vec![("name", name.as_str())])
        }
        Conflict::MovedTo(None) => ("conversation-conflict-returned", vec![]),
        Conflict::Closed => ("conversation-conflict-closed", vec![]),
        Conflict::BuyerHasOpenChat => ("conversation-conflict-buyer-open", vec![]),
    }
}

/// Says why nothing happened, then shows the conversation if the agent may still open
/// it, else the inbox.
async fn explain_conflict(
    state: &AppState,
    session: &TypedSession,
    user: &CurrentUser,
    id: i64,
    conflict: &Conflict,
) -> AppResult<HttpResponse> {
    let (key, args) = conflict_message(conflict);
    session.push_flash_with(FlashKind::Error, key, &args)?;
    let reader = user.clone();
    let visible = state
        .db(move |c| Ok(matches!(inbox::reach(c, &reader, id)?, Reach::Open(_))))
        .await?;
    Ok(see_other(&if visible {
        format!("/webchat/conversations/{id}")
    } else {
        "/webchat".to_string()
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HistoryQuery {
    /// Show the lines before this message ("earlier messages").
    pub before: Option<i64>,
}

pub async fn conversation(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<HistoryQuery>,
) -> AppResult<HttpResponse> {
    require_inbox(&user)?;
    let open = open_conversation(
        &state,
        &user,
        path.into_inner(),
        query.before,
        Refusal::default(),
        String::new(),
    )
    .await?;
    let query = InboxQuery {
        tab: if open.conversation.assignee_id.is_none() {
            "queue".into()
        } else {
            "mine".into()
        },
        ..InboxQuery::default()
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
    let status = AgentStatus::from_code(FormFields::new(form.into_inner()).get("status"))
        .ok_or(AppError::BadRequest)?;
    let actor = user.actor(state.client_addr(&req));
    state
        .write(move |c| conversations::set_status(c, &actor, &user, status, Utc::now().naive_utc()))
        .await?;
    session.push_flash(FlashKind::Success, "agent-status-saved")?;
    Ok(see_other("/webchat"))
}

/// The conversation the agent acts on, after the same checks as opening it; or what
/// became of it when someone else was quicker.
async fn reach(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Reach> {
    require_inbox(user)?;
    let user = user.clone();
    state.db(move |c| inbox::reach(c, &user, id)).await
}

/// The reply form's file input.
const IMAGE_FIELD: &str = "image";

pub async fn reply(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    if !user.can(Permission::Webchat) {
        return Err(AppError::Forbidden);
    }
    let Submission { fields, upload } = read_form(&req, payload, IMAGE_FIELD).await?;
    let typed = fields.get("text").to_string();
    let conflict = match reach(&state, &user, id).await? {
        Reach::Open(c) if c.assignee_id.is_none_or(|a| a == user.account_id) => None,
        // The reply box showed a chat that is now someone else's.
        Reach::Open(_) => {
            let seller_id = user.seller_id;
            Some(
                state
                    .db(move |c| Ok(conversations::conflict_now(c, seller_id, id)?))
                    .await?,
            )
        }
        Reach::Gone(conflict) => Some(conflict),
    };
    let refusal = match conflict {
        Some(conflict) => Refusal::conflict(&ctx, &conflict),
        None => match checked_reply(&typed, upload).await? {
            Err(key) => Refusal {
                error: Some(ctx.t(key)),
                notice: None,
            },
            Ok((text, image)) => {
                let (actor, agent) = (user.actor(state.client_addr(&req)), user.clone());
                let sent = state
                    .write(move |c| {
                        let now = Utc::now().naive_utc();
                        conversations::reply(c, &actor, &agent, id, &text, image.as_ref(), now)
                    })
                    .await;
                match sent {
                    Ok(_) => return Ok(see_other(&format!("/webchat/conversations/{id}#reply"))),
                    Err(CoreError::Conflict(conflict)) => Refusal::conflict(&ctx, &conflict),
                    Err(e) => return Err(e.into()),
                }
            }
        },
    };
    refused_reply(ctx, user, &state, id, refusal, typed).await
}

/// The reply's text and image as the core takes them, or the translation key of why
/// they cannot be sent. The image is decoded on the blocking pool.
async fn checked_reply(
    typed: &str,
    upload: Upload,
) -> AppResult<Result<(String, Option<Image>), &'static str>> {
    let bytes = match upload {
        Upload::None => None,
        Upload::TooLarge => return Ok(Err("error-image-too-big")),
        Upload::File(bytes) => Some(bytes),
    };
    let text = match parse_text_with_image(typed, bytes.is_some()) {
        Ok(text) => text,
        Err(key) => return Ok(Err(key)),
    };
    let Some(bytes) = bytes else {
        return Ok(Ok((text, None)));
    };
    Ok(web::block(move || Image::from_upload(bytes))
        .await?
        .map(|image| (text, Some(image))))
}

/// `POST /webchat/conversations/{id}/note`: a private note for the team, on any
/// conversation the agent may open; never shown to the buyer or sent to integrations.
pub async fn note(
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    require_inbox(&user)?;
    let back = format!("/webchat/conversations/{id}#history");
    match reach(&state, &user, id).await? {
        Reach::Open(_) => {}
        Reach::Gone(conflict) => {
            return explain_conflict(&state, &session, &user, id, &conflict).await;
        }
    }
    let text = match parse_text(FormFields::new(form.into_inner()).get("text")) {
        Ok(text) => text,
        Err(key) => {
            session.push_flash(FlashKind::Error, key)?;
            return Ok(see_other(&back));
        }
    };
    state
        .write(move |c| conversations::add_note(c, &user, id, &text, Utc::now().naive_utc()))
        .await?;
    session.push_flash(FlashKind::Success, "webchat-note-added")?;
    Ok(see_other(&back))
}

/// `POST /webchat/conversations/{id}/read`: the assignee saw what came in while the
/// chat was open on their screen (a live page says so). Nothing changes for anyone else;
/// the answer is empty either way.
pub async fn read(
    user: CurrentUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    if let Reach::Open(_) = reach(&state, &user, id).await? {
        state
            .write(move |c| conversations::mark_read(c, &user, id, Utc::now().naive_utc()))
            .await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Nothing was sent: the conversation again (or the inbox, when the agent may no longer
/// open it), with the reason and the typed text.
async fn refused_reply(
    ctx: PageCtx,
    user: CurrentUser,
    state: &AppState,
    id: i64,
    refusal: Refusal,
    draft: String,
) -> AppResult<HttpResponse> {
    let status = if refusal.notice.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let shown = refusal.clone();
    let (open, unsent) = match open_conversation(state, &user, id, None, shown, draft.clone()).await
    {
        Ok(open) => (Some(open), None),
        Err(AppError::Forbidden) => {
            let notice = refusal.notice.or(refusal.error).unwrap_or_default();
            (None, Some(Unsent { notice, draft }))
        }
        Err(e) => return Err(e),
    };
    let mut page = inbox_page(ctx, user, state, InboxQuery::default(), open).await?;
    page.unsent = unsent;
    Ok(render(&page, status))
}

pub async fn take(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
    session: TypedSession,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    if !user.can(Permission::Webchat) {
        return Err(AppError::Forbidden);
    }
    if let Reach::Gone(conflict) = reach(&state, &user, id).await? {
        return explain_conflict(&state, &session, &user, id, &taken_by(conflict)).await;
    }
    let (actor, agent) = (user.actor(state.client_addr(&req)), user.clone());
    let taken = state
        .write(move |c| conversations::take(c, &actor, &agent, id, Utc::now().naive_utc()))
        .await;
    match taken {
        Ok(()) => {
            session.push_flash(FlashKind::Success, "conversation-taken")?;
            Ok(see_other(&format!("/webchat/conversations/{id}")))
        }
        Err(CoreError::Conflict(conflict)) => {
            explain_conflict(&state, &session, &user, id, &taken_by(conflict)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A waiting chat that now has an assignee was taken by them.
fn taken_by(conflict: Conflict) -> Conflict {
    match conflict {
        Conflict::MovedTo(Some(name)) => Conflict::TakenBy(name),
        other => other,
    }
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
    if let Reach::Gone(conflict) = reach(&state, &user, id).await? {
        return explain_conflict(&state, &session, &user, id, &conflict).await;
    }
    let (actor, agent) = (user.actor(state.client_addr(&req)), user.clone());
    let changed = state
        .write(move |c| {
            conversations::set_open(c, &actor, &agent, id, open, Utc::now().naive_utc())
        })
        .await;
    match changed {
        Ok(_) => {
            let key = if open {
                "conversation-reopened"
            } else {
                "conversation-closed"
            };
            session.push_flash(FlashKind::Success, key)?;
            Ok(see_other(&format!("/webchat/conversations/{id}")))
        }
        Err(CoreError::Conflict(conflict)) => {
            explain_conflict(&state, &session, &user, id, &conflict).await
        }
        Err(e) => Err(e.into()),
    }
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
    let conversation = match reach(&state, &user, id).await? {
        Reach::Open(conversation) => *conversation,
        Reach::Gone(conflict) => {
            return explain_conflict(&state, &session, &user, id, &conflict).await;
        }
    };
    if !(conversation.assignee_id == Some(user.account_id) || sees_all(&user)) {
        return Err(AppError::Forbidden);
    }
    let fields = FormFields::new(form.into_inner());
    let choice = fields.get("target").to_string();
    // The assignee the agent saw when choosing; a form without it means "as it is now".
    let expected = match fields.get("assignee") {
        "" if !fields.has("assignee") => conversation.assignee_id,
        "" => None,
        text => Some(text.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    // A note for whoever gets the chat, when one was written.
    let note = match fields.get("note").trim() {
        "" => String::new(),
        typed => match parse_text(typed) {
            Ok(text) => text,
            Err(key) => {
                session.push_flash(FlashKind::Error, key)?;
                return Ok(see_other(&format!("/webchat/conversations/{id}")));
            }
        },
    };
    let (actor, agent) = (user.actor(state.client_addr(&req)), user.clone());
    let moved = state
        .write(move |c| {
            let now = Utc::now().naive_utc();
            conversations::transfer(c, &actor, &agent, id, expected, &choice, &note, now)
        })
        .await;
    match moved {
        Ok(()) => {
            session.push_flash(FlashKind::Success, "conversation-transferred")?;
            Ok(see_other("/webchat"))
        }
        Err(CoreError::Conflict(conflict)) => {
            explain_conflict(&state, &session, &user, id, &conflict).await
        }
        Err(CoreError::Invalid(key)) => {
            session.push_flash(FlashKind::Error, key)?;
            Ok(see_other(&format!("/webchat/conversations/{id}")))
        }
        Err(e) => Err(e.into()),
    }
}

/// Notes the agent's open page for presence, without holding up the stream (a lost
/// beat is made up by the next).
fn presence_heartbeat(state: &AppState, account_id: i64) -> super::events::Heartbeat {
    let state = state.clone();
    Box::new(move || {
        let state = state.clone();
        actix_web::rt::spawn(async move {
            let now = Utc::now().naive_utc();
            let noted = state
                .write(move |c| Ok::<_, AppError>(conversations::seen(c, account_id, now)?))
                .await;
            if let Err(e) = noted {
                log::warn!("presence: cannot note an open page: {e}");
            }
        });
    })
}

/// `/webchat/events`: Server-Sent Events for the stores this agent may work on; a
/// reconnecting page gets what it missed (`Last-Event-ID`).
pub async fn events(
    req: HttpRequest,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    require_inbox(&user)?;
    let guard = StreamGuard {
        permit: state
            .limits
            .streams
            .open(Some(user.session_id), &state.limit_key(&req))?,
        session: Some(SessionCheck {
            account_id: user.account_id,
            session_id: user.session_id,
            access_version: user.access_version,
            policy: state.config.sessions,
        }),
        heartbeat: Some(presence_heartbeat(&state, user.account_id)),
    };
    let (seller_id, viewer) = (user.seller_id, user.account_id);
    let fmt = Fmt {
        lang: request_lang(&req),
        zone: user.time_zone,
    };
    let stores: Vec<i64> = state
        .db(move |c| Ok(Store::visible_to(c, &user)?))
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let audience = Audience {
        seller_id,
        render: move |live: &LiveEvent| {
            let e = &live.event;
            // A read concerns the reader's own pages only.
            let others_read = e.kind == EventKind::Read.code() && e.account_id != Some(viewer);
            (stores.contains(&e.store_id) && !others_read).then(|| live.frame(View::Team, fmt))
        },
    };
    let stream = sse_stream(&state.events, audience, last_event_id(&req), guard);
    Ok(super::events::sse_response(stream))
}
