//! Agent presence and the chats that follow it: going Online pulls waiting chats;
//! signing out sets Offline; a member who may no longer answer a store (disabled, grant
//! revoked, role without Webchat, taken out of a group, or the group closed or deleted)
//! has those open chats returned to routing in the same transaction, with events.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::assign::{
    Handover, assign_if_waiting, capacity, open_chats, route_conversation, unassign,
};
use super::codes::{AgentStatus, ConversationStatus, EventKind};
use super::log::Log;
use super::{CoreResult, Row, lock, run, store_of};
use crate::accounts::permissions::Permission;
use crate::activity_log::{Activity, Actor, record_activity};
use crate::chat_assignment::groups::queue_scope;
use crate::db::DbConnection;
use crate::db::schema::{accounts, agent_presence, conversations, stores};
use crate::web::CurrentUser;

/// The agent's status now (Offline when never set).
pub fn current_status(c: &mut DbConnection, account_id: i64) -> QueryResult<AgentStatus> {
    Ok(agent_presence::table
        .filter(agent_presence::account_id.eq(account_id))
        .select(agent_presence::status)
        .get_result::<String>(c)
        .optional()?
        .map(|s| AgentStatus::from_stored(&s))
        .unwrap_or(AgentStatus::Offline))
}

/// Ends the agent's stretch Online, if one runs, at `at`: its seconds go to Performance
/// Data's hours.
fn end_online_stretch(
    c: &mut DbConnection,
    seller_id: i64,
    account_id: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let presence = agent_presence::table.filter(agent_presence::account_id.eq(account_id));
    let since: Option<NaiveDateTime> = presence
        .select(agent_presence::online_since)
        .get_result(c)
        .optional()?
        .flatten();
    if let Some(since) = since {
        crate::performance::online::add_stretch(c, seller_id, account_id, since, at)?;
        diesel::update(presence)
            .set(agent_presence::online_since.eq(None::<NaiveDateTime>))
            .execute(c)?;
    }
    Ok(())
}

/// Writes the status; records the change in the Activity Log when it is one.
fn store_status(
    c: &mut DbConnection,
    actor: &Actor,
    seller_id: i64,
    account_id: i64,
    username: &str,
    status: AgentStatus,
    now: NaiveDateTime,
) -> QueryResult<AgentStatus> {
    let (before, online_since) = agent_presence::table
        .filter(agent_presence::account_id.eq(account_id))
        .select((agent_presence::status, agent_presence::online_since))
        .get_result::<(String, Option<NaiveDateTime>)>(c)
        .optional()?
        .map(|(s, since)| (AgentStatus::from_stored(&s), since))
        .unwrap_or((AgentStatus::Offline, None));
    // Time Online for Performance Data: a stretch starts on going Online and is added
    // to its hours when it ends.
    let online_since = match (online_since, status == AgentStatus::Online) {
        (None, true) => Some(now),
        (Some(since), false) => {
            crate::performance::online::add_stretch(c, seller_id, account_id, since, now)?;
            None
        }
        (kept, _) => kept,
    };
    // Setting a status is a sign of life: the presence timeout counts from here too.
    let updated =
        diesel::update(agent_presence::table.filter(agent_presence::account_id.eq(account_id)))
            .set((
                agent_presence::status.eq(status.code()),
                agent_presence::updated_at.eq(now),
                agent_presence::seen_at.eq(Some(now)),
                agent_presence::online_since.eq(online_since),
            ))
            .execute(c)?;
    if updated == 0 {
        diesel::insert_into(agent_presence::table)
            .values((
                agent_presence::account_id.eq(account_id),
                agent_presence::seller_id.eq(seller_id),
                agent_presence::status.eq(status.code()),
                agent_presence::updated_at.eq(now),
                agent_presence::seen_at.eq(Some(now)),
                agent_presence::online_since.eq(online_since),
            ))
            .execute(c)?;
    }
    if before != status {
        let activity =
            Activity::agent_status_changed(account_id, username, before.code(), status.code());
        record_activity(c, actor, &activity)?;
    }
    Ok(before)
}

