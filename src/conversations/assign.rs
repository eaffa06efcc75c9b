//! Who has a conversation: routing a conversation to an agent or a queue, handing it to
//! an agent with a conditional write, and returning it. Every change of assignee is an
//! event (Performance Data and the conversation's history rely on it).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::codes::{AgentStatus, ConversationStatus, EventKind, Sender};
use super::images::Image;
use super::log::{Event, Log};
use super::routing::{Candidate, Decision, RoutingFacts, route};
use super::{CoreResult, Row};
use crate::chat_assignment::groups::{active_groups_taking, eligible_staff, webchat_builtin_roles};
use crate::chat_assignment::settings::{self, ChatSettings};
use crate::chat_assignment::sources::ChatSource;
use crate::db::DbConnection;
use crate::db::cached::{cached, statement};
use crate::db::schema::{
    agent_presence, chat_group_members, chat_group_sources, chat_groups, conversations,
};
use crate::stores::model::Store;

// Codes that a partial index or a LIKE compares are written into the statements' text
// rather than bound (see `db::cached`); `codes::tests` pins the codes they spell out.

statement!(
    /// The write that decides who takes a waiting chat: it matches only while nobody has it.
    AssignIfWaiting,
    "UPDATE conversations SET assignee_id = ?, group_id = ?, assigned_at = ?, \
     assignee_read_at = NULL WHERE id = ? AND assignee_id IS NULL AND status = 'open'"
);

statement!(
    StampAssignment,
    "UPDATE agent_presence SET last_assigned_at = ? WHERE account_id = ?"
);

statement!(
    /// A chat's first answer, for the marketplace's own response rate.
    FirstReply,
    "UPDATE conversations SET first_reply_seconds = ? \
     WHERE id = ? AND first_reply_seconds IS NULL"
);

statement!(
    FirstAutoReply,
    "UPDATE conversations SET first_auto_reply_seconds = ? \
     WHERE id = ? AND first_auto_reply_seconds IS NULL"
);

statement!(
    /// The agent who last answered the buyer in the store since a time, for "return a
    /// buyer to their agent".
    LastAnsweredBy,
    "SELECT m.agent_id AS id FROM messages m \
     JOIN conversations c ON c.id = m.conversation_id \
     WHERE c.store_id = ? AND c.buyer_id = ? AND m.sender = 'agent' AND m.created_at >= ? \
     ORDER BY m.created_at DESC, m.id DESC LIMIT 1"
);

statement!(
    InsertMessage,
    "INSERT INTO messages (seller_id, store_id, conversation_id, sender, agent_id, body, \
     external_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
);

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
    let won = cached::<AssignIfWaiting>(vec![
        to.account_id.into(),
        group_id.into(),
        now.into(),
        row.id.into(),
    ])
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
    cached::<StampAssignment>(vec![now.into(), account_id.into()])
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
        .get_result(c)
        .optional()
}

/// Back to the queue, recorded. The write matches only while the conversation still has
/// the assignee `row` shows; when it moved on meanwhile, nothing happens.
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

/// Routes the open conversation (docs/ARCHITECTURE.md, "Routing"): it keeps a still-eligible assignee,
/// else goes to the Online member with the most room, else waits in a queue.
pub(super) fn route_conversation(
    c: &mut DbConnection,
    log: &mut Log,
    store: &Store,
    row: &Row,
    chat: &ChatSettings,
) -> CoreResult<()> {
    // A chat handed to a group waits in that group's queue until one of its members can
    // take it; a buyer writing again does not take it out.
    if let (None, Some(group_id)) = (row.assignee_id, row.group_id) {
        if let Some(account_id) = route_within(c, store, group_id, chat)? {
            let to = Handover {
                account_id,
                group_id: Some(group_id),
                kind: EventKind::Assigned,
                actor_id: None,
            };
            assign_if_waiting(c, log, row, to)?;
        }
        return Ok(());
    }
    let mut facts = facts_for(c, store, row, chat)?;
    let returns = chat.guard.return_within_hours;
    if facts.current_assignee.is_none_or(|(_, eligible)| !eligible) && returns > 0 {
        let since = log.now() - chrono::Duration::hours(i64::from(returns));
        facts.returning_to =
            cached::<LastAnsweredBy>(vec![store.id.into(), row.buyer_id.into(), since.into()])
                .get_result::<NewId>(c)
                .optional()?
                .map(|r| r.id);
    }
    decide(c, log, row, &facts)
}

