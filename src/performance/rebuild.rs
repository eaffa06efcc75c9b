//! Performance Data recomputed from scratch over the raw messages and conversation
//! events: the check on the live tallies, and the way to fill them for history that
//! predates them (`sellerdesk rebuild-performance`).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::indicators::{
    BAND_COLUMNS, Bands, BucketKey, ChatState, Happening, Tally, apply, happening_of_event,
    happening_of_message,
};
use crate::conversations::{EventKind, Sender};
use crate::db::schema::{agent_hourly_stats, chat_events, conversations, messages, sellers};
use crate::db::{self, DbConnection};

/// One item of a conversation's history, in the order the app wrote them.
struct Item {
    at: NaiveDateTime,
    /// Within one transaction (one timestamp) the app writes a buyer's reopening, then
    /// the buyer message, then the assignment, then replies; closes come alone.
    rank: u8,
    id: i64,
    what: What,
}

enum What {
    Message(Option<Happening>),
    Event {
        kind: EventKind,
        group_id: Option<i64>,
        account_id: Option<i64>,
        actor_id: Option<i64>,
    },
}

/// The tallies and the final chat state of every conversation of the seller.
pub struct Recomputed {
    pub tallies: BTreeMap<BucketKey, Tally>,
    pub states: Vec<(i64, ChatState)>,
}

pub fn recompute(c: &mut DbConnection, seller_id: i64) -> QueryResult<Recomputed> {
    let convs: Vec<(i64, i64)> = conversations::table
        .filter(conversations::seller_id.eq(seller_id))
        .order(conversations::id.asc())
        .select((conversations::id, conversations::store_id))
        .load(c)?;
    let mut histories: BTreeMap<i64, Vec<Item>> = BTreeMap::new();
    let msgs: Vec<(i64, i64, String, Option<i64>, NaiveDateTime)> = messages::table
        .filter(messages::seller_id.eq(seller_id))
        .select((
            messages::id,
            messages::conversation_id,
            messages::sender,
            messages::agent_id,
            messages::created_at,
        ))
        .load(c)?;
    for (id, conversation_id, sender, agent_id, at) in msgs {
        let Some(sender) = Sender::from_code(&sender) else {
            continue;
        };
        let rank = if sender == Sender::Buyer { 1 } else { 3 };
        histories.entry(conversation_id).or_default().push(Item {
            at,
            rank,
            id,
            what: What::Message(happening_of_message(sender, agent_id)),
        });
    }
    type EventRow = (
        i64,
        i64,
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        NaiveDateTime,
    );
    let events: Vec<EventRow> = chat_events::table
        .filter(chat_events::seller_id.eq(seller_id))
        .select((
            chat_events::id,
            chat_events::conversation_id,
            chat_events::kind,
            chat_events::group_id,
            chat_events::account_id,
            chat_events::actor_id,
            chat_events::created_at,
        ))
        .load(c)?;
    for (id, conversation_id, kind, group_id, account_id, actor_id, at) in events {
        // Messages and reads come from their own tables or count for nothing.
        let Some(kind) = EventKind::from_code(&kind)
            .filter(|k| !matches!(k, EventKind::Message | EventKind::Read))
        else {
            continue;
        };
        let rank = match (kind, actor_id) {
            (EventKind::Reopened, None) => 0,
            (EventKind::Closed | EventKind::Reopened, _) => 4,
            _ => 2,
        };
        histories.entry(conversation_id).or_default().push(Item {
            at,
            rank,
            id,
            what: What::Event {
                kind,
                group_id,
                account_id,
                actor_id,
            },
        });
    }
    let mut tallies: BTreeMap<BucketKey, Tally> = BTreeMap::new();
    let mut states = Vec::with_capacity(convs.len());
    for (conversation_id, store_id) in convs {
        let mut state = ChatState {
            store_id,
            ..ChatState::default()
        };
        let mut items = histories.remove(&conversation_id).unwrap_or_default();
        items.sort_by_key(|i| (i.at, i.rank, i.id));
        for item in items {
            let happening = match item.what {
                What::Message(h) => h,
                What::Event {
                    kind,
                    group_id,
                    account_id,
                    actor_id,
                } => {
                    let group_after = match (kind, actor_id) {
                        (EventKind::Returned, _) | (EventKind::Reopened, None) => None,
                        _ => group_id.or(state.group_id),
                    };
                    happening_of_event(kind, account_id, actor_id, group_after)
                }
            };
            if let Some(h) = happening {
                for (key, tally) in apply(&mut state, h, item.at) {
                    *tallies.entry(key).or_default() += tally;
                }
            }
        }
        states.push((conversation_id, state));
    }
    Ok(Recomputed { tallies, states })
}

