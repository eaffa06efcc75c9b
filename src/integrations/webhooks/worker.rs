//! Delivers the event log to webhook endpoints. Each endpoint keeps a cursor (the
//! newest event it has handled) in the database, and its events go out one at a time in
//! log order, so a buyer's conversation is told in order; an event is handled only once
//! its delivery was answered with a 2xx (at least once: a crash between the answer and
//! the write sends it again, with the same `Sellerdesk-Event-Id`).
//!
//! A failed attempt is retried after `first_retry`, then twice as long each time (at most
//! an hour, ±20% so that many endpoints do not retry together); the endpoint waits
//! meanwhile, so later events never overtake it. An endpoint failing for `give_up` is
//! paused with an Activity Log entry and a notice on the store page.
//!
//! The worker sleeps until the event hub hands out an event of a store with an active
//! endpoint, someone adds or resumes an endpoint here, or a retry falls due; once a
//! minute it looks for endpoints added on another instance. An idle endpoint costs no
//! query, and a store without endpoints costs its events nothing. An endpoint is leased
//! before it is worked on (a conditional write; on PostgreSQL the candidates are read
//! `FOR UPDATE SKIP LOCKED`), so with several instances each delivery is made by one.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use rand::Rng;

use super::model::{DELIVERED, Endpoint, FAILED, PAUSED_FAILING, RETRYING};
use super::send::{Attempt, Sender};
use crate::activity_log::{ActionKind, Activity, Actor, record_activity};
use crate::app::AppState;
use crate::config::WebhookPolicy;
use crate::conversations::ABSENCE_ACTOR;
use crate::db::cached::built;
use crate::db::schema::{chat_events, stores, webhook_deliveries, webhook_endpoints};
use crate::db::{self, Backend, DbConnection, backend_of};
use crate::integrations::events::{PublicEvent, store_events_after};
use crate::web::AppError;

/// How long a lease lasts: longer than one attempt (10 s), renewed with each event.
const LEASE_SECONDS: i64 = 30;
/// Events read from the log at a time.
const BATCH: i64 = 50;
/// The longest wait between two retries.
const MAX_BACKOFF_SECONDS: i64 = 3600;
/// How long to wait after the database failed before trying again.
const AFTER_ERROR: Duration = Duration::from_secs(5);
/// How often an idle worker looks for endpoints added or resumed on another instance.
const REFRESH: Duration = Duration::from_secs(60);

pub fn start(state: AppState, own: Option<SocketAddr>) {
    actix_web::rt::spawn(async move {
        Worker {
            state,
            sender: Sender::new(),
            owner: rand::rng().random::<u32>().into(),
            own,
        }
        .run()
        .await;
    });
}

struct Worker {
    state: AppState,
    sender: Sender,
    /// This instance's lease mark (an endpoint leased to another is left alone).
    owner: i64,
    /// The server's own address: never a receiver.
    own: Option<SocketAddr>,
}

