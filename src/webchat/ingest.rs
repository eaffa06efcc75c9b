//! A buyer's message arrives: stored, routed and answered automatically where the store
//! wants it, all in one transaction, so an accepted message is never lost and never
//! half-processed.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::routing::{AgentStatus, Candidate, Decision, RoutingFacts, route};
use crate::chat_assignment::groups::{active_groups_taking, route_candidates};
use crate::chat_assignment::settings;
use crate::chat_assignment::sources::ChatSource;
use crate::chat_assignment::working_hours::is_open;
use crate::db::schema::{agent_presence, buyers, conversation_events, conversations, messages};
use crate::db::{self, DbConnection};
use crate::i18n::TimeZoneName;
use crate::stores::model::Store;

pub const MAX_MESSAGE_CHARS: usize = 2000;
/// The default auto-reply goes to one buyer at most this often.
pub const AUTO_REPLY_EVERY_HOURS: i64 = 24;

/// Message text: 1–2,000 characters after trimming.
pub fn parse_text(input: &str) -> Result<String, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        Err("error-message-empty")
    } else if text.chars().count() > MAX_MESSAGE_CHARS {
        Err("error-message-too-long")
    } else {
        Ok(text.to_string())
    }
}

pub struct Incoming {
    /// Who the buyer is for this store: a cookie token or the integration's buyer id.
    pub buyer_key: String,
    pub buyer_name: String,
    pub source: ChatSource,
    pub text: String,
    /// The integration's id for the message; the same id again is the same message.
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub seller_id: i64,
    pub store_id: i64,
    pub conversation_id: i64,
    pub message_id: i64,
    /// True when `external_id` was seen before: nothing new was stored.
    pub duplicate: bool,
}

/// Stores the buyer's message, routes its conversation and sends any automatic reply.
pub fn receive(
    conn: &mut DbConnection,
    store: &Store,
    incoming: &Incoming,
    now: NaiveDateTime,
) -> QueryResult<Accepted> {
    db::write_transaction(conn, |c| {
        if let Some(external_id) = &incoming.external_id {
            let seen: Option<(i64, i64)> = messages::table
                .filter(messages::store_id.eq(store.id))
                .filter(messages::external_id.eq(external_id))
                .select((messages::conversation_id, messages::id))
                .first(c)
                .optional()?;
            if let Some((conversation_id, message_id)) = seen {
                return Ok(Accepted {
                    seller_id: store.seller_id,
                    store_id: store.id,
                    conversation_id,
                    message_id,
                    duplicate: true,
                });
            }
        }
        let buyer_id = buyer_for(c, store, incoming, now)?;
        let conversation_id = conversation_for(c, store, buyer_id, incoming.source, now)?;
        let message_id = insert_message(
            c,
            store,
            conversation_id,
            NewMessage {
                sender: "buyer",
                agent_id: None,
                external_id: incoming.external_id.as_deref(),
                body: &incoming.text,
            },
            now,
        )?;
        assign(c, store, conversation_id, incoming.source, now)?;
        auto_reply(c, store, buyer_id, conversation_id, now)?;
        Ok(Accepted {
            seller_id: store.seller_id,
            store_id: store.id,
            conversation_id,
            message_id,
            duplicate: false,
        })
    })
}

fn buyer_for(
    c: &mut DbConnection,
    store: &Store,
    incoming: &Incoming,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    let found: Option<i64> = buyers::table
        .filter(buyers::store_id.eq(store.id))
        .filter(buyers::buyer_key.eq(&incoming.buyer_key))
        .select(buyers::id)
        .first(c)
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    diesel::insert_into(buyers::table)
        .values((
            buyers::seller_id.eq(store.seller_id),
            buyers::store_id.eq(store.id),
            buyers::buyer_key.eq(&incoming.buyer_key),
            buyers::display_name.eq(&incoming.buyer_name),
            buyers::created_at.eq(now),
        ))
        .execute(c)?;
    buyers::table
        .filter(buyers::store_id.eq(store.id))
        .filter(buyers::buyer_key.eq(&incoming.buyer_key))
        .select(buyers::id)
        .first(c)
}

