//! The agent inbox's reads: the Mine / Queue / All lists in keyset pages, one
//! conversation and its history. Every query is scoped to the seller and to the stores
//! the agent may work on. Changes go through the conversation core.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::images::Shown;
use crate::accounts::permissions::Permission;
use crate::chat_assignment::groups::{QueueScope, queue_scope};
use crate::chat_assignment::sources::ChatSource;
use crate::conversations::{Conflict, ConversationStatus, EventKind, Sender, conflict_now};
use crate::db::schema::{
    accounts, buyers, chat_events, chat_groups, conversations, messages, stores,
};
use crate::db::{DbConnection, escape_like, lower};
use crate::stores::model::Store;
use crate::web::{AppError, CurrentUser};

/// Conversations per page of a list.
pub const PAGE_SIZE: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Mine,
    Queue,
    All,
}

impl Tab {
    pub fn parse(code: &str) -> Tab {
        match code {
            "queue" => Tab::Queue,
            "all" => Tab::All,
            _ => Tab::Mine,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Tab::Mine => "mine",
            Tab::Queue => "queue",
            Tab::All => "all",
        }
    }
}

/// Who sees every conversation of their stores: the main account, Administrators, and
/// Supervisors (Chat Assignment) for their granted stores.
pub fn sees_all(user: &CurrentUser) -> bool {
    user.can(Permission::ChatAssignment)
}

/// Where a page of a list starts: after the row with this time and id (the last
/// message's for lists newest first, the waiting start's for the Queue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: NaiveDateTime,
    pub id: i64,
}

impl Cursor {
    // All the digits: SQLite keeps times as written (nanoseconds), and a cursor cut to
    // microseconds would show the last row of a page again on the next.
    const FORMAT: &'static str = "%Y%m%dT%H%M%S%.f";

    /// `20261201T101500.123456_42`; anything else is no cursor (the first page).
    pub fn parse(text: &str) -> Option<Cursor> {
        let (at, id) = text.split_once('_')?;
        Some(Cursor {
            at: NaiveDateTime::parse_from_str(at, Self::FORMAT).ok()?,
            id: id.parse().ok()?,
        })
    }

    pub fn encode(&self) -> String {
        format!("{}_{}", self.at.format(Self::FORMAT), self.id)
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub store_name: String,
    pub source: String,
    pub buyer: String,
    pub status: ConversationStatus,
    pub assignee_id: Option<i64>,
    pub last_text: String,
    pub last_message_at: NaiveDateTime,
    /// When the buyer began waiting for an answer (the Queue shows how long).
    pub waiting_since: NaiveDateTime,
    pub unread: i64,
}

impl Row {
    pub fn is_closed(&self) -> bool {
        self.status == ConversationStatus::Closed
    }
}

pub struct Page {
    pub rows: Vec<Row>,
    /// Where the next (older) page starts, when there is one.
    pub next: Option<Cursor>,
}

/// id, store name, source, buyer, status, assignee, last message time, waiting since.
type ListRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    NaiveDateTime,
    NaiveDateTime,
);

/// The queue as a condition on `conversations`: what the agent's active groups take,
/// or was handed to one of them. Store ids and group ids are integers and sources are
/// codes from our own list, so the text is built from trusted values only.
fn queue_condition(scope: &QueueScope) -> String {
    let mut by_store: BTreeMap<i64, Vec<&'static str>> = BTreeMap::new();
    for (store, source) in &scope.sources {
        if let Some(source) = ChatSource::from_code(source) {
            by_store.entry(*store).or_default().push(source.code());
        }
    }
    let mut parts: Vec<String> = by_store
        .iter()
        .map(|(store, sources)| {
            let list: Vec<String> = sources.iter().map(|s| format!("'{s}'")).collect();
            format!(
                "(conversations.store_id = {store} AND conversations.source IN ({}))",
                list.join(", ")
            )
        })
        .collect();
    if !scope.groups.is_empty() {
        let ids: Vec<String> = scope.groups.iter().map(i64::to_string).collect();
        parts.push(format!("conversations.group_id IN ({})", ids.join(", ")));
    }
    if parts.is_empty() {
        "1 = 0".to_string()
    } else {
        format!("({})", parts.join(" OR "))
    }
}

