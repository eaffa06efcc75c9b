//! The Performance Data page and its CSV export.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::chart::{self, Chart};
use super::indicators::{BAND_LIMITS, Tally};
use super::range::{DayRange, Preset};
use super::report::{self, AgentRow, Report, Scope};
use crate::accounts::permissions::Permission;
use crate::activity_log::{Activity, Area, record_activity};
use crate::app::AppState;
use crate::db::DbConnection;
use crate::db::schema::chat_groups;
use crate::i18n::{self, Lang};
use crate::stores::model::Store;
use crate::web::csv::Csv;
use crate::web::form::FieldErrors;
use crate::web::{AppError, AppResult, CurrentUser, PageCtx, render};

/// The filters, as the form and the links carry them. Everything arrives as text so a
/// mistyped date becomes a message on the page rather than a refused request.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Filters {
    pub range: String,
    pub from: String,
    pub to: String,
    pub store: String,
    pub group: String,
    pub sort: String,
    pub dir: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Agent,
    ChatsReceived,
    ChatsReplied,
    ResponseRate,
    FirstResponseTime,
    FirstResponseP50,
    FirstResponseP90,
    AverageResponseTime,
    ResponseP50,
    ResponseP90,
    Resolved,
    MessagesSent,
}

impl Column {
    /// The indicators of every row: agents, days, totals and the exports.
    pub const INDICATORS: [Column; 7] = [
        Column::ChatsReceived,
        Column::ChatsReplied,
        Column::ResponseRate,
        Column::FirstResponseTime,
        Column::AverageResponseTime,
        Column::Resolved,
        Column::MessagesSent,
    ];

    /// The cards above the table: the indicators of the whole range, with the
    /// distributions (read once for the range, not per agent or day).
    pub const CARDS: [Column; 11] = [
        Column::ChatsReceived,
        Column::ChatsReplied,
        Column::ResponseRate,
        Column::FirstResponseTime,
        Column::FirstResponseP50,
        Column::FirstResponseP90,
        Column::AverageResponseTime,
        Column::ResponseP50,
        Column::ResponseP90,
        Column::Resolved,
        Column::MessagesSent,
    ];

    /// For the percentile columns: which times, and which share of them.
    fn percentile(self, t: &Tally) -> Option<Option<usize>> {
        match self {
            Column::FirstResponseP50 => Some(t.first_response_percentile(0.5)),
            Column::FirstResponseP90 => Some(t.first_response_percentile(0.9)),
            Column::ResponseP50 => Some(t.response_percentile(0.5)),
            Column::ResponseP90 => Some(t.response_percentile(0.9)),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Column::Agent => "agent",
            Column::ChatsReceived => "chats_received",
            Column::ChatsReplied => "chats_replied",
            Column::ResponseRate => "response_rate",
            Column::FirstResponseTime => "first_response_time",
            Column::FirstResponseP50 => "first_response_p50",
            Column::FirstResponseP90 => "first_response_p90",
            Column::AverageResponseTime => "average_response_time",
            Column::ResponseP50 => "response_p50",
            Column::ResponseP90 => "response_p90",
            Column::Resolved => "resolved",
            Column::MessagesSent => "messages_sent",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Column::Agent => "performance-agent",
            Column::ChatsReceived => "performance-chats-received",
            Column::ChatsReplied => "performance-chats-replied",
            Column::ResponseRate => "performance-response-rate",
            Column::FirstResponseTime => "performance-first-response-time",
            Column::FirstResponseP50 => "performance-first-response-p50",
            Column::FirstResponseP90 => "performance-first-response-p90",
            Column::AverageResponseTime => "performance-average-response-time",
            Column::ResponseP50 => "performance-response-p50",
            Column::ResponseP90 => "performance-response-p90",
            Column::Resolved => "performance-resolved",
            Column::MessagesSent => "performance-messages-sent",
        }
    }

