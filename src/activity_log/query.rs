//! Reading the Activity Log: who may see which entries, the filters, and keyset pages.
//!
//! Entries are listed newest first by `(created_at, id)`. The cursor of a page is the id
//! of its last entry; the next page starts strictly after that entry's
//! `(created_at, id)`. Time order (not id order alone) keeps the date range an index
//! range: every index on the table ends with `(created_at, id)` after its equality
//! columns, so each filter reads one short index range however old the page is.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::filters::Filters;
use super::{ActionKind, Area};
use crate::accounts::permissions::Permission;
use crate::db::schema::{accounts, activity_log};
use crate::db::{DbConnection, escape_like, lower};
use crate::i18n::TimeZoneName;
use crate::stores::model::Store;
use crate::web::CurrentUser;

/// Entries per page.
pub const PAGE_SIZE: i64 = 50;
/// The most entries a text search examines for one page.
pub const SEARCH_WINDOW: i64 = 20_000;
/// The most entries one CSV download holds.
pub const EXPORT_LIMIT: i64 = 100_000;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = activity_log)]
pub struct Entry {
    pub id: i64,
    pub actor_account_id: Option<i64>,
    pub actor_name: String,
    pub client_addr: String,
    pub area: String,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<i64>,
    pub object_name: String,
    pub store_id: Option<i64>,
    pub details: String,
    pub created_at: NaiveDateTime,
}

/// One page of entries, newest first.
#[derive(Debug)]
pub struct Page {
    pub rows: Vec<Entry>,
    /// Where the next page starts, if there are more entries to look at.
    pub next: Option<Cursor>,
    /// Set when a text search stopped at its window before filling the page: the
    /// time of the oldest entry examined.
    pub searched_to: Option<NaiveDateTime>,
}

/// Where a page starts: just after this entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: NaiveDateTime,
    pub id: i64,
}

/// One viewer's question to the log: always one seller, and only the viewer's own
/// entries unless the viewer may see the whole team's.
#[derive(Debug, Clone)]
pub struct LogQuery {
    pub seller_id: i64,
    pub actor: Option<i64>,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub area: Option<Area>,
    pub action: Option<ActionKind>,
    pub store: Option<i64>,
    pub text: Option<String>,
    pub page_size: i64,
    pub search_window: i64,
}

/// Whether `user` sees every entry of their seller (main account, Administrators).
pub fn sees_everyone(user: &CurrentUser) -> bool {
    user.can(Permission::FullActivityLog)
}

impl LogQuery {
    /// The viewer's filters, with the visibility rule applied: someone who sees only
    /// their own entries gets them whatever operator the query string names.
    pub fn for_viewer(user: &CurrentUser, filters: &Filters, zone: &TimeZoneName) -> Self {
        let (start, end) = filters.utc_bounds(zone);
        let actor = if sees_everyone(user) {
            filters.operator
        } else {
            Some(user.account_id)
        };
        Self {
            seller_id: user.seller_id,
            actor,
            start,
            end,
            area: filters.area,
            action: filters.action,
            store: filters.store,
            text: filters.text.clone(),
            page_size: PAGE_SIZE,
            search_window: SEARCH_WINDOW,
        }
    }

