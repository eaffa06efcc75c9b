//! Webchat's "At risk" list (`/webchat/at-risk`): the open chats whose buyer is waiting
//! for an answer, soonest deadline first, with the time left before the store's
//! first-response target and before the marketplace's limit. Agents see their own chats
//! and their queue; those who see every chat (Chat Assignment) see all their stores'.
//! The page counts down in the browser and reloads its rows every few seconds.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;

use super::inbox::sees_all;
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::chat_assignment::groups::queue_scope;
use crate::chat_assignment::settings::{self, Guard, RateRule};
use crate::conversations::ConversationStatus;
use crate::db::DbConnection;
use crate::db::schema::{accounts, buyers, conversations};
use crate::stores::model::Store;
use crate::web::{AppError, AppResult, CurrentUser, PageCtx, render};

/// How many waiting chats are read, oldest wait first, before the soonest deadlines
/// are picked: more than a team can have waiting at once in practice.
const READ_AT_MOST: i64 = 1000;
/// How many the page shows.
pub const SHOWN: usize = 50;

pub struct AtRisk {
    pub conversation_id: i64,
    pub store: String,
    pub buyer: String,
    /// `None` while the chat waits in a queue.
    pub agent: Option<String>,
    pub waiting_since: NaiveDateTime,
    /// The store's first-response target and the marketplace's answer limit, reached.
    pub target_at: NaiveDateTime,
    pub limit_at: NaiveDateTime,
}

impl AtRisk {
    pub fn late(&self, now: &NaiveDateTime) -> bool {
        self.target_at <= *now
    }

    /// Seconds left before the target and before the marketplace's limit (negative once
    /// passed), each with its countdown as shown before the page's script runs.
    pub fn countdowns(&self, now: &NaiveDateTime) -> [(i64, String); 2] {
        [self.target_at, self.limit_at].map(|at| {
            let left = (at - *now).num_seconds();
            (left, clock(left))
        })
    }
}

/// conversation, store, source, group, assignee, assignee's name, buyer, waiting since.
type WaitingRow = (
    i64,
    i64,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
    Option<NaiveDateTime>,
);

/// The waiting chats `user` answers for, soonest target first, and how many there are.
pub fn list(c: &mut DbConnection, user: &CurrentUser) -> Result<(Vec<AtRisk>, usize), AppError> {
    let all = sees_all(user);
    if !(user.can(Permission::Webchat) || all) {
        return Err(AppError::Forbidden);
    }
    let stores: BTreeMap<i64, Store> = Store::visible_to(c, user)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let ids: Vec<i64> = stores.keys().copied().collect();
    let rows: Vec<WaitingRow> = conversations::table
        .inner_join(buyers::table.on(buyers::id.eq(conversations::buyer_id)))
        .left_join(accounts::table.on(conversations::assignee_id.eq(accounts::id.nullable())))
        .filter(conversations::seller_id.eq(user.seller_id))
        .filter(conversations::store_id.eq_any(&ids))
        .filter(conversations::status.eq(ConversationStatus::Open.code()))
        .filter(conversations::awaiting_since.is_not_null())
        .order((conversations::awaiting_since.asc(), conversations::id.asc()))
        .limit(READ_AT_MOST)
        .select((
            conversations::id,
            conversations::store_id,
            conversations::source,
            conversations::group_id,
            conversations::assignee_id,
            accounts::display_name.nullable(),
            buyers::display_name,
            conversations::awaiting_since,
        ))
        .load(c)?;
    let scope = if all {
        None
    } else {
        Some(queue_scope(c, user.seller_id, user.account_id)?)
    };
    let mut rules: BTreeMap<i64, (Guard, RateRule)> = BTreeMap::new();
    let mut items = Vec::new();
    for (id, store_id, source, group, assignee, agent, buyer, since) in rows {
        let Some(since) = since else { continue };
        let mine = match (&scope, assignee) {
            (None, _) => true,
            (Some(_), Some(a)) => a == user.account_id,
            (Some(scope), None) => scope.takes(store_id, &source, group),
        };
        if !mine {
            continue;
        }
        let (guard, rule) = match rules.get(&store_id) {
            Some(r) => *r,
            None => {
                let s = settings::load(c, store_id)?;
                *rules.entry(store_id).or_insert((s.guard, s.rate_rule))
            }
        };
        items.push(AtRisk {
            conversation_id: id,
            store: stores
                .get(&store_id)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            buyer,
            agent,
            waiting_since: since,
            target_at: since + Duration::minutes(i64::from(guard.first_response_target_minutes)),
            limit_at: since + Duration::hours(i64::from(rule.limit_hours)),
        });
    }
    items.sort_by_key(|i| (i.target_at, i.conversation_id));
    let total = items.len();
    items.truncate(SHOWN);
    Ok((items, total))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AtRiskQuery {
    /// `rows`: only the table's rows, for the page's own refresh.
    part: Option<String>,
}

#[derive(Template)]
#[template(path = "webchat/at_risk.html")]
struct AtRiskPage {
    ctx: PageCtx,
    items: Vec<AtRisk>,
    total: usize,
    now: NaiveDateTime,
}

#[derive(Template)]
#[template(path = "webchat/at_risk_rows.html")]
struct AtRiskRows {
    ctx: PageCtx,
    items: Vec<AtRisk>,
    total: usize,
    now: NaiveDateTime,
}

/// A countdown as the page shows it before its script runs: `h:mm:ss` or `m:ss`, with a
/// minus sign once passed (digits read the same in every language).
pub fn clock(seconds: i64) -> String {
    let sign = if seconds < 0 { "−" } else { "" };
    let s = seconds.abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{sign}{h}:{m:02}:{sec:02}")
    } else {
        format!("{sign}{m}:{sec:02}")
    }
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<AtRiskQuery>,
) -> AppResult<HttpResponse> {
    let (items, total) = state.db(move |c| list(c, &user)).await?;
    let now = Utc::now().naive_utc();
    if query.part.as_deref() == Some("rows") {
        return Ok(render(
            &AtRiskRows {
                ctx,
                items,
                total,
                now,
            },
            StatusCode::OK,
        ));
    }
    Ok(render(
        &AtRiskPage {
            ctx,
            items,
            total,
            now,
        },
        StatusCode::OK,
    ))
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn countdowns() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(3725), "1:02:05");
        assert_eq!(clock(-30), "−0:30");
    }
}
