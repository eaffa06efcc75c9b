//! Sellers and their accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::permissions::{PermissionSet, RoleRef};
use crate::db::DbConnection;
use crate::db::schema::{accounts, roles, sellers};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sellers)]
pub struct Seller {
    pub id: i64,
    pub name: String,
    pub created_at: NaiveDateTime,
    /// Every account of the seller must sign in with a second factor.
    pub require_two_factor: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: i64,
    pub seller_id: i64,
    pub member_name: Option<String>,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub password_hash: String,
    pub is_main: bool,
    pub disabled: bool,
    pub must_change_password: bool,
    pub language: Option<String>,
    pub time_zone: String,
    #[diesel(deserialize_as = crate::db::time::DbTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::time::DbTime)]
    pub updated_at: NaiveDateTime,
    pub builtin_role: Option<String>,
    pub custom_role_id: Option<i64>,
    /// Moves on whenever what the account may see changes (role, grants, status).
    pub access_version: i64,
    /// Base32 TOTP secret once two-factor sign-in is set up.
    pub totp_secret: Option<String>,
    /// The last TOTP time step accepted: a code is good once.
    pub totp_last_step: i64,
}

#[derive(Insertable)]
#[diesel(table_name = sellers)]
pub struct NewSeller<'a> {
    pub name: &'a str,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = accounts)]
pub struct NewAccount<'a> {
    pub seller_id: i64,
    pub member_name: Option<&'a str>,
    pub username: &'a str,
    pub display_name: &'a str,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub password_hash: &'a str,
    pub is_main: bool,
    pub must_change_password: bool,
    pub language: Option<&'a str>,
    pub time_zone: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub builtin_role: Option<&'a str>,
    pub custom_role_id: Option<i64>,
}

impl Seller {
    pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
        sellers::table.count().get_result(conn)
    }

    pub fn find_by_name(conn: &mut DbConnection, name: &str) -> QueryResult<Option<Seller>> {
        sellers::table
            .filter(sellers::name.eq(name))
            .select(Seller::as_select())
            .first(conn)
            .optional()
    }

    /// Inserts the seller and returns it (looked up by its unique name, which works
    /// the same on both backends).
    pub fn create(conn: &mut DbConnection, name: &str, now: NaiveDateTime) -> QueryResult<Seller> {
        diesel::insert_into(sellers::table)
            .values(&NewSeller {
                name,
                created_at: now,
            })
            .execute(conn)?;
        sellers::table
            .filter(sellers::name.eq(name))
            .select(Seller::as_select())
            .first(conn)
    }
}

impl Account {
    pub fn find_by_username(
        conn: &mut DbConnection,
        username: &str,
    ) -> QueryResult<Option<Account>> {
        accounts::table
            .filter(accounts::username.eq(username))
            .select(Account::as_select())
            .first(conn)
            .optional()
    }

    /// The account behind a session, if it still exists and is not disabled.
    pub fn find_active(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Account>> {
        accounts::table
            .filter(accounts::id.eq(id))
            .filter(accounts::disabled.eq(false))
            .select(Account::as_select())
            .first(conn)
            .optional()
    }

    pub fn create(conn: &mut DbConnection, new: &NewAccount<'_>) -> QueryResult<Account> {
        diesel::insert_into(accounts::table)
            .values(new)
            .execute(conn)?;
        accounts::table
            .filter(accounts::username.eq(new.username))
            .select(Account::as_select())
            .first(conn)
    }

    /// The permissions of this account's role (all of them for the main account).
    pub fn permissions(&self, conn: &mut DbConnection) -> QueryResult<PermissionSet> {
        if self.is_main {
            return Ok(PermissionSet::all());
        }
        match RoleRef::from_columns(self.builtin_role.as_deref(), self.custom_role_id) {
            Some(RoleRef::Builtin(role)) => Ok(role.permissions()),
            Some(RoleRef::Custom(id)) => roles::table
                .filter(roles::id.eq(id))
                .filter(roles::seller_id.eq(self.seller_id))
                .select(roles::permissions)
                .first::<String>(conn)
                .optional()
                .map(|codes| {
                    codes
                        .map(|c| PermissionSet::from_codes(&c))
                        .unwrap_or_default()
                }),
            None => Ok(PermissionSet::default()),
        }
    }

    pub fn role(&self) -> Option<RoleRef> {
        RoleRef::from_columns(self.builtin_role.as_deref(), self.custom_role_id)
    }
}