impl Worker {
    async fn run(self) {
        let mut events = self.state.events.notices();
        let wake = self.state.webhooks.clone();
        loop {
            let (wait, watched) = match self.pass().await {
                Ok(Pass { next, watched }) => (
                    next.map(|at| {
                        (at - Utc::now().naive_utc())
                            .to_std()
                            .unwrap_or(Duration::ZERO)
                    }),
                    Some(watched),
                ),
                Err(e) => {
                    log::warn!("webhooks: {e}; trying again shortly");
                    (Some(AFTER_ERROR), None)
                }
            };
            // Endpoints added on another instance are noticed within `REFRESH`.
            let until = Instant::now() + wait.unwrap_or(REFRESH).min(REFRESH);
            loop {
                tokio::select! {
                    received = events.recv() => match received {
                        Ok(notice) => {
                            // An event of a store with no active endpoint costs nothing.
                            let mut relevant = watched
                                .as_ref()
                                .is_none_or(|w| w.contains(&notice.store_id));
                            // One pass covers every event handed out meanwhile.
                            while let Ok(more) = events.try_recv() {
                                relevant |= watched
                                    .as_ref()
                                    .is_none_or(|w| w.contains(&more.store_id));
                            }
                            if relevant {
                                break;
                            }
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                        // Some were dropped: whatever they were, look.
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => break,
                    },
                    _ = wake.notified() => break,
                    _ = actix_web::rt::time::sleep_until(until.into()) => break,
                }
            }
        }
    }

    /// Delivers what is due; says when the next retry falls due, if one waits, and
    /// which stores have active endpoints.
    async fn pass(&self) -> Result<Pass, AppError> {
        let (owner, now) = (self.owner, Utc::now().naive_utc());
        // A read first: most events are of stores with no endpoint due, and the writer
        // (on SQLite, the one that stores every message) is then left alone.
        let (due, next) = self
            .state
            .db(move |c| Ok((due(c, now, "")?, next_retry(c)?)))
            .await?;
        if !due.is_empty() {
            let claimed = self.state.write(move |c| claim(c, owner, now)).await?;
            for endpoint in claimed {
                self.deliver(endpoint).await?;
            }
        }
        let (next, watched) = if due.is_empty() {
            (next, self.state.db(watched_stores).await?)
        } else {
            self.state
                .db(|c| Ok((next_retry(c)?, watched_stores(c)?)))
                .await?
        };
        Ok(Pass { next, watched })
    }

    async fn deliver(&self, endpoint: Endpoint) -> Result<(), AppError> {
        let (store_id, policy, owner) = (endpoint.store_id, self.state.config.webhooks, self.owner);
        // The events up to the newest now: what comes later waits for the next pass.
        let newest = self
            .state
            .db(move |c| Ok(newest_of_store(c, store_id)?))
            .await?;
        let mut cursor = endpoint.cursor;
        loop {
            let after = cursor;
            let batch = self
                .state
                .db(move |c| Ok(store_events_after(c, store_id, after, BATCH)?))
                .await?;
            let batch: Vec<PublicEvent> = batch.into_iter().filter(|e| e.id <= newest).collect();
            let Some(last) = batch.last().map(|e| e.id) else {
                // Nothing more to send: what is left is not for integrations.
                let id = endpoint.id;
                self.state
                    .write(move |c| Ok::<_, AppError>(release(c, id, owner, Some(newest))?))
                    .await?;
                return Ok(());
            };
            for event in batch {
                if !endpoint.wants(event.kind) {
                    cursor = event.id;
                    continue;
                }
                let body = serde_json::to_vec(&event).unwrap_or_default();
                let attempt = self
                    .sender
                    .post_checked(
                        self.own,
                        &endpoint.url,
                        &endpoint.secret,
                        &event.id.to_string(),
                        body,
                    )
                    .await;
                let (id, seller_id) = (endpoint.id, endpoint.seller_id);
                let kind = event.kind;
                let event_id = event.id;
                let now = Utc::now().naive_utc();
                let went_on = self
                    .state
                    .write(move |c| {
                        record(
                            c,
                            Recorded {
                                endpoint_id: id,
                                seller_id,
                                owner,
                                event_id,
                                kind,
                                attempt: &attempt,
                                policy,
                                now,
                            },
                        )
                    })
                    .await?;
                if !went_on {
                    return Ok(());
                }
                cursor = event.id;
            }
            if cursor < last {
                cursor = last;
            }
        }
    }
}

/// What a pass found out for the wait that follows it.
struct Pass {
    /// When the next retry falls due (or a lease ends), if one waits.
    next: Option<NaiveDateTime>,
    /// The stores with endpoints that are not paused.
    watched: BTreeSet<i64>,
}

fn watched_stores(c: &mut DbConnection) -> Result<BTreeSet<i64>, AppError> {
    Ok(webhook_endpoints::table
        .filter(webhook_endpoints::paused_at.is_null())
        .select(webhook_endpoints::store_id)
        .distinct()
        .load::<i64>(c)?
        .into_iter()
        .collect())
}

/// The newest event of a store (0 for none).
fn newest_of_store(c: &mut DbConnection, store_id: i64) -> QueryResult<i64> {
    chat_events::table
        .filter(chat_events::store_id.eq(store_id))
        .select(diesel::dsl::max(chat_events::id))
        .get_result::<Option<i64>>(c)
        .map(|id| id.unwrap_or(0))
}

/// The endpoints with events to deliver now: not paused, waiting for no retry, not
/// leased; `lock` ends the statement (`FOR UPDATE SKIP LOCKED` when claiming on
/// PostgreSQL).
fn due(c: &mut DbConnection, now: NaiveDateTime, lock: &str) -> QueryResult<Vec<i64>> {
    built::<BigInt>(
        format!(
            "SELECT e.id FROM webhook_endpoints e WHERE e.paused_at IS NULL \
             AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= ?) \
             AND (e.leased_until IS NULL OR e.leased_until < ?) \
             AND EXISTS (SELECT 1 FROM chat_events v WHERE v.store_id = e.store_id \
              AND v.id > e.cursor){lock}"
        ),
        vec![now.into(), now.into()],
    )
    .load_native(c)
}

/// Leases the endpoints with events to deliver now, not paused, waiting for no retry,
/// and not leased by another instance.
fn claim(c: &mut DbConnection, owner: i64, now: NaiveDateTime) -> Result<Vec<Endpoint>, AppError> {
    db::write_transaction(c, |c| {
        // Another instance's candidates are skipped, not waited for.
        let lock = if backend_of(c) == Backend::Postgres {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let candidates = due(c, now, lock)?;
        let mut claimed = Vec::new();
        for id in candidates {
            let leased = diesel::update(
                webhook_endpoints::table
                    .filter(webhook_endpoints::id.eq(id))
                    .filter(
                        webhook_endpoints::leased_until
                            .is_null()
                            .or(webhook_endpoints::leased_until.lt(now)),
                    ),
            )
            // The retry it waited for is happening now: nobody waits for it any more.
            .set((
                lease(owner, now),
                webhook_endpoints::next_attempt_at.eq(None::<NaiveDateTime>),
            ))
            .execute(c)?;
            if leased == 1 {
                claimed.push(
                    webhook_endpoints::table
                        .find(id)
                        .select(Endpoint::as_select())
                        .get_result(c)?,
                );
            }
        }
        Ok(claimed)
    })
}

/// The lease of `owner` from `now`.
fn lease(
    owner: i64,
    now: NaiveDateTime,
) -> (
    diesel::dsl::Eq<webhook_endpoints::leased_until, Option<NaiveDateTime>>,
    diesel::dsl::Eq<webhook_endpoints::leased_by, Option<i64>>,
) {
    (
        webhook_endpoints::leased_until.eq(Some(now + chrono::Duration::seconds(LEASE_SECONDS))),
        webhook_endpoints::leased_by.eq(Some(owner)),
    )
}

fn unleased() -> (
    diesel::dsl::Eq<webhook_endpoints::leased_until, Option<NaiveDateTime>>,
    diesel::dsl::Eq<webhook_endpoints::leased_by, Option<i64>>,
) {
    (
        webhook_endpoints::leased_until.eq(None::<NaiveDateTime>),
        webhook_endpoints::leased_by.eq(None::<i64>),
    )
}

/// Ends the lease, moving the cursor up to `cursor` when given (events skipped: none
/// for integrations, or not of this endpoint's types).
fn release(c: &mut DbConnection, id: i64, owner: i64, cursor: Option<i64>) -> QueryResult<()> {
    let mine = webhook_endpoints::table
        .filter(webhook_endpoints::id.eq(id))
        .filter(webhook_endpoints::leased_by.eq(owner));
    if let Some(cursor) = cursor {
        diesel::update(mine.filter(webhook_endpoints::cursor.lt(cursor)))
            .set(webhook_endpoints::cursor.eq(cursor))
            .execute(c)?;
    }
    diesel::update(mine).set(unleased()).execute(c)?;
    Ok(())
}

/// One attempt's outcome, to record.
struct Recorded<'a> {
    endpoint_id: i64,
    seller_id: i64,
    owner: i64,
    event_id: i64,
    kind: &'static str,
    attempt: &'a Attempt,
    policy: WebhookPolicy,
    now: NaiveDateTime,
}

/// Records an attempt in the endpoint's log and moves the endpoint on: its cursor
/// past the event when it was delivered; otherwise a retry time, or a pause when it has
/// failed for too long. Returns whether the worker goes on with the next event.
fn record(c: &mut DbConnection, r: Recorded<'_>) -> Result<bool, AppError> {
    db::write_transaction(c, |c| {
        let endpoint: Option<(Option<NaiveDateTime>, String, i64)> = webhook_endpoints::table
            .filter(webhook_endpoints::id.eq(r.endpoint_id))
            .filter(webhook_endpoints::leased_by.eq(r.owner))
            .filter(webhook_endpoints::paused_at.is_null())
            .select((
                webhook_endpoints::failing_since,
                webhook_endpoints::url,
                webhook_endpoints::store_id,
            ))
            .get_result(c)
            .optional()?;
        // Deleted, paused or taken over meanwhile: the attempt is not ours to record.
        let Some((failing_since, url, store_id)) = endpoint else {
            return Ok(false);
        };
        let existing: Option<(i64, i32)> = webhook_deliveries::table
            .filter(webhook_deliveries::endpoint_id.eq(r.endpoint_id))
            .filter(webhook_deliveries::event_id.eq(r.event_id))
            .select((webhook_deliveries::id, webhook_deliveries::attempts))
            .get_result(c)
            .optional()?;
        let attempts = existing.map_or(1, |(_, n)| n + 1);
        let failing_since = failing_since.unwrap_or(r.now);
        let gave_up = !r.attempt.delivered && r.now - failing_since >= r.policy.give_up;
        let next_attempt = (!r.attempt.delivered && !gave_up)
            .then(|| r.now + backoff(r.policy.first_retry, attempts));
        let status = match (r.attempt.delivered, gave_up) {
            (true, _) => DELIVERED,
            (false, false) => RETRYING,
            (false, true) => FAILED,
        };
        let values = (
            webhook_deliveries::status.eq(status),
            webhook_deliveries::attempts.eq(attempts),
            webhook_deliveries::response_code.eq(r.attempt.status.map(i32::from)),
            webhook_deliveries::response_body.eq(Some(&r.attempt.body)),
            webhook_deliveries::error.eq(r.attempt.error.as_ref()),
            webhook_deliveries::next_attempt_at.eq(next_attempt),
            webhook_deliveries::updated_at.eq(r.now),
        );
        match existing {
            Some((id, _)) => {
                diesel::update(webhook_deliveries::table.find(id))
                    .set(values)
                    .execute(c)?;
            }
            None => {
                diesel::insert_into(webhook_deliveries::table)
                    .values((
                        webhook_deliveries::seller_id.eq(r.seller_id),
                        webhook_deliveries::endpoint_id.eq(r.endpoint_id),
                        webhook_deliveries::event_id.eq(Some(r.event_id)),
                        webhook_deliveries::event_type.eq(r.kind),
                        webhook_deliveries::created_at.eq(r.now),
                        values,
                    ))
                    .execute(c)?;
            }
        }
        let target = webhook_endpoints::table.find(r.endpoint_id);
        if r.attempt.delivered {
            diesel::update(target)
                .set((
                    webhook_endpoints::cursor.eq(r.event_id),
                    webhook_endpoints::failing_since.eq(None::<NaiveDateTime>),
                    webhook_endpoints::next_attempt_at.eq(None::<NaiveDateTime>),
                    lease(r.owner, r.now),
                ))
                .execute(c)?;
            return Ok(true);
        }
        diesel::update(target)
            .set((
                webhook_endpoints::failing_since.eq(Some(failing_since)),
                webhook_endpoints::next_attempt_at.eq(next_attempt),
                unleased(),
            ))
            .execute(c)?;
        if gave_up {
            diesel::update(target)
                .set((
                    webhook_endpoints::paused_at.eq(Some(r.now)),
                    webhook_endpoints::pause_reason.eq(Some(PAUSED_FAILING)),
                    webhook_endpoints::updated_at.eq(r.now),
                ))
                .execute(c)?;
            let store_name: String = stores::table
                .find(store_id)
                .select(stores::name)
                .get_result(c)?;
            let actor = Actor {
                seller_id: r.seller_id,
                account_id: None,
                name: ABSENCE_ACTOR.to_string(),
                client_addr: String::new(),
            };
            record_activity(
                c,
                &actor,
                &Activity::webhook(
                    ActionKind::Disabled,
                    store_id,
                    &store_name,
                    r.endpoint_id,
                    &url,
                ),
            )?;
        }
        Ok(false)
    })
}

/// The wait before attempt `attempts + 1`: `first`, doubled for each attempt made, at
/// most an hour, ±20%.
fn backoff(first: chrono::Duration, attempts: i32) -> chrono::Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let base = first
        .num_milliseconds()
        .saturating_mul(1_i64 << doublings)
        .min(MAX_BACKOFF_SECONDS * 1000);
    let jitter = rand::rng().random_range(0.8..1.2);
    chrono::Duration::milliseconds((base as f64 * jitter) as i64)
}

