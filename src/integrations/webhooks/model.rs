//! A store's webhook endpoints as the store page edits them: where to post, which
//! events, the signing secret (shown once), paused or not, and the deliveries made.

use std::net::{IpAddr, SocketAddr};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::activity_log::{ActionKind, Activity, Actor, record_activity};
use crate::db::schema::{webhook_deliveries, webhook_endpoints};
use crate::db::{self, DbConnection};
use crate::integrations::events::PublicKind;
use crate::stores::model::{Store, random_key};
use crate::web::AppError;

/// The longest URL accepted.
const MAX_URL_CHARS: usize = 2000;
/// Deliveries shown in an endpoint's log.
pub const LOG_SIZE: i64 = 50;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints)]
pub struct Endpoint {
    pub id: i64,
    pub seller_id: i64,
    pub store_id: i64,
    pub url: String,
    pub event_types: String,
    pub secret: String,
    pub cursor: i64,
    pub paused_at: Option<NaiveDateTime>,
    pub pause_reason: Option<String>,
    pub failing_since: Option<NaiveDateTime>,
    pub next_attempt_at: Option<NaiveDateTime>,
}

/// Why an endpoint is paused.
pub const PAUSED_BY_HAND: &str = "manual";
pub const PAUSED_FAILING: &str = "failing";

impl Endpoint {
    pub fn kinds(&self) -> Vec<PublicKind> {
        self.event_types
            .split(',')
            .filter_map(PublicKind::from_code)
            .collect()
    }

    pub fn wants(&self, kind: &str) -> bool {
        self.event_types.split(',').any(|k| k == kind)
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// Paused by Sellerdesk after failing for too long (the store page says so).
    pub fn gave_up(&self) -> bool {
        self.pause_reason.as_deref() == Some(PAUSED_FAILING)
    }

    /// The store's endpoints, oldest first.
    pub fn of_store(c: &mut DbConnection, store_id: i64) -> QueryResult<Vec<Endpoint>> {
        webhook_endpoints::table
            .filter(webhook_endpoints::store_id.eq(store_id))
            .order(webhook_endpoints::id.asc())
            .select(Endpoint::as_select())
            .load(c)
    }

    /// One endpoint of the store, or `NotFound`.
    pub fn find(c: &mut DbConnection, store: &Store, id: i64) -> Result<Endpoint, AppError> {
        webhook_endpoints::table
            .filter(webhook_endpoints::id.eq(id))
            .filter(webhook_endpoints::store_id.eq(store.id))
            .select(Endpoint::as_select())
            .get_result(c)
            .optional()?
            .ok_or(AppError::NotFound)
    }
}

/// What the form asks for, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointInput {
    pub url: String,
    pub event_types: String,
}

/// Checks a webhook URL: `https`, or `http` to this machine for local development; no
/// credentials in it, and never this server itself (its own pages are not a receiver).
pub fn parse_url(input: &str, own: Option<SocketAddr>) -> Result<String, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        return Err("error-webhook-url-required");
    }
    if text.chars().count() > MAX_URL_CHARS {
        return Err("error-webhook-url-invalid");
    }
    let url = url::Url::parse(text).map_err(|_| "error-webhook-url-invalid")?;
    let host = url.host().ok_or("error-webhook-url-invalid")?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("error-webhook-url-invalid");
    }
    let loopback = match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback() || ip.is_unspecified(),
        url::Host::Ipv6(ip) => ip.is_loopback() || ip.is_unspecified(),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err("error-webhook-url-https"),
        _ => return Err("error-webhook-url-invalid"),
    }
    if let Some(own) = own
        && url.port_or_known_default() == Some(own.port())
        && (loopback || is_own_ip(&url, own.ip()))
    {
        return Err("error-webhook-url-self");
    }
    Ok(url.to_string())
}

fn is_own_ip(url: &url::Url, own: IpAddr) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip) == own,
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip) == own,
        _ => false,
    }
}