/// The routing facts of the open conversation `row` in its store.
fn facts_for(
    c: &mut DbConnection,
    store: &Store,
    row: &Row,
    chat: &ChatSettings,
) -> QueryResult<RoutingFacts> {
    let source = ChatSource::from_code(&row.source).unwrap_or(ChatSource::Other);
    let candidates = routing_candidates(c, store.id, source)?;
    let eligible = |a: i64| candidates.iter().any(|m| m.account_id == a);
    Ok(RoutingFacts {
        current_assignee: row.assignee_id.map(|a| (a, eligible(a))),
        groups: active_groups_taking(c, store.id, source)?,
        candidates,
        capacity: capacity_of(chat),
        returning_to: None,
        excluded: None,
    })
}

/// Takes the open conversation `row` from its assignee, who left the buyer unanswered,
/// and hands it to another Online member with room. When nobody else can take it, it
/// stays where it is (a queue would leave it with nobody at all). Returns the new agent.
pub(super) fn reassign_away(
    c: &mut DbConnection,
    log: &mut Log,
    store: &Store,
    row: &Row,
    chat: &ChatSettings,
) -> CoreResult<Option<i64>> {
    let Some(from) = row.assignee_id else {
        return Ok(None);
    };
    let facts = RoutingFacts {
        current_assignee: None,
        excluded: Some(from),
        ..facts_for(c, store, row, chat)?
    };
    let Decision::Assign { account_id, .. } = route(&facts) else {
        return Ok(None);
    };
    decide(c, log, row, &facts)?;
    Ok(Some(account_id))
}

/// Carries out the routing decision for `row`.
fn decide(c: &mut DbConnection, log: &mut Log, row: &Row, facts: &RoutingFacts) -> CoreResult<()> {
    match route(facts) {
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

statement!(
    /// The routing question in one statement: for a store and source, each active group
    /// taking it with each member who is enabled, still granted the store and holds the
    /// Webchat permission, with their presence and open chats.
    RoutingCandidates,
    "SELECT s.group_id AS group_id, m.account_id AS account_id, \
     COALESCE(p.status, ?) AS status, p.last_assigned_at AS last_assigned_at, \
     (SELECT COUNT(*) FROM conversations o WHERE o.assignee_id = m.account_id \
      AND o.status = 'open') AS open_chats \
     FROM chat_group_sources s \
     JOIN chat_groups g ON g.id = s.group_id \
     JOIN chat_group_members m ON m.group_id = s.group_id \
     JOIN accounts a ON a.id = m.account_id \
     JOIN store_grants sg ON sg.account_id = m.account_id AND sg.store_id = s.store_id \
     LEFT JOIN agent_presence p ON p.account_id = m.account_id \
     WHERE s.store_id = ? AND s.source = ? AND g.active = ? AND a.disabled = ? \
     AND (a.builtin_role IN (?, ?, ?) OR EXISTS (SELECT 1 FROM roles r \
      WHERE r.id = a.custom_role_id AND (',' || r.permissions || ',') LIKE '%,webchat,%')) \
     ORDER BY s.group_id, m.account_id"
);

#[derive(QueryableByName)]
struct CandidateRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    group_id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    account_id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    status: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    last_assigned_at: Option<NaiveDateTime>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    open_chats: i64,
}

/// Who may get a chat of `source` in the store (a member of two groups once per group).
pub fn routing_candidates(
    c: &mut DbConnection,
    store_id: i64,
    source: ChatSource,
) -> QueryResult<Vec<Candidate>> {
    let [r1, r2, r3] = webchat_builtin_roles();
    let rows: Vec<CandidateRow> = cached::<RoutingCandidates>(vec![
        AgentStatus::Offline.code().into(),
        store_id.into(),
        source.code().into(),
        true.into(),
        false.into(),
        r1.into(),
        r2.into(),
        r3.into(),
    ])
    .load(c)?;
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            account_id: r.account_id,
            group_id: r.group_id,
            status: AgentStatus::from_stored(&r.status),
            open_chats: u32::try_from(r.open_chats).unwrap_or(u32::MAX),
            last_assigned_at: r.last_assigned_at,
        })
        .collect())
}

