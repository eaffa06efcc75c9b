//! `GET /api/v1/events?after=ID&limit=N&wait=S`: the pull feed, for integrations that
//! cannot receive webhooks. It reads the event log from the integration's own cursor
//! (`after`), so nothing is lost between calls; with `wait` an empty answer is held
//! until the store has a new event or the time is up (a long poll).

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast;
use tokio::time::{Instant, timeout_at};

use super::events::{MAX_BATCH, PublicEvent, store_events_after};
use crate::app::AppState;
use crate::conversations::log::newest_id;
use crate::webchat::api::{
    ApiError, authenticate, stamp_if_stale, token_live, unauthorized, unavailable,
};
use crate::webchat::events::Notice;

/// The longest a request may wait for an event.
const MAX_WAIT_SECONDS: u64 = 30;
const DEFAULT_LIMIT: i64 = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedQuery {
    after: Option<i64>,
    limit: Option<i64>,
    wait: Option<u64>,
}

/// What the request asks for, checked.
struct Asked {
    after: i64,
    limit: i64,
    wait: u64,
}

fn parse(query: &str) -> Result<Asked, ApiError> {
    let invalid = |code, key| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, key);
    let q: FeedQuery = serde_urlencoded::from_str(query).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            "api-error-invalid-query",
        )
    })?;
    let after = q.after.unwrap_or(0);
    if after < 0 {
        return Err(invalid("invalid_after", "api-error-invalid-after"));
    }
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_BATCH).contains(&limit) {
        return Err(invalid("invalid_limit", "api-error-invalid-limit"));
    }
    let wait = q.wait.unwrap_or(0);
    if wait > MAX_WAIT_SECONDS {
        return Err(invalid("invalid_wait", "api-error-invalid-wait"));
    }
    Ok(Asked { after, limit, wait })
}

/// One read: the events, or why the token may not read them any more.
enum Read {
    Events(Vec<PublicEvent>),
    Revoked,
    BeyondLog,
}

pub async fn events(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let asked = match parse(req.query_string()) {
        Ok(asked) => asked,
        Err(e) => return e.response(),
    };
    let now = Utc::now().naive_utc();
    let authorized = match authenticate(&state, &req, now).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    stamp_if_stale(&state, &authorized, now).await;
    let deadline = Instant::now() + Duration::from_secs(asked.wait);
    // Listening before the first read: an event committed in between still wakes us.
    let mut woken = state.events.notices();
    let (store_id, token_id) = (authorized.store.id, authorized.token_id);
    let mut first = true;
    loop {
        let (after, limit, check_log) = (asked.after, asked.limit, first);
        let read = state
            .db(move |c| {
                // A token revoked while its request waited reads nothing more.
                if !token_live(c, token_id)? {
                    return Ok(Read::Revoked);
                }
                if check_log && after > newest_id(c)? {
                    return Ok(Read::BeyondLog);
                }
                Ok(Read::Events(store_events_after(c, store_id, after, limit)?))
            })
            .await;
        first = false;
        let events = match read {
            Ok(Read::Events(events)) => events,
            Ok(Read::Revoked) => return unauthorized().response(),
            Ok(Read::BeyondLog) => {
                return ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "after_beyond_log",
                    "api-error-after-beyond-log",
                )
                .response();
            }
            Err(e) => return unavailable(e).response(),
        };
        if !events.is_empty() || Instant::now() >= deadline {
            let next_after = events.last().map_or(asked.after, |e| e.id);
            return HttpResponse::Ok().json(json!({"events": events, "next_after": next_after}));
        }
        // Nothing yet: wait for this store's next event (or the deadline), read again.
        let _ = timeout_at(deadline, store_event(&mut woken, store_id)).await;
    }
}

/// Returns when the hub hands out an event of `store_id` (or when it may have: it
/// dropped some, or stopped).
async fn store_event(woken: &mut broadcast::Receiver<Notice>, store_id: i64) {
    loop {
        match woken.recv().await {
            Ok(notice) if notice.store_id == store_id => return,
            Ok(_) => continue,
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_checked() {
        let asked = parse("after=7&limit=20&wait=5")
            .ok()
            .map(|a| (a.after, a.limit, a.wait));
        assert_eq!(asked, Some((7, 20, 5)));
        let defaults = parse("").ok().map(|a| (a.after, a.limit, a.wait));
        assert_eq!(defaults, Some((0, DEFAULT_LIMIT, 0)));
        for bad in [
            "after=x",
            "limit=0",
            "limit=101",
            "wait=31",
            "after=-1",
            "since=3",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