/// The viewer's queue: what their active groups take, or `None` for the main account
/// and supervisors, who see every waiting chat of their stores (including those no
/// group takes).
pub fn queue_of(c: &mut DbConnection, user: &CurrentUser) -> QueryResult<Option<QueueScope>> {
    if sees_all(user) {
        return Ok(None);
    }
    queue_scope(c, user.seller_id, user.account_id).map(Some)
}

/// The most chats the alerts follow one by one (a page says "1000" beyond).
const WAITING_IDS: i64 = 1000;

/// What the inbox alerts about: the viewer's chats with something unread, and the chats
/// waiting in their queue, by id, so a live page can keep the counts as chats come and
/// go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waiting {
    pub unread: Vec<i64>,
    pub queued: Vec<i64>,
}

/// `visible` are the ids of the stores the viewer may work on (`Store::visible_to`),
/// `queue` their queue (`queue_of`).
pub fn waiting(
    c: &mut DbConnection,
    user: &CurrentUser,
    visible: &[i64],
    queue: Option<&QueueScope>,
) -> Result<Waiting, AppError> {
    let open = ConversationStatus::Open.code();
    let unread = conversations::table
        .filter(conversations::seller_id.eq(user.seller_id))
        .filter(conversations::assignee_id.eq(user.account_id))
        .filter(conversations::status.eq(open))
        .filter(
            conversations::assignee_read_at
                .is_null()
                .or(conversations::last_message_at
                    .nullable()
                    .gt(conversations::assignee_read_at)),
        )
        .select(conversations::id)
        .limit(WAITING_IDS)
        .load(c)?;
    let mut queued = conversations::table
        .filter(conversations::seller_id.eq(user.seller_id))
        .filter(conversations::store_id.eq_any(visible))
        .filter(conversations::assignee_id.is_null())
        .filter(conversations::status.eq(open))
        .into_boxed();
    if let Some(scope) = queue {
        queued = queued.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &queue_condition(scope),
        ));
    }
    let queued = queued
        .select(conversations::id)
        .limit(WAITING_IDS)
        .load(c)?;
    Ok(Waiting { unread, queued })
}

/// What a list shows: a tab, optionally one store and a search, from a cursor on.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub store: Option<i64>,
    /// Buyer name or message text (an order number is in the messages), any case.
    pub search: String,
    pub after: Option<Cursor>,
}

/// How long the buyer has waited for a first answer (their first unanswered message),
/// else the last message: the Queue's order and the waiting time it shows.
fn waiting_since() -> diesel::expression::SqlLiteral<diesel::sql_types::Timestamp> {
    diesel::dsl::sql::<diesel::sql_types::Timestamp>(
        "COALESCE(conversations.awaiting_since, conversations.last_message_at)",
    )
}