    /// What the indicator means; the agent column needs no definition.
    pub fn definition_key(self) -> Option<&'static str> {
        match self {
            Column::Agent => None,
            Column::ChatsReceived => Some("performance-chats-received-definition"),
            Column::ChatsReplied => Some("performance-chats-replied-definition"),
            Column::ResponseRate => Some("performance-response-rate-definition"),
            Column::FirstResponseTime => Some("performance-first-response-time-definition"),
            Column::FirstResponseP50 => Some("performance-first-response-p50-definition"),
            Column::FirstResponseP90 => Some("performance-first-response-p90-definition"),
            Column::AverageResponseTime => Some("performance-average-response-time-definition"),
            Column::ResponseP50 => Some("performance-response-p50-definition"),
            Column::ResponseP90 => Some("performance-response-p90-definition"),
            Column::Resolved => Some("performance-resolved-definition"),
            Column::MessagesSent => Some("performance-messages-sent-definition"),
        }
    }

    fn from_code(code: &str) -> Option<Column> {
        std::iter::once(Column::Agent)
            .chain(Column::INDICATORS)
            .find(|c| c.code() == code)
    }

    /// The number a row sorts by; absent values sort below every present one.
    fn sort_value(self, t: &Tally) -> Option<f64> {
        match self {
            Column::Agent => None,
            Column::ChatsReceived => Some(t.chats_received as f64),
            Column::ChatsReplied => Some(t.chats_replied as f64),
            Column::ResponseRate => t.response_rate(),
            Column::FirstResponseTime => t.first_response_time().map(|s| s as f64),
            Column::AverageResponseTime => t.average_response_time().map(|s| s as f64),
            Column::FirstResponseP50
            | Column::FirstResponseP90
            | Column::ResponseP50
            | Column::ResponseP90 => self.percentile(t).flatten().map(|b| b as f64),
            Column::Resolved => Some(t.resolved as f64),
            Column::MessagesSent => Some(t.messages_sent as f64),
        }
    }

    /// The value as the page shows it; `None` where there is nothing to measure.
    fn display(self, t: &Tally, lang: Lang) -> Option<String> {
        match self {
            Column::ResponseRate => t.response_rate().map(|r| i18n::percent(lang, r)),
            Column::FirstResponseTime => t.first_response_time().map(|s| i18n::duration(lang, s)),
            Column::AverageResponseTime => {
                t.average_response_time().map(|s| i18n::duration(lang, s))
            }
            Column::FirstResponseP50
            | Column::FirstResponseP90
            | Column::ResponseP50
            | Column::ResponseP90 => self.percentile(t).flatten().map(|band| {
                let (key, limit) = match BAND_LIMITS.get(band) {
                    Some(limit) => ("performance-within", *limit),
                    None => ("performance-over", BAND_LIMITS[BAND_LIMITS.len() - 1]),
                };
                let time = i18n::args([("time", i18n::round_duration(lang, limit))]);
                i18n::tr(lang, key, Some(&time))
            }),
            other => other.sort_value(t).map(|v| i18n::integer(lang, v as i64)),
        }
    }

    /// The value as the export writes it: numbers the viewer's spreadsheet reads, the
    /// rate in percent with one decimal, times in seconds.
    fn csv(self, t: &Tally, csv: &Csv) -> String {
        match self {
            Column::ResponseRate => t.response_rate().map(|r| csv.number(r, 1)),
            Column::FirstResponseTime => t.first_response_time().map(|s| s.to_string()),
            Column::AverageResponseTime => t.average_response_time().map(|s| s.to_string()),
            // The band's limit in seconds; over the last limit, that limit and one.
            Column::FirstResponseP50
            | Column::FirstResponseP90
            | Column::ResponseP50
            | Column::ResponseP90 => self.percentile(t).flatten().map(|band| {
                BAND_LIMITS
                    .get(band)
                    .copied()
                    .unwrap_or(BAND_LIMITS[BAND_LIMITS.len() - 1] + 1)
                    .to_string()
            }),
            other => other.sort_value(t).map(|v| csv.number(v, 0)),
        }
        .unwrap_or_default()
    }
}

pub struct Card {
    pub column: Column,
    pub value: Option<String>,
}

pub struct HeaderLink {
    pub column: Column,
    pub href: String,
    /// `ascending`/`descending` on the sorted column (for `aria-sort`).
    pub sorted: Option<&'static str>,
}

pub struct AgentLine {
    pub name: String,
    pub username: String,
    pub cells: Vec<Option<String>>,
    /// Time Online in the period.
    pub online: String,
}

pub struct DayLine {
    pub day: String,
    pub cells: Vec<Option<String>>,
}

/// The busiest-hours table: one row per weekday, one cell per hour of the day.
pub struct Heatmap {
    pub hours: Vec<String>,
    pub rows: Vec<HeatRow>,
}

pub struct HeatRow {
    pub weekday: String,
    pub cells: Vec<HeatCell>,
}

pub struct HeatCell {
    pub count: String,
    /// 0 (none) to 4 (the busiest hours): the cell's shade.
    pub level: i64,
}