/// The store's "max concurrent chats per agent".
pub(super) fn capacity(c: &mut DbConnection, store_id: i64) -> QueryResult<u32> {
    Ok(capacity_of(&settings::load(c, store_id)?))
}

fn capacity_of(chat: &ChatSettings) -> u32 {
    chat.max_concurrent_chats.max(1).try_into().unwrap_or(1)
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
    /// May be empty when an image goes with it.
    pub body: &'a str,
    /// Buyers' messages and agents' replies only: notes stay text.
    pub image: Option<&'a Image>,
}

/// The id a `RETURNING id` statement gives back.
#[derive(QueryableByName)]
pub(super) struct NewId {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub id: i64,
}

/// Stores a message with its tallies and its event; returns its id.
pub(super) fn insert_message(
    c: &mut DbConnection,
    log: &mut Log,
    row: &Row,
    message: NewMessage<'_>,
) -> CoreResult<i64> {
    let now = log.now();
    let id = cached::<InsertMessage>(vec![
        row.seller_id.into(),
        row.store_id.into(),
        row.id.into(),
        message.sender.code().into(),
        message.agent_id.into(),
        message.body.into(),
        message.external_id.into(),
        now.into(),
    ])
    .get_result::<NewId>(c)?
    .id;
    if let Some(image) = message.image {
        super::images::store(c, row, id, image, now)?;
    }
    if matches!(message.sender, Sender::Agent | Sender::Auto) {
        note_first_answer(c, row.id, message.sender, now)?;
    }
    if message.sender == Sender::Note {
        // The team's own: counted by no indicator, and its own kind of event so that
        // nothing meant for the buyer or an integration mistakes it for a message.
        log.note(Event {
            account_id: message.agent_id,
            actor_id: message.agent_id,
            message_id: Some(id),
            ..event(row, EventKind::Note)
        });
        return Ok(id);
    }
    let event = Event {
        account_id: message.agent_id,
        actor_id: message.agent_id,
        message_id: Some(id),
        ..event(row, EventKind::Message)
    };
    log.message(c, event, message.sender)?;
    Ok(id)
}

/// Keeps how long the chat waited for its first agent reply, or its first automatic
/// reply, from its start (written once; a chat answered before keeps its figure).
fn note_first_answer(
    c: &mut DbConnection,
    conversation_id: i64,
    sender: Sender,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (started, reply, auto): (NaiveDateTime, Option<i64>, Option<i64>) = conversations::table
        .find(conversation_id)
        .select((
            conversations::created_at,
            conversations::first_reply_seconds,
            conversations::first_auto_reply_seconds,
        ))
        .get_result(c)?;
    let seconds = (now - started).num_seconds().max(0);
    match (sender, reply, auto) {
        (Sender::Agent, None, _) => {
            cached::<FirstReply>(vec![seconds.into(), conversation_id.into()]).execute(c)?;
        }
        (Sender::Auto, _, None) => {
            cached::<FirstAutoReply>(vec![seconds.into(), conversation_id.into()]).execute(c)?;
        }
        _ => {}
    }
    Ok(())
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

/// The Online member of `group_id` with the most room, if any.
pub(super) fn route_within(
    c: &mut DbConnection,
    store: &Store,
    group_id: i64,
    chat: &ChatSettings,
) -> QueryResult<Option<i64>> {
    let eligible: Vec<i64> = eligible_staff(c, store)?
        .iter()
        .map(|s| s.account_id)
        .collect();
    let pairs: Vec<(i64, i64)> = chat_group_members::table
        .filter(chat_group_members::group_id.eq(group_id))
        .select(chat_group_members::account_id)
        .load::<i64>(c)?
        .into_iter()
        .filter(|a| eligible.contains(a))
        .map(|a| (group_id, a))
        .collect();
    let facts = RoutingFacts {
        current_assignee: None,
        groups: vec![group_id],
        candidates: candidates(c, &pairs)?,
        capacity: capacity_of(chat),
        returning_to: None,
        excluded: None,
    };
    Ok(match route(&facts) {
        Decision::Assign { account_id, .. } => Some(account_id),
        _ => None,
    })
}
