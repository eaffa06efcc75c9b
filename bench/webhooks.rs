//! Webhook benchmark (not a test): deliveries per second to a local receiver, the delay
//! from an agent's reply to its webhook (p50/p99), and what idle endpoints cost.
//! Run with `cargo bench --bench webhooks`.
//!
//! 1. Throughput: an endpoint added with its cursor at the start of the demo seller's
//!    log receives the store's whole history of public events; deliveries per second
//!    is that count over the time to drain it.
//! 2. Latency: agents reply one at a time (through the conversation core, as the reply
//!    form does); each delay runs from the reply's call to the receiver's arrival.
//! 3. Idle: with 51 endpoints and nothing happening, the process's CPU over 10 seconds
//!    against one endpoint (the worker sleeps on the event hub: no query per endpoint).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{App, HttpResponse, HttpServer, web};
use chrono::Utc;
use diesel::prelude::*;
use sellerdesk::accounts::model::Account;
use sellerdesk::app::AppState;
use sellerdesk::db::schema::{conversations, stores, webhook_endpoints};
use sellerdesk::integrations::webhooks::model::{self, EndpointInput};
use sellerdesk::stores::model::Store;
use sellerdesk::web::CurrentUser;

#[path = "common.rs"]
mod common;

const PASSWORD: &str = "bench password 1";
const LATENCY_SAMPLES: usize = 200;
const IDLE_ENDPOINTS: usize = 50;
const IDLE: Duration = Duration::from_secs(10);

/// What the receiver got: each event's id and text, and when it arrived.
type Arrivals = Arc<Mutex<Vec<(i64, String, Instant)>>>;

fn main() -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let args = common::sqlite_args(dir.path(), 8)?;
    let state = sellerdesk::prepare(&args)?;
    let token = common::seed_demo(&state, PASSWORD)?;
    let (base, handle) = common::serve(&state)?;
    let (arrivals, hook) = receiver()?;
    let store = first_store(&state)?;

    // 1. The store's history, as fast as the receiver takes it.
    let endpoint = add_endpoint(
        &state,
        &store,
        &hook,
        "message.created,conversation.assigned,conversation.returned,conversation.transferred,conversation.closed,conversation.reopened",
    )?;
    let newest: i64 = {
        let mut c = state.pool.get()?;
        sellerdesk::db::schema::chat_events::table
            .filter(sellerdesk::db::schema::chat_events::store_id.eq(store.id))
            .select(diesel::dsl::max(sellerdesk::db::schema::chat_events::id))
            .first::<Option<i64>>(&mut c)?
            .unwrap_or(0)
    };
    let started = Instant::now();
    set_cursor(&state, endpoint, 0)?;
    state.webhooks.notify_one();
    while cursor(&state, endpoint)? < newest {
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(300),
            "the backlog never drained"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let took = started.elapsed();
    let delivered = arrivals.lock().map(|a| a.len()).unwrap_or(0);
    println!(
        "throughput: {delivered} events delivered one by one in {:.2} s: {:.0} deliveries/s",
        took.as_secs_f64(),
        delivered as f64 / took.as_secs_f64()
    );

    // 2. An agent's reply to its webhook.
    let poster = reqwest::Client::new();
    let mut samples = Vec::with_capacity(LATENCY_SAMPLES);
    for i in 0..LATENCY_SAMPLES {
        let chat = common::post_message(&poster, &base, &token, i, format!("wh{i}")).await?;
        let text = format!("Reply number {i}");
        let (user, actor) = replier(&state, chat)?;
        let sent = Instant::now();
        let said = text.clone();
        state
            .write(move |c| {
                sellerdesk::conversations::reply(
                    c,
                    &actor,
                    &user,
                    chat,
                    &said,
                    None,
                    Utc::now().naive_utc(),
                )
            })
            .await?;
        loop {
            let arrived = arrivals
                .lock()
                .ok()
                .and_then(|a| a.iter().find(|(_, t, _)| *t == text).map(|(_, _, at)| *at));
            if let Some(at) = arrived {
                samples.push(at - sent);
                break;
            }
            anyhow::ensure!(
                sent.elapsed() < Duration::from_secs(10),
                "reply {i} never arrived"
            );
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
    }
    samples.sort();
    println!(
        "agent reply → webhook, over {LATENCY_SAMPLES} replies: p50 {:.1} ms, p99 {:.1} ms",
        common::quantile(&samples, 0.50).as_secs_f64() * 1000.0,
        common::quantile(&samples, 0.99).as_secs_f64() * 1000.0
    );

    // 3. Idle endpoints.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let none = idle_cpu().await?;
    for _ in 0..IDLE_ENDPOINTS {
        add_endpoint(&state, &store, &hook, "message.created")?;
    }
    state.webhooks.notify_one();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let many = idle_cpu().await?;
    println!(
        "idle for {} s: CPU {} ms with {} endpoints, {} ms with one (10 ms ticks; the event hub's once-a-second read is in both)",
        IDLE.as_secs(),
        many.as_millis(),
        IDLE_ENDPOINTS + 1,
        none.as_millis()
    );
    handle.stop(true).await;
    Ok(())
}

/// The process's CPU time over 10 quiet seconds (from `/proc/self/stat`, which keeps
/// the time of threads that ended, in clock ticks of 10 ms).
async fn idle_cpu() -> anyhow::Result<Duration> {
    let before = process_cpu()?;
    tokio::time::sleep(IDLE).await;
    Ok(process_cpu()?.saturating_sub(before))
}

fn process_cpu() -> anyhow::Result<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // The fields after the command's closing parenthesis; utime and stime are the
    // 12th and 13th of them.
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let fields: Vec<u64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    Ok(Duration::from_millis(fields.iter().sum::<u64>() * 10))
}