/// The event types ticked in the form, as stored (comma-separated codes).
pub fn parse_event_types(ticked: &[String]) -> Result<String, &'static str> {
    let kinds: Vec<&str> = PublicKind::ALL
        .iter()
        .map(|k| k.code())
        .filter(|code| ticked.iter().any(|t| t == code))
        .collect();
    if kinds.is_empty() {
        return Err("error-webhook-events-required");
    }
    Ok(kinds.join(","))
}

/// A fresh signing secret.
pub fn new_secret() -> String {
    format!("whsec_{}", random_key(32))
}

fn activity(action: ActionKind, store: &Store, endpoint_id: i64, url: &str) -> Activity {
    Activity::webhook(action, store.id, &store.name, endpoint_id, url)
}

/// Adds an endpoint; it receives the events from now on. Returns its id.
pub fn create(
    c: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    input: &EndpointInput,
    secret: &str,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    db::write_transaction(c, |c| {
        let newest = crate::conversations::log::newest_id(c)?;
        let id: i64 = diesel::insert_into(webhook_endpoints::table)
            .values((
                webhook_endpoints::seller_id.eq(store.seller_id),
                webhook_endpoints::store_id.eq(store.id),
                webhook_endpoints::url.eq(&input.url),
                webhook_endpoints::event_types.eq(&input.event_types),
                webhook_endpoints::secret.eq(secret),
                webhook_endpoints::cursor.eq(newest),
                webhook_endpoints::created_at.eq(now),
                webhook_endpoints::updated_at.eq(now),
            ))
            .returning(webhook_endpoints::id)
            .get_result(c)?;
        record_activity(
            c,
            actor,
            &activity(ActionKind::Created, store, id, &input.url),
        )?;
        Ok(id)
    })
}

/// Changes an endpoint's URL and events (the secret stays).
pub fn update(
    c: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    id: i64,
    input: &EndpointInput,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    db::write_transaction(c, |c| {
        let before = Endpoint::find(c, store, id)?;
        diesel::update(webhook_endpoints::table.filter(webhook_endpoints::id.eq(id)))
            .set((
                webhook_endpoints::url.eq(&input.url),
                webhook_endpoints::event_types.eq(&input.event_types),
                webhook_endpoints::updated_at.eq(now),
            ))
            .execute(c)?;
        let changes = crate::activity_log::Changes::new()
            .field("url", &before.url, &input.url)
            .field("events", &before.event_types, &input.event_types);
        if !changes.is_empty() {
            record_activity(
                c,
                actor,
                &Activity::webhook_updated(store.id, &store.name, id, &input.url, &changes),
            )?;
        }
        Ok(())
    })
}

/// Pauses (by hand) or resumes an endpoint. Resuming starts again at once from where
/// it stopped: nothing is skipped. Asking for the state it has changes nothing.
pub fn set_paused(
    c: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    id: i64,
    paused: bool,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    db::write_transaction(c, |c| {
        let endpoint = Endpoint::find(c, store, id)?;
        let target = webhook_endpoints::table.filter(webhook_endpoints::id.eq(id));
        let changed = if paused {
            diesel::update(target.filter(webhook_endpoints::paused_at.is_null()))
                .set((
                    webhook_endpoints::paused_at.eq(Some(now)),
                    webhook_endpoints::pause_reason.eq(Some(PAUSED_BY_HAND)),
                    webhook_endpoints::updated_at.eq(now),
                ))
                .execute(c)?
        } else {
            diesel::update(target.filter(webhook_endpoints::paused_at.is_not_null()))
                .set((
                    webhook_endpoints::paused_at.eq(None::<NaiveDateTime>),
                    webhook_endpoints::pause_reason.eq(None::<String>),
                    webhook_endpoints::failing_since.eq(None::<NaiveDateTime>),
                    webhook_endpoints::next_attempt_at.eq(None::<NaiveDateTime>),
                    // A worker that was sending when it was paused recorded nothing
                    // (paused meanwhile): its lease must not hold the resumed endpoint.
                    webhook_endpoints::leased_until.eq(None::<NaiveDateTime>),
                    webhook_endpoints::leased_by.eq(None::<i64>),
                    webhook_endpoints::updated_at.eq(now),
                ))
                .execute(c)?
        };
        if changed > 0 {
            let action = if paused {
                ActionKind::Disabled
            } else {
                ActionKind::Enabled
            };
            record_activity(c, actor, &activity(action, store, id, &endpoint.url))?;
        }
        Ok(())
    })
}

