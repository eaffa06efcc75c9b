//! The agent inbox: presence, the Mine / Queue / All lists, and what an agent does to a
//! conversation (take, reply, close, reopen). Every query is scoped to the seller and
//! to the stores the agent may work on.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::ingest::{Event, NewMessage, insert_message, record_event, status_from_code};
use super::routing::AgentStatus;
use crate::accounts::permissions::Permission;
use crate::activity_log::{Activity, Actor, record_activity};
use crate::chat_assignment::settings;
use crate::db::schema::{
    agent_presence, buyers, chat_group_members, chat_group_sources, chat_groups, conversations,
    messages, stores,
};
use crate::db::{self, DbConnection};
use crate::stores::model::Store;
use crate::web::{AppError, CurrentUser};

pub fn status_code(status: AgentStatus) -> &'static str {
    match status {
        AgentStatus::Online => "online",
        AgentStatus::Idle => "idle",
        AgentStatus::Offline => "offline",
    }
}

pub fn status_key(status: AgentStatus) -> &'static str {
    match status {
        AgentStatus::Online => "agent-status-online",
        AgentStatus::Idle => "agent-status-idle",
        AgentStatus::Offline => "agent-status-offline",
    }
}

pub fn current_status(conn: &mut DbConnection, account_id: i64) -> QueryResult<AgentStatus> {
    let code: Option<String> = agent_presence::table
        .filter(agent_presence::account_id.eq(account_id))
        .select(agent_presence::status)
        .first(conn)
        .optional()?;
    Ok(code
        .map(|c| status_from_code(&c))
        .unwrap_or(AgentStatus::Offline))
}

/// (store, source) pairs the agent's active groups take: what the agent's queue holds.
fn queue_keys(c: &mut DbConnection, user: &CurrentUser) -> QueryResult<BTreeSet<(i64, String)>> {
    Ok(chat_group_members::table
        .inner_join(chat_groups::table)
        .inner_join(
            chat_group_sources::table
                .on(chat_group_sources::group_id.eq(chat_group_members::group_id)),
        )
        .filter(chat_group_members::account_id.eq(user.account_id))
        .filter(chat_group_members::seller_id.eq(user.seller_id))
        .filter(chat_groups::active.eq(true))
        .select((chat_group_sources::store_id, chat_group_sources::source))
        .load::<(i64, String)>(c)?
        .into_iter()
        .collect())
}

/// The agent's active groups: chats transferred to one of them wait in its queue.
fn my_groups(c: &mut DbConnection, user: &CurrentUser) -> QueryResult<BTreeSet<i64>> {
    Ok(chat_group_members::table
        .inner_join(chat_groups::table)
        .filter(chat_group_members::account_id.eq(user.account_id))
        .filter(chat_groups::active.eq(true))
        .select(chat_group_members::group_id)
        .load::<i64>(c)?
        .into_iter()
        .collect())
}

/// Sets the agent's status. Going Online pulls waiting chats from the agent's groups'
/// queues, oldest first, up to each store's capacity. Recorded in the Activity Log.
pub fn set_status(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    status: AgentStatus,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    db::write_transaction(conn, |c| {
        let before = current_status(c, user.account_id)?;
        let exists: bool = diesel::select(diesel::dsl::exists(
            agent_presence::table.filter(agent_presence::account_id.eq(user.account_id)),
        ))
        .get_result(c)?;
        if exists {
            diesel::update(
                agent_presence::table.filter(agent_presence::account_id.eq(user.account_id)),
            )
            .set((
                agent_presence::status.eq(status_code(status)),
                agent_presence::updated_at.eq(now),
            ))
            .execute(c)?;
        } else {
            diesel::insert_into(agent_presence::table)
                .values((
                    agent_presence::account_id.eq(user.account_id),
                    agent_presence::seller_id.eq(user.seller_id),
                    agent_presence::status.eq(status_code(status)),
                    agent_presence::updated_at.eq(now),
                ))
                .execute(c)?;
        }
        if before != status {
            let activity = Activity::agent_status_changed(
                user.account_id,
                &user.username,
                status_code(before),
                status_code(status),
            );
            record_activity(c, actor, &activity)?;
        }
        if status == AgentStatus::Online && user.can(Permission::Webchat) {
            pull_waiting(c, user, now)
        } else {
            Ok(0)
        }
    })
}

