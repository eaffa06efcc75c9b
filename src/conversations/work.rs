//! What agents do to a conversation: take, reply, transfer, close, reopen and read.
//! Each re-checks, inside its transaction, that the conversation is still as the agent
//! saw it; the loser of a race gets a `Conflict` saying who won.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::assign::{
    Handover, NewMessage, assign_if_waiting, event, insert_message, route_within, stamp_assignment,
};
use super::codes::{AgentStatus, ConversationStatus, EventKind, Sender};
use super::images::Image;
use super::intake::check_content;
use super::log::{Event, Log};
use super::{
    Conflict, CoreError, CoreResult, Row, account_name, buyer_name, conflict_now, lock, run,
};
use crate::accounts::permissions::Permission;
use crate::activity_log::{Activity, Actor, record_activity};
use crate::chat_assignment::groups::eligible_staff;
use crate::db::schema::{accounts, agent_presence, chat_group_members, chat_groups, conversations};
use crate::db::{DbConnection, coalesce};
use crate::stores::model::Store;
use crate::web::CurrentUser;

/// Takes a waiting conversation. Of two agents taking it at once, one wins; the other
/// is told who.
pub fn take(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    id: i64,
    now: NaiveDateTime,
) -> CoreResult<()> {
    run(conn, now, |c, log| {
        let row = lock(c, user.seller_id, id)?;
        if !take_locked(c, log, user, &row)? {
            // Already hers (a second click): nothing to record.
            return Ok(());
        }
        let buyer = buyer_name(c, row.buyer_id)?;
        record_activity(
            c,
            actor,
            &Activity::conversation_taken(row.store_id, row.id, &buyer),
        )?;
        Ok(())
    })
}

/// Takes the locked conversation for `user`: `true` when this call took it, `false`
/// when it already was theirs.
fn take_locked(
    c: &mut DbConnection,
    log: &mut Log,
    user: &CurrentUser,
    row: &Row,
) -> CoreResult<bool> {
    let to = Handover {
        account_id: user.account_id,
        group_id: None,
        kind: EventKind::Taken,
        actor_id: Some(user.account_id),
    };
    if row.assignee_id.is_none() && row.is_open() && assign_if_waiting(c, log, row, to)? {
        return Ok(true);
    }
    if !row.is_open() {
        return Err(CoreError::Conflict(Conflict::Closed));
    }
    match row.assignee_id {
        Some(a) if a == user.account_id => Ok(false),
        Some(a) => Err(CoreError::Conflict(Conflict::TakenBy(account_name(c, a)?))),
        None => Err(CoreError::Conflict(conflict_now(
            c,
            user.seller_id,
            row.id,
        )?)),
    }
}

/// An agent's reply, with an image when one was attached (the text may then be
/// empty). Replying to a waiting chat takes it first; a chat that meanwhile went to
/// someone else, or was closed, is refused and nothing is stored.
pub fn reply(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    id: i64,
    text: &str,
    image: Option<&Image>,
    now: NaiveDateTime,
) -> CoreResult<i64> {
    check_content(text, image)?;
    run(conn, now, |c, log| {
        let mut row = lock(c, user.seller_id, id)?;
        match row.assignee_id {
            None => {
                if take_locked(c, log, user, &row)? {
                    let buyer = buyer_name(c, row.buyer_id)?;
                    let activity = Activity::conversation_taken(row.store_id, row.id, &buyer);
                    record_activity(c, actor, &activity)?;
                }
                // The message belongs to the chat as it is now: hers, in her group.
                row = lock(c, user.seller_id, id)?;
            }
            Some(a) if a != user.account_id => {
                return Err(CoreError::Conflict(Conflict::MovedTo(Some(account_name(
                    c, a,
                )?))));
            }
            Some(_) => {}
        }
        let still_mine = diesel::update(
            conversations::table
                .filter(conversations::id.eq(id))
                .filter(conversations::assignee_id.eq(user.account_id))
                .filter(conversations::status.eq(ConversationStatus::Open.code())),
        )
        .set((
            conversations::last_message_at.eq(now),
            conversations::assignee_read_at.eq(Some(now)),
        ))
        .execute(c)?;
        if still_mine == 0 {
            return Err(CoreError::Conflict(conflict_now(c, user.seller_id, id)?));
        }
        let message = NewMessage {
            sender: Sender::Agent,
            agent_id: Some(user.account_id),
            external_id: None,
            body: text,
            image,
        };
        insert_message(c, log, &row, message)
    })
}