/// One page of a tab, among the stores `visible` to the viewer: the Queue oldest-waiting
/// first, the other tabs newest first. The queue and the search are applied in SQL
/// before the page is cut, so no match is hidden behind rows that do not match.
pub fn list(
    c: &mut DbConnection,
    user: &CurrentUser,
    tab: Tab,
    filter: &Filter,
    visible: &[i64],
    queue: Option<&QueueScope>,
) -> Result<Page, AppError> {
    let (store_filter, after) = (filter.store, filter.after);
    let stores: Vec<i64> = visible
        .iter()
        .copied()
        .filter(|id| store_filter.is_none_or(|f| f == *id))
        .collect();
    let open = ConversationStatus::Open.code();
    let mut query = conversations::table
        .inner_join(buyers::table)
        .inner_join(stores::table.on(stores::id.eq(conversations::store_id)))
        .filter(conversations::seller_id.eq(user.seller_id))
        .filter(conversations::store_id.eq_any(&stores))
        .into_boxed();
    match tab {
        Tab::Mine => {
            query = query
                .filter(conversations::assignee_id.eq(user.account_id))
                .filter(conversations::status.eq(open));
        }
        Tab::Queue => {
            query = query
                .filter(conversations::assignee_id.is_null())
                .filter(conversations::status.eq(open));
            if let Some(scope) = queue {
                query = query.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
                    &queue_condition(scope),
                ));
            }
        }
        Tab::All if sees_all(user) => {}
        Tab::All => return Err(AppError::Forbidden),
    }
    let search = filter.search.trim().to_lowercase();
    if !search.is_empty() {
        let pattern = format!("%{}%", escape_like(&search));
        let in_messages = messages::table
            .filter(lower(messages::body).like(pattern.clone()).escape('\\'))
            .select(messages::conversation_id);
        query = query.filter(
            lower(buyers::display_name)
                .like(pattern)
                .escape('\\')
                .or(conversations::id.eq_any(in_messages)),
        );
    }
    let oldest_first = tab == Tab::Queue;
    if let Some(cursor) = after {
        query = if oldest_first {
            query.filter(
                waiting_since().gt(cursor.at).or(waiting_since()
                    .eq(cursor.at)
                    .and(conversations::id.gt(cursor.id))),
            )
        } else {
            query.filter(
                conversations::last_message_at
                    .lt(cursor.at)
                    .or(conversations::last_message_at
                        .eq(cursor.at)
                        .and(conversations::id.lt(cursor.id))),
            )
        };
    }
    query = if oldest_first {
        query.order((waiting_since().asc(), conversations::id.asc()))
    } else {
        query.order((
            conversations::last_message_at.desc(),
            conversations::id.desc(),
        ))
    };
    let mut rows: Vec<ListRow> = query
        .limit(PAGE_SIZE + 1)
        .select((
            conversations::id,
            stores::name,
            conversations::source,
            buyers::display_name,
            conversations::status,
            conversations::assignee_id,
            conversations::last_message_at,
            waiting_since(),
        ))
        .load(c)?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = more
        .then(|| {
            rows.last().map(|r| Cursor {
                at: if oldest_first { r.7 } else { r.6 },
                id: r.0,
            })
        })
        .flatten();
    let mine: Vec<i64> = rows
        .iter()
        .filter(|r| r.5 == Some(user.account_id))
        .map(|r| r.0)
        .collect();
    let rows = decorate(c, rows, &mine)?;
    Ok(Page { rows, next })
}

/// Rows with their previews and, for the conversations in `unread_for`, how many buyer
/// messages their assignee has not read. Two grouped queries for the whole page
/// instead of two per row. The preview is the buyer's latest message: what the chat is
/// about, not the automatic reply.
fn decorate(c: &mut DbConnection, rows: Vec<ListRow>, unread_for: &[i64]) -> QueryResult<Vec<Row>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let last_ids = messages::table
        .filter(messages::conversation_id.eq_any(&ids))
        .filter(messages::sender.eq(Sender::Buyer.code()))
        .group_by(messages::conversation_id)
        .select(diesel::dsl::max(messages::id))
        .load::<Option<i64>>(c)?;
    let last_texts: BTreeMap<i64, String> = messages::table
        .filter(messages::id.eq_any(last_ids.into_iter().flatten()))
        .select((messages::conversation_id, messages::body))
        .load::<(i64, String)>(c)?
        .into_iter()
        .collect();
    let unread: BTreeMap<i64, i64> = if unread_for.is_empty() {
        BTreeMap::new()
    } else {
        messages::table
            .inner_join(conversations::table)
            .filter(messages::conversation_id.eq_any(unread_for))
            .filter(messages::sender.eq(Sender::Buyer.code()))
            .filter(
                conversations::assignee_read_at
                    .is_null()
                    .or(messages::created_at
                        .nullable()
                        .gt(conversations::assignee_read_at)),
            )
            .group_by(messages::conversation_id)
            .select((messages::conversation_id, diesel::dsl::count_star()))
            .load::<(i64, i64)>(c)?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(
            |(id, store_name, source, buyer, status, assignee_id, last_message_at, waiting)| Row {
                waiting_since: waiting,
                last_text: last_texts.get(&id).cloned().unwrap_or_default(),
                unread: unread.get(&id).copied().unwrap_or(0),
                id,
                store_name,
                source,
                buyer,
                status: ConversationStatus::from_code(&status)
                    .unwrap_or(ConversationStatus::Closed),
                assignee_id,
                last_message_at,
            },
        )
        .collect())
}