/// Deletes an endpoint and its delivery log.
pub fn delete(c: &mut DbConnection, actor: &Actor, store: &Store, id: i64) -> Result<(), AppError> {
    db::write_transaction(c, |c| {
        let endpoint = Endpoint::find(c, store, id)?;
        diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::endpoint_id.eq(id)))
            .execute(c)?;
        diesel::delete(webhook_endpoints::table.filter(webhook_endpoints::id.eq(id))).execute(c)?;
        record_activity(
            c,
            actor,
            &activity(ActionKind::Deleted, store, id, &endpoint.url),
        )?;
        Ok(())
    })
}

/// A delivery as the log shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct Delivery {
    pub id: i64,
    pub event_id: Option<i64>,
    pub event_type: String,
    pub status: String,
    pub attempts: i32,
    pub response_code: Option<i32>,
    pub response_body: Option<String>,
    pub error: Option<String>,
    pub next_attempt_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

pub const DELIVERED: &str = "delivered";
pub const RETRYING: &str = "retrying";
pub const FAILED: &str = "failed";

impl Delivery {
    /// The newest deliveries of an endpoint.
    pub fn latest(c: &mut DbConnection, endpoint_id: i64) -> QueryResult<Vec<Delivery>> {
        webhook_deliveries::table
            .filter(webhook_deliveries::endpoint_id.eq(endpoint_id))
            .order(webhook_deliveries::id.desc())
            .limit(LOG_SIZE)
            .select(Delivery::as_select())
            .load(c)
    }

    pub fn find(c: &mut DbConnection, endpoint_id: i64, id: i64) -> Result<Delivery, AppError> {
        webhook_deliveries::table
            .filter(webhook_deliveries::id.eq(id))
            .filter(webhook_deliveries::endpoint_id.eq(endpoint_id))
            .select(Delivery::as_select())
            .get_result(c)
            .optional()?
            .ok_or(AppError::NotFound)
    }

    pub fn is_delivered(&self) -> bool {
        self.status == DELIVERED
    }

    pub fn is_retrying(&self) -> bool {
        self.status == RETRYING
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_https_or_this_machine_and_never_this_server() {
        let own: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert!(parse_url("https://erp.example.com/hooks", Some(own)).is_ok());
        assert!(parse_url("http://127.0.0.1:9000/hook", Some(own)).is_ok());
        assert!(parse_url("http://localhost:9000/hook", Some(own)).is_ok());
        for (url, key) in [
            ("", "error-webhook-url-required"),
            ("http://erp.example.com/hooks", "error-webhook-url-https"),
            ("ftp://erp.example.com/", "error-webhook-url-invalid"),
            (
                "https://user:pw@erp.example.com/",
                "error-webhook-url-invalid",
            ),
            ("not a url", "error-webhook-url-invalid"),
            ("http://127.0.0.1:8080/account", "error-webhook-url-self"),
            ("http://localhost:8080/", "error-webhook-url-self"),
        ] {
            assert_eq!(parse_url(url, Some(own)), Err(key), "{url}");
        }
    }

    #[test]
    fn event_types_keep_the_known_ones_in_order() {
        let ticked = vec![
            "conversation.closed".to_string(),
            "message.created".into(),
            "note".into(),
        ];
        assert_eq!(
            parse_event_types(&ticked),
            Ok("message.created,conversation.closed".to_string())
        );
        assert!(parse_event_types(&[]).is_err());
    }
}
