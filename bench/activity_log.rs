//! Activity Log benchmark (not a test): one seller with 10,000,000 entries on SQLite;
//! times the first and the 100th page through the query the page uses (no filter, an
//! area filter, one operator, a store, a text search), then both pages through HTTP.
//! Run with `cargo bench --bench activity_log`; `SELLERDESK_BENCH_ENTRIES=1000000`
//! for a quicker run.

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use diesel::connection::SimpleConnection;
use sellerdesk::accounts::setup::{SetupInput, create_seller};
use sellerdesk::accounts::validation::{DisplayName, Email, MainUsername};
use sellerdesk::activity_log::filters::{self, RawFilters};
use sellerdesk::activity_log::query::{Cursor, LogQuery};
use sellerdesk::db::DbConnection;
use sellerdesk::web::CurrentUser;

#[path = "common.rs"]
mod common;

const PASSWORD: &str = "bench password 1";
const DEFAULT_ENTRIES: u64 = 10_000_000;
/// How often each page is timed; the median is reported.
const REPEAT: usize = 15;
/// Entries are spread over the last 80 days (inside the default 12-week range).
const SPREAD_SECONDS: u64 = 80 * 86_400;

fn main() -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let entries: u64 = std::env::var("SELLERDESK_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_ENTRIES);
    let dir = tempfile::tempdir()?;
    let state = sellerdesk::prepare(&common::sqlite_args(dir.path(), 4)?)?;
    let mut conn = state.pool.get()?;
    let user = seed_seller(&mut conn)?;
    let started = Instant::now();
    fill(&mut conn, user.seller_id, user.account_id, entries)?;
    println!(
        "filled {entries} entries in {:.1} s (SQLite, one seller, 3 stores, 20 operators)",
        started.elapsed().as_secs_f64()
    );

    let today = chrono::Utc::now().date_naive();
    // The last case is the worst one: a text no entry contains scans the whole range.
    let cases: [Case; 6] = [
        ("no filter (last 12 weeks)", &[], REPEAT),
        ("area = webchat", &[("area", "webchat")], REPEAT),
        ("one operator", &[("operator", "main")], REPEAT),
        ("one store", &[("store", "2")], REPEAT),
        (
            "name contains \"buyer 77\" (1.1%)",
            &[("q", "buyer 77")],
            REPEAT,
        ),
        ("name contains a text none has", &[("q", "nobody")], 3),
    ];
    for (label, pairs, repeat) in cases {
        let pairs: Vec<(&str, String)> = pairs
            .iter()
            .map(|(k, v)| {
                let v = if *v == "main" {
                    user.account_id.to_string()
                } else {
                    v.to_string()
                };
                (*k, v)
            })
            .collect();
        let raw: RawFilters = serde_urlencoded::from_str(&serde_urlencoded::to_string(&pairs)?)?;
        let (f, errors) = filters::parse(&raw, today);
        anyhow::ensure!(errors.is_empty(), "{label}: {errors:?}");
        let query = LogQuery::for_viewer(&user, &f, &user.time_zone);
        let (first, hundredth, found) = time_pages(&mut conn, &query, repeat)?;
        println!(
            "{label:<38} page 1: {:>9.2} ms   page 100: {}",
            ms(first),
            match hundredth {
                Some(d) => format!("{:>9.2} ms", ms(d)),
                None => format!("(all {found} matching entries fit on fewer pages)"),
            }
        );
    }
    drop(conn);

    http(&state).await?;
    Ok(())
}

