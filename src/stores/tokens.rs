//! Store API tokens: shown once at creation, stored only as a SHA-256 hash, with a
//! name, a hint (last characters) and the time of last use.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::model::random_key;
use crate::db::DbConnection;
use crate::db::schema::store_api_tokens;

pub const TOKEN_PREFIX: &str = "sdk_";

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = store_api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub seller_id: i64,
    pub store_id: i64,
    pub name: String,
    pub token_hash: String,
    pub token_hint: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A fresh token: the secret (to show once) and its stored hash.
pub fn generate() -> (String, String) {
    let secret = format!("{TOKEN_PREFIX}{}", random_key(32));
    let hash = hash_token(&secret);
    (secret, hash)
}

pub fn hash_token(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token name: 1–60 characters.
pub fn parse_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        Err("error-token-name-required")
    } else if name.chars().count() > 60 || name.chars().any(char::is_control) {
        Err("error-token-name-invalid")
    } else {
        Ok(name.to_string())
    }
}

impl ApiToken {
    pub fn of_store(conn: &mut DbConnection, store_id: i64) -> QueryResult<Vec<ApiToken>> {
        store_api_tokens::table
            .filter(store_api_tokens::store_id.eq(store_id))
            .select(ApiToken::as_select())
            .order(store_api_tokens::id.desc())
            .load(conn)
    }

    pub fn create(
        conn: &mut DbConnection,
        seller_id: i64,
        store_id: i64,
        name: &str,
        hash: &str,
        hint: &str,
        now: NaiveDateTime,
    ) -> QueryResult<ApiToken> {
        diesel::insert_into(store_api_tokens::table)
            .values((
                store_api_tokens::seller_id.eq(seller_id),
                store_api_tokens::store_id.eq(store_id),
                store_api_tokens::name.eq(name),
                store_api_tokens::token_hash.eq(hash),
                store_api_tokens::token_hint.eq(hint),
                store_api_tokens::created_at.eq(now),
            ))
            .execute(conn)?;
        store_api_tokens::table
            .filter(store_api_tokens::token_hash.eq(hash))
            .select(ApiToken::as_select())
            .first(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_only_their_hash_is_kept() {
        let (a, ha) = generate();
        let (b, hb) = generate();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() > 40);
        assert_eq!(hash_token(&a), ha);
        assert_ne!(ha, hb);
        assert_eq!(ha.len(), 64);
    }
}
