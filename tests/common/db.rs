//! A database per test: a temporary SQLite file, or, with SELLERDESK_TEST_POSTGRES_URL
//! set, a fresh PostgreSQL database copied from a migrated template and dropped after.

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::pg::PgConnection;
use diesel::{Connection, RunQueryDsl};
use sha2::{Digest, Sha256};

pub const POSTGRES_ENV: &str = "SELLERDESK_TEST_POSTGRES_URL";

pub enum TestDb {
    Sqlite {
        dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDb {
    /// A migrated database for an app under test.
    pub fn migrated() -> TestDb {
        Self::create(true)
    }

    /// An empty database (for the migration round-trip).
    pub fn empty() -> TestDb {
        Self::create(false)
    }

    fn create(migrated: bool) -> TestDb {
        match std::env::var(POSTGRES_ENV) {
            Ok(admin_url) if !admin_url.is_empty() => {
                let admin_url = without_tls(&admin_url);
                let name = unique_name();
                let mut admin = PgConnection::establish(&admin_url).expect("connect to PostgreSQL");
                let sql = if migrated {
                    let template = ensure_template(&admin_url);
                    format!("CREATE DATABASE {name} TEMPLATE {template}")
                } else {
                    format!("CREATE DATABASE {name}")
                };
                diesel::sql_query(sql)
                    .execute(&mut admin)
                    .expect("create test database");
                let url = replace_database(&admin_url, &name);
                TestDb::Postgres {
                    admin_url,
                    name,
                    url,
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("sellerdesk.db").display());
                TestDb::Sqlite { dir, url }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDb::Postgres { .. })
    }

    /// The folder beside a SQLite database (where the key file lives).
    pub fn dir(&self) -> Option<&std::path::Path> {
        match self {
            TestDb::Sqlite { dir, .. } => Some(dir.path()),
            TestDb::Postgres { .. } => None,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres {
            admin_url, name, ..
        } = self
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin);
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "sellerdesk_test_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Test connections go to a local server: no TLS. With TLS, OpenSSL's clean-up at
/// process exit can race the test servers' threads still holding connections and
/// crash the test binary after every test has passed.
fn without_tls(url: &str) -> String {
    if url.contains("sslmode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&sslmode=disable")
    } else {
        format!("{url}?sslmode=disable")
    }
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

/// Migrates a template database once per schema version; test databases copy it.
fn ensure_template(admin_url: &str) -> String {
    let mut hasher = Sha256::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
    let mut entries: Vec<_> = walk(&dir);
    entries.sort();
    for path in entries {
        hasher.update(path.to_string_lossy().as_bytes());
        hasher.update(std::fs::read(&path).unwrap_or_default());
    }
    let digest = hasher.finalize();
    let template: String = format!(
        "sellerdesk_template_{}",
        digest
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let mut admin = PgConnection::establish(admin_url).expect("connect to PostgreSQL");
    // Several test binaries start at once: one of them builds the template.
    diesel::sql_query("SELECT pg_advisory_lock(727272)")
        .execute(&mut admin)
        .expect("lock");
    #[derive(diesel::QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let found: Found = diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM pg_database WHERE datname = '{template}'"
    ))
    .get_result(&mut admin)
    .expect("look for template");
    if found.n == 0 {
        diesel::sql_query(format!("CREATE DATABASE {template}"))
            .execute(&mut admin)
            .expect("create template");
        let url = replace_database(admin_url, &template);
        let parsed = sellerdesk::db::DatabaseUrl::parse(&url).expect("url");
        sellerdesk::db::migrate(&parsed).expect("migrate template");
    }
    diesel::sql_query("SELECT pg_advisory_unlock(727272)")
        .execute(&mut admin)
        .expect("unlock");
    template
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}