/// The buyer's conversation with the store: the open one, else the last one reopened
/// (a new buyer message reopens a closed dialogue), else a new one.
fn conversation_for(
    c: &mut DbConnection,
    store: &Store,
    buyer_id: i64,
    source: ChatSource,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    let last: Option<(i64, String)> = conversations::table
        .filter(conversations::store_id.eq(store.id))
        .filter(conversations::buyer_id.eq(buyer_id))
        .order(conversations::id.desc())
        .select((conversations::id, conversations::status))
        .first(c)
        .optional()?;
    match last {
        Some((id, status)) => {
            if status != "open" {
                diesel::update(conversations::table.filter(conversations::id.eq(id)))
                    .set((
                        conversations::status.eq("open"),
                        conversations::closed_at.eq(None::<NaiveDateTime>),
                        conversations::assignee_id.eq(None::<i64>),
                        conversations::group_id.eq(None::<i64>),
                    ))
                    .execute(c)?;
                record_event(
                    c,
                    store,
                    id,
                    Event {
                        kind: "reopened",
                        group_id: None,
                        account_id: None,
                        actor_id: None,
                    },
                    now,
                )?;
            }
            diesel::update(conversations::table.filter(conversations::id.eq(id)))
                .set((
                    conversations::source.eq(source.code()),
                    conversations::last_message_at.eq(now),
                ))
                .execute(c)?;
            Ok(id)
        }
        None => {
            diesel::insert_into(conversations::table)
                .values((
                    conversations::seller_id.eq(store.seller_id),
                    conversations::store_id.eq(store.id),
                    conversations::buyer_id.eq(buyer_id),
                    conversations::source.eq(source.code()),
                    conversations::status.eq("open"),
                    conversations::last_message_at.eq(now),
                    conversations::created_at.eq(now),
                ))
                .execute(c)?;
            conversations::table
                .filter(conversations::store_id.eq(store.id))
                .filter(conversations::buyer_id.eq(buyer_id))
                .order(conversations::id.desc())
                .select(conversations::id)
                .first(c)
        }
    }
}

/// A message as written by one of the three senders.
pub(super) struct NewMessage<'a> {
    /// `buyer`, `agent` or `auto`.
    pub sender: &'a str,
    pub agent_id: Option<i64>,
    pub external_id: Option<&'a str>,
    pub body: &'a str,
}

pub(super) fn insert_message(
    c: &mut DbConnection,
    store: &Store,
    conversation_id: i64,
    message: NewMessage<'_>,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(messages::table)
        .values((
            messages::seller_id.eq(store.seller_id),
            messages::store_id.eq(store.id),
            messages::conversation_id.eq(conversation_id),
            messages::sender.eq(message.sender),
            messages::agent_id.eq(message.agent_id),
            messages::body.eq(message.body),
            messages::external_id.eq(message.external_id),
            messages::created_at.eq(now),
        ))
        .execute(c)?;
    crate::performance::tally::message(
        c,
        store.seller_id,
        conversation_id,
        message.sender,
        message.agent_id,
        now,
    )?;
    messages::table
        .filter(messages::conversation_id.eq(conversation_id))
        .order(messages::id.desc())
        .select(messages::id)
        .first(c)
}

/// One entry of a conversation's history: assignments, transfers, closes, reopens.
pub(super) struct Event<'a> {
    pub kind: &'a str,
    pub group_id: Option<i64>,
    pub account_id: Option<i64>,
    pub actor_id: Option<i64>,
}

