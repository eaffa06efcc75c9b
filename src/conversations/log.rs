//! The event log: one `chat_events` row per change to a conversation, written in the
//! change's own transaction. An operation collects its events here and writes them at
//! its end, so on PostgreSQL the short lock that keeps ids in commit order is held only
//! from the insert to the commit. Everything downstream (live pages, integrations)
//! reads the rows back by id; nothing is published from handlers.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::codes::{EventKind, Sender};
use crate::db::cached::{cached, statement};
use crate::db::schema::chat_events;
use crate::db::{Backend, DbConnection, backend_of};

/// The NOTIFY channel every instance of one PostgreSQL database listens on: a wake-up
/// with no payload (instances read the rows themselves).
pub const CHANNEL: &str = "sellerdesk_chat_events";
/// Any constant of ours: the transaction-scoped advisory lock that orders event ids.
const ORDER_LOCK: i64 = 0x5e11_e4de_5c00;

/// One change, as an operation records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub seller_id: i64,
    pub store_id: i64,
    pub conversation_id: i64,
    pub kind: EventKind,
    /// The conversation's group after the change.
    pub group_id: Option<i64>,
    /// The agent the change is about (the new assignee, the one returned, the reader).
    pub account_id: Option<i64>,
    /// Who did it; `None` for routing and buyers.
    pub actor_id: Option<i64>,
    pub message_id: Option<i64>,
}

statement!(
    InsertEvent,
    "INSERT INTO chat_events (seller_id, store_id, conversation_id, kind, group_id, \
     account_id, actor_id, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
);

/// The events of one operation, written when it ends.
pub struct Log {
    now: NaiveDateTime,
    pending: Vec<Event>,
}

impl Log {
    pub fn new(now: NaiveDateTime) -> Self {
        Self {
            now,
            pending: Vec::new(),
        }
    }

    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    /// Records a change of assignee or status, with its Performance Data tallies (the
    /// conversation row must already show the change's outcome).
    pub fn change(&mut self, c: &mut DbConnection, event: Event) -> QueryResult<()> {
        crate::performance::tally::event(
            c,
            event.seller_id,
            event.conversation_id,
            event.kind,
            event.account_id,
            event.actor_id,
            self.now,
        )?;
        self.pending.push(event);
        Ok(())
    }

    /// Records a stored message, with its tallies.
    pub fn message(
        &mut self,
        c: &mut DbConnection,
        event: Event,
        sender: Sender,
    ) -> QueryResult<()> {
        crate::performance::tally::message(
            c,
            event.seller_id,
            event.conversation_id,
            sender,
            event.account_id,
            self.now,
        )?;
        self.pending.push(event);
        Ok(())
    }

    /// Records a change no indicator counts (a conversation read).
    pub fn note(&mut self, event: Event) {
        self.pending.push(event);
    }

    /// Writes the events. On PostgreSQL, concurrent transactions would otherwise commit
    /// ids out of order and a reader could pass over one still in flight; the advisory
    /// lock makes ids commit in order, and the NOTIFY goes out with the commit.
    pub fn flush(self, c: &mut DbConnection) -> QueryResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let postgres = backend_of(c) == Backend::Postgres;
        if postgres {
            diesel::sql_query(format!("SELECT pg_advisory_xact_lock({ORDER_LOCK})")).execute(c)?;
        }
        // One statement per event: the multi-backend connection has no multi-row insert.
        for e in &self.pending {
            cached::<InsertEvent>(vec![
                e.seller_id.into(),
                e.store_id.into(),
                e.conversation_id.into(),
                e.kind.code().into(),
                e.group_id.into(),
                e.account_id.into(),
                e.actor_id.into(),
                e.message_id.into(),
                self.now.into(),
            ])
            .execute(c)?;
        }
        if postgres {
            diesel::sql_query(format!("NOTIFY {CHANNEL}")).execute(c)?;
        }
        Ok(())
    }
}

/// An event as stored, as live pages and integrations receive it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = chat_events)]
pub struct LoggedEvent {
    pub id: i64,
    pub seller_id: i64,
    pub store_id: i64,
    pub conversation_id: i64,
    pub kind: String,
    pub group_id: Option<i64>,
    pub account_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub message_id: Option<i64>,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
}

/// Events after `after`, oldest first, at most `limit`.
pub fn read_after(c: &mut DbConnection, after: i64, limit: i64) -> QueryResult<Vec<LoggedEvent>> {
    chat_events::table
        .filter(chat_events::id.gt(after))
        .order(chat_events::id.asc())
        .limit(limit)
        .select(LoggedEvent::as_select())
        .load(c)
}

/// One seller's events after `after` (for a reconnecting page), oldest first.
pub fn read_seller_after(
    c: &mut DbConnection,
    seller_id: i64,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<LoggedEvent>> {
    chat_events::table
        .filter(chat_events::seller_id.eq(seller_id))
        .filter(chat_events::id.gt(after))
        .order(chat_events::id.asc())
        .limit(limit)
        .select(LoggedEvent::as_select())
        .load(c)
}

/// The newest event's id (0 for an empty log).
pub fn newest_id(c: &mut DbConnection) -> QueryResult<i64> {
    chat_events::table
        .select(diesel::dsl::max(chat_events::id))
        .get_result::<Option<i64>>(c)
        .map(|id| id.unwrap_or(0))
}
