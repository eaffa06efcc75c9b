//! Storage: one diesel connection type over SQLite and PostgreSQL, chosen by the
//! database URL's scheme, pooled by r2d2, with embedded migrations per backend.

pub mod cached;
pub mod schema;
pub mod time;
pub mod writer;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ManageConnection, Pool, PooledConnection, R2D2Connection};
use diesel::{Connection, ConnectionError};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// The connection every query in the app runs on.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::sqlite::SqliteConnection),
    Postgres(diesel::pg::PgConnection),
}

pub type DbPool = Pool<ConnectionManager>;
pub type PooledConn = PooledConnection<ConnectionManager>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database URL that has been checked and split into backend and connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    pub backend: Backend,
    /// What the backend's driver is given: a file path for SQLite, the URL for PostgreSQL.
    pub target: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "unsupported database URL `{0}`: use `sqlite://path/to/file.db`, a plain file path, \
         or `postgres://user@host:port/database` (also `postgresql://`)"
    )]
    UnsupportedUrl(String),
    #[error("cannot open SQLite database `{path}`: {message}")]
    Sqlite { path: String, message: String },
    #[error("cannot connect to PostgreSQL: {0}")]
    Postgres(String),
    #[error("cannot build the connection pool: {0}")]
    Pool(String),
    #[error("database migrations failed: {0}")]
    Migration(String),
}

impl DatabaseUrl {
    /// Dispatches on the scheme ourselves: diesel's SQLite driver accepts any string,
    /// so a mistyped PostgreSQL URL would otherwise silently become a file.
    pub fn parse(url: &str) -> Result<Self, DbError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                target: url.to_string(),
            });
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(DbError::UnsupportedUrl(url.to_string()));
            }
            return Ok(Self {
                backend: Backend::Sqlite,
                target: path.to_string(),
            });
        }
        if url.is_empty() || url.contains("://") || url.starts_with("sqlite:") {
            return Err(DbError::UnsupportedUrl(url.to_string()));
        }
        Ok(Self {
            backend: Backend::Sqlite,
            target: url.to_string(),
        })
    }

    /// The folder that holds the SQLite file, if this is SQLite.
    pub fn sqlite_dir(&self) -> Option<std::path::PathBuf> {
        if self.backend != Backend::Sqlite || self.target == ":memory:" {
            return None;
        }
        let path = std::path::Path::new(&self.target);
        Some(match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        })
    }
}

/// Every SQLite connection gets these, so they hold whichever connection runs a query.
/// The busy timeout comes first: switching to WAL needs a lock, and while another
/// process writes, the switch must wait instead of failing at once.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 268435456;";