/// The list rows of some conversations of a seller as their assignees see them (with
/// their unread counts), for live updates.
pub fn rows_of(c: &mut DbConnection, seller_id: i64, ids: &[i64]) -> QueryResult<Vec<Row>> {
    let rows: Vec<ListRow> = conversations::table
        .inner_join(buyers::table)
        .inner_join(stores::table.on(stores::id.eq(conversations::store_id)))
        .filter(conversations::seller_id.eq(seller_id))
        .filter(conversations::id.eq_any(ids))
        .select((
            conversations::id,
            stores::name,
            conversations::source,
            buyers::display_name,
            conversations::status,
            conversations::assignee_id,
            conversations::last_message_at,
            waiting_since(),
        ))
        .load(c)?;
    let assigned: Vec<i64> = rows.iter().filter(|r| r.5.is_some()).map(|r| r.0).collect();
    decorate(c, rows, &assigned)
}

#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: i64,
    pub store: Store,
    pub buyer: String,
    pub source: String,
    pub status: ConversationStatus,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    /// The group the conversation was routed or handed to, by name.
    pub group_name: Option<String>,
    /// Who owns it now, by name.
    pub assignee_name: Option<String>,
    /// Whether the viewer is its assignee and something came in since they last read it.
    pub unread: bool,
}

impl Conversation {
    pub fn is_open(&self) -> bool {
        self.status == ConversationStatus::Open
    }
}

/// A seller's conversation with its store, and its group and owner by name, whoever
/// asks; with when its assignee last read it and when its last message came.
fn named(
    c: &mut DbConnection,
    seller_id: i64,
    id: i64,
) -> QueryResult<Option<(Conversation, Option<NaiveDateTime>, NaiveDateTime)>> {
    type FoundRow = (
        Store,
        String,
        String,
        String,
        Option<i64>,
        Option<i64>,
        Option<NaiveDateTime>,
        NaiveDateTime,
    );
    let row: Option<FoundRow> = conversations::table
        .inner_join(buyers::table)
        .inner_join(stores::table.on(stores::id.eq(conversations::store_id)))
        .filter(conversations::id.eq(id))
        .filter(conversations::seller_id.eq(seller_id))
        .select((
            Store::as_select(),
            buyers::display_name,
            conversations::source,
            conversations::status,
            conversations::assignee_id,
            conversations::group_id,
            conversations::assignee_read_at,
            conversations::last_message_at,
        ))
        .first(c)
        .optional()?;
    let Some((store, buyer, source, status, assignee_id, group_id, read_at, last_at)) = row else {
        return Ok(None);
    };
    let group_name = match group_id {
        Some(g) => chat_groups::table
            .filter(chat_groups::id.eq(g))
            .select(chat_groups::name)
            .first(c)
            .optional()?,
        None => None,
    };
    let assignee_name = match assignee_id {
        Some(a) => accounts::table
            .filter(accounts::id.eq(a))
            .select(accounts::display_name)
            .first(c)
            .optional()?,
        None => None,
    };
    let conversation = Conversation {
        id,
        store,
        assignee_name,
        buyer,
        source,
        status: ConversationStatus::from_code(&status).unwrap_or(ConversationStatus::Closed),
        assignee_id,
        group_id,
        group_name,
        unread: false,
    };
    Ok(Some((conversation, read_at, last_at)))
}

