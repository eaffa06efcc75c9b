//! Keeps Performance Data current. Webchat calls these from the one function that writes
//! messages and the one that writes conversation events, inside their transactions, so
//! an indicator is never ahead of or behind the chat it describes.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::indicators::{
    Bands, BucketKey, ChatState, Happening, Tally, apply, happening_of_event, happening_of_message,
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

/// `INSERT … ON CONFLICT DO UPDATE` adding the values of `$col`s to one row of `$table`
/// keyed by `$key` (`$places` a `?` per key column), the same text on both backends.
macro_rules! upsert_adding {
    ($table:literal, $key:literal, $places:literal; $first:literal $(, $col:literal)*) => {
        concat!(
            "INSERT INTO ", $table, " (", $key, ", ", $first $(, ", ", $col)*,
            ") VALUES (", $places, ", ?" $(, ", ", placeholder!($col))*,
            ") ON CONFLICT (", $key, ") DO UPDATE SET ",
            $first, " = ", $table, ".", $first, " + excluded.", $first
            $(, ", ", $col, " = ", $table, ".", $col, " + excluded.", $col)*
        )
    };
}

/// A `?` standing for one column of `upsert_adding!`.
macro_rules! placeholder {
    ($col:literal) => {
        "?"
    };
}

/// Adds the eight tallies (`TALLY_COLUMNS`).
macro_rules! add_to {
    ($table:literal, $key:literal, $places:literal) => {
        upsert_adding!(
            $table, $key, $places;
            "chats_received", "chats_replied", "replied_in_time", "first_response_seconds",
            "responses", "response_seconds", "resolved", "messages_sent"
        )
    };
}

/// Adds the 24 time bands (`indicators::BAND_COLUMNS`).
macro_rules! add_bands_to {
    ($table:literal, $key:literal, $places:literal) => {
        upsert_adding!(
            $table, $key, $places;
            "first_band_0", "first_band_1", "first_band_2", "first_band_3", "first_band_4",
            "first_band_5", "first_band_6", "first_band_7", "first_band_8", "first_band_9",
            "first_band_10", "first_band_11", "reply_band_0", "reply_band_1", "reply_band_2",
            "reply_band_3", "reply_band_4", "reply_band_5", "reply_band_6", "reply_band_7",
            "reply_band_8", "reply_band_9", "reply_band_10", "reply_band_11"
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
    add_to!(
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
    /// The agent's hour's time bands.
    AddToHourBands,
    add_bands_to!(
        "agent_hourly_bands",
        "seller_id, hour, account_id, store_id, group_id",
        "?, ?, ?, ?, ?"
    )
);

statement!(
    /// The team's hour's time bands.
    AddToTeamHourBands,
    add_bands_to!("team_hourly_bands", "seller_id, hour, store_id, group_id", "?, ?, ?, ?")
);

statement!(
    /// The team's UTC day's time bands: long ranges read these.
    AddToTeamDayBands,
    add_bands_to!("team_daily_bands", "seller_id, day, store_id, group_id", "?, ?, ?, ?")
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
    let with = |key: Vec<Value>, values: &mut dyn Iterator<Item = i64>| -> Vec<Value> {
        key.into_iter().chain(values.map(Value::from)).collect()
    };
    let tallies = || {
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
    };
    let agent = |period: i64| -> Vec<Value> {
        vec![
            seller_id.into(),
            period.into(),
            key.account_id.into(),
            key.store_id.into(),
            key.group_id.into(),
        ]
    };
    let team = |period: i64| -> Vec<Value> {
        vec![
            seller_id.into(),
            period.into(),
            key.store_id.into(),
            key.group_id.into(),
        ]
    };
    // Hours are never negative: the division is the floor.
    let day = key.hour / 24;
    cached::<AddToHour>(with(agent(key.hour), &mut tallies())).execute(c)?;
    cached::<AddToDay>(with(agent(day), &mut tallies())).execute(c)?;
    cached::<AddToTeamHour>(with(team(key.hour), &mut tallies())).execute(c)?;
    // Time bands only move when a reply is counted.
    if t.bands != Bands::default() {
        cached::<AddToHourBands>(with(agent(key.hour), &mut t.bands.values())).execute(c)?;
        cached::<AddToTeamHourBands>(with(team(key.hour), &mut t.bands.values())).execute(c)?;
        cached::<AddToTeamDayBands>(with(team(day), &mut t.bands.values())).execute(c)?;
    }
    Ok(())
}

#[cfg(test)]
mod statement_tests {
    use super::*;
    use crate::db::cached::Statement;

    /// The upserts name every column the reads sum, once as a value and once added.
    #[test]
    fn the_upserts_add_every_column() {
        for col in super::super::TALLY_COLUMNS {
            for sql in [AddToHour::SQL, AddToDay::SQL, AddToTeamHour::SQL] {
                assert!(sql.contains(&format!("{col} = ")), "{col} in {sql}");
            }
        }
        for col in super::super::indicators::BAND_COLUMNS {
            for sql in [
                AddToHourBands::SQL,
                AddToTeamHourBands::SQL,
                AddToTeamDayBands::SQL,
            ] {
                assert!(sql.contains(&format!("excluded.{col}")), "{col} in {sql}");
            }
        }
        assert_eq!(AddToTeamDayBands::SQL.matches('?').count(), 4 + 24);
        assert_eq!(AddToHour::SQL.matches('?').count(), 5 + 8);
    }
}