impl Heatmap {
    fn build(busiest: &[[i64; 24]; 7], lang: Lang) -> Heatmap {
        let max = busiest.iter().flatten().copied().max().unwrap_or(0).max(1);
        Heatmap {
            hours: (0..24).map(|h| i18n::padded(lang, h, 2)).collect(),
            rows: i18n::WEEK
                .iter()
                .zip(busiest)
                .map(|(day, counts)| HeatRow {
                    weekday: i18n::weekday(lang, *day),
                    cells: counts
                        .iter()
                        .map(|&n| HeatCell {
                            count: i18n::integer(lang, n),
                            level: if n == 0 { 0 } else { 1 + (4 * n - 1) / max },
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Clone)]
pub struct GroupChoice {
    pub id: i64,
    pub label: String,
}

impl PerformancePage {
    /// Buyer satisfaction for the same period, store and group.
    fn satisfaction_href(&self) -> String {
        link(&self.form.filters, "/performance/satisfaction")
    }
}

/// The period, store and group form, shared by the Performance Data pages.
pub(super) struct FilterForm {
    pub(super) action: &'static str,
    pub(super) filters: Filters,
    pub(super) errors: FieldErrors,
    pub(super) presets: [Preset; 5],
    pub(super) stores: Vec<Store>,
    pub(super) groups: Vec<GroupChoice>,
}

impl FilterForm {
    pub(super) fn new(
        action: &'static str,
        filters: Filters,
        errors: FieldErrors,
        resolved: &Resolved,
    ) -> FilterForm {
        FilterForm {
            action,
            filters,
            errors,
            presets: Preset::ALL,
            stores: resolved.stores.clone(),
            groups: resolved.groups.clone(),
        }
    }

    pub(super) fn preset_selected(&self, preset: &Preset) -> bool {
        self.filters.range == preset.code()
            || (preset == &Preset::Last7 && Preset::from_code(&self.filters.range).is_none())
    }

    pub(super) fn store_selected(&self, id: &i64) -> bool {
        self.filters.store == id.to_string()
    }

    pub(super) fn group_selected(&self, id: &i64) -> bool {
        self.filters.group == id.to_string()
    }
}

#[derive(Template)]
#[template(path = "performance/index.html")]
struct PerformancePage {
    ctx: PageCtx,
    form: FilterForm,
    own_only: bool,
    /// Absent when the filters were refused.
    view: Option<ReportView>,
}

struct ReportView {
    range_label: String,
    cards: Vec<Card>,
    headers: Vec<HeaderLink>,
    agents: Vec<AgentLine>,
    days: Vec<DayLine>,
    chart: Chart,
    busiest: Heatmap,
    csv_href: String,
    chats_csv_href: String,
}

/// What the viewer may see, resolved from the filters: 404 for another seller's store
/// or group, 403 for a store of theirs the viewer is not granted.
pub(super) struct Resolved {
    pub(super) stores: Vec<Store>,
    pub(super) groups: Vec<GroupChoice>,
    pub(super) scope: Scope,
    pub(super) store_id: Option<i64>,
}

fn parse_id(text: &str) -> AppResult<Option<i64>> {
    match text.trim() {
        "" => Ok(None),
        t => t.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

pub(super) fn resolve(
    c: &mut DbConnection,
    user: &CurrentUser,
    filters: &Filters,
) -> AppResult<Resolved> {
    let stores = Store::visible_to(c, user)?;
    let store_id = parse_id(&filters.store)?;
    if let Some(id) = store_id {
        Store::find_for(c, user, id)?;
    }
    let store_ids: Vec<i64> = match store_id {
        Some(id) => vec![id],
        None => stores.iter().map(|s| s.id).collect(),
    };
    let rows: Vec<(i64, i64, String)> = chat_groups::table
        .filter(chat_groups::seller_id.eq(user.seller_id))
        .filter(chat_groups::store_id.eq_any(&store_ids))
        .order((chat_groups::store_id.asc(), chat_groups::name_key.asc()))
        .select((chat_groups::id, chat_groups::store_id, chat_groups::name))
        .load(c)?;
    let several_stores = store_ids.len() > 1;
    let groups: Vec<GroupChoice> = rows
        .into_iter()
        .map(|(id, store, name)| {
            let store_name = stores
                .iter()
                .find(|s| s.id == store)
                .map(|s| s.name.as_str());
            let label = match store_name {
                Some(store_name) if several_stores => format!("{store_name} · {name}"),
                _ => name,
            };
            GroupChoice { id, label }
        })
        .collect();
    let group_id = parse_id(&filters.group)?;
    if group_id.is_some_and(|g| !groups.iter().any(|c| c.id == g)) {
        return Err(AppError::NotFound);
    }
    let scope = Scope {
        seller_id: user.seller_id,
        store_ids,
        group_id,
        account_id: (!user.can(Permission::TeamPerformance)).then_some(user.account_id),
    };
    Ok(Resolved {
        stores,
        groups,
        scope,
        store_id,
    })
}

pub(super) fn today(user: &CurrentUser) -> chrono::NaiveDate {
    Utc::now().with_timezone(&user.time_zone.tz()).date_naive()
}

fn sorted_agents(report: &Report, filters: &Filters) -> Vec<AgentRow> {
    let column = Column::from_code(&filters.sort).unwrap_or(Column::ChatsReceived);
    let ascending = filters.dir == "asc";
    let mut agents = report.agents.clone();
    agents.sort_by(|a, b| {
        let order = match column {
            Column::Agent => a
                .display_name
                .to_lowercase()
                .cmp(&b.display_name.to_lowercase()),
            c => c
                .sort_value(&a.tally)
                .partial_cmp(&c.sort_value(&b.tally))
                .unwrap_or(std::cmp::Ordering::Equal),
        };
        let order = if ascending { order } else { order.reverse() };
        order.then_with(|| a.username.cmp(&b.username))
    });
    agents
}

pub(super) fn link(filters: &Filters, path: &str) -> String {
    let query = serde_urlencoded::to_string(filters).unwrap_or_default();
    format!("{path}?{query}")
}

fn view(ctx: &PageCtx, filters: &Filters, range: &DayRange, report: &Report) -> ReportView {
    let lang = ctx.lang;
    let sort = Column::from_code(&filters.sort).unwrap_or(Column::ChatsReceived);
    let ascending = filters.dir == "asc";
    let headers = std::iter::once(Column::Agent)
        .chain(Column::INDICATORS)
        .map(|column| {
            let is_sorted = column == sort;
            // A new column starts with its most telling end: names A→Z, figures high→low.
            let next_dir = match (is_sorted, ascending, column) {
                (true, true, _) => "desc",
                (true, false, _) => "asc",
                (false, _, Column::Agent) => "asc",
                (false, _, _) => "desc",
            };
            let mut next = filters.clone();
            next.sort = column.code().to_string();
            next.dir = next_dir.to_string();
            HeaderLink {
                column,
                href: link(&next, "/performance"),
                sorted: is_sorted.then_some(if ascending { "ascending" } else { "descending" }),
            }
        })
        .collect();
    let cells = |t: &Tally| {
        Column::INDICATORS
            .iter()
            .map(|c| c.display(t, lang))
            .collect::<Vec<_>>()
    };
    let range_label = ctx.t2(
        "performance-range-label",
        "from",
        i18n::date(lang, range.first),
        "to",
        i18n::date(lang, range.last),
    );
    ReportView {
        range_label,
        cards: Column::CARDS
            .iter()
            .map(|&column| Card {
                column,
                value: column.display(&report.total, lang),
            })
            .collect(),
        headers,
        agents: sorted_agents(report, filters)
            .iter()
            .map(|a| AgentLine {
                name: a.display_name.clone(),
                username: a.username.clone(),
                cells: cells(&a.tally),
                online: i18n::duration(lang, a.online_seconds),
            })
            .collect(),
        days: report
            .days
            .iter()
            .map(|(day, t)| DayLine {
                day: i18n::date(lang, *day),
                cells: cells(t),
            })
            .collect(),
        chart: chart::build(&report.days, lang),
        busiest: Heatmap::build(&report.busiest, lang),
        csv_href: link(filters, "/performance.csv"),
        chats_csv_href: link(filters, "/performance/chats.csv"),
    }
}

/// What an export's Activity Log entry records: the range, and the store and group by
/// name (the entry is read long after, by people), and how many rows it held.
pub(super) fn export_details(
    resolved: &Resolved,
    range: &DayRange,
    rows: usize,
) -> serde_json::Value {
    let store_name = resolved
        .store_id
        .and_then(|id| resolved.stores.iter().find(|s| s.id == id))
        .map(|s| s.name.clone());
    let group_name = resolved
        .scope
        .group_id
        .and_then(|id| resolved.groups.iter().find(|g| g.id == id))
        .map(|g| g.label.clone());
    json!({
        "from": range.first.format("%Y-%m-%d").to_string(),
        "to": range.last.format("%Y-%m-%d").to_string(),
        "store": store_name,
        "group": group_name,
        "rows": rows,
    })
}

/// Checks the range, then resolves the scope and reads the report.
async fn prepare(
    state: &AppState,
    user: &CurrentUser,
    filters: &Filters,
    errors: &mut FieldErrors,
) -> AppResult<(Resolved, Option<(DayRange, Report)>)> {
    let range = match DayRange::parse(&filters.range, &filters.from, &filters.to, today(user)) {
        Ok(range) => Some(range),
        Err((field, key)) => {
            errors.add(field, key);
            None
        }
    };
    let (user, filters) = (user.clone(), filters.clone());
    state
        .db(move |c| {
            let resolved = resolve(c, &user, &filters)?;
            let report = match range {
                Some(range) => {
                    let report = report::build(c, &resolved.scope, &range, user.time_zone.tz())?;
                    Some((range, report))
                }
                None => None,
            };
            Ok((resolved, report))
        })
        .await
}

/// The range's first and last moments in UTC (whole hours, as the tallies).
pub(super) fn utc_bounds(range: &DayRange, tz: chrono_tz::Tz) -> (NaiveDateTime, NaiveDateTime) {
    let (start, end) = range.hours(tz);
    let at = |hour: i64| {
        chrono::DateTime::from_timestamp(hour * 3600, 0)
            .map(|t| t.naive_utc())
            .unwrap_or_default()
    };
    (at(start), at(end))
}

pub async fn index(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<Filters>,
) -> AppResult<HttpResponse> {
    let filters = query.into_inner();
    let mut errors = FieldErrors::new(ctx.lang);
    let (resolved, report) = prepare(&state, &user, &filters, &mut errors).await?;
    let view = report.map(|(range, report)| view(&ctx, &filters, &range, &report));
    let status = if view.is_some() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = PerformancePage {
        own_only: resolved.scope.account_id.is_some(),
        form: FilterForm::new("/performance", filters, errors, &resolved),
        ctx,
        view,
    };
    Ok(render(&page, status))
}

pub async fn export(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<Filters>,
) -> AppResult<HttpResponse> {
    let filters = query.into_inner();
    let mut errors = FieldErrors::new(ctx.lang);
    let (resolved, report) = prepare(&state, &user, &filters, &mut errors).await?;
    let Some((range, report)) = report else {
        return index(ctx, user, state, web::Query(filters)).await;
    };
    let mut csv = Csv::new(ctx.lang);
    csv.row(
        [ctx.t("performance-agent"), ctx.t("performance-username")]
            .into_iter()
            .chain(Column::INDICATORS.iter().map(|c| ctx.t(c.label_key())))
            .chain([ctx.t("performance-online-time-seconds")]),
    );
    for agent in sorted_agents(&report, &filters) {
        let cells: Vec<String> = Column::INDICATORS
            .iter()
            .map(|c| c.csv(&agent.tally, &csv))
            .chain([agent.online_seconds.to_string()])
            .collect();
        csv.row(
            [agent.display_name, agent.username]
                .into_iter()
                .chain(cells),
        );
    }
    let online: i64 = report.agents.iter().map(|a| a.online_seconds).sum();
    let totals: Vec<String> = Column::INDICATORS
        .iter()
        .map(|c| c.csv(&report.total, &csv))
        .chain([online.to_string()])
        .collect();
    csv.row(
        [ctx.t("performance-total"), String::new()]
            .into_iter()
            .chain(totals),
    );
    let actor = user.actor(state.client_addr(&req));
    let details = export_details(&resolved, &range, report.agents.len());
    let activity = Activity::report_exported(Area::Performance, resolved.store_id, details);
    state
        .write(move |c| record_activity(c, &actor, &activity).map_err(AppError::from))
        .await?;
    let filename = format!(
        "performance-{}-{}.csv",
        range.first.format("%Y%m%d"),
        range.last.format("%Y%m%d")
    );
    Ok(crate::web::csv::attachment(&filename, csv.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_in_the_viewers_language() {
        let t = Tally {
            chats_received: 1234,
            ..Tally::default()
        };
        assert_eq!(
            Column::ChatsReceived.display(&t, Lang::En).as_deref(),
            Some("1,234")
        );
        assert_eq!(
            Column::ChatsReceived.display(&t, Lang::PtBr).as_deref(),
            Some("1.234")
        );
        assert_eq!(Column::ChatsReceived.csv(&t, &Csv::new(Lang::PtBr)), "1234");
    }
}
