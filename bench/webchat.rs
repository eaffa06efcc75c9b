//! Webchat benchmark (not a test): the JSON API's messages per second and latency on
//! SQLite with 32 concurrent connections, on a database filled by `sellerdesk demo`
//! (routing, automatic replies, Performance Data tallies and the event log all on), and
//! the delay from a POST to the agent's Server-Sent Event. Run with
//! `cargo bench --bench webchat`. Client and server share this machine's cores; for the
//! share against the reference server use `bench/compare-ingest.sh`.

use std::sync::Arc;
use std::time::{Duration, Instant};

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
    let token = common::seed_demo(&state, PASSWORD)?;
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
                    common::post_message(
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
        common::quantile(&latencies, 0.50).as_secs_f64() * 1000.0,
        common::quantile(&latencies, 0.99).as_secs_f64() * 1000.0,
    );

    let agent = common::signed_in(&base, "demo", PASSWORD).await?;
    let mut events = common::Frames::open(&agent, &format!("{base}/webchat/events")).await?;
    let mut samples = Vec::with_capacity(LATENCY_SAMPLES);
    for i in 0..LATENCY_SAMPLES {
        let sent = Instant::now();
        let conversation =
            common::post_message(&client, &base, &token, 5_000_000 + i, format!("l{i}")).await?;
        events.until_conversation(conversation).await?;
        samples.push(sent.elapsed());
    }
    samples.sort();
    println!(
        "POST → agent's SSE event over {LATENCY_SAMPLES} messages: p50 {:.1} ms, p99 {:.1} ms",
        common::quantile(&samples, 0.50).as_secs_f64() * 1000.0,
        common::quantile(&samples, 0.99).as_secs_f64() * 1000.0
    );
    handle.stop(true).await;
    Ok(())
}