/// A seller's conversation as it is now, for live updates (no viewer, nothing unread).
pub fn conversation(
    c: &mut DbConnection,
    seller_id: i64,
    id: i64,
) -> QueryResult<Option<Conversation>> {
    Ok(named(c, seller_id, id)?.map(|(conversation, _, _)| conversation))
}

/// A conversation the user may open: theirs, one waiting in their queue, or any of
/// their stores when they see all. Another seller's is 404; a colleague's is 403.
pub fn find(c: &mut DbConnection, user: &CurrentUser, id: i64) -> Result<Conversation, AppError> {
    let (mut conversation, read_at, last_at) =
        named(c, user.seller_id, id)?.ok_or(AppError::NotFound)?;
    let store_id = conversation.store.id;
    Store::find_for(c, user, store_id)?;
    let mine = conversation.assignee_id == Some(user.account_id);
    let queued = conversation.assignee_id.is_none()
        && queue_scope(c, user.seller_id, user.account_id)?.takes(
            store_id,
            &conversation.source,
            conversation.group_id,
        );
    if !(mine || queued || sees_all(user)) || !(user.can(Permission::Webchat) || sees_all(user)) {
        return Err(AppError::Forbidden);
    }
    conversation.unread = mine && read_at.is_none_or(|read| read < last_at);
    Ok(conversation)
}

/// Whether an agent may still open the conversation, or what became of it: a chat that
/// was theirs or waited in their queue, and was taken, handed on or closed by someone
/// else a moment ago. Anything else stays refused, so no one learns who has a chat they
/// never had a part in.
pub enum Reach {
    Open(Box<Conversation>),
    Gone(Conflict),
}

pub fn reach(c: &mut DbConnection, user: &CurrentUser, id: i64) -> Result<Reach, AppError> {
    match find(c, user, id) {
        Ok(conversation) => Ok(Reach::Open(Box::new(conversation))),
        Err(AppError::Forbidden) if user.can(Permission::Webchat) => {
            let store_id: i64 = conversations::table
                .filter(conversations::id.eq(id))
                .filter(conversations::seller_id.eq(user.seller_id))
                .select(conversations::store_id)
                .first(c)?;
            Store::find_for(c, user, store_id)?;
            let (source, group_id): (String, Option<i64>) = conversations::table
                .find(id)
                .select((conversations::source, conversations::group_id))
                .first(c)?;
            let queued_for_me =
                queue_scope(c, user.seller_id, user.account_id)?.takes(store_id, &source, group_id);
            let was_mine = diesel::select(diesel::dsl::exists(
                chat_events::table
                    .filter(chat_events::conversation_id.eq(id))
                    .filter(chat_events::account_id.eq(user.account_id)),
            ))
            .get_result::<bool>(c)?;
            if !(queued_for_me || was_mine) {
                return Err(AppError::Forbidden);
            }
            Ok(Reach::Gone(conflict_now(c, user.seller_id, id)?))
        }
        Err(e) => Err(e),
    }
}

/// One line of a conversation's history as the team sees it: a message with who wrote
/// it, or what happened to the chat, with when and by whom.
#[derive(Debug, Clone)]
pub enum Line {
    Message {
        /// The message's id.
        id: i64,
        sender: Sender,
        /// The agent who wrote a reply or note.
        author: Option<String>,
        /// May be empty when the message is an image alone.
        body: String,
        /// The image sent with it (buyers' messages and replies only).
        image: Option<Shown>,
        at: NaiveDateTime,
    },
    Event {
        /// The event's id.
        id: i64,
        kind: EventKind,
        /// Who did it (none when routing or the buyer did).
        actor: Option<String>,
        /// Who or which group it went to.
        target: Option<String>,
        at: NaiveDateTime,
    },
}

impl Line {
    fn at(&self) -> NaiveDateTime {
        match self {
            Line::Message { at, .. } | Line::Event { at, .. } => *at,
        }
    }
}

