//! The inbox lists' queries: a page of a tab, the rows live events carry, and the ids
//! the alerts count. Each is one statement whose text depends only on the shape of the
//! request (tab, filters, whether the viewer sees every store), never on a value, so
//! each connection prepares it once. Who may see what is part of the statement: the
//! seller, the stores granted to a sub-account, the groups whose queue is theirs.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::inbox::{Cursor, Filter, PAGE_SIZE, Page, Row, Tab, Waiting, sees_all};
use crate::conversations::ConversationStatus;
use crate::db::cached::{Value, built};
use crate::db::time::DbTime;
use crate::db::{DbConnection, escape_like};
use crate::web::{AppError, CurrentUser};

/// A row of a list as the statement returns it: id, store name, source, buyer, status,
/// assignee, last message time, waiting since, the buyer's latest message (what the
/// chat is about, not the automatic reply), unread count.
type Listed = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    DbTime,
    DbTime,
    String,
    i64,
);
type ListedTypes = (
    BigInt,
    Text,
    Text,
    Text,
    Text,
    Nullable<BigInt>,
    Timestamp,
    Timestamp,
    Text,
    BigInt,
);

fn row(
    (
        id,
        store_name,
        source,
        buyer,
        status,
        assignee_id,
        last_message_at,
        waiting_since,
        last_text,
        unread,
    ): Listed,
) -> Row {
    Row {
        id,
        store_name,
        source,
        buyer,
        status: ConversationStatus::from_code(&status).unwrap_or(ConversationStatus::Closed),
        assignee_id,
        last_text,
        last_message_at: last_message_at.0,
        waiting_since: waiting_since.0,
        unread,
    }
}

/// How long the buyer has waited for a first answer (their first unanswered message),
/// else the last message: the Queue's order and the waiting time it shows.
const WAITING_SINCE: &str = "COALESCE(c.awaiting_since, c.last_message_at)";

/// Whose unread messages a row counts: the viewer's own chats, or (for live rows, which
/// go to each chat's assignee) every assigned chat's.
enum UnreadOf {
    Viewer,
    Assignee,
}

/// The rows of the conversations `c` (joined to their buyer `b` and store `s`) that meet
/// `conditions`, then `tail` (order and limit). With the list's order and limit SQLite
/// walks the seller's index and stops at the page's end, so the unread count (a look
/// into the messages) is worked out for the rows of the page only.
fn rows_statement(conditions: &str, unread_of: UnreadOf, tail: &str) -> String {
    let assignee = match unread_of {
        UnreadOf::Viewer => "c.assignee_id = ?",
        UnreadOf::Assignee => "c.assignee_id IS NOT NULL",
    };
    // Counted only where the last message came after the assignee last read the chat.
    let counted = format!(
        "{assignee} AND (c.assignee_read_at IS NULL OR c.last_message_at > c.assignee_read_at)"
    );
    format!(
        "SELECT c.id, s.name, c.source, b.display_name, c.status, c.assignee_id, \
         c.last_message_at, {WAITING_SINCE}, c.last_buyer_text, \
         CASE WHEN {counted} THEN (SELECT count(*) FROM messages m \
          WHERE m.conversation_id = c.id AND m.sender = 'buyer' \
          AND (c.assignee_read_at IS NULL OR m.created_at > c.assignee_read_at)) \
          ELSE 0 END \
         FROM conversations c \
         INNER JOIN buyers b ON b.id = c.buyer_id \
         INNER JOIN stores s ON s.id = c.store_id \
         WHERE {conditions}{tail}"
    )
}

/// Conditions on `conversations c` with their values, joined by `AND`.
#[derive(Default)]
struct Conditions {
    text: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    fn add(&mut self, text: impl Into<String>, values: impl IntoIterator<Item = Value>) {
        self.text.push(text.into());
        self.values.extend(values);
    }

    /// The viewer's seller, and for a sub-account limited to some stores, those.
    fn visible_to(user: &CurrentUser) -> Self {
        let mut c = Conditions::default();
        c.add("c.seller_id = ?", [user.seller_id.into()]);
        if !user.all_stores() {
            c.add(
                "c.store_id IN (SELECT g.store_id FROM store_grants g WHERE g.account_id = ?)",
                [user.account_id.into()],
            );
        }
        c
    }

    /// Waiting for someone, in the viewer's queue: what their active groups take (by
    /// store and source), or handed to one of them. The main account and supervisors
    /// see every waiting chat of their stores, including those no group takes.
    fn waiting_for(&mut self, user: &CurrentUser) {
        let open = ConversationStatus::Open.code();
        // Written into the text: a bound status would make SQLite plan the statement
        // again on every run (a partial index holds `status = 'open'`).
        self.add(format!("c.assignee_id IS NULL AND c.status = '{open}'"), []);
        if !sees_all(user) {
            self.add(
                "(EXISTS (SELECT 1 FROM chat_group_members gm \
                  INNER JOIN chat_groups g ON g.id = gm.group_id \
                  INNER JOIN chat_group_sources gs ON gs.group_id = gm.group_id \
                  WHERE gm.account_id = ? AND g.active \
                  AND gs.store_id = c.store_id AND gs.source = c.source) \
                 OR c.group_id IN (SELECT gm.group_id FROM chat_group_members gm \
                  INNER JOIN chat_groups g ON g.id = gm.group_id \
                  WHERE gm.account_id = ? AND g.active))",
                [user.account_id.into(), user.account_id.into()],
            );
        }
    }