/// The tally columns of `table`, qualified.
fn columns(table: &str) -> String {
    super::TALLY_COLUMNS
        .iter()
        .map(|col| format!("{table}.{col} AS {col}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The band columns of a left-joined `table`, zero where it has no row.
fn joined_bands(table: &str) -> String {
    BAND_COLUMNS
        .iter()
        .map(|col| format!("COALESCE({table}.{col}, 0) AS {col}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tallies as stored, bucket by bucket (for comparing with `recompute`).
pub fn stored(c: &mut DbConnection, seller_id: i64) -> QueryResult<BTreeMap<BucketKey, Tally>> {
    let rows: Vec<RollupRow> = diesel::sql_query(format!(
        "SELECT s.account_id AS a, s.store_id AS b, s.group_id AS c, s.hour AS d, {cols}, \
         {bands} FROM agent_hourly_stats s LEFT JOIN agent_hourly_bands x \
         ON x.seller_id = s.seller_id AND x.hour = s.hour AND x.account_id = s.account_id \
         AND x.store_id = s.store_id AND x.group_id = s.group_id \
         WHERE s.seller_id = {seller_id}",
        cols = columns("s"),
        bands = joined_bands("x")
    ))
    .load(c)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let key = BucketKey {
                account_id: r.a,
                store_id: r.b,
                group_id: r.c,
                hour: r.d,
            };
            (key, r.tally)
        })
        .filter(|(_, t)| !t.is_empty())
        .collect())
}

/// The rollups kept beside the hourly tallies: per agent, store, group and UTC day, and
/// per store, group and hour for the whole team.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rollups {
    /// (account, store, group, day) → tally.
    pub days: BTreeMap<(i64, i64, i64, i64), Tally>,
    /// (store, group, hour) → tally.
    pub team_hours: BTreeMap<(i64, i64, i64), Tally>,
    /// (store, group, day) → the team's time bands.
    pub team_day_bands: BTreeMap<(i64, i64, i64), Bands>,
}

/// What the rollups must hold for these hourly tallies.
pub fn fold(tallies: &BTreeMap<BucketKey, Tally>) -> Rollups {
    let mut out = Rollups::default();
    for (k, t) in tallies {
        let day = (k.account_id, k.store_id, k.group_id, k.hour.div_euclid(24));
        // The daily rollup keeps no time bands.
        *out.days.entry(day).or_default() += Tally {
            bands: Default::default(),
            ..*t
        };
        *out.team_hours
            .entry((k.store_id, k.group_id, k.hour))
            .or_default() += *t;
        *out.team_day_bands
            .entry((k.store_id, k.group_id, k.hour.div_euclid(24)))
            .or_default() += t.bands;
    }
    out.days.retain(|_, t| !t.is_empty());
    out.team_hours.retain(|_, t| !t.is_empty());
    out.team_day_bands.retain(|_, b| *b != Bands::default());
    out
}

#[derive(QueryableByName)]
struct RollupRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    a: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    b: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    c: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    d: i64,
    #[diesel(embed)]
    tally: Tally,
}

#[derive(QueryableByName)]
struct BandsRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    a: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    b: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    c: i64,
    #[diesel(embed)]
    bands: Bands,
}