/// A private note for the team on the conversation, open or closed: it changes no
/// assignment and no indicator, and is never shown to the buyer or sent to
/// integrations. Anyone who may open the conversation may write one.
pub fn add_note(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: i64,
    text: &str,
    now: NaiveDateTime,
) -> CoreResult<i64> {
    run(conn, now, |c, log| {
        let row = lock(c, user.seller_id, id)?;
        let note = NewMessage {
            sender: Sender::Note,
            agent_id: Some(user.account_id),
            external_id: None,
            body: text,
            // Notes are the team's words only: they never carry an image.
            image: None,
        };
        insert_message(c, log, &row, note)
    })
}

/// Close dialogue (resolve) or reopen it; recorded in the Activity Log. Asking for the
/// state the conversation already has changes nothing.
pub fn set_open(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    id: i64,
    open: bool,
    now: NaiveDateTime,
) -> CoreResult<bool> {
    let (from, to) = if open {
        (ConversationStatus::Closed, ConversationStatus::Open)
    } else {
        (ConversationStatus::Open, ConversationStatus::Closed)
    };
    run(conn, now, |c, log| {
        let row = lock(c, user.seller_id, id)?;
        // An agent closes their own chats and waiting ones; a colleague's only someone
        // who sees all of the store's chats.
        if let Some(other) = row.assignee_id.filter(|a| *a != user.account_id)
            && !user.can(Permission::ChatAssignment)
        {
            let name = account_name(c, other)?;
            return Err(CoreError::Conflict(Conflict::MovedTo(Some(name))));
        }
        let changed = diesel::update(
            conversations::table
                .filter(conversations::id.eq(id))
                .filter(conversations::status.eq(from.code())),
        )
        .set((
            conversations::status.eq(to.code()),
            conversations::closed_at.eq(if open { None } else { Some(now) }),
        ))
        .execute(c);
        let changed = match changed {
            // Reopening an old chat of a buyer who has a newer open one.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => return Err(CoreError::Conflict(Conflict::BuyerHasOpenChat)),
            other => other?,
        };
        if changed == 0 {
            return Ok(false);
        }
        let kind = if open {
            EventKind::Reopened
        } else {
            EventKind::Closed
        };
        let event = Event {
            account_id: row.assignee_id,
            actor_id: Some(user.account_id),
            ..event(&row, kind)
        };
        log.change(c, event)?;
        if !open {
            // Integrations ask the buyer on the marketplace and post the answer back.
            log.note(Event {
                account_id: row.assignee_id,
                ..super::assign::event(&row, EventKind::RatingRequested)
            });
        }
        let buyer = buyer_name(c, row.buyer_id)?;
        record_activity(
            c,
            actor,
            &Activity::conversation_closed(row.store_id, row.id, &buyer, open),
        )?;
        Ok(true)
    })
}

