//! Who has a conversation: routing a conversation to an agent or a queue, handing it to
//! an agent with a conditional write, and returning it. Every change of assignee is an
//! event (Performance Data and the conversation's history rely on it).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::codes::{AgentStatus, ConversationStatus, EventKind, Sender};
use super::log::{Event, Log};
use super::routing::{Candidate, Decision, RoutingFacts, route};
use super::{CoreResult, Row};
use crate::chat_assignment::groups::{active_groups_taking, route_candidates};
use crate::chat_assignment::settings;
use crate::chat_assignment::sources::ChatSource;
use crate::db::DbConnection;
use crate::db::schema::{
    agent_presence, chat_group_members, chat_group_sources, chat_groups, conversations, messages,
};
use crate::stores::model::Store;

const OPEN: &str = "open";

/// Who is handed the conversation, and why.
pub(super) struct Handover {
    pub account_id: i64,
    pub group_id: Option<i64>,
    pub kind: EventKind,
    pub actor_id: Option<i64>,
}

/// Gives an unassigned open conversation to an agent: the write succeeds only while
/// nobody has it, so of two agents taking it at once exactly one wins. Returns whether
/// this call won.
pub(super) fn assign_if_waiting(
    c: &mut DbConnection,
    log: &mut Log,
    row: &Row,
    to: Handover,
) -> CoreResult<bool> {
    let now = log.now();
    // A chat taken from a queue belongs to the agent's group that takes its source, so
    // Performance Data can filter it by group.
    let group_id = match to.group_id.or(row.group_id) {
        Some(g) => Some(g),
        None => group_taking(c, to.account_id, row.store_id, &row.source)?,
    };
    let won = diesel::update(
        conversations::table
            .filter(conversations::id.eq(row.id))
            .filter(conversations::assignee_id.is_null())
            .filter(conversations::status.eq(OPEN)),
    )
    .set((
        conversations::assignee_id.eq(Some(to.account_id)),
        conversations::group_id.eq(group_id),
        conversations::assigned_at.eq(Some(now)),
        conversations::assignee_read_at.eq(None::<NaiveDateTime>),
    ))
    .execute(c)?
        == 1;
    if won {
        stamp_assignment(c, to.account_id, now)?;
        let event = Event {
            group_id,
            account_id: Some(to.account_id),
            actor_id: to.actor_id,
            ..event(row, to.kind)
        };
        log.change(c, event)?;
    }
    Ok(won)
}

/// Routing remembers when each agent last got a chat (ties go to whoever waited longest).
pub(super) fn stamp_assignment(
    c: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(agent_presence::table.filter(agent_presence::account_id.eq(account_id)))
        .set(agent_presence::last_assigned_at.eq(Some(now)))
        .execute(c)
        .map(|_| ())
}

/// The agent's first active group in the store that takes `source`.
fn group_taking(
    c: &mut DbConnection,
    account_id: i64,
    store_id: i64,
    source: &str,
) -> QueryResult<Option<i64>> {
    chat_group_members::table
        .inner_join(chat_groups::table)
        .inner_join(
            chat_group_sources::table
                .on(chat_group_sources::group_id.eq(chat_group_members::group_id)),
        )
        .filter(chat_group_members::account_id.eq(account_id))
        .filter(chat_group_sources::store_id.eq(store_id))
        .filter(chat_group_sources::source.eq(source))
        .filter(chat_groups::active.eq(true))
        .order(chat_groups::id.asc())
        .select(chat_groups::id)
        .first(c)
        .optional()
}

/// Back to the queue, recorded. `expected` is the assignee the caller saw; when the
/// conversation moved on meanwhile, nothing happens.
pub(super) fn unassign(c: &mut DbConnection, log: &mut Log, row: &Row) -> CoreResult<bool> {
    if row.assignee_id.is_none() && row.group_id.is_none() {
        return Ok(false);
    }
    let target = conversations::table.filter(conversations::id.eq(row.id));
    let changed = match row.assignee_id {
        Some(a) => diesel::update(target.filter(conversations::assignee_id.eq(a)))
            .set((
                conversations::assignee_id.eq(None::<i64>),
                conversations::group_id.eq(None::<i64>),
            ))
            .execute(c)?,
        None => diesel::update(target.filter(conversations::assignee_id.is_null()))
            .set(conversations::group_id.eq(None::<i64>))
            .execute(c)?,
    };
    if changed == 1 {
        let event = Event {
            group_id: row.group_id,
            account_id: row.assignee_id,
            ..event(row, EventKind::Returned)
        };
        log.change(c, event)?;
    }
    Ok(changed == 1)
}