/// When the next retry of an endpoint falls due, or another worker's lease ends (it
/// may have stopped midway: its endpoint is then taken over), if either waits.
fn next_retry(c: &mut DbConnection) -> Result<Option<NaiveDateTime>, AppError> {
    let active = webhook_endpoints::table.filter(webhook_endpoints::paused_at.is_null());
    let retry = active
        .select(diesel::dsl::min(webhook_endpoints::next_attempt_at))
        .get_result::<Option<NaiveDateTime>>(c)?;
    let lease_ends = active
        .select(diesel::dsl::min(webhook_endpoints::leased_until))
        .get_result::<Option<NaiveDateTime>>(c)?;
    Ok(retry.into_iter().chain(lease_ends).min())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let first = chrono::Duration::seconds(10);
        let waits: Vec<i64> = [1, 2, 3, 30]
            .iter()
            .map(|n| backoff(first, *n).num_milliseconds())
            .collect();
        assert!((8_000..=12_000).contains(&waits[0]), "{waits:?}");
        assert!((16_000..=24_000).contains(&waits[1]), "{waits:?}");
        assert!((32_000..=48_000).contains(&waits[2]), "{waits:?}");
        assert!((2_880_000..=4_320_000).contains(&waits[3]), "{waits:?}");
    }
}
