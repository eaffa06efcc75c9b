//! Statements prepared once per connection. Diesel re-prepares every `UPDATE`, every raw
//! `sql_query`, every `IN (…)` list and every insert with an optional value each time it
//! runs them, so SQLite parses and plans the same text again on each call. On the paths
//! that run for every message (intake, routing, tallies, the event log) that parsing was
//! most of the cost. A `Cached` statement has fixed text and its own type, so diesel's
//! statement cache keeps it prepared; its `?` placeholders become each backend's own.
//!
//! A `Built` statement has text composed at run time from a few fixed shapes (a list's
//! tab and filters): diesel keeps it prepared by its text. Its text must never hold a
//! user's value, only `?`s, so the number of texts stays small.
//!
//! Even a cached statement is parsed again on every run when SQLite's plan looks at a
//! bound value: a `LIMIT ?` (so hot lookups by key use `get_result`, not `first`, which
//! binds `LIMIT 1`), a `LIKE ?`, or `status = ?` where a partial index has `status =
//! 'open'`. Such values are written into the text instead.

use std::borrow::Cow;
use std::marker::PhantomData;

use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::pg::PgConnection;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::query_dsl::LoadQuery;
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, Bool, HasSqlType, Nullable, Text, Timestamp, Untyped};
use diesel::sqlite::SqliteConnection;
use diesel::{QueryResult, RunQueryDsl};

use super::DbConnection;

/// A value bound to a `?` of a cached statement.
#[derive(Debug, Clone)]
pub enum Value {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(String),
    MaybeText(Option<String>),
    Time(NaiveDateTime),
    MaybeTime(Option<NaiveDateTime>),
    Bool(bool),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::MaybeInt(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::MaybeText(v.map(str::to_string))
    }
}

impl From<NaiveDateTime> for Value {
    fn from(v: NaiveDateTime) -> Self {
        Value::Time(v)
    }
}

impl From<Option<NaiveDateTime>> for Value {
    fn from(v: Option<NaiveDateTime>) -> Self {
        Value::MaybeTime(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

/// Names one statement: its type is the statement's identity in the cache.
pub trait Statement: 'static {
    /// The text, with `?` for each value (no `?` anywhere else).
    const SQL: &'static str;
}

/// Declares statement types: `statement!(Name, "UPDATE … WHERE id = ?");`.
macro_rules! statement {
    ($(#[$meta:meta])* $name:ident, $sql:expr) => {
        $(#[$meta])*
        pub struct $name;
        impl $crate::db::cached::Statement for $name {
            const SQL: &'static str = $sql;
        }
    };
}
pub(crate) use statement;

/// One run of statement `S` with its values.
pub struct Cached<S> {
    bound: Bound,
    _statement: PhantomData<S>,
}

/// Statement `S` with `values`, in the order of its `?`s.
pub fn cached<S: Statement>(values: Vec<Value>) -> Cached<S> {
    Cached {
        bound: Bound::new(Cow::Borrowed(S::SQL), values),
        _statement: PhantomData,
    }
}

impl<S: Statement> QueryId for Cached<S> {
    type QueryId = S;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<S> Query for Cached<S> {
    type SqlType = Untyped;
}

impl<S, Conn> RunQueryDsl<Conn> for Cached<S> {}

impl<S, DB> QueryFragment<DB> for Cached<S>
where
    S: Statement,
    DB: Backend,
    Bound: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.bound.walk_ast(out)
    }
}

/// A statement whose text was composed at run time, with its values; its rows have the
/// SQL types `ST`, read by position (a tuple loads them without looking names up).
pub struct Built<ST> {
    bound: Bound,
    _types: PhantomData<ST>,
}

/// `sql` (only `?`s where values go) with `values`, in the order of its `?`s, returning
/// rows of SQL types `ST`.
pub fn built<ST>(sql: String, values: Vec<Value>) -> Built<ST> {
    Built {
        bound: Bound::new(Cow::Owned(sql), values),
        _types: PhantomData,
    }
}

impl<ST: 'static> Built<ST> {
    /// Loads the rows on the connection's own backend. Through the two-backend
    /// connection every value of every row is wrapped and unwrapped once more; a page
    /// list reads hundreds of values, so its hottest statements skip that layer.
    pub fn load_native<U>(self, c: &mut DbConnection) -> QueryResult<Vec<U>>
    where
        Self: LoadQuery<'static, SqliteConnection, U> + LoadQuery<'static, PgConnection, U>,
    {
        match c {
            DbConnection::Sqlite(c) => RunQueryDsl::load(self, c),
            DbConnection::Postgres(c) => RunQueryDsl::load(self, c),
        }
    }

    /// The one row the statement finds, if any, on the connection's own backend.
    pub fn first_native<U>(self, c: &mut DbConnection) -> QueryResult<Option<U>>
    where
        Self: LoadQuery<'static, SqliteConnection, U> + LoadQuery<'static, PgConnection, U>,
    {
        Ok(self.load_native(c)?.into_iter().next())
    }
}

/// No type names the statement: diesel's cache keys it by its text.
impl<ST> QueryId for Built<ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<ST: diesel::sql_types::SqlType> Query for Built<ST> {
    type SqlType = ST;
}

impl<ST, Conn> RunQueryDsl<Conn> for Built<ST> {}

impl<ST, DB> QueryFragment<DB> for Built<ST>
where
    DB: Backend,
    Bound: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.bound.walk_ast(out)
    }
}

/// A statement's text and its values: what `Cached` and `Built` both run.
pub struct Bound {
    sql: Cow<'static, str>,
    values: Vec<Value>,
}

impl Bound {
    fn new(sql: Cow<'static, str>, values: Vec<Value>) -> Self {
        debug_assert_eq!(
            sql.matches('?').count(),
            values.len(),
            "placeholders and values of {sql}"
        );
        Bound { sql, values }
    }
}

/// The text with each `?` bound to its value, in the backend's own placeholder form.
impl<DB> QueryFragment<DB> for Bound
where
    DB: Backend + HasSqlType<BigInt> + HasSqlType<Text> + HasSqlType<Timestamp> + HasSqlType<Bool>,
    i64: ToSql<BigInt, DB>,
    String: ToSql<Text, DB>,
    NaiveDateTime: ToSql<Timestamp, DB>,
    bool: ToSql<Bool, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        let (sql, values) = (&self.sql, &self.values);
        let mut parts = sql.split('?');
        if let Some(first) = parts.next() {
            out.push_sql(first);
        }
        for (value, part) in values.iter().zip(parts) {
            match value {
                Value::Int(v) => out.push_bind_param::<BigInt, _>(v)?,
                Value::MaybeInt(v) => out.push_bind_param::<Nullable<BigInt>, _>(v)?,
                Value::Text(v) => out.push_bind_param::<Text, _>(v)?,
                Value::MaybeText(v) => out.push_bind_param::<Nullable<Text>, _>(v)?,
                Value::Time(v) => out.push_bind_param::<Timestamp, _>(v)?,
                Value::MaybeTime(v) => out.push_bind_param::<Nullable<Timestamp>, _>(v)?,
                Value::Bool(v) => out.push_bind_param::<Bool, _>(v)?,
            }
            out.push_sql(part);
        }
        Ok(())
    }
}
