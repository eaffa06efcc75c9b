//! Storage: backend dispatch, error messages, and migrations that revert cleanly.

mod common;

use common::TestDb;
use diesel::RunQueryDsl;
use diesel::backend::Backend;
use diesel::migration::MigrationSource;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness};
use sellerdesk::db::{self, DatabaseUrl, DbConnection, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};

#[derive(diesel::QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    line: String,
}

fn lines<C: diesel::Connection>(conn: &mut C, sql: &str) -> Vec<String>
where
    Line: diesel::deserialize::QueryableByName<C::Backend>,
    diesel::query_builder::SqlQuery: diesel::query_dsl::LoadQuery<'static, C, Line>,
{
    let mut out: Vec<String> = diesel::sql_query(sql)
        .load::<Line>(conn)
        .expect("schema query")
        .into_iter()
        .map(|l| l.line)
        .collect();
    out.sort();
    out
}

fn sqlite_schema(conn: &mut diesel::SqliteConnection) -> Vec<String> {
    lines(
        conn,
        "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') AS line FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'",
    )
}

fn postgres_schema(conn: &mut diesel::PgConnection) -> Vec<String> {
    let mut out = lines(
        conn,
        "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' \
         || COALESCE(column_default, '') AS line FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
    );
    out.extend(lines(
        conn,
        "SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' \
         AND tablename <> '__diesel_schema_migrations'",
    ));
    out.extend(lines(
        conn,
        "SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS line \
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
    ));
    out
}

/// Applies each migration, reverts it, checks the schema is back to what it was,
/// and applies it again.
fn round_trip<C, DB>(
    conn: &mut C,
    migrations: fn() -> EmbeddedMigrations,
    schema: fn(&mut C) -> Vec<String>,
) where
    DB: Backend,
    C: MigrationHarness<DB>,
    EmbeddedMigrations: MigrationSource<DB>,
{
    let count = conn
        .pending_migrations(migrations())
        .expect("pending")
        .len();
    assert!(count > 0);
    for _ in 0..count {
        let before = schema(conn);
        let name = conn
            .run_next_migration(migrations())
            .expect("up")
            .to_string();
        let after_up = schema(conn);
        assert_ne!(before, after_up, "{name}: up.sql changes nothing");
        conn.revert_last_migration(migrations()).expect("down");
        assert_eq!(
            schema(conn),
            before,
            "{name}: down.sql does not revert up.sql"
        );
        conn.run_next_migration(migrations()).expect("up again");
        assert_eq!(
            schema(conn),
            after_up,
            "{name}: up.sql is not repeatable after down.sql"
        );
    }
}

#[test]
fn every_down_migration_reverts_its_up() {
    let test_db = TestDb::empty();
    let url = DatabaseUrl::parse(test_db.url()).unwrap();
    match db::establish(&url).expect("connect") {
        DbConnection::Sqlite(mut c) => round_trip(&mut c, || SQLITE_MIGRATIONS, sqlite_schema),
        DbConnection::Postgres(mut c) => {
            round_trip(&mut c, || POSTGRES_MIGRATIONS, postgres_schema)
        }
    }
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |m: EmbeddedMigrations| -> Vec<String> {
        MigrationSource::<diesel::sqlite::Sqlite>::migrations(&m)
            .unwrap()
            .iter()
            .map(|m| m.name().to_string())
            .collect()
    };
    assert_eq!(names(SQLITE_MIGRATIONS), names(POSTGRES_MIGRATIONS));
}

#[test]
fn sqlite_connections_get_wal_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::parse(dir.path().join("x.db").to_str().unwrap()).unwrap();
    let pool = db::connect(&url, 2).unwrap();
    let mut conn = pool.get().unwrap();
    let pragma = |c: &mut DbConnection, name: &str, column: &str| -> String {
        #[derive(diesel::QueryableByName)]
        struct V {
            #[diesel(sql_type = diesel::sql_types::Text)]
            v: String,
        }
        diesel::sql_query(format!(
            "SELECT CAST({column} AS TEXT) AS v FROM pragma_{name}"
        ))
        .get_result::<V>(c)
        .unwrap()
        .v
    };
    assert_eq!(pragma(&mut conn, "journal_mode", "journal_mode"), "wal");
    assert_eq!(pragma(&mut conn, "foreign_keys", "foreign_keys"), "1");
    assert_eq!(pragma(&mut conn, "busy_timeout", "timeout"), "10000");
}

#[test]
fn a_postgres_connection_failure_reports_postgres_own_message() {
    let url = DatabaseUrl::parse("postgres://root@127.0.0.1:1/nothing").unwrap();
    let err = db::connect(&url, 1)
        .err()
        .expect("no server listens on port 1")
        .to_string();
    assert!(err.contains("PostgreSQL"), "{err}");
    assert!(err.to_lowercase().contains("connect"), "{err}");
}

#[test]
fn a_bad_url_names_the_accepted_forms() {
    let err = DatabaseUrl::parse("mysql://root@localhost/x")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sqlite://") && err.contains("postgres://"),
        "{err}"
    );
}

#[test]
fn concurrent_writers_wait_for_each_other_instead_of_failing() {
    // Each transaction reads, then writes: on SQLite a plain deferred transaction would
    // fail with SQLITE_BUSY when another writer got in between.
    let test_db = TestDb::migrated();
    let url = DatabaseUrl::parse(test_db.url()).unwrap();
    let pool = db::connect(&url, 8).unwrap();
    {
        let mut c = pool.get().unwrap();
        diesel::sql_query("INSERT INTO sellers (name, created_at) VALUES ('s', CURRENT_TIMESTAMP)")
            .execute(&mut *c)
            .unwrap();
    }
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                for i in 0..25 {
                    let mut c = pool.get().unwrap();
                    db::write_transaction::<_, diesel::result::Error, _>(&mut c, |c| {
                        let _ = sellerdesk::accounts::model::Seller::count(c)?;
                        diesel::sql_query(format!(
                            "INSERT INTO login_attempts (username, client_addr, succeeded, attempted_at) \
                             VALUES ('t{t}-{i}', 'x', FALSE, CURRENT_TIMESTAMP)"
                        ))
                        .execute(c)?;
                        Ok(())
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut c = pool.get().unwrap();
    let n = diesel::sql_query("SELECT COUNT(*) AS n FROM login_attempts")
        .get_result::<N>(&mut *c)
        .unwrap()
        .n;
    assert_eq!(n, 200);
}
