//! Assigned Groups: per store, a named set of eligible staff taking chosen chat sources.

use std::collections::BTreeSet;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::sources::ChatSource;
use crate::accounts::permissions::{BuiltinRole, Permission};
use crate::activity_log::{Activity, Actor, Changes, record_activity};
use crate::conversations::{Leaving, group_closed, members_leave};
use crate::db::schema::{
    accounts, chat_group_members, chat_group_sources, chat_groups, store_grants,
};
use crate::db::{self, DbConnection};
use crate::stores::model::Store;
use crate::web::AppError;
use crate::web::form::Invalid;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = chat_groups)]
pub struct ChatGroup {
    pub id: i64,
    pub seller_id: i64,
    pub store_id: i64,
    pub name: String,
    pub name_key: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A staff member as groups show them.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Staff {
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
}

/// A group with its sources and members, for the store page.
#[derive(Debug, Clone)]
pub struct GroupView {
    pub group: ChatGroup,
    pub sources: Vec<ChatSource>,
    pub members: Vec<Staff>,
}

/// A group name: 1–40 characters, unique within the store ignoring case.
pub fn parse_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        Err("error-group-name-required")
    } else if name.chars().count() > 40 || name.chars().any(char::is_control) {
        Err("error-group-name-invalid")
    } else {
        Ok(name.to_string())
    }
}

/// Chosen source codes: at least one, each from the list.
pub fn parse_sources(codes: &[&str]) -> Result<Vec<ChatSource>, &'static str> {
    let sources: Vec<ChatSource> = ChatSource::ALL
        .into_iter()
        .filter(|s| codes.contains(&s.code()))
        .collect();
    if codes.iter().any(|c| ChatSource::from_code(c).is_none()) {
        Err("error-group-source-invalid")
    } else if sources.is_empty() {
        Err("error-group-sources-required")
    } else {
        Ok(sources)
    }
}

/// For statements with a fixed number of placeholders: the built-in roles holding the
/// Webchat permission, padded with a code no account has to one per built-in role.
pub fn webchat_builtin_roles() -> [&'static str; BuiltinRole::ALL.len()] {
    let mut codes = [""; BuiltinRole::ALL.len()];
    for (slot, role) in codes.iter_mut().zip(
        BuiltinRole::ALL
            .iter()
            .filter(|r| r.permissions().contains(Permission::Webchat)),
    ) {
        *slot = role.code();
    }
    codes
}

/// SQL true when the `accounts` row's role includes the Webchat permission: a built-in
/// role that has it, or a custom role listing it. Built only from code constants.
fn role_has_webchat() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    let builtin: Vec<String> = BuiltinRole::ALL
        .iter()
        .filter(|r| r.permissions().contains(Permission::Webchat))
        .map(|r| format!("'{}'", r.code()))
        .collect();
    diesel::dsl::sql(&format!(
        "(accounts.builtin_role IN ({}) OR EXISTS (SELECT 1 FROM roles WHERE roles.id = accounts.custom_role_id \
         AND (',' || roles.permissions || ',') LIKE '%,{},%'))",
        builtin.join(", "),
        Permission::Webchat.code()
    ))
}

/// The sub-accounts that may join this store's groups: enabled, granted the store, and
/// holding the Webchat permission.
pub fn eligible_staff(conn: &mut DbConnection, store: &Store) -> QueryResult<Vec<Staff>> {
    accounts::table
        .inner_join(store_grants::table.on(store_grants::account_id.eq(accounts::id)))
        .filter(store_grants::store_id.eq(store.id))
        .filter(accounts::seller_id.eq(store.seller_id))
        .filter(accounts::disabled.eq(false))
        .filter(role_has_webchat())
        .order(accounts::username.asc())
        .select((accounts::id, accounts::username, accounts::display_name))
        .load(conn)
}

/// The store's groups with their sources and members, by name.
pub fn groups_of_store(conn: &mut DbConnection, store_id: i64) -> QueryResult<Vec<GroupView>> {
    let groups: Vec<ChatGroup> = chat_groups::table
        .filter(chat_groups::store_id.eq(store_id))
        .order(chat_groups::name_key.asc())
        .select(ChatGroup::as_select())
        .load(conn)?;
    let sources: Vec<(i64, String)> = chat_group_sources::table
        .filter(chat_group_sources::store_id.eq(store_id))
        .select((chat_group_sources::group_id, chat_group_sources::source))
        .load(conn)?;
    let members: Vec<(i64, Staff)> = chat_group_members::table
        .inner_join(accounts::table)
        .filter(chat_group_members::store_id.eq(store_id))
        .order(accounts::username.asc())
        .select((
            chat_group_members::group_id,
            (accounts::id, accounts::username, accounts::display_name),
        ))
        .load(conn)?;
    Ok(groups
        .into_iter()
        .map(|group| GroupView {
            sources: ChatSource::ALL
                .into_iter()
                .filter(|s| {
                    sources
                        .iter()
                        .any(|(g, code)| *g == group.id && code == s.code())
                })
                .collect(),
            members: members
                .iter()
                .filter(|(g, _)| *g == group.id)
                .map(|(_, m)| m.clone())
                .collect(),
            group,
        })
        .collect())
}

