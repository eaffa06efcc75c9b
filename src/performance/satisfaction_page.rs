//! Performance Data → Buyer satisfaction (`/performance/satisfaction`): the ratings
//! buyers gave in the period, as CSAT, average and count, per agent, store and group,
//! with the latest comments. Its own page, with the same filters and scope as the
//! indicators: ratings are read as they are, which the indicators' page should not pay
//! for on every load.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use diesel::prelude::*;

use super::pages::{FilterForm, Filters, Resolved, resolve, today, utc_bounds};
use super::range::DayRange;
use super::satisfaction::{self, Satisfaction};
use crate::app::AppState;
use crate::db::DbConnection;
use crate::db::schema::accounts;
use crate::i18n;
use crate::web::form::FieldErrors;
use crate::web::{AppResult, CurrentUser, PageCtx, render};

/// Buyer satisfaction as the page shows it.
pub struct SatisfactionView {
    pub total: CsatView,
    pub agents: Vec<CsatView>,
    pub stores: Vec<CsatView>,
    pub groups: Vec<CsatView>,
    pub comments: Vec<satisfaction::Comment>,
}

/// One line of ratings: what it is about, how many, the average score and CSAT.
pub struct CsatView {
    pub name: String,
    pub ratings: i64,
    pub average: Option<String>,
    pub share: Option<String>,
}

impl CsatView {
    fn of(ctx: &PageCtx, name: String, csat: &satisfaction::Csat) -> CsatView {
        CsatView {
            name,
            ratings: csat.ratings,
            average: csat
                .average()
                .map(|a| ctx.t1("performance-csat-score", "score", (a * 10.0).round() / 10.0)),
            share: csat.share().map(|s| i18n::percent(ctx.lang, s * 100.0)),
        }
    }
}

impl SatisfactionView {
    /// The three breakdowns with their headings' keys.
    fn breakdowns(&self) -> [(&'static str, &[CsatView]); 3] {
        [
            ("performance-csat-by-agent", &self.agents),
            ("performance-csat-by-store", &self.stores),
            ("performance-csat-by-group", &self.groups),
        ]
    }

    fn of(ctx: &PageCtx, s: &Satisfaction) -> SatisfactionView {
        let lines = |lines: &[satisfaction::Line]| {
            lines
                .iter()
                .map(|l| CsatView::of(ctx, l.name.clone(), &l.csat))
                .collect()
        };
        SatisfactionView {
            total: CsatView::of(ctx, String::new(), &s.total),
            agents: lines(&s.agents),
            stores: lines(&s.stores),
            groups: lines(&s.groups),
            comments: s.comments.clone(),
        }
    }
}

/// Who and what the ratings name: the seller's agents, and the viewer's stores and groups.
fn names(c: &mut DbConnection, resolved: &Resolved) -> QueryResult<satisfaction::Names> {
    let agents = accounts::table
        .filter(accounts::seller_id.eq(resolved.scope.seller_id))
        .select((accounts::id, accounts::display_name))
        .load::<(i64, String)>(c)?
        .into_iter()
        .collect();
    Ok(satisfaction::Names {
        agents,
        stores: resolved
            .stores
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect(),
        groups: resolved
            .groups
            .iter()
            .map(|g| (g.id, g.label.clone()))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "performance/satisfaction.html")]
struct SatisfactionPage {
    ctx: PageCtx,
    form: FilterForm,
    /// Absent when the filters were refused.
    view: Option<SatisfactionView>,
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
    query: web::Query<Filters>,
) -> AppResult<HttpResponse> {
    let filters = query.into_inner();
    let mut errors = FieldErrors::new(ctx.lang);
    let range = match DayRange::parse(&filters.range, &filters.from, &filters.to, today(&user)) {
        Ok(range) => Some(range),
        Err((field, key)) => {
            errors.add(field, key);
            None
        }
    };
    let wanted = filters.clone();
    let (resolved, rated) = state
        .db(move |c| {
            let resolved = resolve(c, &user, &wanted)?;
            let rated = match range {
                Some(range) => {
                    let bounds = utc_bounds(&range, user.time_zone.tz());
                    let names = names(c, &resolved)?;
                    Some(satisfaction::load(c, &resolved.scope, bounds, &names)?)
                }
                None => None,
            };
            Ok((resolved, rated))
        })
        .await?;
    let status = if rated.is_some() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = SatisfactionPage {
        view: rated.map(|r| SatisfactionView::of(&ctx, &r)),
        form: FilterForm::new("/performance/satisfaction", filters, errors, &resolved),
        ctx,
    };
    Ok(render(&page, status))
}