pub(super) fn record_event(
    c: &mut DbConnection,
    store: &Store,
    conversation_id: i64,
    event: Event<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(conversation_events::table)
        .values((
            conversation_events::seller_id.eq(store.seller_id),
            conversation_events::store_id.eq(store.id),
            conversation_events::conversation_id.eq(conversation_id),
            conversation_events::kind.eq(event.kind),
            conversation_events::group_id.eq(event.group_id),
            conversation_events::account_id.eq(event.account_id),
            conversation_events::actor_id.eq(event.actor_id),
            conversation_events::created_at.eq(now),
        ))
        .execute(c)?;
    crate::performance::tally::event(
        c,
        store.seller_id,
        conversation_id,
        event.kind,
        event.account_id,
        event.actor_id,
        now,
    )
}

/// Gathers the routing facts for the conversation and applies the decision.
fn assign(
    c: &mut DbConnection,
    store: &Store,
    conversation_id: i64,
    source: ChatSource,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (assignee, group): (Option<i64>, Option<i64>) = conversations::table
        .filter(conversations::id.eq(conversation_id))
        .select((conversations::assignee_id, conversations::group_id))
        .first(c)?;
    let pairs = route_candidates(c, store.id, source)?;
    let ids: Vec<i64> = pairs.iter().map(|(_, a)| *a).collect();
    let candidates = candidates(c, &pairs)?;
    let facts = RoutingFacts {
        current_assignee: assignee.map(|a| (a, ids.contains(&a))),
        groups: active_groups_taking(c, store.id, source)?,
        candidates,
        capacity: settings::load(c, store.id)?.max_concurrent_chats.max(1) as u32,
    };
    match route(&facts) {
        Decision::Keep { .. } => Ok(()),
        Decision::Assign {
            account_id,
            group_id,
        } => {
            diesel::update(conversations::table.filter(conversations::id.eq(conversation_id)))
                .set((
                    conversations::assignee_id.eq(Some(account_id)),
                    conversations::group_id.eq(Some(group_id)),
                    conversations::assigned_at.eq(Some(now)),
                    conversations::assignee_read_at.eq(None::<NaiveDateTime>),
                ))
                .execute(c)?;
            diesel::update(agent_presence::table.filter(agent_presence::account_id.eq(account_id)))
                .set(agent_presence::last_assigned_at.eq(Some(now)))
                .execute(c)?;
            record_event(
                c,
                store,
                conversation_id,
                Event {
                    kind: "assigned",
                    group_id: Some(group_id),
                    account_id: Some(account_id),
                    actor_id: None,
                },
                now,
            )
        }
        Decision::GroupQueue { .. } | Decision::MainQueue => {
            // Waiting: queues are derived from store, source and groups, so an
            // unassigned open conversation is all the state a queue needs.
            if assignee.is_some() || group.is_some() {
                unassign(c, store, conversation_id, assignee, group, now)?;
            }
            Ok(())
        }
    }
}

/// A disabled account goes Offline and its open chats go back to its groups' queues
/// (called inside the disabling transaction).
pub fn return_to_queue(
    c: &mut DbConnection,
    seller_id: i64,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let open: Vec<(i64, i64, Option<i64>)> = conversations::table
        .filter(conversations::seller_id.eq(seller_id))
        .filter(conversations::assignee_id.eq(account_id))
        .filter(conversations::status.eq("open"))
        .select((
            conversations::id,
            conversations::store_id,
            conversations::group_id,
        ))
        .load(c)?;
    diesel::update(agent_presence::table.filter(agent_presence::account_id.eq(account_id)))
        .set((
            agent_presence::status.eq("offline"),
            agent_presence::updated_at.eq(now),
        ))
        .execute(c)?;
    for (id, store_id, group_id) in open {
        let store = crate::db::schema::stores::table
            .find(store_id)
            .select(Store::as_select())
            .first(c)?;
        unassign(c, &store, id, Some(account_id), group_id, now)?;
    }
    Ok(())
}

/// A deleted group's open chats are routed again among the store's other groups (called
/// inside the deleting transaction, after the group is gone).
pub fn reroute_group(
    c: &mut DbConnection,
    store: &Store,
    group_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let open: Vec<(i64, String, Option<i64>)> = conversations::table
        .filter(conversations::store_id.eq(store.id))
        .filter(conversations::group_id.eq(group_id))
        .filter(conversations::status.eq("open"))
        .select((
            conversations::id,
            conversations::source,
            conversations::assignee_id,
        ))
        .load(c)?;
    for (id, source, assignee) in open {
        unassign(c, store, id, assignee, Some(group_id), now)?;
        if let Some(source) = ChatSource::from_code(&source) {
            assign(c, store, id, source, now)?;
        }
    }
    Ok(())
}