    fn filtered(
        &self,
        with_text: bool,
    ) -> activity_log::BoxedQuery<'static, <DbConnection as Connection>::Backend> {
        let mut query = activity_log::table
            .filter(activity_log::seller_id.eq(self.seller_id))
            .into_boxed();
        if let Some(actor) = self.actor {
            query = query.filter(activity_log::actor_account_id.eq(actor));
        }
        if let Some(area) = self.area {
            query = query.filter(activity_log::area.eq(area.code()));
        }
        if let Some(action) = self.action {
            query = query.filter(activity_log::action.eq(action.code()));
        }
        if let Some(store) = self.store {
            query = query.filter(activity_log::store_id.eq(store));
        }
        if let Some(text) = self.text.as_ref().filter(|_| with_text) {
            let pattern = format!("%{}%", escape_like(text));
            query = query.filter(lower(activity_log::object_name).like(pattern).escape('\\'));
        }
        query
    }

    /// The filters and the cursor, without the text (which no index can serve).
    /// The entries strictly after `cursor` and down to `floor` included (else the
    /// whole range), newest first. Each end is a single bound on `created_at`, the
    /// tightest one known: SQLite uses one lower and one upper bound per index scan
    /// and only filters by the others, so a looser bound would make it read on.
    fn between(
        &self,
        cursor: Option<Cursor>,
        floor: Option<Cursor>,
        with_text: bool,
    ) -> activity_log::BoxedQuery<'static, <DbConnection as Connection>::Backend> {
        let query = self.filtered(with_text);
        // The cursor's entry lies inside the range, so its time is the tighter
        // upper bound; likewise the floor's for the lower one.
        let query = match cursor {
            Some(c) => query
                .filter(activity_log::created_at.le(c.created_at))
                .filter(
                    activity_log::created_at
                        .lt(c.created_at)
                        .or(activity_log::id.lt(c.id)),
                ),
            None => query.filter(activity_log::created_at.lt(self.end)),
        };
        match floor {
            Some(f) => query
                .filter(activity_log::created_at.ge(f.created_at))
                .filter(
                    activity_log::created_at
                        .gt(f.created_at)
                        .or(activity_log::id.ge(f.id)),
                ),
            None => query.filter(activity_log::created_at.ge(self.start)),
        }
        .order((activity_log::created_at.desc(), activity_log::id.desc()))
    }

    /// Up to `limit` entries, newest first, after `cursor` (or from the newest).
    pub fn entries(
        &self,
        conn: &mut DbConnection,
        cursor: Option<Cursor>,
        limit: i64,
    ) -> QueryResult<Vec<Entry>> {
        self.between(cursor, None, true)
            .limit(limit)
            .select(Entry::as_select())
            .load(conn)
    }

    /// One page after `cursor`. A text search examines at most `search_window`
    /// entries per page: a text that few or no entries contain would otherwise read
    /// the whole range (seconds at ten million entries). When the window runs out
    /// first, the page says how far back it searched and the next page goes on from
    /// there.
    pub fn page(&self, conn: &mut DbConnection, cursor: Option<Cursor>) -> QueryResult<Page> {
        // The window's last entry, if another one follows it (else the window
        // reaches the end of the range and needs no floor).
        let floor = match self.text {
            Some(_) => {
                let edge: Vec<(NaiveDateTime, i64)> = self
                    .between(cursor, None, false)
                    .offset(self.search_window.max(1) - 1)
                    .limit(2)
                    .select((activity_log::created_at, activity_log::id))
                    .load(conn)?;
                match edge.as_slice() {
                    [(created_at, id), _] => Some(Cursor {
                        created_at: *created_at,
                        id: *id,
                    }),
                    _ => None,
                }
            }
            None => None,
        };
        let query = self.between(cursor, floor, true);
        let mut rows: Vec<Entry> = query
            .limit(self.page_size + 1)
            .select(Entry::as_select())
            .load(conn)?;
        if rows.len() as i64 > self.page_size {
            rows.truncate(self.page_size as usize);
            let next = rows.last().map(|e| Cursor {
                created_at: e.created_at,
                id: e.id,
            });
            return Ok(Page {
                rows,
                next,
                searched_to: None,
            });
        }
        Ok(Page {
            rows,
            next: floor,
            searched_to: floor.map(|f| f.created_at),
        })
    }

    /// The cursor for "after entry `id`", if that entry is one this query may show.
    /// Another seller's id, or a colleague's for a viewer who sees only their own,
    /// gives `None`, so a crafted cursor reveals nothing.
    pub fn cursor(&self, conn: &mut DbConnection, id: i64) -> QueryResult<Option<Cursor>> {
        let mut query = activity_log::table
            .filter(activity_log::id.eq(id))
            .filter(activity_log::seller_id.eq(self.seller_id))
            .filter(activity_log::created_at.ge(self.start))
            .filter(activity_log::created_at.lt(self.end))
            .select(activity_log::created_at)
            .into_boxed();
        if let Some(actor) = self.actor {
            query = query.filter(activity_log::actor_account_id.eq(actor));
        }
        Ok(query
            .first::<NaiveDateTime>(conn)
            .optional()?
            .map(|created_at| Cursor { created_at, id }))
    }
}

/// A name to pick in a filter menu.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// What the viewer may pick: operators (only for those who see everyone) and the
/// stores they may see.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub operators: Vec<Choice>,
    pub stores: Vec<Choice>,
}

impl Choices {
    pub fn load(conn: &mut DbConnection, user: &CurrentUser) -> QueryResult<Self> {
        let operators = if sees_everyone(user) {
            accounts::table
                .filter(accounts::seller_id.eq(user.seller_id))
                .order((accounts::is_main.desc(), accounts::username.asc()))
                .select((accounts::id, accounts::username))
                .load::<(i64, String)>(conn)?
                .into_iter()
                .map(|(id, name)| Choice { id, name })
                .collect()
        } else {
            vec![]
        };
        let stores = Store::visible_to(conn, user)?
            .into_iter()
            .map(|s| Choice {
                id: s.id,
                name: s.name,
            })
            .collect();
        Ok(Self { operators, stores })
    }

    /// Refuses an operator or store the viewer cannot pick (another seller's, or not
    /// visible to them).
    pub fn check(&self, filters: &Filters) -> Vec<super::filters::FilterError> {
        use super::filters::FilterError;
        let mut errors = vec![];
        let listed = |choices: &[Choice], id: i64| choices.iter().any(|c| c.id == id);
        if let Some(id) = filters.operator
            && !self.operators.is_empty()
            && !listed(&self.operators, id)
        {
            errors.push(FilterError {
                field: "operator",
                key: "activity-error-operator",
            });
        }
        if let Some(id) = filters.store
            && !listed(&self.stores, id)
        {
            errors.push(FilterError {
                field: "store",
                key: "activity-error-store",
            });
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use crate::db::escape_like;

    #[test]
    fn like_wildcards_match_literally() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
        assert_eq!(escape_like("店铺"), "店铺");
    }
}
