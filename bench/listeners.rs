//! Live listeners benchmark (not a test): what open inbox pages cost the server per
//! message. One seller's messages arrive through the JSON API while N signed-in event
//! streams (inbox pages) are open; it prints the server's CPU time per message with
//! N = 0 and N = 50, their ratio, and the delay from a POST to an open page's event.
//! Run with `cargo bench --bench listeners`.
//!
//! Client and server share the process: the server's CPU is every thread's but the
//! main one, where the client (posts and stream readers) runs.

use std::time::{Duration, Instant};

#[path = "common.rs"]
mod common;

const PASSWORD: &str = "bench password 1";
const MESSAGES: usize = 1500;
const LATENCY_SAMPLES: usize = 200;
/// Posts in flight at once: a steady arrival, not a flood.
const IN_FLIGHT: usize = 4;

fn main() -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut args = common::sqlite_args(dir.path(), 8)?;
    args.limits.streams_per_session = u32::MAX;
    args.limits.streams_per_address = u32::MAX;
    let state = sellerdesk::prepare(&args)?;
    let token = common::seed_demo(&state, PASSWORD)?;
    let (base, handle) = common::serve(&state)?;
    let poster = reqwest::Client::new();
    let owner = common::signed_in(&base, "demo", PASSWORD).await?;
    let mut next = 0;

    let mut per_message = Vec::new();
    for listeners in [0, 50] {
        let mut streams = Vec::new();
        for _ in 0..listeners {
            streams.push(common::Frames::open(&owner, &format!("{base}/webchat/events")).await?);
        }
        // Every page reads its frames as a browser would, concurrently.
        let (stop, readers) = drain(streams);
        // Warm up (statement caches, routing state), then measure.
        next = post_many(&poster, &base, &token, next, 100).await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let before = common::server_cpu()?;
        let started = Instant::now();
        next = post_many(&poster, &base, &token, next, MESSAGES).await?;
        // Until the pages have had every frame: their cost is the point.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let cpu = common::server_cpu()? - before;
        let frames: usize = stop_readers(stop, readers).await;
        let micros = cpu.as_secs_f64() * 1e6 / MESSAGES as f64;
        per_message.push(micros);
        println!(
            "N = {listeners:>2} open inbox pages: {MESSAGES} messages in {:.1} s, server CPU {micros:.0} µs per message ({frames} frames delivered)",
            started.elapsed().as_secs_f64(),
        );
    }
    println!(
        "50 listeners cost {:.2}× the CPU per message of none (target ≤ 2×)",
        per_message[1] / per_message[0]
    );

    // POST → event on one of 50 open pages.
    let mut streams = Vec::new();
    for _ in 0..49 {
        streams.push(common::Frames::open(&owner, &format!("{base}/webchat/events")).await?);
    }
    let (stop, readers) = drain(streams);
    let mut page = common::Frames::open(&owner, &format!("{base}/webchat/events")).await?;
    let mut samples = Vec::with_capacity(LATENCY_SAMPLES);
    for i in 0..LATENCY_SAMPLES {
        let sent = Instant::now();
        let conversation =
            common::post_message(&poster, &base, &token, next + i, format!("lat{i}")).await?;
        page.until_conversation(conversation).await?;
        samples.push(sent.elapsed());
    }
    stop_readers(stop, readers).await;
    samples.sort();
    println!(
        "POST → event with 50 pages open, over {LATENCY_SAMPLES} messages: p50 {:.1} ms, p99 {:.1} ms",
        common::quantile(&samples, 0.50).as_secs_f64() * 1000.0,
        common::quantile(&samples, 0.99).as_secs_f64() * 1000.0
    );
    handle.stop(true).await;
    Ok(())
}

type Readers = Vec<actix_web::rt::task::JoinHandle<usize>>;

/// Reads every stream until told to stop; each reader returns the frames it had.
fn drain(streams: Vec<common::Frames>) -> (tokio::sync::watch::Sender<bool>, Readers) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let readers = streams
        .into_iter()
        .map(|mut frames| {
            let mut stopped = stopped.clone();
            actix_web::rt::spawn(async move {
                let mut count = 0;
                loop {
                    tokio::select! {
                        frame = frames.next() => match frame {
                            Ok(_) => count += 1,
                            Err(_) => return count,
                        },
                        _ = stopped.changed() => return count,
                    }
                }
            })
        })
        .collect();
    (stop, readers)
}

async fn stop_readers(stop: tokio::sync::watch::Sender<bool>, readers: Readers) -> usize {
    let _ = stop.send(true);
    let mut total = 0;
    for reader in readers {
        total += reader.await.unwrap_or(0);
    }
    total
}

/// Posts `count` buyer messages from `first` on, `IN_FLIGHT` at a time; returns the next
/// number.
async fn post_many(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    first: usize,
    count: usize,
) -> anyhow::Result<usize> {
    let workers: Vec<_> = (0..IN_FLIGHT)
        .map(|w| {
            let (client, base, token) = (client.clone(), base.to_string(), token.to_string());
            actix_web::rt::spawn(async move {
                let mut n = first + w;
                while n < first + count {
                    common::post_message(&client, &base, &token, n, format!("cpu{n}")).await?;
                    n += IN_FLIGHT;
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker.await??;
    }
    Ok(first + count)
}