/// Sets the agent's status. Going Online pulls waiting chats from the agent's groups'
/// queues, oldest first, up to each store's capacity; returns how many.
pub fn set_status(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    status: AgentStatus,
    now: NaiveDateTime,
) -> CoreResult<usize> {
    run(conn, now, |c, log| {
        store_status(
            c,
            actor,
            user.seller_id,
            user.account_id,
            &user.username,
            status,
            now,
        )?;
        if status == AgentStatus::Online && user.can(Permission::Webchat) {
            pull_waiting(c, log, user)
        } else {
            Ok(0)
        }
    })
}

/// Signing out: the agent is Offline (keeping their chats, as Offline does).
pub fn sign_out(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    now: NaiveDateTime,
) -> CoreResult<()> {
    run(conn, now, |c, _| {
        if current_status(c, user.account_id)? != AgentStatus::Offline {
            store_status(
                c,
                actor,
                user.seller_id,
                user.account_id,
                &user.username,
                AgentStatus::Offline,
                now,
            )?;
        }
        Ok(())
    })
}

/// The agent has a Webchat page open now (its live-event stream, or a page load).
pub fn seen(c: &mut DbConnection, account_id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(agent_presence::table.filter(agent_presence::account_id.eq(account_id)))
        .set(agent_presence::seen_at.eq(Some(now)))
        .execute(c)
        .map(|_| ())
}

/// Agents still Online or Idle with no Webchat page open for `timeout` (they closed the
/// browser, or their laptop slept) are set Offline, keeping their chats as Offline
/// does, each with its Activity Log entry under the product's name. Returns how many.
pub fn sweep_absent(
    conn: &mut DbConnection,
    timeout: chrono::Duration,
    now: NaiveDateTime,
) -> CoreResult<usize> {
    run(conn, now, |c, _| {
        let cutoff = now - timeout;
        let absent = agent_presence::table
            .inner_join(accounts::table.on(accounts::id.eq(agent_presence::account_id)))
            .filter(agent_presence::status.ne(AgentStatus::Offline.code()))
            .filter(
                agent_presence::seen_at
                    .lt(cutoff)
                    .or(agent_presence::seen_at
                        .is_null()
                        .and(agent_presence::updated_at.lt(cutoff))),
            )
            .select((
                agent_presence::account_id,
                agent_presence::seller_id,
                accounts::username,
                agent_presence::seen_at,
                agent_presence::updated_at,
            ))
            .load::<(i64, i64, String, Option<NaiveDateTime>, NaiveDateTime)>(c)?;
        for (account_id, seller_id, username, seen_at, updated_at) in &absent {
            // Online until they were last there, not until the sweep noticed.
            end_online_stretch(c, *seller_id, *account_id, seen_at.unwrap_or(*updated_at))?;
            let actor = Actor {
                seller_id: *seller_id,
                account_id: None,
                name: ABSENCE_ACTOR.to_string(),
                client_addr: String::new(),
            };
            store_status(
                c,
                &actor,
                *seller_id,
                *account_id,
                username,
                AgentStatus::Offline,
                now,
            )?;
        }
        Ok(absent.len())
    })
}

/// Who the Activity Log names when presence, not a person, set an agent Offline.
pub const ABSENCE_ACTOR: &str = "Sellerdesk";

fn pull_waiting(c: &mut DbConnection, log: &mut Log, user: &CurrentUser) -> CoreResult<usize> {
    let scope = queue_scope(c, user.seller_id, user.account_id)?;
    let store_ids: BTreeSet<i64> = scope.sources.iter().map(|(s, _)| *s).collect();
    let groups: Vec<i64> = scope.groups.iter().copied().collect();
    let mut pulled = 0;
    for store_id in store_ids {
        let active: bool = stores::table
            .find(store_id)
            .select(stores::active)
            .get_result(c)?;
        if !active {
            continue;
        }
        let open = open_chats(c, &[user.account_id])?
            .get(&user.account_id)
            .copied()
            .unwrap_or(0);
        let room = capacity(c, store_id)?.saturating_sub(open);
        if room == 0 {
            continue;
        }
        let sources: Vec<&str> = scope
            .sources
            .iter()
            .filter(|(s, _)| *s == store_id)
            .map(|(_, src)| src.as_str())
            .collect();
        let waiting: Vec<i64> = conversations::table
            .filter(conversations::store_id.eq(store_id))
            .filter(conversations::status.eq(ConversationStatus::Open.code()))
            .filter(conversations::assignee_id.is_null())
            .filter(
                conversations::source
                    .eq_any(&sources)
                    .or(conversations::group_id.eq_any(&groups)),
            )
            .order((
                conversations::last_message_at.asc(),
                conversations::id.asc(),
            ))
            .limit(i64::from(room))
            .select(conversations::id)
            .load(c)?;
        for id in waiting {
            let row = lock(c, user.seller_id, id)?;
            let to = Handover {
                account_id: user.account_id,
                group_id: None,
                kind: EventKind::Assigned,
                actor_id: None,
            };
            if assign_if_waiting(c, log, &row, to)? {
                pulled += 1;
            }
        }
    }
    Ok(pulled)
}