/// A label, the query string's filters, and how often each page is timed.
type Case = (&'static str, &'static [(&'static str, &'static str)], usize);

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median time of page 1, and of page 100 (the cursor lookup included, as the
/// page does it), walking pages 2–99 once to find the cursor.
fn time_pages(
    conn: &mut DbConnection,
    query: &LogQuery,
    repeat: usize,
) -> anyhow::Result<(Duration, Option<Duration>, usize)> {
    let mut samples = vec![];
    for _ in 0..repeat {
        let t = Instant::now();
        let page = query.page(conn, None)?;
        samples.push(t.elapsed());
        std::hint::black_box(page);
    }
    let first = median(samples);
    let mut cursor: Option<Cursor> = None;
    let mut seen = 0;
    for _ in 1..100 {
        let page = query.page(conn, cursor)?;
        seen += page.rows.len();
        if page.next.is_none() {
            return Ok((first, None, seen));
        }
        cursor = page.next;
    }
    let last_id = cursor.map(|c| c.id).unwrap_or_default();
    let mut samples = vec![];
    for _ in 0..repeat {
        let t = Instant::now();
        let cursor = query.cursor(conn, last_id)?;
        anyhow::ensure!(cursor.is_some(), "the cursor of page 99 is valid");
        let page = query.page(conn, cursor)?;
        samples.push(t.elapsed());
        std::hint::black_box(page);
    }
    Ok((first, Some(median(samples)), seen))
}

fn seed_seller(conn: &mut DbConnection) -> anyhow::Result<CurrentUser> {
    let setup = SetupInput {
        username: MainUsername::parse("bench").map_err(anyhow::Error::msg)?,
        display_name: DisplayName::parse("Bench").map_err(anyhow::Error::msg)?,
        email: Email::parse("bench@example.com").map_err(anyhow::Error::msg)?,
        password_hash: bcrypt::hash(PASSWORD, 4)?,
        time_zone: sellerdesk::i18n::TimeZoneName::utc(),
    };
    let main = sellerdesk::db::write_transaction::<_, diesel::result::Error, _>(conn, |c| {
        create_seller(c, &setup, "127.0.0.1")
    })?;
    let permissions = main.permissions(conn)?;
    Ok(CurrentUser::without_session(main, permissions))
}

/// Bulk-loads `n` entries in one statement (a recursive CTE), with the secondary
/// indexes dropped during the load and rebuilt after (the very same definitions),
/// which is how one would restore a large log, and much faster than row by row.
fn fill(conn: &mut DbConnection, seller: i64, main: i64, n: u64) -> anyhow::Result<()> {
    #[derive(diesel::QueryableByName)]
    struct Sql {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        sql: String,
    }
    let indexes: Vec<Sql> = diesel::sql_query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
         AND tbl_name = 'activity_log' AND sql IS NOT NULL",
    )
    .load(conn)?;
    for index in &indexes {
        conn.batch_execute(&format!("DROP INDEX {}", index.name))?;
    }
    let start = chrono::Utc::now().timestamp() - SPREAD_SECONDS as i64;
    // Operators: the main account for a fifth of the entries, else 19 made-up members
    // (ids that exist on no account: the log keeps them as written).
    let sql = format!(
        "PRAGMA synchronous = OFF;
         WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n})
         INSERT INTO activity_log (seller_id, actor_account_id, actor_name, client_addr, area,
             action, object_type, object_id, object_name, store_id, details, created_at)
         SELECT {seller},
             CASE WHEN i % 5 = 0 THEN {main} ELSE NULL END,
             CASE WHEN i % 5 = 0 THEN 'bench' ELSE 'bench:agent' || (i % 19) END,
             '10.0.' || (i % 250) || '.' || (i % 199),
             CASE i % 4 WHEN 0 THEN 'webchat' WHEN 1 THEN 'chat_assignment'
                 WHEN 2 THEN 'accounts' ELSE 'stores' END,
             CASE i % 3 WHEN 0 THEN 'updated' WHEN 1 THEN 'closed' ELSE 'created' END,
             'conversation', i, 'Buyer ' || ((i * 7919) % 100000),
             CASE WHEN i % 2 = 0 THEN 1 + i % 3 ELSE NULL END,
             '{{\"changes\":[{{\"field\":\"status\",\"before\":\"online\",\"after\":\"idle\"}}]}}',
             datetime({start} + i * {SPREAD_SECONDS} / {n}, 'unixepoch')
         FROM k;
         PRAGMA synchronous = NORMAL;"
    );
    conn.batch_execute(&sql)?;
    for index in &indexes {
        conn.batch_execute(&index.sql)?;
    }
    Ok(())
}

/// Signs in and times the page through the whole app (session, template, HTML).
async fn http(state: &sellerdesk::app::AppState) -> anyhow::Result<()> {
    let (base, handle) = common::serve(state)?;
    let client = common::signed_in(&base, "bench", PASSWORD).await?;

    let mut path = "/activity-log".to_string();
    let mut first = None;
    for page in 1..=100 {
        let runs = if page == 1 || page == 100 { REPEAT } else { 1 };
        let mut samples = vec![];
        let mut body = String::new();
        for _ in 0..runs {
            let t = Instant::now();
            let response = client.get(format!("{base}{path}")).send().await?;
            anyhow::ensure!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
            body = response.text().await?;
            samples.push(t.elapsed());
        }
        if page == 1 {
            first = Some(median(samples));
        } else if page == 100 {
            println!(
                "{:<38} page 1: {:>9.2} ms   page 100: {:>9.2} ms",
                "HTTP GET /activity-log (whole request)",
                ms(first.unwrap_or_default()),
                ms(median(samples))
            );
            break;
        }
        let next = body
            .split("rel=\"next\"")
            .next()
            .and_then(|head| head.rsplit("href=\"").next())
            .map(|href| href.trim().trim_end_matches('"').replace("&#38;", "&"))
            .filter(|href| href.contains("before="));
        match next {
            Some(href) => path = href,
            None => {
                println!("HTTP: only {page} pages");
                break;
            }
        }
    }
    handle.stop(true).await;
    Ok(())
}