/// What happened to a chat that its history shows (reads and messages are shown as
/// themselves or not at all).
const SHOWN_EVENTS: [EventKind; 6] = [
    EventKind::Assigned,
    EventKind::Taken,
    EventKind::Transferred,
    EventKind::Returned,
    EventKind::Closed,
    EventKind::Reopened,
];

/// id, sender, body, time, author.
type MessageRow = (i64, String, String, NaiveDateTime, Option<String>);

/// The columns of a `MessageRow` (messages left-joined with their author).
fn message_columns() -> (
    messages::id,
    messages::sender,
    messages::body,
    messages::created_at,
    diesel::dsl::Nullable<accounts::display_name>,
) {
    (
        messages::id,
        messages::sender,
        messages::body,
        messages::created_at,
        accounts::display_name.nullable(),
    )
}

/// id, kind, actor, account, group, time.
type EventRow = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    NaiveDateTime,
);
const EVENT_COLUMNS: (
    chat_events::id,
    chat_events::kind,
    chat_events::actor_id,
    chat_events::account_id,
    chat_events::group_id,
    chat_events::created_at,
) = (
    chat_events::id,
    chat_events::kind,
    chat_events::actor_id,
    chat_events::account_id,
    chat_events::group_id,
    chat_events::created_at,
);

/// The messages with their images, as the team sees them.
fn message_lines(c: &mut DbConnection, rows: Vec<MessageRow>) -> QueryResult<Vec<Line>> {
    let ids: Vec<i64> = rows.iter().map(|m| m.0).collect();
    let mut images = super::images::shown(c, "/webchat/images", &ids)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, sender, body, at, author)| {
            Some(Line::Message {
                id,
                sender: Sender::from_code(&sender)?,
                author,
                body,
                image: images.remove(&id),
                at,
            })
        })
        .collect())
}

/// What happened, with the people and groups by name.
fn event_lines(c: &mut DbConnection, rows: Vec<EventRow>) -> QueryResult<Vec<Line>> {
    let people: Vec<i64> = rows.iter().flat_map(|e| [e.2, e.3]).flatten().collect();
    let names: BTreeMap<i64, String> = accounts::table
        .filter(accounts::id.eq_any(&people))
        .select((accounts::id, accounts::display_name))
        .load(c)?
        .into_iter()
        .collect();
    let group_ids: Vec<i64> = rows.iter().filter_map(|e| e.4).collect();
    let groups: BTreeMap<i64, String> = chat_groups::table
        .filter(chat_groups::id.eq_any(&group_ids))
        .select((chat_groups::id, chat_groups::name))
        .load(c)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, actor, account, group, at)| {
            let name = |id: Option<i64>| id.and_then(|id| names.get(&id).cloned());
            Some(Line::Event {
                id,
                kind: EventKind::from_code(&kind)?,
                actor: name(actor),
                target: name(account).or_else(|| group.and_then(|g| groups.get(&g).cloned())),
                at,
            })
        })
        .collect())
}

/// The history line each of these events adds, by event id: the message or note it
/// stored, or what happened to the chat (reads add none).
pub fn lines_of(
    c: &mut DbConnection,
    events: &[(i64, EventKind, Option<i64>)],
) -> QueryResult<BTreeMap<i64, Line>> {
    let message_ids: Vec<i64> = events.iter().filter_map(|e| e.2).collect();
    let mut by_message: BTreeMap<i64, Line> = if message_ids.is_empty() {
        BTreeMap::new()
    } else {
        let rows: Vec<MessageRow> = messages::table
            .left_join(accounts::table.on(accounts::id.nullable().eq(messages::agent_id)))
            .filter(messages::id.eq_any(&message_ids))
            .select(message_columns())
            .load(c)?;
        message_lines(c, rows)?
            .into_iter()
            .filter_map(|line| match &line {
                Line::Message { id, .. } => Some((*id, line)),
                Line::Event { .. } => None,
            })
            .collect()
    };
    let shown: Vec<i64> = events
        .iter()
        .filter(|e| e.2.is_none() && SHOWN_EVENTS.contains(&e.1))
        .map(|e| e.0)
        .collect();
    let mut lines = BTreeMap::new();
    if !shown.is_empty() {
        let rows: Vec<EventRow> = chat_events::table
            .filter(chat_events::id.eq_any(&shown))
            .select(EVENT_COLUMNS)
            .load(c)?;
        for line in event_lines(c, rows)? {
            if let Line::Event { id, .. } = &line {
                lines.insert(*id, line);
            }
        }
    }
    for (event_id, _, message_id) in events {
        if let Some(line) = message_id.and_then(|m| by_message.remove(&m)) {
            lines.insert(*event_id, line);
        }
    }
    Ok(lines)
}

