//! Store operations, each one transaction with its Activity Log entry.

use chrono::Utc;
use diesel::prelude::*;

use super::markets::Market;
use super::model::{NewStore, Store, StoreName, random_key};
use super::tokens::{self, ApiToken};
use crate::activity_log::{Activity, Actor, Changes, record_activity};
use crate::db::schema::{store_api_tokens, store_grants, stores};
use crate::db::{self, DbConnection};
use crate::i18n::TimeZoneName;
use crate::web::AppError;
use crate::web::form::Invalid;

pub struct StoreInput {
    pub name: StoreName,
    pub market: Market,
    pub time_zone: TimeZoneName,
}

const NAME_TAKEN: Invalid = Invalid {
    field: "name",
    key: "error-store-name-taken",
};

/// Creates a store. `grant_to` is the creator when their role does not cover all
/// stores: they are granted the new store, or they could not reach what they made.
pub fn create_store(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &StoreInput,
    grant_to: Option<(i64, &str)>,
) -> Result<Result<Store, Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let key = input.name.key();
        if Store::name_taken(c, actor.seller_id, &key, None)? {
            return Ok(Err(NAME_TAKEN));
        }
        let now = Utc::now().naive_utc();
        let public_key = random_key(24);
        diesel::insert_into(stores::table)
            .values(&NewStore {
                seller_id: actor.seller_id,
                name: input.name.as_str(),
                name_key: &key,
                market: input.market.code(),
                time_zone: input.time_zone.name(),
                public_key: &public_key,
                active: true,
                created_at: now,
                updated_at: now,
            })
            .execute(c)?;
        let store = stores::table
            .filter(stores::public_key.eq(&public_key))
            .select(Store::as_select())
            .first(c)?;
        record_activity(
            c,
            actor,
            &Activity::store_created(store.id, &store.name, &store.market),
        )?;
        if let Some((account_id, username)) = grant_to {
            diesel::insert_into(store_grants::table)
                .values((
                    store_grants::seller_id.eq(actor.seller_id),
                    store_grants::account_id.eq(account_id),
                    store_grants::store_id.eq(store.id),
                    store_grants::created_at.eq(now),
                ))
                .execute(c)?;
            let activity =
                Activity::store_granted(account_id, username, store.id, &store.name, true);
            record_activity(c, actor, &activity)?;
        }
        Ok(Ok(store))
    })
}

pub fn update_store(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    input: &StoreInput,
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let key = input.name.key();
        if Store::name_taken(c, actor.seller_id, &key, Some(store.id))? {
            return Ok(Err(NAME_TAKEN));
        }
        let changes = Changes::new()
            .field("name", &store.name, input.name.as_str())
            .field("market", &store.market, input.market.code())
            .field("time_zone", &store.time_zone, input.time_zone.name());
        if changes.is_empty() {
            return Ok(Ok(()));
        }
        diesel::update(
            stores::table
                .filter(stores::id.eq(store.id))
                .filter(stores::seller_id.eq(actor.seller_id)),
        )
        .set((
            stores::name.eq(input.name.as_str()),
            stores::name_key.eq(&key),
            stores::market.eq(input.market.code()),
            stores::time_zone.eq(input.time_zone.name()),
            stores::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(c)?;
        record_activity(
            c,
            actor,
            &Activity::store_updated(store.id, input.name.as_str(), &changes),
        )?;
        Ok(Ok(()))
    })
}

pub fn set_store_active(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    active: bool,
) -> Result<(), AppError> {
    if store.active == active {
        return Ok(());
    }
    db::write_transaction(conn, |c| {
        diesel::update(
            stores::table
                .filter(stores::id.eq(store.id))
                .filter(stores::seller_id.eq(actor.seller_id)),
        )
        .set((
            stores::active.eq(active),
            stores::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(c)?;
        record_activity(
            c,
            actor,
            &Activity::store_enabled(store.id, &store.name, active),
        )?;
        Ok(())
    })
}

/// Creates a token and returns its secret, which is not stored and cannot be shown again.
pub fn create_token(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    name: &str,
) -> Result<String, AppError> {
    db::write_transaction(conn, |c| {
        let (secret, hash) = tokens::generate();
        let hint: String = secret
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let token = ApiToken::create(
            c,
            actor.seller_id,
            store.id,
            name,
            &hash,
            &hint,
            Utc::now().naive_utc(),
        )?;
        record_activity(
            c,
            actor,
            &Activity::api_token_created(store.id, &store.name, token.id, &token.name),
        )?;
        Ok(secret)
    })
}

pub fn revoke_token(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    token_id: i64,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        let token = store_api_tokens::table
            .filter(store_api_tokens::id.eq(token_id))
            .filter(store_api_tokens::store_id.eq(store.id))
            .filter(store_api_tokens::seller_id.eq(actor.seller_id))
            .select(ApiToken::as_select())
            .first(c)
            .optional()?
            .ok_or(AppError::NotFound)?;
        if token.revoked_at.is_some() {
            return Ok(());
        }
        diesel::update(store_api_tokens::table.filter(store_api_tokens::id.eq(token.id)))
            .set(store_api_tokens::revoked_at.eq(Some(Utc::now().naive_utc())))
            .execute(c)?;
        record_activity(
            c,
            actor,
            &Activity::api_token_revoked(store.id, &store.name, token.id, &token.name),
        )?;
        Ok(())
    })
}

/// Gives the store's buyer chat page a new address; the old link stops working at once.
pub fn rotate_chat_link(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        diesel::update(
            stores::table
                .filter(stores::id.eq(store.id))
                .filter(stores::seller_id.eq(actor.seller_id)),
        )
        .set((
            stores::public_key.eq(random_key(24)),
            stores::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(c)?;
        record_activity(
            c,
            actor,
            &Activity::chat_link_rotated(store.id, &store.name),
        )?;
        Ok(())
    })
}
