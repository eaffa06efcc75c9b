use chrono::Utc;
use diesel::prelude::*;

use super::Activity;
use crate::db::DbConnection;
use crate::db::schema::activity_log;

/// Who did it and from where.
#[derive(Debug, Clone)]
pub struct Actor {
    pub seller_id: i64,
    pub account_id: Option<i64>,
    /// The operator's login name at the time (kept even if the account changes later).
    pub name: String,
    pub client_addr: String,
}

#[derive(Insertable)]
#[diesel(table_name = activity_log)]
struct NewEntry<'a> {
    seller_id: i64,
    actor_account_id: Option<i64>,
    actor_name: &'a str,
    client_addr: &'a str,
    area: &'a str,
    action: &'a str,
    object_type: &'a str,
    object_id: Option<i64>,
    object_name: &'a str,
    store_id: Option<i64>,
    details: String,
    created_at: chrono::NaiveDateTime,
}

/// Writes one entry. Call it inside the transaction that makes the change, so the
/// change and its entry are committed or rolled back together.
pub fn record_activity(
    conn: &mut DbConnection,
    actor: &Actor,
    activity: &Activity,
) -> QueryResult<()> {
    let entry = NewEntry {
        seller_id: actor.seller_id,
        actor_account_id: actor.account_id,
        actor_name: &actor.name,
        client_addr: &actor.client_addr,
        area: activity.area.code(),
        action: activity.action.code(),
        object_type: activity.object.kind.code(),
        object_id: activity.object.id,
        object_name: &activity.object.name,
        store_id: activity.store_id,
        details: activity.details.to_string(),
        created_at: Utc::now().naive_utc(),
    };
    diesel::insert_into(activity_log::table)
        .values(&entry)
        .execute(conn)
        .map(|_| ())
}
