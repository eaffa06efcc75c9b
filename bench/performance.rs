//! Performance Data benchmark (not a test): the page's response time over 1,000,000
//! messages, 200 agents and 90 days on SQLite, and how long a full rebuild of the tallies
//! from those messages takes. Run with `cargo bench --bench performance`
//! (`PERF_BENCH_MESSAGES=100000` for a quicker run).

use std::time::Instant;

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::RunQueryDsl;
use sellerdesk::accounts::setup::{SetupInput, create_seller};
use sellerdesk::accounts::validation::{DisplayName, Email, MainUsername};
use sellerdesk::db::DbConnection;
use sellerdesk::i18n::TimeZoneName;
use sellerdesk::stores::actions::{self, StoreInput};
use sellerdesk::stores::markets::Market;
use sellerdesk::stores::model::StoreName;
use sellerdesk::web::CurrentUser;

#[path = "common.rs"]
mod common;

const AGENTS: i64 = 200;
const DAYS: i64 = 90;
const STORES: i64 = 4;
const PASSWORD: &str = "bench password 1";
const REQUESTS: usize = 20;

fn main() -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let messages: i64 = std::env::var("PERF_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    // `PERF_BENCH_KEEP=1` keeps the database (its path is printed), to look at plans.
    let (_dir, dir_path) = if std::env::var("PERF_BENCH_KEEP").is_ok() {
        let kept = dir.keep();
        println!("database kept in {}", kept.display());
        (None, kept)
    } else {
        let path = dir.path().to_path_buf();
        (Some(dir), path)
    };
    let state = sellerdesk::prepare(&common::sqlite_args(&dir_path, 4)?)?;
    let mut c = state.pool.get()?;
    let seller_id = seed_seller(&mut c)?;
    let started = Instant::now();
    let today = Utc::now().date_naive();
    let first_day = today - Duration::days(DAYS - 1);
    fill_history(
        &mut c,
        seller_id,
        first_day.and_hms_opt(0, 0, 0).unwrap_or_default(),
        messages,
    )?;
    println!(
        "history: {messages} messages, {AGENTS} agents, {DAYS} days written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let buckets = sellerdesk::performance::rebuild::rebuild(&mut c, seller_id)?;
    println!(
        "rebuild from the raw messages: {buckets} hourly tallies in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    drop(c);

    let (base, handle) = common::serve(&state)?;
    let client = common::signed_in(&base, "bench", PASSWORD).await?;
    let ninety = format!(
        "/performance?range=custom&from={first_day}&to={today}&sort=response_rate&dir=desc"
    );
    let cases = vec![
        ("90 days, all stores", ninety.clone()),
        ("90 days, one store", format!("{ninety}&store=1")),
        ("last 7 days", "/performance?range=last7".to_string()),
        (
            "90 days, CSV export",
            ninety.replace("/performance?", "/performance.csv?"),
        ),
        (
            "90 days, per-chat CSV (100,000 newest chats)",
            ninety.replace("/performance?", "/performance/chats.csv?"),
        ),
        (
            "marketplace rate, all stores (90-day window, weekly trend, missed chats)",
            "/performance/marketplace".to_string(),
        ),
        (
            "90 days, buyer satisfaction (83,000 ratings)",
            ninety.replace("/performance?", "/performance/satisfaction?"),
        ),
        // A viewer seven hours ahead of UTC: the range's ends fall mid-way through UTC
        // days, read hourly (the viewer's zone is switched before this case).
        ("90 days, all stores, Bangkok", ninety.clone()),
    ];
    for (label, path) in cases {
        if label.ends_with("Bangkok") {
            let mut c = state.pool.get()?;
            diesel::sql_query(
                "UPDATE accounts SET time_zone = 'Asia/Bangkok' WHERE username = 'bench'",
            )
            .execute(&mut c)?;
        }
        let mut samples = Vec::with_capacity(REQUESTS);
        for _ in 0..REQUESTS + 2 {
            let sent = Instant::now();
            let response = client.get(format!("{base}{path}")).send().await?;
            anyhow::ensure!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
            let body = response.text().await?;
            let shows = if path.starts_with("/performance/marketplace") {
                body.contains("Week by week")
            } else if path.starts_with("/performance/satisfaction") {
                body.contains("Fast and friendly")
            } else {
                body.contains("bench:agent")
            };
            anyhow::ensure!(shows, "{path}: not the expected figures");
            samples.push(sent.elapsed());
        }
        // The first two warm the caches.
        let mut samples = samples.split_off(2);
        samples.sort();
        let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
        println!(
            "GET {label}: p50 {:.1} ms, p95 {:.1} ms over {REQUESTS} requests",
            at(0.5).as_secs_f64() * 1000.0,
            at(0.95).as_secs_f64() * 1000.0
        );
    }
    handle.stop(true).await;
    Ok(())
}

/// The seller, its main account (`bench`), stores and agents.
fn seed_seller(c: &mut DbConnection) -> anyhow::Result<i64> {
    let setup = SetupInput {
        username: MainUsername::parse("bench").map_err(anyhow::Error::msg)?,
        display_name: DisplayName::parse("Bench").map_err(anyhow::Error::msg)?,
        email: Email::parse("bench@example.com").map_err(anyhow::Error::msg)?,
        password_hash: bcrypt::hash(PASSWORD, 4)?,
        time_zone: sellerdesk::i18n::TimeZoneName::utc(),
    };
    let main = sellerdesk::db::write_transaction::<_, diesel::result::Error, _>(c, |c| {
        create_seller(c, &setup, "127.0.0.1")
    })?;
    let seller_id = main.seller_id;
    let permissions = main.permissions(c)?;
    let main = CurrentUser::without_session(main, permissions);
    let actor = main.actor("127.0.0.1".into());
    for (i, market) in [Market::Th, Market::My, Market::Vn, Market::Br]
        .into_iter()
        .enumerate()
    {
        let input = StoreInput {
            name: StoreName::parse(&format!("Store {i}")).map_err(anyhow::Error::msg)?,
            market,
            time_zone: TimeZoneName::utc(),
        };
        actions::create_store(c, &actor, &input, None)?.map_err(|i| anyhow::anyhow!(i.key))?;
    }
    let hash = bcrypt::hash(PASSWORD, 4)?;
    let rows: Vec<String> = (0..AGENTS)
        .map(|i| {
            format!(
                "({seller_id}, 'agent{i}', 'bench:agent{i}', 'Agent {i}', 'agent{i}@example.com', \
                 '{hash}', false, 'customer_service', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        })
        .collect();
    diesel::sql_query(format!(
        "INSERT INTO accounts (seller_id, member_name, username, display_name, email, \
         password_hash, is_main, builtin_role, created_at, updated_at) VALUES {}",
        rows.join(", ")
    ))
    .execute(c)?;
    Ok(seller_id)
}

/// A small deterministic generator, so every run measures the same history.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below.max(1) as u64) as i64
    }
}

fn ts(t: NaiveDateTime) -> String {
    t.format("'%Y-%m-%d %H:%M:%S'").to_string()
}

/// Closed conversations of four messages each (buyer, agent, buyer, agent), assigned on
/// arrival and closed by their agent, spread over the days and the agents' working hours.
fn fill_history(
    c: &mut DbConnection,
    seller_id: i64,
    start: NaiveDateTime,
    messages: i64,
) -> anyhow::Result<()> {
    let mut rng = Lcg(42);
    let conversations = messages / 4;
    // Account ids: 1 is the main account, agents follow.
    let first_agent = 2;
    let batch = 250;
    sellerdesk::db::write_transaction::<_, anyhow::Error, _>(c, |c| {
        let mut id = 1;
        while id <= conversations {
            let last = (id + batch - 1).min(conversations);
            let (mut buyers, mut convs, mut msgs, mut events, mut ratings) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for n in id..=last {
                let agent = first_agent + rng.next(AGENTS);
                let store = 1 + (agent - first_agent) % STORES;
                let t0 = start
                    + Duration::days(rng.next(DAYS))
                    + Duration::hours(8 + (agent % 3) * 2 + rng.next(8))
                    + Duration::seconds(rng.next(3600));
                let t1 = t0 + Duration::seconds(20 + rng.next(900));
                let t2 = t1 + Duration::seconds(60 + rng.next(600));
                let t3 = t2 + Duration::seconds(10 + rng.next(1200));
                let end = t3 + Duration::seconds(60);
                buyers.push(format!(
                    "({n}, {seller_id}, {store}, 'buyer{n}', 'Buyer {n}', {})",
                    ts(t0)
                ));
                convs.push(format!(
                    "({n}, {seller_id}, {store}, {n}, 'product_page', 'closed', NULL, {agent}, {}, \
                     {}, {}, {}, {}, false, NULL, {})",
                    ts(t0),
                    ts(t3),
                    ts(t3),
                    ts(end),
                    ts(t0),
                    (t1 - t0).num_seconds()
                ));
                // One buyer in three rates the closed chat; one rating in four says why.
                if rng.next(3) == 0 {
                    let score = 1 + rng.next(5);
                    let comment = if rng.next(4) == 0 {
                        "Fast and friendly"
                    } else {
                        ""
                    };
                    ratings.push(format!(
                        "({seller_id}, {store}, {n}, {}, {agent}, NULL, {score}, '{comment}', {})",
                        ts(end),
                        ts(end + Duration::minutes(2))
                    ));
                }
                for (sender, who, at) in [
                    ("buyer", "NULL".to_string(), t0),
                    ("agent", agent.to_string(), t1),
                    ("buyer", "NULL".to_string(), t2),
                    ("agent", agent.to_string(), t3),
                ] {
                    msgs.push(format!(
                        "({seller_id}, {store}, {n}, '{sender}', {who}, 'Hello, is this in stock?', {})",
                        ts(at)
                    ));
                }
                events.push(format!(
                    "({seller_id}, {store}, {n}, 'assigned', NULL, {agent}, NULL, {})",
                    ts(t0)
                ));
                events.push(format!(
                    "({seller_id}, {store}, {n}, 'closed', NULL, {agent}, {agent}, {})",
                    ts(end)
                ));
            }
            for (table, columns, rows) in [
                (
                    "buyers",
                    "id, seller_id, store_id, buyer_key, display_name, created_at",
                    &buyers,
                ),
                (
                    "conversations",
                    "id, seller_id, store_id, buyer_id, source, status, group_id, assignee_id, \
                     assigned_at, assignee_read_at, last_message_at, closed_at, created_at, \
                     assignee_replied, awaiting_since, first_reply_seconds",
                    &convs,
                ),
                (
                    "messages",
                    "seller_id, store_id, conversation_id, sender, agent_id, body, created_at",
                    &msgs,
                ),
                (
                    "chat_events",
                    "seller_id, store_id, conversation_id, kind, group_id, account_id, actor_id, \
                     created_at",
                    &events,
                ),
                (
                    "chat_ratings",
                    "seller_id, store_id, conversation_id, closed_at, agent_id, group_id, score, \
                     comment, created_at",
                    &ratings,
                ),
            ] {
                if rows.is_empty() {
                    continue;
                }
                diesel::sql_query(format!(
                    "INSERT INTO {table} ({columns}) VALUES {}",
                    rows.join(", ")
                ))
                .execute(c)?;
            }
            id = last + 1;
        }
        Ok(())
    })
}
