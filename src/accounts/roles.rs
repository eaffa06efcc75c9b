//! Custom roles: a name and a set of permissions from the permission list.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::permissions::{Permission, PermissionSet};
use crate::activity_log::{Activity, Actor, Changes, record_activity};
use crate::conversations::{Leaving, members_leave};
use crate::db::schema::{accounts, roles};
use crate::db::{self, DbConnection};
use crate::web::AppError;
use crate::web::form::Invalid;

pub const MAX_CUSTOM_ROLES: i64 = 30;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = roles)]
pub struct Role {
    pub id: i64,
    pub seller_id: i64,
    pub name: String,
    pub name_key: String,
    pub permissions: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A role name: 1–40 characters, unique (ignoring case) within the seller.
pub fn parse_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        Err("error-role-name-required")
    } else if name.chars().count() > 40 || name.chars().any(char::is_control) {
        Err("error-role-name-invalid")
    } else {
        Ok(name.to_string())
    }
}

pub fn parse_permissions(set: PermissionSet) -> Result<PermissionSet, &'static str> {
    if set.is_empty() {
        Err("error-role-permissions-required")
    } else {
        Ok(set)
    }
}

impl Role {
    pub fn permission_set(&self) -> PermissionSet {
        PermissionSet::from_codes(&self.permissions)
    }

    pub fn find(conn: &mut DbConnection, seller_id: i64, id: i64) -> QueryResult<Option<Role>> {
        roles::table
            .filter(roles::id.eq(id))
            .filter(roles::seller_id.eq(seller_id))
            .select(Role::as_select())
            .first(conn)
            .optional()
    }

    pub fn of_seller(conn: &mut DbConnection, seller_id: i64) -> QueryResult<Vec<Role>> {
        roles::table
            .filter(roles::seller_id.eq(seller_id))
            .select(Role::as_select())
            .order(roles::name_key.asc())
            .load(conn)
    }

    /// How many sub-accounts hold the role.
    pub fn users(conn: &mut DbConnection, seller_id: i64, id: i64) -> QueryResult<i64> {
        accounts::table
            .filter(accounts::seller_id.eq(seller_id))
            .filter(accounts::custom_role_id.eq(id))
            .count()
            .get_result(conn)
    }
}

fn name_taken(
    c: &mut DbConnection,
    seller_id: i64,
    key: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        roles::table
            .filter(roles::seller_id.eq(seller_id))
            .filter(roles::name_key.eq(key))
            .filter(roles::id.ne(except.unwrap_or(0))),
    ))
    .get_result(c)
}

const NAME_TAKEN: Invalid = Invalid {
    field: "name",
    key: "error-role-name-taken",
};

pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    name: &str,
    permissions: PermissionSet,
) -> Result<Result<Role, Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        db::lock_table(c, "roles")?;
        let count: i64 = roles::table
            .filter(roles::seller_id.eq(actor.seller_id))
            .count()
            .get_result(c)?;
        if count >= MAX_CUSTOM_ROLES {
            return Ok(Err(Invalid {
                field: "name",
                key: "error-role-limit",
            }));
        }
        let key = name.to_lowercase();
        if name_taken(c, actor.seller_id, &key, None)? {
            return Ok(Err(NAME_TAKEN));
        }
        let now = Utc::now().naive_utc();
        let codes = permissions.to_codes();
        diesel::insert_into(roles::table)
            .values((
                roles::seller_id.eq(actor.seller_id),
                roles::name.eq(name),
                roles::name_key.eq(&key),
                roles::permissions.eq(&codes),
                roles::created_at.eq(now),
                roles::updated_at.eq(now),
            ))
            .execute(c)?;
        let role = roles::table
            .filter(roles::seller_id.eq(actor.seller_id))
            .filter(roles::name_key.eq(&key))
            .select(Role::as_select())
            .first(c)?;
        record_activity(
            c,
            actor,
            &Activity::role_created(role.id, &role.name, &codes),
        )?;
        Ok(Ok(role))
    })
}

pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    role: &Role,
    name: &str,
    permissions: PermissionSet,
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let key = name.to_lowercase();
        if name_taken(c, actor.seller_id, &key, Some(role.id))? {
            return Ok(Err(NAME_TAKEN));
        }
        let codes = permissions.to_codes();
        let changes = Changes::new().field("name", &role.name, name).field(
            "permissions",
            &role.permissions,
            &codes,
        );
        if changes.is_empty() {
            return Ok(Ok(()));
        }
        diesel::update(
            roles::table
                .filter(roles::id.eq(role.id))
                .filter(roles::seller_id.eq(actor.seller_id)),
        )
        .set((
            roles::name.eq(name),
            roles::name_key.eq(&key),
            roles::permissions.eq(&codes),
            roles::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(c)?;
        if role.permissions != codes {
            super::sessions::role_access_changed(c, role.id)?;
        }
        // Holders who lose Webchat may no longer be in chat groups.
        if role.permission_set().contains(Permission::Webchat)
            && !permissions.contains(Permission::Webchat)
        {
            let holders: Vec<i64> = accounts::table
                .filter(accounts::seller_id.eq(actor.seller_id))
                .filter(accounts::custom_role_id.eq(role.id))
                .select(accounts::id)
                .load(c)?;
            for account_id in &holders {
                crate::chat_assignment::groups::remove_member(c, actor, *account_id, None)?;
            }
            // Nobody answers chats they can no longer open.
            let leaving: Vec<(i64, Leaving)> =
                holders.iter().map(|a| (*a, Leaving::Everything)).collect();
            members_leave(c, actor.seller_id, &leaving, Utc::now().naive_utc())?;
        }
        record_activity(c, actor, &Activity::role_updated(role.id, name, &changes))?;
        Ok(Ok(()))
    })
}

/// Deletes a role nobody holds; a role in use is refused (`Ok(false)`).
pub fn delete(conn: &mut DbConnection, actor: &Actor, role: &Role) -> Result<bool, AppError> {
    db::write_transaction(conn, |c| {
        if Role::users(c, actor.seller_id, role.id)? > 0 {
            return Ok(false);
        }
        diesel::delete(
            roles::table
                .filter(roles::id.eq(role.id))
                .filter(roles::seller_id.eq(actor.seller_id)),
        )
        .execute(c)?;
        record_activity(c, actor, &Activity::role_deleted(role.id, &role.name))?;
        Ok(true)
    })
}
