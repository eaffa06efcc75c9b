//! Performance Data → Marketplace rate (`/performance/marketplace`): each store's rate
//! as its marketplace computes it, where it is heading, its trend week by week, and the
//! chats that cost it. Store figures: for those who see the team's Performance Data,
//! in the stores they may see.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use serde::Deserialize;

use super::marketplace::{self, Counts, MISSED_PAGE};
use crate::accounts::permissions::Permission;
use crate::app::AppState;
use crate::chat_assignment::settings::{self, RateRule};
use crate::db::DbConnection;
use crate::i18n::{Lang, duration, local_time, month_day, percent};
use crate::stores::model::Store;
use crate::web::{AppError, AppResult, CurrentUser, PageCtx, render};

/// How many of a store's missed chats the all-stores view shows.
const MISSED_PREVIEW: usize = 5;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MarketplaceQuery {
    store: String,
    page: Option<i64>,
}

pub struct WeekView {
    pub label: String,
    pub rate: Option<String>,
    /// The rate as a bar's width, 0–100.
    pub width: i64,
    pub counted: i64,
}

pub struct MissedView {
    pub conversation_id: i64,
    pub buyer: String,
    pub started_at: NaiveDateTime,
    /// "14 h 02 min", or `None` when never answered.
    pub answered_after: Option<String>,
}

pub struct StoreRateView {
    pub store_id: i64,
    pub store_name: String,
    pub rule: RateRule,
    pub rate: Option<String>,
    pub counts: Counts,
    pub best: Option<String>,
    pub worst: Option<String>,
    pub weeks: Vec<WeekView>,
    pub missed: Vec<MissedView>,
    pub missed_total: i64,
}

#[derive(Template)]
#[template(path = "performance/marketplace.html")]
struct MarketplacePage {
    ctx: PageCtx,
    stores: Vec<Store>,
    selected: Option<i64>,
    rates: Vec<StoreRateView>,
    /// With one store chosen: the page of its missed chats, and whether more follow.
    page: i64,
    more: bool,
}

impl MarketplacePage {
    fn store_selected(&self, id: &i64) -> bool {
        self.selected == Some(*id)
    }
}

fn shown_rate(lang: Lang, rate: Option<f64>) -> Option<String> {
    rate.map(|r| percent(lang, r * 100.0))
}

fn store_view(
    c: &mut DbConnection,
    ctx: &PageCtx,
    store: &Store,
    now: NaiveDateTime,
    missed_offset: Option<i64>,
) -> AppResult<StoreRateView> {
    let rule = settings::load(c, store.id)?.rate_rule;
    let stretches = marketplace::weeks(&rule, now);
    let by_week = marketplace::counts(c, store.id, &rule, &stretches, now)?;
    let mut counts = Counts::default();
    let mut weeks = Vec::new();
    for ((from, to), week) in stretches.iter().zip(&by_week) {
        counts += *week;
        let zone = &ctx.zone;
        let label = format!(
            "{} – {}",
            month_day(ctx.lang, local_time(*from, zone).date()),
            month_day(ctx.lang, local_time(*to, zone).date())
        );
        weeks.push(WeekView {
            label,
            rate: shown_rate(ctx.lang, week.rate()),
            width: week.rate().map_or(0, |r| (r * 100.0).round() as i64),
            counted: week.counted(),
        });
    }
    let mut missed = marketplace::missed(c, store.id, &rule, now, missed_offset.unwrap_or(0))?;
    if missed_offset.is_none() {
        missed.truncate(MISSED_PREVIEW);
    }
    Ok(StoreRateView {
        store_id: store.id,
        store_name: store.name.clone(),
        rule,
        rate: shown_rate(ctx.lang, counts.rate()),
        best: shown_rate(ctx.lang, counts.best()),
        worst: shown_rate(ctx.lang, counts.worst()),
        counts,
        weeks,
        missed: missed
            .into_iter()
            .map(|m| MissedView {
                conversation_id: m.conversation_id,
                buyer: m.buyer,
                started_at: m.started_at,
                answered_after: m.answered_after.map(|s| duration(ctx.lang, s)),
            })
            .collect(),
        missed_total: counts.missed,
    })
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<MarketplaceQuery>,
) -> AppResult<HttpResponse> {
    if !user.can(Permission::TeamPerformance) {
        return Err(AppError::Forbidden);
    }
    let query = query.into_inner();
    let selected = match query.store.trim() {
        "" => None,
        id => Some(id.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let page = query.page.unwrap_or(1).max(1);
    let now = Utc::now().naive_utc();
    let (stores, rates, ctx) = state
        .db(move |c| {
            let stores = Store::visible_to(c, &user)?;
            let shown: Vec<Store> = match selected {
                Some(id) => vec![Store::find_for(c, &user, id)?],
                None => stores.clone(),
            };
            let offset = selected.map(|_| (page - 1) * MISSED_PAGE);
            let rates = shown
                .iter()
                .map(|store| store_view(c, &ctx, store, now, offset))
                .collect::<AppResult<Vec<_>>>()?;
            Ok::<_, AppError>((stores, rates, ctx))
        })
        .await?;
    let more = selected.is_some()
        && rates
            .first()
            .is_some_and(|r| r.missed_total > page * MISSED_PAGE);
    let body = MarketplacePage {
        ctx,
        stores,
        selected,
        rates,
        page,
        more,
    };
    Ok(render(&body, StatusCode::OK))
}