fn pull_waiting(
    c: &mut DbConnection,
    user: &CurrentUser,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let keys = queue_keys(c, user)?;
    let groups: Vec<i64> = my_groups(c, user)?.into_iter().collect();
    let store_ids: BTreeSet<i64> = keys.iter().map(|(s, _)| *s).collect();
    let mut pulled = 0;
    for store_id in store_ids {
        let store = stores::table
            .find(store_id)
            .select(Store::as_select())
            .first(c)?;
        if !store.active {
            continue;
        }
        let capacity = i64::from(settings::load(c, store_id)?.max_concurrent_chats.max(1));
        let open: i64 = conversations::table
            .filter(conversations::assignee_id.eq(user.account_id))
            .filter(conversations::status.eq("open"))
            .count()
            .get_result(c)?;
        let room = usize::try_from(capacity - open).unwrap_or(0);
        let sources: Vec<&str> = keys
            .iter()
            .filter(|(s, _)| *s == store_id)
            .map(|(_, src)| src.as_str())
            .collect();
        let waiting: Vec<i64> = conversations::table
            .filter(conversations::store_id.eq(store_id))
            .filter(conversations::status.eq("open"))
            .filter(conversations::assignee_id.is_null())
            .filter(
                conversations::source
                    .eq_any(&sources)
                    .or(conversations::group_id.eq_any(&groups)),
            )
            .order(conversations::last_message_at.asc())
            .limit(i64::try_from(room).unwrap_or(0))
            .select(conversations::id)
            .load(c)?;
        for id in waiting {
            assign_to(c, &store, id, user.account_id, "assigned", None, now)?;
            pulled += 1;
        }
    }
    Ok(pulled)
}

fn assign_to(
    c: &mut DbConnection,
    store: &Store,
    id: i64,
    account_id: i64,
    kind: &str,
    actor_id: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (group_id, source): (Option<i64>, String) = conversations::table
        .filter(conversations::id.eq(id))
        .select((conversations::group_id, conversations::source))
        .first(c)?;
    // A chat taken from a queue belongs to the agent's group that takes its source, so
    // Performance Data can filter it by group.
    let group_id = match group_id {
        Some(g) => Some(g),
        None => chat_group_members::table
            .inner_join(chat_groups::table)
            .inner_join(
                chat_group_sources::table
                    .on(chat_group_sources::group_id.eq(chat_group_members::group_id)),
            )
            .filter(chat_group_members::account_id.eq(account_id))
            .filter(chat_group_sources::store_id.eq(store.id))
            .filter(chat_group_sources::source.eq(&source))
            .filter(chat_groups::active.eq(true))
            .order(chat_groups::id.asc())
            .select(chat_groups::id)
            .first(c)
            .optional()?,
    };
    diesel::update(conversations::table.filter(conversations::id.eq(id)))
        .set((
            conversations::assignee_id.eq(Some(account_id)),
            conversations::group_id.eq(group_id),
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
        id,
        Event {
            kind,
            group_id,
            account_id: Some(account_id),
            actor_id,
        },
        now,
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Mine,
    Queue,
    All,
}

impl Tab {
    pub fn parse(code: &str) -> Tab {
        match code {
            "queue" => Tab::Queue,
            "all" => Tab::All,
            _ => Tab::Mine,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Tab::Mine => "mine",
            Tab::Queue => "queue",
            Tab::All => "all",
        }
    }
}

/// Who sees every conversation of their stores: the main account, Administrators, and
/// Supervisors (Chat Assignment) for their granted stores.
pub fn sees_all(user: &CurrentUser) -> bool {
    user.can(Permission::ChatAssignment)
}

/// id, store name, source, buyer, status, assignee, last message time, read time, store id,
/// group id.
type ListRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    i64,
    Option<i64>,
);

#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub store_name: String,
    pub source: String,
    pub buyer: String,
    pub status: String,
    pub assignee_id: Option<i64>,
    pub last_text: String,
    pub last_message_at: NaiveDateTime,
    pub unread: i64,
}