/// The rollups as stored (for comparing with `fold`).
pub fn stored_rollups(c: &mut DbConnection, seller_id: i64) -> QueryResult<Rollups> {
    let zeros = BAND_COLUMNS
        .iter()
        .map(|col| format!("CAST(0 AS BIGINT) AS {col}"))
        .collect::<Vec<_>>()
        .join(", ");
    let days: Vec<RollupRow> = diesel::sql_query(format!(
        "SELECT account_id AS a, store_id AS b, group_id AS c, day AS d, {cols}, {zeros} \
         FROM agent_daily_stats WHERE seller_id = {seller_id}",
        cols = columns("agent_daily_stats")
    ))
    .load(c)?;
    let hours: Vec<RollupRow> = diesel::sql_query(format!(
        "SELECT s.store_id AS a, s.group_id AS b, s.hour AS c, CAST(0 AS BIGINT) AS d, \
         {cols}, {bands} FROM team_hourly_stats s LEFT JOIN team_hourly_bands x \
         ON x.seller_id = s.seller_id AND x.hour = s.hour AND x.store_id = s.store_id \
         AND x.group_id = s.group_id WHERE s.seller_id = {seller_id}",
        cols = columns("s"),
        bands = joined_bands("x")
    ))
    .load(c)?;
    let day_bands: Vec<BandsRow> = diesel::sql_query(format!(
        "SELECT store_id AS a, group_id AS b, day AS c, {bands} \
         FROM team_daily_bands WHERE seller_id = {seller_id}",
        bands = BAND_COLUMNS.join(", ")
    ))
    .load(c)?;
    Ok(Rollups {
        team_day_bands: day_bands
            .iter()
            .map(|r| ((r.a, r.b, r.c), r.bands))
            .filter(|(_, b)| *b != Bands::default())
            .collect(),
        days: days
            .iter()
            .map(|r| ((r.a, r.b, r.c, r.d), r.tally))
            .filter(|(_, t)| !t.is_empty())
            .collect(),
        team_hours: hours
            .iter()
            .map(|r| ((r.a, r.b, r.c), r.tally))
            .filter(|(_, t)| !t.is_empty())
            .collect(),
    })
}

/// Replaces the seller's stored tallies and chat states with a recomputation, in one
/// transaction. Returns the number of buckets written.
pub fn rebuild(c: &mut DbConnection, seller_id: i64) -> QueryResult<usize> {
    db::write_transaction(c, |c| {
        let Recomputed { tallies, states } = recompute(c, seller_id)?;
        diesel::delete(
            agent_hourly_stats::table.filter(agent_hourly_stats::seller_id.eq(seller_id)),
        )
        .execute(c)?;
        for rollup in [
            "agent_daily_stats",
            "team_hourly_stats",
            "agent_hourly_bands",
            "team_hourly_bands",
            "team_daily_bands",
        ] {
            // A table name of ours and an id: nothing typed by anyone reaches the SQL.
            diesel::sql_query(format!(
                "DELETE FROM {rollup} WHERE seller_id = {seller_id}"
            ))
            .execute(c)?;
        }
        for (key, tally) in &tallies {
            super::tally::add(c, seller_id, *key, tally)?;
        }
        for (id, state) in states {
            diesel::update(conversations::table.filter(conversations::id.eq(id)))
                .set((
                    conversations::assignee_replied.eq(state.assignee_replied),
                    conversations::awaiting_since.eq(state.awaiting_since),
                ))
                .execute(c)?;
        }
        Ok(tallies.len())
    })
}

/// Rebuilds every seller, one transaction each. Returns (sellers, buckets written).
pub fn rebuild_all(c: &mut DbConnection) -> QueryResult<(usize, usize)> {
    let ids: Vec<i64> = sellers::table.select(sellers::id).load(c)?;
    let mut buckets = 0;
    for id in &ids {
        buckets += rebuild(c, *id)?;
    }
    Ok((ids.len(), buckets))
}
