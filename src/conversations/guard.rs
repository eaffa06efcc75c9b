//! The response guard's sweep: an assigned chat whose buyer has waited longer than the
//! store's "reassign after" time without an answer from its agent goes to another Online
//! member, with its events and an Activity Log entry under the product's name. The
//! clock is the caller's, so tests move time instead of sleeping.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::assign::reassign_away;
use super::codes::ConversationStatus;
use super::presence::ABSENCE_ACTOR;
use super::{CoreResult, account_name, buyer_name, lock, run, store_of};
use crate::activity_log::{Activity, Actor, record_activity};
use crate::chat_assignment::settings;
use crate::db::DbConnection;
use crate::db::schema::{conversations, store_chat_settings};

/// An assigned chat waiting for its agent's answer, in a store that reassigns.
struct Waiting {
    id: i64,
    seller_id: i64,
    assignee_id: i64,
    /// The later of the assignment and the buyer's first unanswered message: the agent
    /// has had the chat unanswered since then.
    since: NaiveDateTime,
    after_minutes: i32,
}

/// When the chat's agent has left it unanswered too long.
fn due(since: NaiveDateTime, after_minutes: i32) -> NaiveDateTime {
    since + Duration::minutes(i64::from(after_minutes))
}

/// Reassigns every chat due at `now`; returns how many moved.
pub fn reassign_unanswered(conn: &mut DbConnection, now: NaiveDateTime) -> CoreResult<usize> {
    type Candidate = (
        i64,
        i64,
        Option<i64>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        i32,
    );
    // The shortest setting is one minute, so nothing that started waiting within the
    // last minute can be due: the index on `awaiting_since` keeps the read short.
    let rows: Vec<Candidate> = conversations::table
        .inner_join(
            store_chat_settings::table
                .on(store_chat_settings::store_id.eq(conversations::store_id)),
        )
        .filter(conversations::awaiting_since.le(now - Duration::minutes(1)))
        .filter(conversations::status.eq(ConversationStatus::Open.code()))
        .filter(conversations::assignee_id.is_not_null())
        .filter(store_chat_settings::reassign_after_minutes.gt(0))
        .select((
            conversations::id,
            conversations::seller_id,
            conversations::assignee_id,
            conversations::assigned_at,
            conversations::awaiting_since,
            store_chat_settings::reassign_after_minutes,
        ))
        .load(conn)?;
    let due_now: Vec<Waiting> = rows
        .into_iter()
        .filter_map(|(id, seller_id, assignee, assigned_at, awaiting, after)| {
            let since = awaiting?.max(assigned_at?);
            Some(Waiting {
                id,
                seller_id,
                assignee_id: assignee?,
                since,
                after_minutes: after,
            })
        })
        .filter(|w| due(w.since, w.after_minutes) <= now)
        .collect();
    let mut moved = 0;
    for waiting in due_now {
        if reassign_one(conn, &waiting, now)? {
            moved += 1;
        }
    }
    Ok(moved)
}

/// One chat, in its own transaction: re-checked under the lock (the agent may have
/// answered, or the chat moved, since the read), then handed on.
fn reassign_one(
    conn: &mut DbConnection,
    waiting: &Waiting,
    now: NaiveDateTime,
) -> CoreResult<bool> {
    run(conn, now, |c, log| {
        let row = lock(c, waiting.seller_id, waiting.id)?;
        let (assigned_at, awaiting): (Option<NaiveDateTime>, Option<NaiveDateTime>) =
            conversations::table
                .find(row.id)
                .select((conversations::assigned_at, conversations::awaiting_since))
                .get_result(c)?;
        let chat = settings::load(c, row.store_id)?;
        let after = chat.guard.reassign_after_minutes;
        let still_due = row.is_open()
            && row.assignee_id == Some(waiting.assignee_id)
            && after > 0
            && matches!((assigned_at, awaiting), (Some(a), Some(w)) if due(a.max(w), after) <= now);
        if !still_due {
            return Ok(false);
        }
        let store = store_of(c, row.store_id)?;
        if !store.active {
            return Ok(false);
        }
        let Some(to) = reassign_away(c, log, &store, &row, &chat)? else {
            return Ok(false);
        };
        let names = (account_name(c, waiting.assignee_id)?, account_name(c, to)?);
        let actor = Actor {
            seller_id: row.seller_id,
            account_id: None,
            name: ABSENCE_ACTOR.to_string(),
            client_addr: String::new(),
        };
        let activity = Activity::conversation_reassigned(
            row.store_id,
            row.id,
            &buyer_name(c, row.buyer_id)?,
            (&names.0, &names.1),
            after,
        );
        record_activity(c, &actor, &activity)?;
        Ok(true)
    })
}
