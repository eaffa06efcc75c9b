//! Keeps Performance Data current. Webchat calls these from the one function that writes
//! messages and the one that writes conversation events, inside their transactions, so
//! an indicator is never ahead of or behind the chat it describes.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::indicators::{
    BucketKey, ChatState, Happening, Tally, apply, happening_of_event, happening_of_message,
};
use crate::conversations::{EventKind, Sender};
use crate::db::DbConnection;
use crate::db::schema::conversations;

/// A message was stored in the conversation.
pub fn message(
    c: &mut DbConnection,
    seller_id: i64,
    conversation_id: i64,
    sender: Sender,
    agent_id: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    match happening_of_message(sender, agent_id) {
        Some(happening) => step(c, seller_id, conversation_id, |_| Some(happening), now),
        None => Ok(()),
    }
}

/// An event was recorded; the conversation row already shows its outcome.
pub fn event(
    c: &mut DbConnection,
    seller_id: i64,
    conversation_id: i64,
    kind: EventKind,
    account_id: Option<i64>,
    actor_id: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    step(
        c,
        seller_id,
        conversation_id,
        |state| happening_of_event(kind, account_id, actor_id, state.group_id),
        now,
    )
}

type StateRow = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<NaiveDateTime>,
    bool,
    Option<NaiveDateTime>,
);

fn step(
    c: &mut DbConnection,
    seller_id: i64,
    conversation_id: i64,
    happening: impl FnOnce(&ChatState) -> Option<Happening>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (store_id, assignee, group_id, assigned_at, assignee_replied, awaiting_since): StateRow =
        conversations::table
            .filter(conversations::id.eq(conversation_id))
            .select((
                conversations::store_id,
                conversations::assignee_id,
                conversations::group_id,
                conversations::assigned_at,
                conversations::assignee_replied,
                conversations::awaiting_since,
            ))
            .first(c)?;
    let before = ChatState {
        store_id,
        assignee,
        group_id,
        assigned_at,
        assignee_replied,
        awaiting_since,
    };
    let Some(happening) = happening(&before) else {
        return Ok(());
    };
    let mut after = before;
    let parts = apply(&mut after, happening, now);
    if (after.assignee_replied, after.awaiting_since) != (assignee_replied, awaiting_since) {
        diesel::update(conversations::table.filter(conversations::id.eq(conversation_id)))
            .set((
                conversations::assignee_replied.eq(after.assignee_replied),
                conversations::awaiting_since.eq(after.awaiting_since),
            ))
            .execute(c)?;
    }
    let mut merged: BTreeMap<BucketKey, Tally> = BTreeMap::new();
    for (key, tally) in parts {
        *merged.entry(key).or_default() += tally;
    }
    for (key, tally) in merged {
        add(c, seller_id, key, &tally)?;
    }
    Ok(())
}

/// Adds to one bucket, creating it if needed. The statement is the same on SQLite and
/// PostgreSQL; every value in it is an integer of ours, so it is built as text.
pub(super) fn add(
    c: &mut DbConnection,
    seller_id: i64,
    key: BucketKey,
    t: &Tally,
) -> QueryResult<()> {
    let sql = format!(
        "INSERT INTO agent_hourly_stats (seller_id, account_id, store_id, group_id, hour, \
         chats_received, chats_replied, replied_in_time, first_response_seconds, responses, \
         response_seconds, resolved, messages_sent) \
         VALUES ({seller_id}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) \
         ON CONFLICT (seller_id, hour, account_id, store_id, group_id) DO UPDATE SET {}",
        key.account_id,
        key.store_id,
        key.group_id,
        key.hour,
        t.chats_received,
        t.chats_replied,
        t.replied_in_time,
        t.first_response_seconds,
        t.responses,
        t.response_seconds,
        t.resolved,
        t.messages_sent,
        super::TALLY_COLUMNS
            .iter()
            .map(|col| format!("{col} = agent_hourly_stats.{col} + excluded.{col}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    diesel::sql_query(sql).execute(c).map(|_| ())
}
