//! Webchat benchmark (not a test): the JSON API's messages per second and latency on
//! SQLite with 32 concurrent connections, on a database filled by `sellerdesk demo`
//! (routing, automatic replies, Performance Data tallies and the event log all on), and
//! the delay from a POST to the agent's Server-Sent Event. Run with
//! `cargo bench --bench webchat`. Client and server share this machine's cores; for the
//! share against the reference server use `bench/compare-ingest.sh`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use sellerdesk::accounts::model::Account;
use sellerdesk::db::schema::stores;
use sellerdesk::stores::actions;
use sellerdesk::stores::model::Store;
use sellerdesk::web::CurrentUser;

#[path = "common.rs"]
mod common;

const CONNECTIONS: usize = 32;
const RUN: Duration = Duration::from_secs(8);
const LATENCY_SAMPLES: usize = 300;
const PASSWORD: &str = "bench password 1";

fn main() -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let state = sellerdesk::prepare(&common::sqlite_args(dir.path(), 8)?)?;
    let token = seed(&state)?;
    let (base, handle) = common::serve(&state)?;

    // 32 clients post back to back for a fixed time; each request's latency is kept.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()?;
    let started = Instant::now();
    let token = Arc::new(token);
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|worker| {
            let (client, base, token) = (client.clone(), base.clone(), token.clone());
            actix_web::rt::spawn(async move {
                let mut latencies = Vec::new();
                let mut n = 0;
                while started.elapsed() < RUN {
                    let sent = Instant::now();
                    post(
                        &client,
                        &base,
                        &token,
                        n * CONNECTIONS + worker,
                        format!("w{worker}-{n}"),
                    )
                    .await?;
                    latencies.push(sent.elapsed());
                    n += 1;
                }
                anyhow::Ok(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    println!(
        "throughput: {} messages in {:.1} s = {:.0} messages/s; latency p50 {:.1} ms, p99 {:.1} ms \
         (SQLite, demo data, routing + automatic replies + tallies + event log, {CONNECTIONS} connections)",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        quantile(&latencies, 0.50).as_secs_f64() * 1000.0,
        quantile(&latencies, 0.99).as_secs_f64() * 1000.0,
    );

    let agent = common::signed_in(&base, "demo", PASSWORD).await?;
    let mut events = agent.get(format!("{base}/webchat/events")).send().await?;
    events.chunk().await?;
    let mut samples = Vec::with_capacity(LATENCY_SAMPLES);
    for i in 0..LATENCY_SAMPLES {
        let sent = Instant::now();
        let conversation = post(&client, &base, &token, 5_000_000 + i, format!("l{i}")).await?;
        let needle = format!("\"conversation_id\":{conversation}");
        let mut seen = String::new();
        while !seen.contains(&needle) {
            let chunk = tokio::time::timeout(Duration::from_secs(10), events.chunk()).await??;
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap_or_default()));
        }
        samples.push(sent.elapsed());
    }
    samples.sort();
    println!(
        "POST → agent's SSE event over {LATENCY_SAMPLES} messages: p50 {:.1} ms, p99 {:.1} ms",
        quantile(&samples, 0.50).as_secs_f64() * 1000.0,
        quantile(&samples, 0.99).as_secs_f64() * 1000.0
    );
    handle.stop(true).await;
    Ok(())
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1))]
}

/// Posts buyer message `n` (400 buyers in turn) and returns its conversation id.
async fn post(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    n: usize,
    external: String,
) -> anyhow::Result<i64> {
    let sources = ["product_page", "shop_page", "order", "after_sales"];
    let body = serde_json::json!({
        "external_id": external,
        "buyer_id": format!("B{}", n % 400),
        "buyer_name": format!("Buyer {}", n % 400),
        "source": sources[n % sources.len()],
        "text": "Hello, is this still in stock?",
    });
    let response = client
        .post(format!("{base}/api/v1/messages"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "POST failed: {}",
        response.status()
    );
    let json: serde_json::Value = response.json().await?;
    json["conversation_id"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no conversation id"))
}

/// The demo seller (four stores, six agents Online, groups, automatic replies, weeks of
/// chats) and an API token for its first store; returns the token.
fn seed(state: &sellerdesk::app::AppState) -> anyhow::Result<String> {
    let mut c = state.pool.get()?;
    sellerdesk::demo::fill(&mut c, PASSWORD, 1)?;
    let main = Account::find_by_username(&mut c, "demo")?
        .ok_or_else(|| anyhow::anyhow!("the demo seller"))?;
    let permissions = main.permissions(&mut c)?;
    let main = CurrentUser::without_session(main, permissions);
    let store = stores::table
        .filter(stores::seller_id.eq(main.seller_id))
        .order(stores::id.asc())
        .select(Store::as_select())
        .first(&mut c)?;
    let actor = main.actor("127.0.0.1".into());
    Ok(actions::create_token(&mut c, &actor, &store, "bench")?)
}