/// The list for a tab, newest first, optionally one store only.
pub fn list(
    c: &mut DbConnection,
    user: &CurrentUser,
    tab: Tab,
    store_filter: Option<i64>,
) -> Result<Vec<Row>, AppError> {
    let visible: Vec<i64> = Store::visible_to(c, user)?.iter().map(|s| s.id).collect();
    let stores: Vec<i64> = visible
        .into_iter()
        .filter(|id| store_filter.is_none_or(|f| f == *id))
        .collect();
    let mut query = conversations::table
        .inner_join(buyers::table)
        .inner_join(stores::table.on(stores::id.eq(conversations::store_id)))
        .filter(conversations::seller_id.eq(user.seller_id))
        .filter(conversations::store_id.eq_any(&stores))
        .into_boxed();
    match tab {
        Tab::Mine => {
            query = query
                .filter(conversations::assignee_id.eq(user.account_id))
                .filter(conversations::status.eq("open"));
        }
        Tab::Queue => {
            query = query
                .filter(conversations::assignee_id.is_null())
                .filter(conversations::status.eq("open"));
        }
        Tab::All if sees_all(user) => {}
        Tab::All => return Err(AppError::Forbidden),
    }
    let rows: Vec<ListRow> = query
        .order(conversations::last_message_at.desc())
        .limit(200)
        .select((
            conversations::id,
            stores::name,
            conversations::source,
            buyers::display_name,
            conversations::status,
            conversations::assignee_id,
            conversations::last_message_at,
            conversations::assignee_read_at,
            conversations::store_id,
            conversations::group_id,
        ))
        .load(c)?;
    let keys = if tab == Tab::Queue {
        Some((queue_keys(c, user)?, my_groups(c, user)?))
    } else {
        None
    };
    // The queue shows what the agent's groups take (or were handed); the main account
    // sees every waiting chat, including those no group takes.
    let rows: Vec<ListRow> = rows
        .into_iter()
        .filter(|r| match &keys {
            Some((keys, groups)) if !sees_all(user) => {
                keys.contains(&(r.8, r.2.clone())) || r.9.is_some_and(|g| groups.contains(&g))
            }
            _ => true,
        })
        .collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    // Two grouped queries for the whole page instead of two per row.
    let last_ids = messages::table
        .filter(messages::conversation_id.eq_any(&ids))
        .group_by(messages::conversation_id)
        .select(diesel::dsl::max(messages::id))
        .load::<Option<i64>>(c)?;
    let last_texts: BTreeMap<i64, String> = messages::table
        .filter(messages::id.eq_any(last_ids.into_iter().flatten()))
        .select((messages::conversation_id, messages::body))
        .load::<(i64, String)>(c)?
        .into_iter()
        .collect();
    let mine: Vec<i64> = rows
        .iter()
        .filter(|r| r.5 == Some(user.account_id))
        .map(|r| r.0)
        .collect();
    let unread: BTreeMap<i64, i64> = messages::table
        .inner_join(conversations::table)
        .filter(messages::conversation_id.eq_any(&mine))
        .filter(messages::sender.eq("buyer"))
        .filter(
            conversations::assignee_read_at
                .is_null()
                .or(messages::created_at
                    .nullable()
                    .gt(conversations::assignee_read_at)),
        )
        .group_by(messages::conversation_id)
        .select((messages::conversation_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(c)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(
            |(id, store_name, source, buyer, status, assignee_id, last_message_at, _, _, _)| Row {
                last_text: last_texts.get(&id).cloned().unwrap_or_default(),
                unread: unread.get(&id).copied().unwrap_or(0),
                id,
                store_name,
                source,
                buyer,
                status,
                assignee_id,
                last_message_at,
            },
        )
        .collect())
}

#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: i64,
    pub store: Store,
    pub buyer: String,
    pub source: String,
    pub status: String,
    pub assignee_id: Option<i64>,
    pub group_id: Option<i64>,
    /// The group the conversation was routed or handed to, by name.
    pub group_name: Option<String>,
}

/// A conversation the user may open: theirs, one waiting in their queue, or any of
/// their stores when they see all. Another seller's is 404; a colleague's is 403.
pub fn find(c: &mut DbConnection, user: &CurrentUser, id: i64) -> Result<Conversation, AppError> {
    let row: (i64, String, String, String, Option<i64>, Option<i64>) = conversations::table
        .inner_join(buyers::table)
        .filter(conversations::id.eq(id))
        .filter(conversations::seller_id.eq(user.seller_id))
        .select((
            conversations::store_id,
            buyers::display_name,
            conversations::source,
            conversations::status,
            conversations::assignee_id,
            conversations::group_id,
        ))
        .first(c)
        .optional()?
        .ok_or(AppError::NotFound)?;
    let (store_id, buyer, source, status, assignee_id, group_id) = row;
    let store = Store::find_for(c, user, store_id)?;
    let mine = assignee_id == Some(user.account_id);
    let queued = assignee_id.is_none() && {
        let taken_by_my_groups = queue_keys(c, user)?.contains(&(store_id, source.clone()));
        let handed_to_my_group = match group_id {
            Some(g) => my_groups(c, user)?.contains(&g),
            None => false,
        };
        taken_by_my_groups || handed_to_my_group
    };
    if !(mine || queued || sees_all(user)) || !(user.can(Permission::Webchat) || sees_all(user)) {
        return Err(AppError::Forbidden);
    }
    let group_name = match group_id {
        Some(g) => chat_groups::table
            .filter(chat_groups::id.eq(g))
            .select(chat_groups::name)
            .first(c)
            .optional()?,
        None => None,
    };
    Ok(Conversation {
        id,
        store,
        buyer,
        source,
        status,
        assignee_id,
        group_id,
        group_name,
    })
}