/// Which of a member's open chats go back to routing.
#[derive(Debug, Clone, Copy)]
pub enum Leaving {
    /// Disabled, or no longer holding the Webchat permission: every chat; the member
    /// goes Offline.
    Everything,
    /// A revoked store grant: that store's chats.
    Store(i64),
    /// Taken out of a group: the chats that came through it.
    Group(i64),
}

/// Returns the members' affected open chats to routing (call it inside the transaction
/// that took the eligibility away, after the change, once for all the members it
/// affects: an operation's events take PostgreSQL's ordering lock until the commit, so
/// no row may be locked after them).
pub fn members_leave(
    c: &mut DbConnection,
    seller_id: i64,
    leaving: &[(i64, Leaving)],
    now: NaiveDateTime,
) -> CoreResult<()> {
    // A set: rows are locked in id order, so two transactions never wait on each other.
    let mut ids = BTreeSet::new();
    for (account_id, what) in leaving {
        let mut query = conversations::table
            .filter(conversations::seller_id.eq(seller_id))
            .filter(conversations::assignee_id.eq(account_id))
            .filter(conversations::status.eq(ConversationStatus::Open.code()))
            .select(conversations::id)
            .into_boxed();
        match what {
            Leaving::Everything => {
                end_online_stretch(c, seller_id, *account_id, now)?;
                diesel::update(
                    agent_presence::table.filter(agent_presence::account_id.eq(account_id)),
                )
                .set((
                    agent_presence::status.eq(AgentStatus::Offline.code()),
                    agent_presence::updated_at.eq(now),
                ))
                .execute(c)?;
            }
            Leaving::Store(store_id) => query = query.filter(conversations::store_id.eq(store_id)),
            Leaving::Group(group_id) => query = query.filter(conversations::group_id.eq(group_id)),
        }
        ids.extend(query.load::<i64>(c)?);
    }
    reroute(c, seller_id, &ids.into_iter().collect::<Vec<_>>(), now)
}

/// A group was closed or deleted: its open chats are routed again among the store's
/// other groups (call it inside that transaction, after the change).
pub fn group_closed(
    c: &mut DbConnection,
    seller_id: i64,
    group_id: i64,
    now: NaiveDateTime,
) -> CoreResult<()> {
    let ids: Vec<i64> = conversations::table
        .filter(conversations::seller_id.eq(seller_id))
        .filter(conversations::group_id.eq(group_id))
        .filter(conversations::status.eq(ConversationStatus::Open.code()))
        .order(conversations::id.asc())
        .select(conversations::id)
        .load(c)?;
    reroute(c, seller_id, &ids, now)
}

/// Each conversation back to its queue, then routed again; events written with the
/// caller's transaction.
fn reroute(
    c: &mut DbConnection,
    seller_id: i64,
    ids: &[i64],
    now: NaiveDateTime,
) -> CoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    run(c, now, |c, log| {
        for id in ids {
            let row = lock(c, seller_id, *id)?;
            unassign(c, log, &row)?;
            let waiting = Row {
                assignee_id: None,
                group_id: None,
                ..row.clone()
            };
            let store = store_of(c, row.store_id)?;
            if store.active {
                let chat = crate::chat_assignment::settings::load(c, store.id)?;
                route_conversation(c, log, &store, &waiting, &chat)?;
            }
        }
        Ok(())
    })
}