/// A group of the store, or 404.
pub fn find(conn: &mut DbConnection, store: &Store, group_id: i64) -> Result<ChatGroup, AppError> {
    chat_groups::table
        .filter(chat_groups::id.eq(group_id))
        .filter(chat_groups::store_id.eq(store.id))
        .filter(chat_groups::seller_id.eq(store.seller_id))
        .select(ChatGroup::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The store's active groups that take `source` (with or without members): whether
/// a chat waits in a group queue or in the main account's queue.
pub fn active_groups_taking(
    conn: &mut DbConnection,
    store_id: i64,
    source: ChatSource,
) -> QueryResult<Vec<i64>> {
    chat_group_sources::table
        .inner_join(chat_groups::table)
        .filter(chat_group_sources::store_id.eq(store_id))
        .filter(chat_group_sources::source.eq(source.code()))
        .filter(chat_groups::active.eq(true))
        .order(chat_group_sources::group_id.asc())
        .select(chat_group_sources::group_id)
        .load(conn)
}

fn name_taken(
    c: &mut DbConnection,
    store_id: i64,
    key: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        chat_groups::table
            .filter(chat_groups::store_id.eq(store_id))
            .filter(chat_groups::name_key.eq(key))
            .filter(chat_groups::id.ne(except.unwrap_or(0))),
    ))
    .get_result(c)
}

const NAME_TAKEN: Invalid = Invalid {
    field: "name",
    key: "error-group-name-taken",
};
const MEMBER_INELIGIBLE: Invalid = Invalid {
    field: "members",
    key: "error-group-member-ineligible",
};

/// The chosen members, if every one of them is eligible now.
fn checked_members(
    c: &mut DbConnection,
    store: &Store,
    ids: &[i64],
) -> QueryResult<Option<Vec<Staff>>> {
    let eligible = eligible_staff(c, store)?;
    let chosen: Vec<Staff> = eligible
        .into_iter()
        .filter(|s| ids.contains(&s.account_id))
        .collect();
    Ok((chosen.len() == ids.len()).then_some(chosen))
}

fn usernames(staff: &[Staff]) -> String {
    staff
        .iter()
        .map(|s| s.username.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn codes(sources: &[ChatSource]) -> String {
    sources
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(", ")
}

fn insert_members(
    c: &mut DbConnection,
    store: &Store,
    group_id: i64,
    ids: &[i64],
) -> QueryResult<()> {
    let now = Utc::now().naive_utc();
    for id in ids {
        diesel::insert_into(chat_group_members::table)
            .values((
                chat_group_members::group_id.eq(group_id),
                chat_group_members::seller_id.eq(store.seller_id),
                chat_group_members::store_id.eq(store.id),
                chat_group_members::account_id.eq(id),
                chat_group_members::created_at.eq(now),
            ))
            .execute(c)?;
    }
    Ok(())
}

fn insert_sources(
    c: &mut DbConnection,
    store: &Store,
    group_id: i64,
    sources: &[ChatSource],
) -> QueryResult<()> {
    for source in sources {
        diesel::insert_into(chat_group_sources::table)
            .values((
                chat_group_sources::group_id.eq(group_id),
                chat_group_sources::seller_id.eq(store.seller_id),
                chat_group_sources::store_id.eq(store.id),
                chat_group_sources::source.eq(source.code()),
            ))
            .execute(c)?;
    }
    Ok(())
}

pub struct NewGroup {
    pub name: String,
    pub members: Vec<i64>,
    pub sources: Vec<ChatSource>,
}

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    input: &NewGroup,
) -> Result<Result<ChatGroup, Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let key = input.name.to_lowercase();
        if name_taken(c, store.id, &key, None)? {
            return Ok(Err(NAME_TAKEN));
        }
        let Some(members) = checked_members(c, store, &input.members)? else {
            return Ok(Err(MEMBER_INELIGIBLE));
        };
        let now = Utc::now().naive_utc();
        diesel::insert_into(chat_groups::table)
            .values((
                chat_groups::seller_id.eq(store.seller_id),
                chat_groups::store_id.eq(store.id),
                chat_groups::name.eq(&input.name),
                chat_groups::name_key.eq(&key),
                chat_groups::active.eq(true),
                chat_groups::created_at.eq(now),
                chat_groups::updated_at.eq(now),
            ))
            .execute(c)?;
        let group = chat_groups::table
            .filter(chat_groups::store_id.eq(store.id))
            .filter(chat_groups::name_key.eq(&key))
            .select(ChatGroup::as_select())
            .first(c)?;
        insert_members(c, store, group.id, &input.members)?;
        insert_sources(c, store, group.id, &input.sources)?;
        let activity = Activity::group_created(
            store.id,
            group.id,
            &group.name,
            &usernames(&members),
            &codes(&input.sources),
        );
        record_activity(c, actor, &activity)?;
        Ok(Ok(group))
    })
}