#[derive(Debug, Clone, Queryable)]
pub struct HistoryMessage {
    pub sender: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

pub fn history(c: &mut DbConnection, conversation_id: i64) -> QueryResult<Vec<HistoryMessage>> {
    messages::table
        .filter(messages::conversation_id.eq(conversation_id))
        .order(messages::id.asc())
        .select((messages::sender, messages::body, messages::created_at))
        .load(c)
}

pub fn mark_read(
    c: &mut DbConnection,
    user: &CurrentUser,
    conversation: &Conversation,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if conversation.assignee_id == Some(user.account_id) {
        diesel::update(conversations::table.filter(conversations::id.eq(conversation.id)))
            .set(conversations::assignee_read_at.eq(Some(now)))
            .execute(c)?;
    }
    Ok(())
}

/// An agent's reply. Replying to a waiting chat takes it first.
pub fn reply(
    c: &mut DbConnection,
    user: &CurrentUser,
    conversation: &Conversation,
    text: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if conversation.status != "open" {
        return Err(AppError::BadRequest);
    }
    db::write_transaction(c, |c| {
        if conversation.assignee_id.is_none() {
            assign_to(
                c,
                &conversation.store,
                conversation.id,
                user.account_id,
                "taken",
                Some(user.account_id),
                now,
            )?;
        }
        let message = NewMessage {
            sender: "agent",
            agent_id: Some(user.account_id),
            external_id: None,
            body: text,
        };
        insert_message(c, &conversation.store, conversation.id, message, now)?;
        diesel::update(conversations::table.filter(conversations::id.eq(conversation.id)))
            .set((
                conversations::last_message_at.eq(now),
                conversations::assignee_read_at.eq(Some(now)),
            ))
            .execute(c)?;
        Ok(())
    })
}

pub fn take(
    c: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    conversation: &Conversation,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if conversation.assignee_id.is_some() || conversation.status != "open" {
        return Err(AppError::Conflict);
    }
    db::write_transaction(c, |c| {
        assign_to(
            c,
            &conversation.store,
            conversation.id,
            user.account_id,
            "taken",
            Some(user.account_id),
            now,
        )?;
        let activity = Activity::conversation_taken(
            conversation.store.id,
            conversation.id,
            &conversation.buyer,
        );
        record_activity(c, actor, &activity)?;
        Ok(())
    })
}

/// Close dialogue (resolve) or reopen it; recorded in the Activity Log.
pub fn set_open(
    c: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    conversation: &Conversation,
    open: bool,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if (conversation.status == "open") == open {
        return Ok(());
    }
    db::write_transaction(c, |c| {
        diesel::update(conversations::table.filter(conversations::id.eq(conversation.id)))
            .set((
                conversations::status.eq(if open { "open" } else { "closed" }),
                conversations::closed_at.eq(if open { None } else { Some(now) }),
            ))
            .execute(c)?;
        let kind = if open { "reopened" } else { "closed" };
        record_event(
            c,
            &conversation.store,
            conversation.id,
            Event {
                kind,
                group_id: conversation.group_id,
                account_id: conversation.assignee_id,
                actor_id: Some(user.account_id),
            },
            now,
        )?;
        record_activity(
            c,
            actor,
            &Activity::conversation_closed(
                conversation.store.id,
                conversation.id,
                &conversation.buyer,
                open,
            ),
        )?;
        Ok(())
    })
}

/// Where a conversation can be handed: an Online, eligible member of one of the store's
/// active groups (not its current assignee), or one of those groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transfer {
    Member {
        account_id: i64,
        group_id: i64,
        label: String,
    },
    Group {
        group_id: i64,
        label: String,
    },
}

impl Transfer {
    pub fn value(&self) -> String {
        match self {
            Transfer::Member { account_id, .. } => format!("member:{account_id}"),
            Transfer::Group { group_id, .. } => format!("group:{group_id}"),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Transfer::Member { label, .. } | Transfer::Group { label, .. } => label,
        }
    }
}

