//! The conversation core (docs/ARCHITECTURE.md, "The conversation core"): the one owner
//! of every change to a conversation. A buyer's message, an agent's reply, take,
//! transfer, close, reopen, read, and the side effects of agent status, disabling a
//! member, revoking a grant or closing a group are each one function here that runs one
//! transaction: it re-checks its precondition with a conditional write, writes the
//! change with its tallies and Activity Log entry, and appends to the event log. No
//! other module writes `conversations.assignee_id`, `status` or `messages`.

mod assign;
pub mod codes;
mod delivery;
mod guard;
pub mod images;
mod intake;
pub mod log;
mod presence;
mod rating;
pub mod routing;
mod work;

pub use assign::routing_candidates;
pub use codes::{AgentStatus, ConversationStatus, DeliveryStatus, EventKind, Sender};
pub use delivery::{DeliveryReport, MAX_REASON_CHARS, Reported, report_delivery};
pub use guard::reassign_unanswered;
pub use images::Image;
pub use intake::{
    Accepted, Incoming, MAX_MESSAGE_CHARS, Origin, parse_text, parse_text_with_image, receive,
};
pub use presence::{
    ABSENCE_ACTOR, Leaving, current_status, group_closed, members_leave, seen, set_status,
    sign_out, sweep_absent,
};
pub use rating::{MAX_COMMENT_CHARS, Rater, Rating, awaits_rating, rate};
pub use work::{Transfer, add_note, mark_read, reply, set_open, take, transfer, transfer_options};

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbErr};

use crate::db::schema::{accounts, buyers, conversations, stores};
use crate::db::{self, DbConnection};
use crate::stores::model::Store;
use log::Log;

/// Why an operation changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Someone else changed the conversation first; the caller tells the user.
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("no such conversation")]
    NotFound,
    /// The input is not acceptable (a translation key says why).
    #[error("invalid: {0}")]
    Invalid(&'static str),
    /// The database is busy; nothing was changed.
    #[error("busy")]
    Busy,
    /// The buyer's address already has as many open chats as it may (`Origin`).
    #[error("too many open chats from one address")]
    TooManyOpen,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<db::writer::WriteError> for CoreError {
    fn from(e: db::writer::WriteError) -> Self {
        match e {
            db::writer::WriteError::Busy => CoreError::Busy,
            db::writer::WriteError::Db(e) => CoreError::Db(e),
        }
    }
}

/// What the loser of a race is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Another agent took the chat; their display name.
    TakenBy(String),
    /// The chat now belongs to someone else (transferred or returned); their name, if any.
    MovedTo(Option<String>),
    /// The chat was closed meanwhile.
    Closed,
    /// The buyer has another open conversation with the store (a reopen is refused).
    BuyerHasOpenChat,
}

pub type CoreResult<T> = Result<T, CoreError>;

/// How often an operation is tried again when a uniqueness rule refused it because a
/// concurrent request did the same thing first (PostgreSQL; SQLite has one writer).
const ATTEMPTS: usize = 3;

/// Runs one operation in one transaction (a savepoint when the caller already has one)
/// and writes its events at the end. A unique violation means a concurrent request
/// won a race (the same `external_id`, a buyer's first message): the whole operation
/// runs again and now finds what the winner wrote.
fn run<T>(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
    mut op: impl FnMut(&mut DbConnection, &mut Log) -> CoreResult<T>,
) -> CoreResult<T> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = db::write_transaction(conn, |c| {
            let mut log = Log::new(now);
            let out = op(c, &mut log)?;
            log.flush(c)?;
            Ok(out)
        });
        match result {
            Err(CoreError::Db(DbErr::DatabaseError(DatabaseErrorKind::UniqueViolation, _)))
                if attempt < ATTEMPTS =>
            {
                continue;
            }
            other => return other,
        }
    }
}

/// A conversation's row as the core works on it, read inside the operation's
/// transaction after the row is locked.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = conversations)]
struct Row {
    id: i64,
    seller_id: i64,
    store_id: i64,
    buyer_id: i64,
    source: String,
    status: String,
    assignee_id: Option<i64>,
    group_id: Option<i64>,
}

impl Row {
    fn is_open(&self) -> bool {
        self.status == ConversationStatus::Open.code()
    }
}

db::cached::statement!(
    LockConversation,
    "SELECT id FROM conversations WHERE id = ? AND seller_id = ? FOR UPDATE"
);

/// Reads the conversation row, locked until the transaction ends: `FOR UPDATE` on
/// PostgreSQL, where writers run concurrently; SQLite's one writer already serialises.
fn lock(c: &mut DbConnection, seller_id: i64, id: i64) -> CoreResult<Row> {
    if db::backend_of(c) == db::Backend::Postgres {
        db::cached::cached::<LockConversation>(vec![id.into(), seller_id.into()]).execute(c)?;
    }
    conversations::table
        .filter(conversations::id.eq(id))
        .filter(conversations::seller_id.eq(seller_id))
        .select(Row::as_select())
        .get_result(c)
        .optional()?
        .ok_or(CoreError::NotFound)
}

fn store_of(c: &mut DbConnection, store_id: i64) -> QueryResult<Store> {
    stores::table
        .find(store_id)
        .select(Store::as_select())
        .get_result(c)
}

fn buyer_name(c: &mut DbConnection, buyer_id: i64) -> QueryResult<String> {
    buyers::table
        .find(buyer_id)
        .select(buyers::display_name)
        .get_result(c)
}

fn account_name(c: &mut DbConnection, account_id: i64) -> QueryResult<String> {
    accounts::table
        .find(account_id)
        .select(accounts::display_name)
        .get_result(c)
}

/// What became of a conversation that is no longer as the caller saw it: closed, or
/// with someone else (or nobody). Plain reads: inside an operation the row is already
/// locked, and a handler may ask it of a conversation the user can no longer open.
pub fn conflict_now(c: &mut DbConnection, seller_id: i64, id: i64) -> CoreResult<Conflict> {
    let row: Row = conversations::table
        .filter(conversations::id.eq(id))
        .filter(conversations::seller_id.eq(seller_id))
        .select(Row::as_select())
        .get_result(c)
        .optional()?
        .ok_or(CoreError::NotFound)?;
    if !row.is_open() {
        return Ok(Conflict::Closed);
    }
    Ok(match row.assignee_id {
        Some(a) => Conflict::MovedTo(Some(account_name(c, a)?)),
        None => Conflict::MovedTo(None),
    })
}
