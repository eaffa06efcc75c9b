//! Stores ("merchants"): one per marketplace shop, always scoped to a seller, and for
//! sub-accounts without the all-stores permission, to their granted stores.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::db::cached::{Value, built};

use crate::db::DbConnection;
use crate::db::schema::{store_grants, stores};
use crate::web::{AppError, CurrentUser};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = stores)]
pub struct Store {
    pub id: i64,
    pub seller_id: i64,
    pub name: String,
    pub name_key: String,
    pub market: String,
    pub time_zone: String,
    pub public_key: String,
    pub active: bool,
    #[diesel(deserialize_as = crate::db::time::DbTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::time::DbTime)]
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = stores)]
pub struct NewStore<'a> {
    pub seller_id: i64,
    pub name: &'a str,
    pub name_key: &'a str,
    pub market: &'a str,
    pub time_zone: &'a str,
    pub public_key: &'a str,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A store's name: 1–60 characters, unique (ignoring case) within the seller.
#[derive(Debug, Clone)]
pub struct StoreName(String);

impl StoreName {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim();
        if name.is_empty() {
            return Err("error-store-name-required");
        }
        if name.chars().count() > 60 || name.chars().any(char::is_control) {
            return Err("error-store-name-invalid");
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form compared for uniqueness.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl Store {
    /// The stores `user` may work on, by name.
    pub fn visible_to(conn: &mut DbConnection, user: &CurrentUser) -> QueryResult<Vec<Store>> {
        visible(user).select(Store::as_select()).load(conn)
    }

    /// The ids and names of the stores the user may see, by name: what a store menu
    /// needs.
    pub fn names_visible_to(
        conn: &mut DbConnection,
        user: &CurrentUser,
    ) -> QueryResult<Vec<(i64, String)>> {
        // A fixed text per kind of account, prepared once: every inbox page asks.
        let (granted, mut values) = (
            " AND s.id IN (SELECT g.store_id FROM store_grants g WHERE g.account_id = ?)",
            vec![Value::from(user.seller_id)],
        );
        let granted = if user.all_stores() {
            ""
        } else {
            values.push(user.account_id.into());
            granted
        };
        built::<(BigInt, Text)>(
            format!(
                "SELECT s.id, s.name FROM stores s WHERE s.seller_id = ?{granted} \
                 ORDER BY s.name_key"
            ),
            values,
        )
        .load(conn)
    }

    /// A store of the user's seller: 404 if it belongs to no store of theirs, 403 if it
    /// is theirs but not granted to this sub-account.
    pub fn find_for(
        conn: &mut DbConnection,
        user: &CurrentUser,
        id: i64,
    ) -> Result<Store, AppError> {
        let store = stores::table
            .filter(stores::id.eq(id))
            .filter(stores::seller_id.eq(user.seller_id))
            .select(Store::as_select())
            .first(conn)
            .optional()?
            .ok_or(AppError::NotFound)?;
        if user.all_stores() || is_granted(conn, user.account_id, id)? {
            Ok(store)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn name_taken(
        conn: &mut DbConnection,
        seller_id: i64,
        key: &str,
        except: Option<i64>,
    ) -> QueryResult<bool> {
        // Ids start at 1, so 0 excludes nothing.
        let query = stores::table
            .filter(stores::seller_id.eq(seller_id))
            .filter(stores::name_key.eq(key))
            .filter(stores::id.ne(except.unwrap_or(0)));
        diesel::select(diesel::dsl::exists(query)).get_result(conn)
    }
}

pub fn is_granted(conn: &mut DbConnection, account_id: i64, store_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        store_grants::table
            .filter(store_grants::account_id.eq(account_id))
            .filter(store_grants::store_id.eq(store_id)),
    ))
    .get_result(conn)
}

/// A random, unguessable key for URLs and tokens.
pub fn random_key(bytes: usize) -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// The stores of the user's seller that the user may see (all of them, or a
/// sub-account's granted ones), by name.
fn visible(user: &CurrentUser) -> stores::BoxedQuery<'static, crate::db::MultiBackend> {
    let mut query = stores::table
        .filter(stores::seller_id.eq(user.seller_id))
        .order(stores::name_key.asc())
        .into_boxed();
    if !user.all_stores() {
        let granted = store_grants::table
            .filter(store_grants::account_id.eq(user.account_id))
            .select(store_grants::store_id);
        query = query.filter(stores::id.eq_any(granted));
    }
    query
}
