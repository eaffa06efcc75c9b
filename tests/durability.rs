//! An acknowledged message is stored, exactly once, whatever happens next: the server
//! process is killed (SIGKILL) in the middle of a burst of API posts from several
//! clients, started again on the same database, and every message that got its 201
//! is there once, with the ids it was acknowledged with.
//!
//! It runs the binary Cargo built for the tests, or the one `SELLERDESK_TEST_BINARY`
//! names (CI points it at the release build).

mod common;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::spawn_app;
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::messages;

fn binary() -> String {
    std::env::var("SELLERDESK_TEST_BINARY")
        .ok()
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_sellerdesk").to_string())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts the server process and waits until it answers.
async fn start(database_url: &str, key: &str, port: u16) -> Child {
    let mut child = Command::new(binary())
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            database_url,
            "--secret-key",
            key,
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        let up = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await;
        if up.is_ok_and(|r| r.status() == StatusCode::OK) {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not start");
}

#[actix_web::test]
async fn every_acknowledged_message_survives_a_kill_exactly_once() {
    // A seller with a store and an API token, made through the app in this process.
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let token = app.api_token(thai, "ERP").await;
    let key = app.secret_key.clone();
    let db = app.stop().await;

    let port = free_port();
    let mut server = start(db.url(), &key, port).await;
    let acknowledged: Arc<Mutex<BTreeMap<String, (i64, i64)>>> = Arc::default();
    let clients: Vec<_> = (0..8)
        .map(|client_no| {
            let (token, acknowledged) = (token.clone(), acknowledged.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                for n in 0.. {
                    let external_id = format!("kill-{client_no}-{n}");
                    let body = serde_json::json!({
                        "external_id": external_id,
                        "buyer_id": format!("B-{client_no}-{}", n % 5),
                        "source": "order",
                        "text": "Where is my parcel?",
                    });
                    let sent = client
                        .post(format!("http://127.0.0.1:{port}/api/v1/messages"))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await;
                    let Ok(response) = sent else { return };
                    if response.status() != StatusCode::CREATED {
                        return;
                    }
                    let Ok(json) = response.json::<serde_json::Value>().await else {
                        return;
                    };
                    let ids = (
                        json["conversation_id"].as_i64().expect("conversation id"),
                        json["message_id"].as_i64().expect("message id"),
                    );
                    acknowledged.lock().expect("lock").insert(external_id, ids);
                }
            })
        })
        .collect();
    // Mid-burst, the process is killed outright.
    tokio::time::sleep(Duration::from_millis(700)).await;
    server.kill().expect("SIGKILL");
    server.wait().expect("reaped");
    for client in clients {
        let _ = client.await;
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        acknowledged.len() > 20,
        "the burst got going: {}",
        acknowledged.len()
    );

    // Started again on the same database: every acknowledged message, exactly once.
    let mut server = start(db.url(), &key, port).await;
    let stored: Vec<(String, i64, i64)> = {
        let url = sellerdesk::db::DatabaseUrl::parse(db.url()).expect("url");
        let mut conn = sellerdesk::db::establish(&url).expect("connect");
        messages::table
            .filter(messages::external_id.like("kill-%"))
            .select((
                messages::external_id.assume_not_null(),
                messages::conversation_id,
                messages::id,
            ))
            .load(&mut conn)
            .expect("messages")
    };
    let mut found: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    for (external_id, conversation, id) in stored {
        found
            .entry(external_id)
            .or_default()
            .push((conversation, id));
    }
    for (external_id, ids) in &acknowledged {
        assert_eq!(
            found.get(external_id),
            Some(&vec![*ids]),
            "{external_id} was acknowledged as {ids:?}"
        );
    }
    // And the restarted server still knows them: a repeat is the first result.
    let (external_id, ids) = acknowledged.iter().next().expect("one");
    let client_no = external_id.split('-').nth(1).expect("client");
    let repeat = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/v1/messages"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "external_id": external_id,
            "buyer_id": format!("B-{client_no}-0"),
            "source": "order",
            "text": "Where is my parcel?",
        }))
        .send()
        .await
        .expect("repeat");
    assert_eq!(repeat.status(), StatusCode::OK);
    let json: serde_json::Value = repeat.json().await.expect("JSON");
    assert_eq!(
        (
            json["conversation_id"].as_i64(),
            json["message_id"].as_i64()
        ),
        (Some(ids.0), Some(ids.1))
    );
    server.kill().expect("stop");
    let _ = server.wait();
}
