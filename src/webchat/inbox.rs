//! The agent inbox's reads: the Mine / Queue / All lists in keyset pages, one
//! conversation and its history. Every query is scoped to the seller and to the stores
//! the agent may work on. Changes go through the conversation core.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDateTime, Timelike};
use diesel::prelude::*;

use super::images::Shown;
use crate::accounts::permissions::Permission;
use crate::chat_assignment::groups::{QueueScope, queue_scope};
use crate::conversations::{
    Conflict, ConversationStatus, DeliveryStatus, EventKind, Sender, conflict_now,
};
use crate::db::DbConnection;
use crate::db::schema::{
    accounts, buyers, chat_events, chat_groups, conversations, messages, stores,
};
use crate::i18n::push_digits;
use crate::stores::model::Store;
use crate::web::{AppError, CurrentUser};

pub use super::lists::{list, rows_of, waiting};

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

    /// Always nine fraction digits, so that keys of the same kind compare as text (the
    /// live list orders rows by them), written by hand: a list page writes two per row.
    pub fn encode(&self) -> String {
        let (d, t) = (self.at.date(), self.at.time());
        let mut out = String::with_capacity(40);
        let year = u32::try_from(d.year()).unwrap_or(0);
        for (value, width) in [(year, 4), (d.month(), 2), (d.day(), 2)] {
            push_digits(&mut out, value, width);
        }
        out.push('T');
        for (value, width) in [(t.hour(), 2), (t.minute(), 2), (t.second(), 2)] {
            push_digits(&mut out, value, width);
        }
        out.push('.');
        push_digits(&mut out, t.nanosecond().min(999_999_999), 9);
        out.push('_');
        out.push_str(&self.id.to_string());
        out
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

/// The viewer's queue: what their active groups take, or `None` for the main account
/// and supervisors, who see every waiting chat of their stores (including those no
/// group takes).
pub fn queue_of(c: &mut DbConnection, user: &CurrentUser) -> QueryResult<Option<QueueScope>> {
    if sees_all(user) {
        return Ok(None);
    }
    queue_scope(c, user.seller_id, user.account_id).map(Some)
}

/// What the inbox alerts about: the viewer's chats with something unread, and the chats
/// waiting in their queue, by id, so a live page can keep the counts as chats come and
/// go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waiting {
    pub unread: Vec<i64>,
    pub queued: Vec<i64>,
}

/// What a list shows: a tab, optionally one store and a search, from a cursor on.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub store: Option<i64>,
    /// Buyer name or message text (an order number is in the messages), any case.
    pub search: String,
    pub after: Option<Cursor>,
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
        // Lookups by primary key: no `LIMIT ?` (`first`), which SQLite would plan
        // again on every run.
        .get_result(c)
        .optional()?;
    let Some((store, buyer, source, status, assignee_id, group_id, read_at, last_at)) = row else {
        return Ok(None);
    };
    let group_name = match group_id {
        Some(g) => chat_groups::table
            .filter(chat_groups::id.eq(g))
            .select(chat_groups::name)
            .get_result(c)
            .optional()?,
        None => None,
    };
    let assignee_name = match assignee_id {
        Some(a) => accounts::table
            .filter(accounts::id.eq(a))
            .select(accounts::display_name)
            .get_result(c)
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
        /// What the integration reported about a reply reaching the buyer.
        delivery: Option<DeliveryMark>,
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

/// A reply's delivery as the team sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryMark {
    Delivered,
    Failed(String),
}

impl DeliveryMark {
    fn of(status: Option<&str>, reason: Option<String>) -> Option<Self> {
        match DeliveryStatus::from_code(status?)? {
            DeliveryStatus::Delivered => Some(DeliveryMark::Delivered),
            DeliveryStatus::Failed => Some(DeliveryMark::Failed(reason.unwrap_or_default())),
        }
    }
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
type MessageRow = (
    i64,
    String,
    String,
    NaiveDateTime,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The columns of a `MessageRow` (messages left-joined with their author).
fn message_columns() -> (
    messages::id,
    messages::sender,
    messages::body,
    messages::created_at,
    diesel::dsl::Nullable<accounts::display_name>,
    messages::delivery_status,
    messages::delivery_reason,
) {
    (
        messages::id,
        messages::sender,
        messages::body,
        messages::created_at,
        accounts::display_name.nullable(),
        messages::delivery_status,
        messages::delivery_reason,
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
        .filter_map(|(id, sender, body, at, author, delivery, reason)| {
            Some(Line::Message {
                id,
                sender: Sender::from_code(&sender)?,
                author,
                body,
                image: images.remove(&id),
                at,
                delivery: DeliveryMark::of(delivery.as_deref(), reason),
            })
        })
        .collect())
}

/// What happened, with the people and groups by name.
fn event_lines(c: &mut DbConnection, rows: Vec<EventRow>) -> QueryResult<Vec<Line>> {
    // Each name once, by a prepared lookup (an `IN` list is parsed again every call).
    let people: BTreeSet<i64> = rows.iter().flat_map(|e| [e.2, e.3]).flatten().collect();
    let mut names = BTreeMap::new();
    for id in people {
        let name: Option<String> = accounts::table
            .filter(accounts::id.eq(id))
            .select(accounts::display_name)
            .get_result(c)
            .optional()?;
        names.extend(name.map(|n| (id, n)));
    }
    let group_ids: BTreeSet<i64> = rows.iter().filter_map(|e| e.4).collect();
    let mut groups = BTreeMap::new();
    for id in group_ids {
        let name: Option<String> = chat_groups::table
            .filter(chat_groups::id.eq(id))
            .select(chat_groups::name)
            .get_result(c)
            .optional()?;
        groups.extend(name.map(|n| (id, n)));
    }
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
        let mut rows: Vec<MessageRow> = Vec::with_capacity(message_ids.len());
        for id in message_ids {
            rows.extend(
                messages::table
                    .left_join(accounts::table.on(accounts::id.nullable().eq(messages::agent_id)))
                    .filter(messages::id.eq(id))
                    .select(message_columns())
                    .load::<MessageRow>(c)?,
            );
        }
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
        let mut rows: Vec<EventRow> = Vec::with_capacity(shown.len());
        for id in shown {
            rows.extend(
                chat_events::table
                    .filter(chat_events::id.eq(id))
                    .select(EVENT_COLUMNS)
                    .load::<EventRow>(c)?,
            );
        }
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
        assert_eq!(cursor.encode(), "20261201T101500.123456000_42");
        assert_eq!(Cursor::parse(&cursor.encode()), Some(cursor));
        // Keys written before fractions were always nine digits still parse.
        assert_eq!(Cursor::parse("20261201T101500.123456_42"), Some(cursor));
        for junk in ["", "x", "20261201T101500_", "_4", "2026_4_4"] {
            assert_eq!(Cursor::parse(junk), None, "{junk}");
        }
    }
}
