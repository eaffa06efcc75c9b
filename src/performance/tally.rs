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
use crate::db::cached::{Value, cached, statement};
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
            .get_result(c)?;
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
        cached::<SetChatState>(vec![
            after.assignee_replied.into(),
            after.awaiting_since.into(),
            conversation_id.into(),
        ])
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

/// `INSERT … ON CONFLICT DO UPDATE` adding the tallies (with their time bands) to one
/// row of `$table` keyed by `$key` (the same text on both backends).
macro_rules! add_to {
    ($table:literal, $key:literal, $places:literal) => {
        concat!(
            "INSERT INTO ",
            $table,
            " (",
            $key,
            ", chats_received, chats_replied, replied_in_time, first_response_seconds, responses, response_seconds, resolved, messages_sent, first_band_0, first_band_1, first_band_2, first_band_3, first_band_4, first_band_5, first_band_6, first_band_7, first_band_8, first_band_9, first_band_10, first_band_11, reply_band_0, reply_band_1, reply_band_2, reply_band_3, reply_band_4, reply_band_5, reply_band_6, reply_band_7, reply_band_8, reply_band_9, reply_band_10, reply_band_11) VALUES (",
            $places,
            ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (",
            $key,
            ") DO UPDATE SET ",
            "chats_received = ",
            $table,
            ".chats_received + excluded.chats_received",
            ", ",
            "chats_replied = ",
            $table,
            ".chats_replied + excluded.chats_replied",
            ", ",
            "replied_in_time = ",
            $table,
            ".replied_in_time + excluded.replied_in_time",
            ", ",
            "first_response_seconds = ",
            $table,
            ".first_response_seconds + excluded.first_response_seconds",
            ", ",
            "responses = ",
            $table,
            ".responses + excluded.responses",
            ", ",
            "response_seconds = ",
            $table,
            ".response_seconds + excluded.response_seconds",
            ", ",
            "resolved = ",
            $table,
            ".resolved + excluded.resolved",
            ", ",
            "messages_sent = ",
            $table,
            ".messages_sent + excluded.messages_sent",
            ", ",
            "first_band_0 = ",
            $table,
            ".first_band_0 + excluded.first_band_0",
            ", ",
            "first_band_1 = ",
            $table,
            ".first_band_1 + excluded.first_band_1",
            ", ",
            "first_band_2 = ",
            $table,
            ".first_band_2 + excluded.first_band_2",
            ", ",
            "first_band_3 = ",
            $table,
            ".first_band_3 + excluded.first_band_3",
            ", ",
            "first_band_4 = ",
            $table,
            ".first_band_4 + excluded.first_band_4",
            ", ",
            "first_band_5 = ",
            $table,
            ".first_band_5 + excluded.first_band_5",
            ", ",
            "first_band_6 = ",
            $table,
            ".first_band_6 + excluded.first_band_6",
            ", ",
            "first_band_7 = ",
            $table,
            ".first_band_7 + excluded.first_band_7",
            ", ",
            "first_band_8 = ",
            $table,
            ".first_band_8 + excluded.first_band_8",
            ", ",
            "first_band_9 = ",
            $table,
            ".first_band_9 + excluded.first_band_9",
            ", ",
            "first_band_10 = ",
            $table,
            ".first_band_10 + excluded.first_band_10",
            ", ",
            "first_band_11 = ",
            $table,
            ".first_band_11 + excluded.first_band_11",
            ", ",
            "reply_band_0 = ",
            $table,
            ".reply_band_0 + excluded.reply_band_0",
            ", ",
            "reply_band_1 = ",
            $table,
            ".reply_band_1 + excluded.reply_band_1",
            ", ",
            "reply_band_2 = ",
            $table,
            ".reply_band_2 + excluded.reply_band_2",
            ", ",
            "reply_band_3 = ",
            $table,
            ".reply_band_3 + excluded.reply_band_3",
            ", ",
            "reply_band_4 = ",
            $table,
            ".reply_band_4 + excluded.reply_band_4",
            ", ",
            "reply_band_5 = ",
            $table,
            ".reply_band_5 + excluded.reply_band_5",
            ", ",
            "reply_band_6 = ",
            $table,
            ".reply_band_6 + excluded.reply_band_6",
            ", ",
            "reply_band_7 = ",
            $table,
            ".reply_band_7 + excluded.reply_band_7",
            ", ",
            "reply_band_8 = ",
            $table,
            ".reply_band_8 + excluded.reply_band_8",
            ", ",
            "reply_band_9 = ",
            $table,
            ".reply_band_9 + excluded.reply_band_9",
            ", ",
            "reply_band_10 = ",
            $table,
            ".reply_band_10 + excluded.reply_band_10",
            ", ",
            "reply_band_11 = ",
            $table,
            ".reply_band_11 + excluded.reply_band_11",
        )
    };
}

/// The same without the time bands, for the agents' daily rollup (which has none).
macro_rules! add_base_to {
    ($table:literal, $key:literal, $places:literal) => {
        concat!(
            "INSERT INTO ",
            $table,
            " (",
            $key,
            ", chats_received, chats_replied, replied_in_time, first_response_seconds, responses, response_seconds, resolved, messages_sent) VALUES (",
            $places,
            ", ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (",
            $key,
            ") DO UPDATE SET ",
            "chats_received = ",
            $table,
            ".chats_received + excluded.chats_received",
            ", ",
            "chats_replied = ",
            $table,
            ".chats_replied + excluded.chats_replied",
            ", ",
            "replied_in_time = ",
            $table,
            ".replied_in_time + excluded.replied_in_time",
            ", ",
            "first_response_seconds = ",
            $table,
            ".first_response_seconds + excluded.first_response_seconds",
            ", ",
            "responses = ",
            $table,
            ".responses + excluded.responses",
            ", ",
            "response_seconds = ",
            $table,
            ".response_seconds + excluded.response_seconds",
            ", ",
            "resolved = ",
            $table,
            ".resolved + excluded.resolved",
            ", ",
            "messages_sent = ",
            $table,
            ".messages_sent + excluded.messages_sent",
        )
    };
}

statement!(
    /// The agent's hour.
    AddToHour,
    add_to!(
        "agent_hourly_stats",
        "seller_id, hour, account_id, store_id, group_id",
        "?, ?, ?, ?, ?"
    )
);

statement!(
    /// The agent's UTC day: long ranges read these.
    AddToDay,
    add_base_to!(
        "agent_daily_stats",
        "seller_id, day, account_id, store_id, group_id",
        "?, ?, ?, ?, ?"
    )
);

statement!(
    /// The store's (and group's) hour, all agents together: the chart reads these.
    AddToTeamHour,
    add_to!(
        "team_hourly_stats",
        "seller_id, hour, store_id, group_id",
        "?, ?, ?, ?"
    )
);

statement!(
    /// The conversation's indicator state after a happening.
    SetChatState,
    "UPDATE conversations SET assignee_replied = ?, awaiting_since = ? WHERE id = ?"
);

/// Adds to one bucket, creating it if needed, and to its day and its team's hour.
pub(super) fn add(
    c: &mut DbConnection,
    seller_id: i64,
    key: BucketKey,
    t: &Tally,
) -> QueryResult<()> {
    let tallies = || -> Vec<Value> {
        [
            t.chats_received,
            t.chats_replied,
            t.replied_in_time,
            t.first_response_seconds,
            t.responses,
            t.response_seconds,
            t.resolved,
            t.messages_sent,
        ]
        .into_iter()
        .chain(t.bands.values())
        .map(Value::from)
        .collect()
    };
    let agent = |period: i64| -> Vec<Value> {
        let key = [
            seller_id.into(),
            period.into(),
            key.account_id.into(),
            key.store_id.into(),
            key.group_id.into(),
        ];
        key.into_iter().chain(tallies()).collect()
    };
    cached::<AddToHour>(agent(key.hour)).execute(c)?;
    // Hours are never negative: the division is the floor.
    let mut day = agent(key.hour / 24);
    day.truncate(5 + super::BASE_COLUMNS);
    cached::<AddToDay>(day).execute(c)?;
    let team = [
        seller_id.into(),
        key.hour.into(),
        key.store_id.into(),
        key.group_id.into(),
    ];
    cached::<AddToTeamHour>(team.into_iter().chain(tallies()).collect())
        .execute(c)
        .map(|_| ())
}