/// Back to the queue, recorded: every change of assignee is an event, which Performance
/// Data and the conversation's history rely on.
fn unassign(
    c: &mut DbConnection,
    store: &Store,
    conversation_id: i64,
    assignee: Option<i64>,
    group_id: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(conversations::table.filter(conversations::id.eq(conversation_id)))
        .set((
            conversations::assignee_id.eq(None::<i64>),
            conversations::group_id.eq(None::<i64>),
        ))
        .execute(c)?;
    let event = Event {
        kind: "returned",
        group_id,
        account_id: assignee,
        actor_id: None,
    };
    record_event(c, store, conversation_id, event, now)
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
    let open: BTreeMap<i64, i64> = conversations::table
        .filter(conversations::assignee_id.eq_any(&ids))
        .filter(conversations::status.eq("open"))
        .group_by(conversations::assignee_id)
        .select((
            conversations::assignee_id.assume_not_null(),
            diesel::dsl::count_star(),
        ))
        .load::<(i64, i64)>(c)?
        .into_iter()
        .collect();
    Ok(pairs
        .iter()
        .map(|(group_id, account_id)| {
            let (status, last) = presence
                .get(account_id)
                .cloned()
                .unwrap_or(("offline".into(), None));
            Candidate {
                account_id: *account_id,
                group_id: *group_id,
                status: status_from_code(&status),
                open_chats: open
                    .get(account_id)
                    .copied()
                    .unwrap_or(0)
                    .try_into()
                    .unwrap_or(u32::MAX),
                last_assigned_at: last,
            }
        })
        .collect())
}

pub fn status_from_code(code: &str) -> AgentStatus {
    match code {
        "online" => AgentStatus::Online,
        "idle" => AgentStatus::Idle,
        _ => AgentStatus::Offline,
    }
}

/// Outside working hours the off-work reply, otherwise the default one; either at
/// most once per buyer per 24 hours. Automatic replies are store messages marked
/// `auto`, never an agent's reply.
fn auto_reply(
    c: &mut DbConnection,
    store: &Store,
    buyer_id: i64,
    conversation_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let chat = settings::load(c, store.id)?;
    let zone = TimeZoneName::parse(&store.time_zone).unwrap_or_else(TimeZoneName::utc);
    let off_work =
        chat.off_work_enabled && !is_open(&settings::working_hours(c, store.id)?, zone.tz(), now);
    let text = if off_work {
        chat.off_work_text
    } else if chat.auto_reply_enabled {
        chat.auto_reply_text
    } else {
        return Ok(());
    };
    let last: Option<NaiveDateTime> = buyers::table
        .filter(buyers::id.eq(buyer_id))
        .select(buyers::last_auto_reply_at)
        .first(c)?;
    if text.is_empty() || last.is_some_and(|t| now - t < Duration::hours(AUTO_REPLY_EVERY_HOURS)) {
        return Ok(());
    }
    insert_message(
        c,
        store,
        conversation_id,
        NewMessage {
            sender: "auto",
            agent_id: None,
            external_id: None,
            body: &text,
        },
        now,
    )?;
    diesel::update(buyers::table.filter(buyers::id.eq(buyer_id)))
        .set(buyers::last_auto_reply_at.eq(Some(now)))
        .execute(c)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_text_limits() {
        assert_eq!(parse_text("  hi "), Ok("hi".to_string()));
        assert_eq!(parse_text(" "), Err("error-message-empty"));
        assert!(parse_text(&"ข".repeat(2000)).is_ok());
        assert_eq!(parse_text(&"ข".repeat(2001)), Err("error-message-too-long"));
    }
}