pub fn rename(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    group: &ChatGroup,
    name: &str,
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let key = name.to_lowercase();
        if name_taken(c, store.id, &key, Some(group.id))? {
            return Ok(Err(NAME_TAKEN));
        }
        let changes = Changes::new().field("name", &group.name, name);
        if changes.is_empty() {
            return Ok(Ok(()));
        }
        diesel::update(chat_groups::table.filter(chat_groups::id.eq(group.id)))
            .set((
                chat_groups::name.eq(name),
                chat_groups::name_key.eq(&key),
                chat_groups::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(c)?;
        record_activity(
            c,
            actor,
            &Activity::group_updated(store.id, group.id, name, &changes),
        )?;
        Ok(Ok(()))
    })
}

fn current_members(c: &mut DbConnection, group_id: i64) -> QueryResult<Vec<Staff>> {
    chat_group_members::table
        .inner_join(accounts::table)
        .filter(chat_group_members::group_id.eq(group_id))
        .order(accounts::username.asc())
        .select((accounts::id, accounts::username, accounts::display_name))
        .load(c)
}

pub fn set_members(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    group: &ChatGroup,
    ids: &[i64],
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let Some(mut chosen) = checked_members(c, store, ids)? else {
            return Ok(Err(MEMBER_INELIGIBLE));
        };
        let before = current_members(c, group.id)?;
        chosen.sort_by(|a, b| a.username.cmp(&b.username));
        let changes = Changes::new().field("members", usernames(&before), usernames(&chosen));
        if changes.is_empty() {
            return Ok(Ok(()));
        }
        diesel::delete(chat_group_members::table.filter(chat_group_members::group_id.eq(group.id)))
            .execute(c)?;
        insert_members(c, store, group.id, ids)?;
        // Members taken out no longer answer the chats that came through this group.
        let gone: Vec<(i64, Leaving)> = before
            .iter()
            .filter(|b| !ids.contains(&b.account_id))
            .map(|b| (b.account_id, Leaving::Group(group.id)))
            .collect();
        members_leave(c, store.seller_id, &gone, Utc::now().naive_utc())?;
        record_activity(
            c,
            actor,
            &Activity::group_updated(store.id, group.id, &group.name, &changes),
        )?;
        Ok(Ok(()))
    })
}

pub fn set_sources(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    group: &ChatGroup,
    sources: &[ChatSource],
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        let before: Vec<ChatSource> = chat_group_sources::table
            .filter(chat_group_sources::group_id.eq(group.id))
            .select(chat_group_sources::source)
            .load::<String>(c)?
            .iter()
            .filter_map(|code| ChatSource::from_code(code))
            .collect();
        let sorted = |list: &[ChatSource]| {
            ChatSource::ALL
                .into_iter()
                .filter(|s| list.contains(s))
                .collect::<Vec<_>>()
        };
        let changes =
            Changes::new().field("sources", codes(&sorted(&before)), codes(&sorted(sources)));
        if changes.is_empty() {
            return Ok(());
        }
        diesel::delete(chat_group_sources::table.filter(chat_group_sources::group_id.eq(group.id)))
            .execute(c)?;
        insert_sources(c, store, group.id, sources)?;
        record_activity(
            c,
            actor,
            &Activity::group_updated(store.id, group.id, &group.name, &changes),
        )?;
        Ok(())
    })
}