    fn sql(&self) -> String {
        self.text.join(" AND ")
    }
}

/// One page of a tab, among the stores the viewer may work on: the Queue oldest-waiting
/// first, the other tabs newest first. The queue and the search are applied before the
/// page is cut, so no match is hidden behind rows that do not match.
pub fn list(
    c: &mut DbConnection,
    user: &CurrentUser,
    tab: Tab,
    filter: &Filter,
) -> Result<Page, AppError> {
    let mut on = Conditions::visible_to(user);
    if let Some(store) = filter.store {
        on.add("c.store_id = ?", [store.into()]);
    }
    match tab {
        Tab::Mine => on.add(
            format!(
                "c.assignee_id = ? AND c.status = '{}'",
                ConversationStatus::Open.code()
            ),
            [user.account_id.into()],
        ),
        Tab::Queue => on.waiting_for(user),
        Tab::All if sees_all(user) => {}
        Tab::All => return Err(AppError::Forbidden),
    }
    let search = filter.search.trim().to_lowercase();
    if !search.is_empty() {
        let pattern = format!("%{}%", escape_like(&search));
        on.add(
            "(lower(b.display_name) LIKE ? ESCAPE '\\' OR c.id IN \
             (SELECT m.conversation_id FROM messages m WHERE lower(m.body) LIKE ? ESCAPE '\\'))",
            [pattern.as_str().into(), pattern.as_str().into()],
        );
    }
    let oldest_first = tab == Tab::Queue;
    let (key, direction, beyond) = if oldest_first {
        (WAITING_SINCE, "ASC", ">")
    } else {
        ("c.last_message_at", "DESC", "<")
    };
    if let Some(cursor) = filter.after {
        on.add(
            format!("({key} {beyond} ? OR ({key} = ? AND c.id {beyond} ?))"),
            [cursor.at.into(), cursor.at.into(), cursor.id.into()],
        );
    }
    let tail = format!(
        " ORDER BY {key} {direction}, c.id {direction} LIMIT {}",
        PAGE_SIZE + 1
    );
    let statement = rows_statement(&on.sql(), UnreadOf::Viewer, &tail);
    let mut values = vec![Value::from(user.account_id)];
    values.extend(on.values);
    let mut rows: Vec<Row> = built::<ListedTypes>(statement, values)
        .load_native::<Listed>(c)?
        .into_iter()
        .map(row)
        .collect();
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = rows.last().filter(|_| more).map(|r| Cursor {
        at: if oldest_first {
            r.waiting_since
        } else {
            r.last_message_at
        },
        id: r.id,
    });
    Ok(Page { rows, next })
}

/// The list rows of some conversations of a seller as their assignees see them (with
/// their unread counts), for live updates.
pub fn rows_of(c: &mut DbConnection, seller_id: i64, ids: &[i64]) -> QueryResult<Vec<Row>> {
    let statement = rows_statement("c.seller_id = ? AND c.id = ?", UnreadOf::Assignee, "");
    let mut rows = Vec::with_capacity(ids.len());
    // One id at a time: one prepared statement, whatever the number of ids.
    for id in ids {
        rows.extend(
            built::<ListedTypes>(statement.clone(), vec![seller_id.into(), (*id).into()])
                .load_native::<Listed>(c)?
                .into_iter()
                .map(row),
        );
    }
    Ok(rows)
}

/// The most chats the alerts follow one by one (a page says "1000" beyond).
const WAITING_IDS: i64 = 1000;

/// What the inbox alerts about: the viewer's open chats with something unread, and the
/// chats waiting in their queue.
pub fn waiting(c: &mut DbConnection, user: &CurrentUser) -> Result<Waiting, AppError> {
    let open = ConversationStatus::Open.code();
    let unread = built::<BigInt>(
        format!(
            "SELECT c.id FROM conversations c WHERE c.seller_id = ? AND c.assignee_id = ? \
             AND c.status = '{open}' \
             AND (c.assignee_read_at IS NULL OR c.last_message_at > c.assignee_read_at) \
             LIMIT {WAITING_IDS}"
        ),
        vec![user.seller_id.into(), user.account_id.into()],
    )
    .load_native::<i64>(c)?;
    let mut on = Conditions::visible_to(user);
    on.waiting_for(user);
    let queued = built::<BigInt>(
        format!(
            "SELECT c.id FROM conversations c WHERE {} LIMIT {WAITING_IDS}",
            on.sql()
        ),
        on.values,
    )
    .load_native::<i64>(c)?;
    Ok(Waiting { unread, queued })
}