/// Routes the open conversation (DESIGN "Routing"): it keeps a still-eligible assignee,
/// else goes to the Online member with the most room, else waits in a queue.
pub(super) fn route_conversation(
    c: &mut DbConnection,
    log: &mut Log,
    store: &Store,
    row: &Row,
) -> CoreResult<()> {
    let source = ChatSource::from_code(&row.source).unwrap_or(ChatSource::Other);
    let pairs = route_candidates(c, store.id, source)?;
    let eligible = |a: i64| pairs.iter().any(|(_, m)| *m == a);
    let facts = RoutingFacts {
        current_assignee: row.assignee_id.map(|a| (a, eligible(a))),
        groups: active_groups_taking(c, store.id, source)?,
        candidates: candidates(c, &pairs)?,
        capacity: capacity(c, store.id)?,
    };
    match route(&facts) {
        Decision::Keep { .. } => Ok(()),
        Decision::Assign {
            account_id,
            group_id,
        } => {
            let waiting = Row {
                assignee_id: None,
                group_id: None,
                ..row.clone()
            };
            if row.assignee_id.is_some() || row.group_id.is_some() {
                unassign(c, log, row)?;
            }
            let to = Handover {
                account_id,
                group_id: Some(group_id),
                kind: EventKind::Assigned,
                actor_id: None,
            };
            assign_if_waiting(c, log, &waiting, to).map(|_| ())
        }
        // Waiting: queues are derived from store, source and groups, so an unassigned
        // open conversation is all the state a queue needs.
        Decision::GroupQueue { .. } | Decision::MainQueue => unassign(c, log, row).map(|_| ()),
    }
}

/// The store's "max concurrent chats per agent".
pub(super) fn capacity(c: &mut DbConnection, store_id: i64) -> QueryResult<u32> {
    Ok(settings::load(c, store_id)?
        .max_concurrent_chats
        .max(1)
        .try_into()
        .unwrap_or(1))
}

/// Routing candidates for `(group_id, account_id)` pairs: each agent's presence, open
/// chats and last assignment.
pub(super) fn candidates(
    c: &mut DbConnection,
    pairs: &[(i64, i64)],
) -> QueryResult<Vec<Candidate>> {
    let ids: Vec<i64> = pairs.iter().map(|(_, a)| *a).collect();
    let presence: BTreeMap<i64, (String, Option<NaiveDateTime>)> = agent_presence::table
        .filter(agent_presence::account_id.eq_any(&ids))
        .select((
            agent_presence::account_id,
            agent_presence::status,
            agent_presence::last_assigned_at,
        ))
        .load::<(i64, String, Option<NaiveDateTime>)>(c)?
        .into_iter()
        .map(|(id, status, last)| (id, (status, last)))
        .collect();
    let open = open_chats(c, &ids)?;
    Ok(pairs
        .iter()
        .map(|(group_id, account_id)| {
            let (status, last) = presence
                .get(account_id)
                .map(|(s, l)| (AgentStatus::from_stored(s), *l))
                .unwrap_or((AgentStatus::Offline, None));
            Candidate {
                account_id: *account_id,
                group_id: *group_id,
                status,
                open_chats: open.get(account_id).copied().unwrap_or(0),
                last_assigned_at: last,
            }
        })
        .collect())
}

/// Open conversations per agent.
pub(super) fn open_chats(c: &mut DbConnection, ids: &[i64]) -> QueryResult<BTreeMap<i64, u32>> {
    Ok(conversations::table
        .filter(conversations::assignee_id.eq_any(ids))
        .filter(conversations::status.eq(ConversationStatus::Open.code()))
        .group_by(conversations::assignee_id)
        .select((
            conversations::assignee_id.assume_not_null(),
            diesel::dsl::count_star(),
        ))
        .load::<(i64, i64)>(c)?
        .into_iter()
        .map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// A message as written by one of the three senders.
pub(super) struct NewMessage<'a> {
    pub sender: Sender,
    pub agent_id: Option<i64>,
    pub external_id: Option<&'a str>,
    pub body: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = messages)]
struct MessageRow<'a> {
    seller_id: i64,
    store_id: i64,
    conversation_id: i64,
    sender: &'static str,
    agent_id: Option<i64>,
    body: &'a str,
    external_id: Option<&'a str>,
    created_at: NaiveDateTime,
}

/// Stores a message with its tallies and its event; returns its id.
pub(super) fn insert_message(
    c: &mut DbConnection,
    log: &mut Log,
    row: &Row,
    message: NewMessage<'_>,
) -> CoreResult<i64> {
    let now = log.now();
    let id: i64 = diesel::insert_into(messages::table)
        .values(MessageRow {
            seller_id: row.seller_id,
            store_id: row.store_id,
            conversation_id: row.id,
            sender: message.sender.code(),
            agent_id: message.agent_id,
            body: message.body,
            external_id: message.external_id,
            created_at: now,
        })
        .returning(messages::id)
        .get_result(c)?;
    let event = Event {
        account_id: message.agent_id,
        actor_id: message.agent_id,
        message_id: Some(id),
        ..event(row, EventKind::Message)
    };
    log.message(c, event, message.sender)?;
    Ok(id)
}

/// An event about `row` with nothing but its identity filled in.
pub(super) fn event(row: &Row, kind: EventKind) -> Event {
    Event {
        seller_id: row.seller_id,
        store_id: row.store_id,
        conversation_id: row.id,
        kind,
        group_id: row.group_id,
        account_id: None,
        actor_id: None,
        message_id: None,
    }
}