/// The assignee has read the conversation up to now (only when something was unread).
pub fn mark_read(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: i64,
    now: NaiveDateTime,
) -> CoreResult<()> {
    run(conn, now, |c, log| {
        let unread =
            conversations::table
                .filter(conversations::id.eq(id))
                .filter(conversations::seller_id.eq(user.seller_id))
                .filter(conversations::assignee_id.eq(user.account_id))
                .filter(conversations::assignee_read_at.is_null().or(
                    conversations::assignee_read_at.lt(conversations::last_message_at.nullable()),
                ));
        if diesel::update(unread)
            .set(conversations::assignee_read_at.eq(Some(now)))
            .execute(c)?
            == 1
        {
            let row = lock(c, user.seller_id, id)?;
            log.note(Event {
                account_id: Some(user.account_id),
                actor_id: Some(user.account_id),
                ..event(&row, EventKind::Read)
            });
        }
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
    store: &Store,
    assignee_id: Option<i64>,
) -> QueryResult<Vec<Transfer>> {
    let eligible: Vec<i64> = eligible_staff(c, store)?
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
        .inner_join(accounts::table)
        .inner_join(
            agent_presence::table.on(agent_presence::account_id.eq(chat_group_members::account_id)),
        )
        .filter(chat_group_members::group_id.eq_any(&group_ids))
        .filter(agent_presence::status.eq(AgentStatus::Online.code()))
        .order(accounts::display_name.asc())
        .select((
            chat_group_members::account_id,
            chat_group_members::group_id,
            accounts::display_name,
        ))
        .load(c)?;
    let mut seen = BTreeSet::new();
    let members = online
        .into_iter()
        .filter(|(account_id, _, _)| {
            eligible.contains(account_id) && assignee_id != Some(*account_id)
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
/// within the chosen group (waiting in its queue when nobody there is Online). Only its
/// assignee, or someone who sees all of the store's chats, may hand it over, and only
/// while it is still as they saw it (`expected` assignee). A `note` (may be empty) goes
/// with it as a private note for whoever gets it.
#[allow(clippy::too_many_arguments)]
pub fn transfer(
    conn: &mut DbConnection,
    actor: &Actor,
    user: &CurrentUser,
    id: i64,
    expected: Option<i64>,
    choice: &str,
    note: &str,
    now: NaiveDateTime,
) -> CoreResult<()> {
    run(conn, now, |c, log| {
        let row = lock(c, user.seller_id, id)?;
        if !row.is_open() {
            return Err(CoreError::Conflict(Conflict::Closed));
        }
        if row.assignee_id != expected {
            return Err(CoreError::Conflict(conflict_now(c, user.seller_id, id)?));
        }
        let store = super::store_of(c, row.store_id)?;
        let target = transfer_options(c, &store, row.assignee_id)?
            .into_iter()
            .find(|t| t.value() == choice)
            .ok_or(CoreError::Invalid("error-transfer-target"))?;
        let (assignee, group_id) = match &target {
            Transfer::Member {
                account_id,
                group_id,
                ..
            } => (Some(*account_id), *group_id),
            Transfer::Group { group_id, .. } => {
                let chat = crate::chat_assignment::settings::load(c, store.id)?;
                (route_within(c, &store, *group_id, &chat)?, *group_id)
            }
        };
        let moved = diesel::update(
            conversations::table
                .filter(conversations::id.eq(id))
                .filter(conversations::status.eq(ConversationStatus::Open.code()))
                .filter(coalesce(conversations::assignee_id, 0).eq(row.assignee_id.unwrap_or(0))),
        )
        .set((
            conversations::assignee_id.eq(assignee),
            conversations::group_id.eq(Some(group_id)),
            conversations::assigned_at.eq(assignee.map(|_| now)),
            conversations::assignee_read_at.eq(None::<NaiveDateTime>),
        ))
        .execute(c)?;
        if moved == 0 {
            return Err(CoreError::Conflict(conflict_now(c, user.seller_id, id)?));
        }
        if let Some(account_id) = assignee {
            stamp_assignment(c, account_id, now)?;
        }
        let event = Event {
            group_id: Some(group_id),
            account_id: assignee,
            actor_id: Some(user.account_id),
            ..event(&row, EventKind::Transferred)
        };
        log.change(c, event)?;
        if !note.is_empty() {
            let note = NewMessage {
                sender: Sender::Note,
                agent_id: Some(user.account_id),
                external_id: None,
                body: note,
                image: None,
            };
            insert_message(c, log, &row, note)?;
        }
        let buyer = buyer_name(c, row.buyer_id)?;
        let activity =
            Activity::conversation_transferred(row.store_id, row.id, &buyer, target.label());
        record_activity(c, actor, &activity)?;
        Ok(())
    })
}
