//! Performance Data per chat: one CSV row for each conversation started in the range,
//! with its store, source, group, agent, times, first response, replies and outcome.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::pages::{Filters, Resolved, export_details, resolve, today, utc_bounds};
use super::range::DayRange;
use super::report::Scope;
use crate::activity_log::{Activity, Area, record_activity};
use crate::app::AppState;
use crate::chat_assignment::sources::ChatSource;
use crate::db::DbConnection;
use crate::db::schema::{accounts, chat_groups, chat_ratings};
use crate::i18n::{Fmt, format_datetime};
use crate::web::csv::{Csv, attachment};
use crate::web::{AppError, AppResult, CurrentUser, PageCtx};

/// The most rows one download holds, newest chats first (the page says so).
pub const CHATS_EXPORT_LIMIT: i64 = 100_000;

#[derive(QueryableByName)]
struct ChatRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    store_id: i64,
    #[diesel(sql_type = Text)]
    source: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    group_id: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    assignee_id: Option<i64>,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Timestamp)]
    created_at: NaiveDateTime,
    #[diesel(sql_type = Nullable<Timestamp>)]
    assigned_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    closed_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    first_reply_at: Option<NaiveDateTime>,
    #[diesel(sql_type = BigInt)]
    replies: i64,
}

/// The chats of the scope started in `[from, to)` (UTC), newest first. Every value
/// spliced in is an integer of ours; the times are bound.
fn load(
    c: &mut DbConnection,
    scope: &Scope,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<ChatRow>> {
    if scope.store_ids.is_empty() {
        return Ok(Vec::new());
    }
    let stores = scope
        .store_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut filter = format!(
        "c.seller_id = {} AND c.store_id IN ({stores})",
        scope.seller_id
    );
    if let Some(group) = scope.group_id {
        filter.push_str(&format!(" AND c.group_id = {group}"));
    }
    if let Some(account) = scope.account_id {
        filter.push_str(&format!(" AND c.assignee_id = {account}"));
    }
    // The newest chats first, then their agents' messages in one pass: the messages are
    // read only for the chats the file holds.
    let sql = format!(
        "SELECT c.id, c.store_id, c.source, c.group_id, c.assignee_id, c.status, \
         c.created_at, c.assigned_at, c.closed_at, MIN(m.created_at) AS first_reply_at, \
         COUNT(m.id) AS replies \
         FROM (SELECT id, store_id, source, group_id, assignee_id, status, created_at, \
               assigned_at, closed_at FROM conversations c WHERE {filter} \
               AND c.created_at >= $1 AND c.created_at < $2 \
               ORDER BY c.created_at DESC, c.id DESC LIMIT {CHATS_EXPORT_LIMIT}) AS c \
         LEFT JOIN messages m ON m.conversation_id = c.id AND m.sender = 'agent' \
         GROUP BY c.id, c.store_id, c.source, c.group_id, c.assignee_id, c.status, \
         c.created_at, c.assigned_at, c.closed_at \
         ORDER BY c.created_at DESC, c.id DESC"
    );
    // `$1` is PostgreSQL's placeholder; SQLite reads it as a numbered one too.
    diesel::sql_query(sql)
        .bind::<Timestamp, _>(from)
        .bind::<Timestamp, _>(to)
        .load(c)
}

/// The buyers' latest rating of each chat started in the range: ratings come after the
/// chat starts, so one read of the stores' ratings since `from` finds them all.
fn ratings(
    c: &mut DbConnection,
    scope: &Scope,
    from: NaiveDateTime,
) -> QueryResult<HashMap<i64, i32>> {
    let rows: Vec<(i64, i64, i32)> = chat_ratings::table
        .filter(chat_ratings::seller_id.eq(scope.seller_id))
        .filter(chat_ratings::store_id.eq_any(&scope.store_ids))
        .filter(chat_ratings::created_at.ge(from))
        .select((
            chat_ratings::conversation_id,
            chat_ratings::id,
            chat_ratings::score,
        ))
        .load(c)?;
    let mut latest: HashMap<i64, (i64, i32)> = HashMap::new();
    for (conversation, id, score) in rows {
        let entry = latest.entry(conversation).or_insert((id, score));
        if id > entry.0 {
            *entry = (id, score);
        }
    }
    Ok(latest.into_iter().map(|(c, (_, s))| (c, s)).collect())
}

/// Names for the ids the rows carry: stores, groups and agents of the seller.
struct Names {
    stores: HashMap<i64, String>,
    groups: HashMap<i64, String>,
    agents: HashMap<i64, (String, String)>,
}

impl Names {
    fn load(c: &mut DbConnection, resolved: &Resolved) -> QueryResult<Names> {
        let seller = resolved.scope.seller_id;
        let groups = chat_groups::table
            .filter(chat_groups::seller_id.eq(seller))
            .select((chat_groups::id, chat_groups::name))
            .load::<(i64, String)>(c)?;
        let agents = accounts::table
            .filter(accounts::seller_id.eq(seller))
            .select((accounts::id, accounts::display_name, accounts::username))
            .load::<(i64, String, String)>(c)?;
        Ok(Names {
            stores: resolved
                .stores
                .iter()
                .map(|s| (s.id, s.name.clone()))
                .collect(),
            groups: groups.into_iter().collect(),
            agents: agents
                .into_iter()
                .map(|(id, name, username)| (id, (name, username)))
                .collect(),
        })
    }
}

/// The file in the viewer's language, zone and spreadsheet conventions.
fn document(f: Fmt, rows: &[ChatRow], names: &Names, ratings: &HashMap<i64, i32>) -> String {
    let mut csv = Csv::new(f.lang);
    csv.row(
        [
            "performance-chats-column-chat",
            "performance-chats-column-store",
            "performance-chats-column-source",
            "performance-group",
            "performance-agent",
            "performance-username",
            "performance-chats-column-started",
            "performance-chats-column-assigned",
            "performance-chats-column-first-reply",
            "performance-chats-column-closed",
            "performance-chats-column-first-response",
            "performance-chats-column-replies",
            "performance-chats-column-status",
            "performance-chats-column-rating",
        ]
        .map(|key| f.t(key)),
    );
    let time =
        |t: Option<NaiveDateTime>| t.map(|t| format_datetime(t, &f.zone)).unwrap_or_default();
    for row in rows {
        let (agent, username) = row
            .assignee_id
            .and_then(|id| names.agents.get(&id))
            .cloned()
            .unwrap_or_default();
        let first_response = match (row.assigned_at, row.first_reply_at) {
            (Some(assigned), Some(reply)) => (reply - assigned).num_seconds().max(0).to_string(),
            _ => String::new(),
        };
        let status = if row.status == "closed" {
            "performance-chats-closed"
        } else {
            "performance-chats-open"
        };
        csv.row([
            row.id.to_string(),
            names.stores.get(&row.store_id).cloned().unwrap_or_default(),
            ChatSource::from_code(&row.source)
                .map(|s| f.t(s.label_key()))
                .unwrap_or_else(|| row.source.clone()),
            row.group_id
                .and_then(|g| names.groups.get(&g))
                .cloned()
                .unwrap_or_default(),
            agent,
            username,
            time(Some(row.created_at)),
            time(row.assigned_at),
            time(row.first_reply_at),
            time(row.closed_at),
            first_response,
            row.replies.to_string(),
            f.t(status),
            ratings
                .get(&row.id)
                .map(|r| r.to_string())
                .unwrap_or_default(),
        ]);
    }
    csv.finish()
}

/// `GET /performance/chats.csv`: the same filters, scope and refusals as the page (404
/// for another seller's store or group, 403 for a store not granted); the download is
/// itself an Activity Log entry.
pub async fn export(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<Filters>,
) -> AppResult<HttpResponse> {
    let filters = query.into_inner();
    // The page links only to valid ranges; anything else was typed by hand.
    let range = DayRange::parse(&filters.range, &filters.from, &filters.to, today(&user))
        .map_err(|_| AppError::BadRequest)?;
    let (from, to) = utc_bounds(&range, user.time_zone.tz());
    let (viewer, wanted) = (user.clone(), filters.clone());
    let (resolved, rows, names, ratings) = state
        .db(move |c| {
            let resolved = resolve(c, &viewer, &wanted)?;
            let rows = load(c, &resolved.scope, from, to)?;
            let names = Names::load(c, &resolved)?;
            let ratings = ratings(c, &resolved.scope, from)?;
            Ok((resolved, rows, names, ratings))
        })
        .await?;
    let actor = user.actor(state.client_addr(&req));
    let activity = Activity::report_exported(
        Area::Performance,
        resolved.store_id,
        export_details(&resolved, &range, rows.len()),
    );
    state
        .write(move |c| record_activity(c, &actor, &activity).map_err(AppError::from))
        .await?;
    let f = ctx.fmt();
    let body = web::block(move || document(f, &rows, &names, &ratings)).await?;
    let filename = format!(
        "chats-{}-{}.csv",
        range.first.format("%Y%m%d"),
        range.last.format("%Y%m%d")
    );
    Ok(attachment(&filename, body))
}