/// Messages a conversation view shows at once; older ones load on demand.
pub const HISTORY_PAGE: i64 = 50;

/// A part of a conversation's history: its newest lines, or those before a message.
pub struct History {
    pub lines: Vec<Line>,
    /// The message before which older lines exist (for "earlier messages").
    pub earlier: Option<i64>,
}

/// The conversation's last `HISTORY_PAGE` messages (before message `before`, when
/// given) and what happened to it meanwhile, oldest first; at the same moment a message
/// comes before what it caused.
pub fn history(
    c: &mut DbConnection,
    conversation_id: i64,
    before: Option<i64>,
) -> QueryResult<History> {
    let mut query = messages::table
        .left_join(accounts::table.on(accounts::id.nullable().eq(messages::agent_id)))
        .filter(messages::conversation_id.eq(conversation_id))
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(messages::id.lt(before));
    }
    let mut messages: Vec<MessageRow> = query
        .order(messages::id.desc())
        .limit(HISTORY_PAGE + 1)
        .select(message_columns())
        .load(c)?;
    let more = messages.len() as i64 > HISTORY_PAGE;
    messages.truncate(HISTORY_PAGE as usize);
    messages.reverse();
    let earlier = more.then(|| messages.first().map(|m| m.0)).flatten();
    // What happened between the first message shown (or the start) and the next page.
    let from = if more {
        messages.first().map(|m| m.3)
    } else {
        None
    };
    let until = match before {
        Some(before) => messages::table
            .find(before)
            .select(messages::created_at)
            .first::<NaiveDateTime>(c)
            .optional()?,
        None => None,
    };
    let kinds: Vec<&str> = SHOWN_EVENTS.iter().map(|k| k.code()).collect();
    let mut events = chat_events::table
        .filter(chat_events::conversation_id.eq(conversation_id))
        .filter(chat_events::kind.eq_any(&kinds))
        .into_boxed();
    if let Some(from) = from {
        events = events.filter(chat_events::created_at.ge(from));
    }
    if let Some(until) = until {
        events = events.filter(chat_events::created_at.lt(until));
    }
    let events: Vec<EventRow> = events
        .order(chat_events::id.asc())
        .select(EVENT_COLUMNS)
        .load(c)?;
    let mut lines = message_lines(c, messages)?;
    lines.extend(event_lines(c, events)?);
    // A stable sort keeps messages (added first) before events of the same moment.
    lines.sort_by_key(Line::at);
    Ok(History { lines, earlier })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_junk_is_the_first_page() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_micro_opt(10, 15, 0, 123_456))
            .expect("valid");
        let cursor = Cursor { at, id: 42 };
        assert_eq!(Cursor::parse(&cursor.encode()), Some(cursor));
        for junk in ["", "x", "20261201T101500_", "_4", "2026_4_4"] {
            assert_eq!(Cursor::parse(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_queue_condition_names_only_our_codes() {
        let mut scope = QueueScope::default();
        assert_eq!(queue_condition(&scope), "1 = 0");
        scope.sources.insert((3, "order".into()));
        scope.sources.insert((3, "x'; DROP TABLE y".into()));
        scope.groups.insert(9);
        assert_eq!(
            queue_condition(&scope),
            "((conversations.store_id = 3 AND conversations.source IN ('order')) OR conversations.group_id IN (9))"
        );
    }
}