/// Closing keeps members and sources; a closed group receives no chats.
pub fn set_active(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    group: &ChatGroup,
    active: bool,
) -> Result<(), AppError> {
    if group.active == active {
        return Ok(());
    }
    db::write_transaction(conn, |c| {
        diesel::update(chat_groups::table.filter(chat_groups::id.eq(group.id)))
            .set((
                chat_groups::active.eq(active),
                chat_groups::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(c)?;
        if !active {
            // A closed group receives nothing: its open chats are routed again.
            group_closed(c, store.seller_id, group.id, Utc::now().naive_utc())?;
        }
        record_activity(
            c,
            actor,
            &Activity::group_opened(store.id, group.id, &group.name, active),
        )?;
        Ok(())
    })
}

pub fn delete(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    group: &ChatGroup,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        // Members and sources go with the group (ON DELETE CASCADE).
        diesel::delete(
            chat_groups::table
                .filter(chat_groups::id.eq(group.id))
                .filter(chat_groups::store_id.eq(store.id)),
        )
        .execute(c)?;
        // Its open chats go back to routing among the store's other groups.
        group_closed(c, store.seller_id, group.id, Utc::now().naive_utc())?;
        record_activity(
            c,
            actor,
            &Activity::group_deleted(store.id, group.id, &group.name),
        )?;
        Ok(())
    })
}

/// Takes a member out of groups it may no longer be in, one entry per group (called
/// inside the transaction that took the eligibility away): a revoked store grant
/// (`store_id` set), or a role without the Webchat permission (`None`: every store).
pub fn remove_member(
    c: &mut DbConnection,
    actor: &Actor,
    account_id: i64,
    store_id: Option<i64>,
) -> QueryResult<()> {
    let groups: Vec<ChatGroup> = chat_groups::table
        .inner_join(chat_group_members::table)
        .filter(chat_group_members::account_id.eq(account_id))
        .filter(chat_groups::seller_id.eq(actor.seller_id))
        .select(ChatGroup::as_select())
        .load(c)?;
    for group in groups
        .into_iter()
        .filter(|g| store_id.is_none_or(|s| s == g.store_id))
    {
        let before = current_members(c, group.id)?;
        diesel::delete(
            chat_group_members::table
                .filter(chat_group_members::group_id.eq(group.id))
                .filter(chat_group_members::account_id.eq(account_id)),
        )
        .execute(c)?;
        let after: Vec<Staff> = before
            .iter()
            .filter(|s| s.account_id != account_id)
            .cloned()
            .collect();
        let changes = Changes::new().field("members", usernames(&before), usernames(&after));
        record_activity(
            c,
            actor,
            &Activity::group_updated(group.store_id, group.id, &group.name, &changes),
        )?;
    }
    Ok(())
}

/// Group and distinct member counts per store (for the overview).
pub fn counts(conn: &mut DbConnection, store_ids: &[i64]) -> QueryResult<Vec<(i64, i64, i64)>> {
    let groups: Vec<(i64, i64)> = chat_groups::table
        .filter(chat_groups::store_id.eq_any(store_ids))
        .group_by(chat_groups::store_id)
        .select((chat_groups::store_id, diesel::dsl::count_star()))
        .load(conn)?;
    let members: Vec<(i64, i64)> = chat_group_members::table
        .filter(chat_group_members::store_id.eq_any(store_ids))
        .select((chat_group_members::store_id, chat_group_members::account_id))
        .load(conn)?;
    Ok(store_ids
        .iter()
        .map(|id| {
            let g = groups
                .iter()
                .find(|(s, _)| s == id)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            let m: BTreeSet<i64> = members
                .iter()
                .filter(|(s, _)| s == id)
                .map(|(_, a)| *a)
                .collect();
            (*id, g, m.len() as i64)
        })
        .collect())
}

/// What a member's active groups take: the (store, source) pairs whose waiting chats
/// are in the member's queue, and the groups themselves (chats handed to a group wait
/// in its queue whatever their source).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueScope {
    pub sources: BTreeSet<(i64, String)>,
    pub groups: BTreeSet<i64>,
}

impl QueueScope {
    pub fn takes(&self, store_id: i64, source: &str, group_id: Option<i64>) -> bool {
        self.sources.contains(&(store_id, source.to_string()))
            || group_id.is_some_and(|g| self.groups.contains(&g))
    }
}

pub fn queue_scope(
    conn: &mut DbConnection,
    seller_id: i64,
    account_id: i64,
) -> QueryResult<QueueScope> {
    let groups = chat_group_members::table
        .inner_join(chat_groups::table)
        .filter(chat_group_members::account_id.eq(account_id))
        .filter(chat_group_members::seller_id.eq(seller_id))
        .filter(chat_groups::active.eq(true))
        .select(chat_group_members::group_id);
    // A subquery rather than the ids: the statement's text stays the same, so it is
    // prepared once per connection.
    let sources = chat_group_sources::table
        .filter(chat_group_sources::group_id.eq_any(groups))
        .select((chat_group_sources::store_id, chat_group_sources::source))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let groups = groups.load::<i64>(conn)?.into_iter().collect();
    Ok(QueueScope { sources, groups })
}
