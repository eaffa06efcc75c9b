//! The Activity Log page and its CSV download.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, Utc};

use super::filters::{self, FilterError, Filters, RawFilters, present};
use super::query::{self, Choices, EXPORT_LIMIT, LogQuery};
use super::view::{EntryView, entry_view};
use super::{ActionKind, Activity, Area, csv, record_activity};
use crate::app::AppState;
use crate::db;
use crate::i18n::TimeZoneName;
use crate::web::form::FieldErrors;
use crate::web::{AppError, AppResult, CurrentUser, PageCtx, render};

/// An option of a filter menu.
pub struct MenuItem {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// What the filter form shows: the values as typed, so a refused one can be corrected.
pub struct FormValues {
    pub from: String,
    pub to: String,
    pub q: String,
}

#[derive(Template)]
#[template(path = "activity_log/index.html")]
struct LogPage {
    ctx: PageCtx,
    everyone: bool,
    form: FormValues,
    errors: FieldErrors,
    operators: Vec<MenuItem>,
    areas: Vec<MenuItem>,
    actions: Vec<MenuItem>,
    stores: Vec<MenuItem>,
    rows: Vec<EntryView>,
    /// How far back a text search looked when it stopped before filling the page.
    searched_to: Option<String>,
    /// Links to the newest page (when on a later one), the next page, and the CSV.
    newest: Option<String>,
    next: Option<String>,
    csv: Option<String>,
    export_limit: i64,
}

fn today(zone: &TimeZoneName) -> NaiveDate {
    Utc::now().with_timezone(&zone.tz()).date_naive()
}

/// The filters as the viewer's own: the operator menu exists only for those who see
/// everyone; for the others the query is bound to themselves whatever was sent.
fn parse(raw: &RawFilters, user: &CurrentUser) -> (Filters, Vec<FilterError>) {
    let (filters, mut refused) = filters::parse(raw, today(&user.time_zone));
    if !query::sees_everyone(user) {
        refused.retain(|e| e.field != "operator");
    }
    (filters, refused)
}

fn link(path: &str, filters: &Filters, before: Option<i64>) -> String {
    let mut pairs = filters.query_pairs();
    if let Some(id) = before {
        pairs.push(("before", id.to_string()));
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{path}?{query}")
}

fn menu<T: Copy>(
    ctx: &PageCtx,
    all: &[T],
    chosen: Option<&str>,
    code: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<MenuItem> {
    all.iter()
        .map(|&item| MenuItem {
            value: code(item).to_string(),
            label: ctx.t(key(item)),
            selected: chosen == Some(code(item)),
        })
        .collect()
}

fn choice_menu(choices: &[query::Choice], chosen: Option<&str>) -> Vec<MenuItem> {
    choices
        .iter()
        .map(|c| MenuItem {
            value: c.id.to_string(),
            label: c.name.clone(),
            selected: chosen == Some(c.id.to_string().as_str()),
        })
        .collect()
}

/// A page of entries, or why the filters were refused.
struct Loaded {
    choices: Choices,
    refused: Vec<FilterError>,
    page: Option<query::Page>,
}

fn load(
    conn: &mut db::DbConnection,
    user: &CurrentUser,
    filters: &Filters,
    mut refused: Vec<FilterError>,
) -> AppResult<Loaded> {
    let choices = Choices::load(conn, user)?;
    refused.extend(choices.check(filters));
    let query = LogQuery::for_viewer(user, filters, &user.time_zone);
    let cursor = match filters.before {
        Some(id) if refused.is_empty() => {
            let cursor = query.cursor(conn, id)?;
            if cursor.is_none() {
                refused.push(FilterError {
                    field: "before",
                    key: "activity-error-cursor",
                });
            }
            cursor
        }
        _ => None,
    };
    let page = if refused.is_empty() {
        Some(query.page(conn, cursor)?)
    } else {
        None
    };
    Ok(Loaded {
        choices,
        refused,
        page,
    })
}

pub async fn index(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    raw: web::Query<RawFilters>,
) -> AppResult<HttpResponse> {
    let raw = raw.into_inner();
    let (filters, refused) = parse(&raw, &user);
    let (viewer, wanted) = (user.clone(), filters.clone());
    let loaded = state
        .db(move |c| load(c, &viewer, &wanted, refused))
        .await?;

    let ok = loaded.refused.is_empty();
    let (rows, next, searched_to) = match &loaded.page {
        Some(page) => (
            page.rows
                .iter()
                .map(|e| entry_view(e, ctx.lang, &user.time_zone))
                .collect(),
            page.next
                .map(|c| link("/activity-log", &filters, Some(c.id))),
            page.searched_to.map(|t| ctx.time(&t)),
        ),
        None => (vec![], None, None),
    };
    let newest = (ok && filters.before.is_some()).then(|| link("/activity-log", &filters, None));
    let csv = ok.then(|| link("/activity-log.csv", &filters, None));
    let mut errors = FieldErrors::new(ctx.lang);
    for refused in &loaded.refused {
        errors.add(refused.field, refused.key);
    }
    let page = LogPage {
        everyone: query::sees_everyone(&user),
        form: FormValues {
            from: present(&raw.from)
                .map(str::to_string)
                .unwrap_or_else(|| filters.from.to_string()),
            to: present(&raw.to)
                .map(str::to_string)
                .unwrap_or_else(|| filters.to.to_string()),
            q: raw.q.clone().unwrap_or_default(),
        },
        errors,
        operators: choice_menu(&loaded.choices.operators, present(&raw.operator)),
        areas: menu(
            &ctx,
            Area::ALL,
            present(&raw.area),
            Area::code,
            Area::label_key,
        ),
        actions: menu(
            &ctx,
            ActionKind::ALL,
            present(&raw.action),
            ActionKind::code,
            ActionKind::label_key,
        ),
        stores: choice_menu(&loaded.choices.stores, present(&raw.store)),
        rows,
        searched_to,
        newest,
        next,
        csv,
        export_limit: EXPORT_LIMIT,
        ctx,
    };
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(&page, status))
}

/// The CSV of every entry the filters select (up to `EXPORT_LIMIT`), newest first,
/// in the viewer's language and time zone. The download is itself an entry.
pub async fn export(
    req: HttpRequest,
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    raw: web::Query<RawFilters>,
) -> AppResult<HttpResponse> {
    let (filters, refused) = parse(&raw, &user);
    // The page links only to valid filters; anything else was typed by hand.
    if !refused.is_empty() {
        return Err(AppError::BadRequest);
    }
    let actor = user.actor(state.client_addr(&req));
    let (viewer, wanted) = (user.clone(), filters.clone());
    let (rows, recorded) = state
        .db(move |c| {
            let choices = Choices::load(c, &viewer)?;
            if !choices.check(&wanted).is_empty() {
                return Err(AppError::BadRequest);
            }
            let query = LogQuery::for_viewer(&viewer, &wanted, &viewer.time_zone);
            let rows = query.entries(c, None, EXPORT_LIMIT)?;
            Ok((rows, wanted.to_json(&choices)))
        })
        .await?;
    let activity = Activity::report_exported(Area::ActivityLog, filters.store, recorded);
    state
        .write(move |c| record_activity(c, &actor, &activity).map_err(AppError::from))
        .await?;

    let header: Vec<String> = [
        ctx.t1("activity-column-time", "zone", user.time_zone.name()),
        ctx.t("activity-column-operator"),
        ctx.t("activity-column-address"),
        ctx.t("activity-column-area"),
        ctx.t("activity-column-action"),
        ctx.t("activity-column-object-type"),
        ctx.t("activity-column-object"),
        ctx.t("activity-column-details"),
    ]
    .into();
    let (lang, zone) = (ctx.lang, user.time_zone);
    let body = web::block(move || {
        let views: Vec<EntryView> = rows.iter().map(|e| entry_view(e, lang, &zone)).collect();
        csv::document(lang, &header, &views)
    })
    .await?;
    let filename = format!("activity-log-{}-{}.csv", filters.from, filters.to);
    Ok(crate::web::csv::attachment(&filename, body))
}