/// Puts SQLite in multi-thread mode before its first connection: each connection then
/// skips the mutex it otherwise takes on every call (every column of every row read).
/// That is safe here because a diesel connection is never shared between threads (it
/// is not `Sync`): the pool lends each to one thread at a time, the writer keeps its
/// own. Memory statistics, which take a global mutex on every allocation, are off too.
fn sqlite_without_mutexes() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` must run before SQLite initializes; when it already
        // has (something opened a database first), it returns SQLITE_MISUSE and changes
        // nothing, and SQLite stays in its serialized mode, slower but as correct.
        let configured = unsafe {
            libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MULTITHREAD) == 0
                && libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0) == 0
        };
        if !configured {
            log::debug!("SQLite was initialized before its threading mode could be set");
        }
    });
}

pub fn establish(url: &DatabaseUrl) -> Result<DbConnection, DbError> {
    match url.backend {
        Backend::Sqlite => {
            sqlite_without_mutexes();
            let sqlite_err = |e: &dyn std::fmt::Display| DbError::Sqlite {
                path: url.target.clone(),
                message: e.to_string(),
            };
            let mut conn = diesel::sqlite::SqliteConnection::establish(&url.target)
                .map_err(|e| sqlite_err(&e))?;
            conn.batch_execute(SQLITE_PRAGMAS)
                .map_err(|e| sqlite_err(&e))?;
            Ok(DbConnection::Sqlite(conn))
        }
        Backend::Postgres => diesel::pg::PgConnection::establish(&url.target)
            .map(DbConnection::Postgres)
            .map_err(|e| match e {
                // libpq's own words say what is wrong (refused, unknown database, auth…).
                ConnectionError::BadConnection(msg) => DbError::Postgres(msg.trim().to_string()),
                other => DbError::Postgres(other.to_string()),
            }),
    }
}

pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        establish(&self.url).map_err(|e| {
            diesel::r2d2::Error::ConnectionError(ConnectionError::BadConnection(e.to_string()))
        })
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// The backend a connection talks to, for the few statements that differ.
pub fn backend_of(conn: &DbConnection) -> Backend {
    match conn {
        DbConnection::Sqlite(_) => Backend::Sqlite,
        DbConnection::Postgres(_) => Backend::Postgres,
    }
}

/// Runs every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, DbError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Postgres(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    };
    applied.map_err(|e| DbError::Migration(e.to_string()))
}

/// Opens one connection and applies the migrations (used by `serve` and `migrate`).
pub fn migrate(url: &DatabaseUrl) -> Result<usize, DbError> {
    let mut conn = establish(url)?;
    run_migrations(&mut conn)
}

/// Whether a query failed only because the database was busy (SQLite's lock held past
/// `busy_timeout`, PostgreSQL's lock timeout or a serialization failure): the request
/// may be tried again, and the client hears 503, not 500.
pub fn is_busy(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => true,
        Error::DatabaseError(_, info) => {
            let message = info.message();
            message.contains("database is locked")
                || message.contains("database table is locked")
                || message.contains("database is busy")
                || message.contains("lock timeout")
        }
        _ => false,
    }
}

/// SQLite's files hold every seller's data: only the server's own user may read them.
/// The database file is created 0600 before SQLite opens it (SQLite gives its WAL and
/// shared-memory files the database's mode), and files left by an older version are
/// narrowed to 0600.
#[cfg(unix)]
fn restrict_sqlite_files(path: &str) -> Result<(), DbError> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let fail = |e: std::io::Error| DbError::Sqlite {
        path: path.to_string(),
        message: e.to_string(),
    };
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(fail)?;
    for file in [
        path.to_string(),
        format!("{path}-wal"),
        format!("{path}-shm"),
    ] {
        match std::fs::metadata(&file) {
            Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(fail)?;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict_sqlite_files(_: &str) -> Result<(), DbError> {
    Ok(())
}

/// Connects, migrates and returns a pool of `size` connections.
pub fn connect(url: &DatabaseUrl, size: u32) -> Result<DbPool, DbError> {
    if url.backend == Backend::Sqlite && url.target != ":memory:" {
        restrict_sqlite_files(&url.target)?;
    }
    // Fail with the backend's own message before r2d2 wraps it in a timeout.
    let mut first = establish(url)?;
    run_migrations(&mut first)?;
    drop(first);
    // An in-memory SQLite database exists once per connection: keep it to one.
    let size = if url.target == ":memory:" {
        1
    } else {
        size.max(1)
    };
    Pool::builder()
        .max_size(size)
        // A request that cannot get a connection soon is answered 503, not kept waiting.
        .connection_timeout(Duration::from_secs(5))
        .build(ConnectionManager { url: url.clone() })
        .map_err(|e| DbError::Pool(e.to_string()))
}

/// `%`, `_` and the escape character itself match literally in a LIKE pattern.
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends (for case-insensitive comparisons).
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

diesel::define_sql_function! {
    /// SQL `coalesce()` for an optional id: `coalesce(assignee_id, 0) = 0` reads "nobody"
    /// (ids start at 1), so one conditional write covers "still hers" and "still nobody's".
    fn coalesce(x: diesel::sql_types::Nullable<diesel::sql_types::BigInt>, y: diesel::sql_types::BigInt) -> diesel::sql_types::BigInt;
}

/// Runs the reads of `f` as one transaction: they see one state of the database, and
/// SQLite takes its read lock once instead of once per statement.
pub fn read_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    conn.transaction(f)
}

/// Runs `f` in a transaction that will write: a savepoint when the connection is already
/// in one (the SQLite writer's batch, or a caller's transaction), else a transaction of
/// its own. On SQLite a transaction of its own takes the write lock first (a no-op
/// UPDATE), so concurrent writers wait on `busy_timeout` instead of failing with
/// SQLITE_BUSY when a read lock would have to be upgraded mid-transaction.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    if in_transaction(conn)? {
        return savepoint(conn, f);
    }
    conn.transaction(|c| {
        if backend_of(c) == Backend::Sqlite {
            take_write_lock(c)?;
        }
        f(c)
    })
}

fn in_transaction(conn: &mut DbConnection) -> diesel::QueryResult<bool> {
    use diesel::connection::TransactionManager;
    let status =
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn);
    Ok(status.transaction_depth()?.is_some())
}

cached::statement!(Savepoint, "SAVEPOINT sellerdesk");
cached::statement!(ReleaseSavepoint, "RELEASE SAVEPOINT sellerdesk");
cached::statement!(RollbackToSavepoint, "ROLLBACK TO SAVEPOINT sellerdesk");

/// Runs `f` in a savepoint of the transaction the connection is in: kept when `f`
/// succeeds, rolled back when it fails. The statements are prepared once (diesel's own
/// nested transactions send the savepoint text to be parsed anew each time, a cost the
/// writer would pay for every operation); savepoints of one name nest, so this composes
/// with itself and with diesel's.
pub fn savepoint<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    savepoint_checked(conn, f)?
}

/// `savepoint`, telling apart `f`'s own result (inside) from a failure of the savepoint
/// itself (outside): then the enclosing transaction is no longer what its caller thinks
/// (SQLite may have rolled it back whole), and the caller must give it up.
pub fn savepoint_checked<T, E, F>(
    conn: &mut DbConnection,
    f: F,
) -> diesel::QueryResult<Result<T, E>>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
{
    use diesel::RunQueryDsl;
    cached::cached::<Savepoint>(vec![]).execute(conn)?;
    let result = f(conn);
    if result.is_err() {
        cached::cached::<RollbackToSavepoint>(vec![]).execute(conn)?;
    }
    cached::cached::<ReleaseSavepoint>(vec![]).execute(conn)?;
    Ok(result)
}

cached::statement!(
    /// Writes nothing, but takes SQLite's write lock.
    TakeWriteLock,
    "UPDATE sellers SET id = id WHERE 0 = 1"
);

/// Takes SQLite's write lock now rather than at the transaction's first write.
pub fn take_write_lock(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    cached::cached::<TakeWriteLock>(vec![])
        .execute(conn)
        .map(|_| ())
}

/// Serialises writers of `table` until the transaction ends (SQLite's write lock
/// already does; PostgreSQL needs it said). `table` is always a name from our code.
pub fn lock_table(conn: &mut DbConnection, table: &'static str) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    if backend_of(conn) == Backend::Postgres {
        diesel::sql_query(format!("LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"))
            .execute(conn)?;
    }
    Ok(())
}

/// Keeps SQLite's statistics of its tables and indexes current, so that its planner
/// picks an inbox list's index by how many rows each condition leaves (which chats are
/// one agent's, which wait) rather than by a guess. Bounded per index, so it stays
/// quick on a large database. PostgreSQL's autovacuum does this on its own.
pub fn refresh_statistics(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            c.batch_execute("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")
        }
        DbConnection::Postgres(_) => Ok(()),
    }
}

/// Answers whether the database responds (for `/healthz`).
pub fn ping(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_picks_the_backend() {
        let pg = DatabaseUrl::parse("postgres://root@127.0.0.1:5432/test").unwrap();
        assert_eq!(pg.backend, Backend::Postgres);
        let pg2 = DatabaseUrl::parse("postgresql://root@localhost/x").unwrap();
        assert_eq!(pg2.backend, Backend::Postgres);
        let sq = DatabaseUrl::parse("sqlite://data/sellerdesk.db").unwrap();
        assert_eq!(
            sq,
            DatabaseUrl {
                backend: Backend::Sqlite,
                target: "data/sellerdesk.db".into()
            }
        );
        let plain = DatabaseUrl::parse("sellerdesk.db").unwrap();
        assert_eq!(plain.backend, Backend::Sqlite);
    }

    #[test]
    fn unknown_schemes_are_refused_with_the_accepted_forms() {
        for bad in [
            "mysql://root@localhost/db",
            "postgress://x",
            "",
            "sqlite://",
            "sqlite:foo",
        ] {
            let err = DatabaseUrl::parse(bad).unwrap_err().to_string();
            assert!(
                err.contains("sqlite://") && err.contains("postgres://"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn sqlite_dir_is_the_file_folder() {
        let u = DatabaseUrl::parse("sellerdesk.db").unwrap();
        assert_eq!(u.sqlite_dir().unwrap(), std::path::PathBuf::from("."));
        let u = DatabaseUrl::parse("sqlite:///var/lib/sd/x.db").unwrap();
        assert_eq!(
            u.sqlite_dir().unwrap(),
            std::path::PathBuf::from("/var/lib/sd")
        );
    }
}