pub fn transfer_options(
    c: &mut DbConnection,
    conversation: &Conversation,
) -> QueryResult<Vec<Transfer>> {
    let store = &conversation.store;
    let eligible: Vec<i64> = crate::chat_assignment::groups::eligible_staff(c, store)?
        .iter()
        .map(|s| s.account_id)
        .collect();
    let groups: Vec<(i64, String)> = chat_groups::table
        .filter(chat_groups::store_id.eq(store.id))
        .filter(chat_groups::active.eq(true))
        .order(chat_groups::name_key.asc())
        .select((chat_groups::id, chat_groups::name))
        .load(c)?;
    let group_ids: Vec<i64> = groups.iter().map(|(id, _)| *id).collect();
    let online: Vec<(i64, i64, String)> = chat_group_members::table
        .inner_join(crate::db::schema::accounts::table)
        .inner_join(
            agent_presence::table.on(agent_presence::account_id.eq(chat_group_members::account_id)),
        )
        .filter(chat_group_members::group_id.eq_any(&group_ids))
        .filter(agent_presence::status.eq("online"))
        .order(crate::db::schema::accounts::display_name.asc())
        .select((
            chat_group_members::account_id,
            chat_group_members::group_id,
            crate::db::schema::accounts::display_name,
        ))
        .load(c)?;
    let mut seen = BTreeSet::new();
    let members = online
        .into_iter()
        .filter(|(account_id, _, _)| {
            eligible.contains(account_id) && conversation.assignee_id != Some(*account_id)
        })
        .filter(|(account_id, _, _)| seen.insert(*account_id))
        .map(|(account_id, group_id, label)| Transfer::Member {
            account_id,
            group_id,
            label,
        });
    Ok(members
        .chain(
            groups
                .into_iter()
                .map(|(group_id, label)| Transfer::Group { group_id, label }),
        )
        .collect())
}

/// Hands the conversation over, history and all: to the chosen member, or routed again
/// within the chosen group (waiting in its queue when nobody there is Online).
pub fn transfer(
    c: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    conversation: &Conversation,
    choice: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if conversation.status != "open"
        || !(conversation.assignee_id == Some(user.account_id) || sees_all(user))
    {
        return Err(AppError::Forbidden);
    }
    db::write_transaction(c, |c| {
        let target = transfer_options(c, conversation)?
            .into_iter()
            .find(|t| t.value() == choice)
            .ok_or(AppError::BadRequest)?;
        let store = &conversation.store;
        let (assignee, group_id) = match &target {
            Transfer::Member {
                account_id,
                group_id,
                ..
            } => (Some(*account_id), *group_id),
            Transfer::Group { group_id, .. } => {
                let eligible: Vec<i64> = crate::chat_assignment::groups::eligible_staff(c, store)?
                    .iter()
                    .map(|s| s.account_id)
                    .collect();
                let pairs: Vec<(i64, i64)> = chat_group_members::table
                    .filter(chat_group_members::group_id.eq(group_id))
                    .select(chat_group_members::account_id)
                    .load::<i64>(c)?
                    .into_iter()
                    .filter(|a| eligible.contains(a))
                    .map(|a| (*group_id, a))
                    .collect();
                let facts = super::routing::RoutingFacts {
                    current_assignee: None,
                    groups: vec![*group_id],
                    candidates: super::ingest::candidates(c, &pairs)?,
                    capacity: settings::load(c, store.id)?.max_concurrent_chats.max(1) as u32,
                };
                match super::routing::route(&facts) {
                    super::routing::Decision::Assign { account_id, .. } => {
                        (Some(account_id), *group_id)
                    }
                    _ => (None, *group_id),
                }
            }
        };
        diesel::update(conversations::table.filter(conversations::id.eq(conversation.id)))
            .set((
                conversations::assignee_id.eq(assignee),
                conversations::group_id.eq(Some(group_id)),
                conversations::assigned_at.eq(assignee.map(|_| now)),
                conversations::assignee_read_at.eq(None::<NaiveDateTime>),
            ))
            .execute(c)?;
        if let Some(account_id) = assignee {
            diesel::update(agent_presence::table.filter(agent_presence::account_id.eq(account_id)))
                .set(agent_presence::last_assigned_at.eq(Some(now)))
                .execute(c)?;
        }
        let event = Event {
            kind: "transferred",
            group_id: Some(group_id),
            account_id: assignee,
            actor_id: Some(user.account_id),
        };
        record_event(c, store, conversation.id, event, now)?;
        let activity = Activity::conversation_transferred(
            store.id,
            conversation.id,
            &conversation.buyer,
            target.label(),
        );
        record_activity(c, actor, &activity)?;
        Ok(())
    })
}