/// A receiver that answers 200 at once and notes what arrived.
fn receiver() -> anyhow::Result<(Arrivals, String)> {
    let arrivals: Arrivals = Arc::default();
    let kept = web::Data::from(arrivals.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/hook", listener.local_addr()?);
    let server = HttpServer::new(move || {
        App::new().app_data(kept.clone()).route(
            "/hook",
            web::post().to(
                |body: web::Bytes, kept: web::Data<Mutex<Vec<(i64, String, Instant)>>>| async move {
                    let event: serde_json::Value =
                        serde_json::from_slice(&body).unwrap_or_default();
                    let text = event["message"]["text"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    if let Ok(mut kept) = kept.lock() {
                        kept.push((event["id"].as_i64().unwrap_or(0), text, Instant::now()));
                    }
                    HttpResponse::Ok().finish()
                },
            ),
        )
    })
    .workers(1)
    .listen(listener)?
    .run();
    actix_web::rt::spawn(server);
    Ok((arrivals, url))
}

fn first_store(state: &AppState) -> anyhow::Result<Store> {
    let mut c = state.pool.get()?;
    Ok(stores::table
        .order(stores::id.asc())
        .select(Store::as_select())
        .first(&mut c)?)
}

fn main_user(c: &mut sellerdesk::db::DbConnection, username: &str) -> anyhow::Result<CurrentUser> {
    let account = Account::find_by_username(c, username)?
        .ok_or_else(|| anyhow::anyhow!("no account {username}"))?;
    let permissions = account.permissions(c)?;
    Ok(CurrentUser::without_session(account, permissions))
}

/// Adds an endpoint as the main account; returns its id.
fn add_endpoint(state: &AppState, store: &Store, url: &str, events: &str) -> anyhow::Result<i64> {
    let mut c = state.pool.get()?;
    let user = main_user(&mut c, "demo")?;
    let input = EndpointInput {
        url: url.to_string(),
        event_types: events.to_string(),
    };
    Ok(model::create(
        &mut c,
        &user.actor("127.0.0.1".into()),
        store,
        &input,
        &model::new_secret(),
        Utc::now().naive_utc(),
    )?)
}

fn set_cursor(state: &AppState, endpoint: i64, cursor: i64) -> anyhow::Result<()> {
    let mut c = state.pool.get()?;
    diesel::update(webhook_endpoints::table.find(endpoint))
        .set(webhook_endpoints::cursor.eq(cursor))
        .execute(&mut c)?;
    Ok(())
}

fn cursor(state: &AppState, endpoint: i64) -> anyhow::Result<i64> {
    let mut c = state.pool.get()?;
    Ok(webhook_endpoints::table
        .find(endpoint)
        .select(webhook_endpoints::cursor)
        .first(&mut c)?)
}

/// Who replies to `chat`: its assignee, or the main account when it waits.
fn replier(
    state: &AppState,
    chat: i64,
) -> anyhow::Result<(CurrentUser, sellerdesk::activity_log::Actor)> {
    let mut c = state.pool.get()?;
    let assignee: Option<i64> = conversations::table
        .find(chat)
        .select(conversations::assignee_id)
        .first(&mut c)?;
    let username = match assignee {
        Some(id) => sellerdesk::db::schema::accounts::table
            .find(id)
            .select(sellerdesk::db::schema::accounts::username)
            .first::<String>(&mut c)?,
        None => "demo".to_string(),
    };
    let user = main_user(&mut c, &username)?;
    let actor = user.actor("127.0.0.1".into());
    Ok((user, actor))
}
