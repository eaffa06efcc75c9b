//! The pull feed `GET /api/v1/events`: what an integration is told, in order, page by
//! page, held open until something happens, and only for its own store.

mod common;

use std::time::{Duration, Instant};

use common::{Browser, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Shop {
    app: TestApp,
    store: i64,
    token: String,
}

async fn shop() -> Shop {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let token = app.api_token(store, "ERP").await;
    Shop { app, store, token }
}

/// A buyer writes through the API; returns the conversation.
async fn buyer_writes(app: &TestApp, token: &str, external_id: &str, text: &str) -> i64 {
    let response = app
        .client
        .post(app.url("/api/v1/messages"))
        .bearer_auth(token)
        .json(&json!({"external_id": external_id, "buyer_id": "B-7", "buyer_name": "Somchai", "source": "order", "text": text}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let body: Value = response.json().await.unwrap();
    body["conversation_id"].as_i64().unwrap()
}

async fn reply(b: &Browser, conversation: i64, text: &str) {
    let page = b
        .post(
            &format!("/webchat/conversations/{conversation}/reply"),
            &[("text", text)],
        )
        .await;
    assert!(page.status.is_redirection(), "{}", page.status);
}

async fn feed(app: &TestApp, token: Option<&str>, query: &str) -> (StatusCode, Value) {
    let mut request = app.client.get(app.url(&format!("/api/v1/events?{query}")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn types(body: &Value) -> Vec<String> {
    body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn replies_and_changes_arrive_in_order_page_by_page_without_buyers_or_notes() {
    let s = shop().await;
    let chat = buyer_writes(&s.app, &s.token, "m-1", "Is the kettle in stock?").await;
    reply(&s.app, chat, "Yes, it ships today.").await;
    s.app
        .post(
            &format!("/webchat/conversations/{chat}/note"),
            &[("text", "VIP buyer, check the address")],
        )
        .await;
    reply(&s.app, chat, "Anything else?").await;
    s.app
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;

    let (status, all) = feed(&s.app, Some(&s.token), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        types(&all),
        [
            "conversation.assigned",
            "message.created",
            "message.created",
            "conversation.closed",
            "conversation.rating_requested"
        ]
    );
    let replies: Vec<&str> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"]["text"].as_str())
        .collect();
    assert_eq!(replies, ["Yes, it ships today.", "Anything else?"]);
    let first_reply = &all["events"][1];
    assert_eq!(first_reply["buyer_id"], "B-7");
    assert_eq!(first_reply["conversation_id"], chat);
    assert_eq!(first_reply["store_id"], s.store);
    assert_eq!(first_reply["message"]["sender"], "agent");
    assert!(first_reply["agent"]["name"].is_string());
    assert!(
        !all.to_string().contains("VIP buyer"),
        "private notes never leave"
    );

    // Two at a time, each page after the last one's `next_after`: the same events.
    let mut paged = Vec::new();
    let mut after = 0;
    loop {
        let (_, page) = feed(&s.app, Some(&s.token), &format!("after={after}&limit=2")).await;
        let events = page["events"].as_array().unwrap().clone();
        if events.is_empty() {
            assert_eq!(
                page["next_after"], after,
                "an empty page stays where it was"
            );
            break;
        }
        assert!(events.len() <= 2);
        after = page["next_after"].as_i64().unwrap();
        assert_eq!(events.last().unwrap()["id"], after);
        paged.extend(events);
    }
    assert_eq!(Value::Array(paged), all["events"]);
}

#[actix_web::test]
async fn a_long_poll_answers_when_the_store_has_news_and_not_for_another_store() {
    let s = shop().await;
    let other_store = s.app.add_store("Chen Malaysia", "MY").await;
    let chat = buyer_writes(&s.app, &s.token, "m-1", "Hello?").await;
    let (_, now) = feed(&s.app, Some(&s.token), "").await;
    let after = now["next_after"].as_i64().unwrap();

    let app = s.app.address.clone();
    let token = s.token.clone();
    let started = Instant::now();
    let waiting = tokio::spawn(async move {
        let client = reqwest::Client::new();
        let response = client
            .get(format!("{app}/api/v1/events?after={after}&wait=30"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        response.json::<Value>().await.unwrap()
    });
    // News in another store does not answer this one's poll.
    let other_token = s.app.api_token(other_store, "MY ERP").await;
    buyer_writes(&s.app, &other_token, "my-1", "Halo?").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!waiting.is_finished());

    reply(&s.app, chat, "Hi! How can I help?").await;
    let answer = waiting.await.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "the reply ended the wait"
    );
    let texts: Vec<&str> = answer["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"]["text"].as_str())
        .collect();
    assert_eq!(texts, ["Hi! How can I help?"]);
    assert!(
        answer["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["store_id"] == s.store)
    );
}

#[actix_web::test]
async fn another_sellers_token_sees_nothing_of_this_store() {
    let s = shop().await;
    let chat = buyer_writes(&s.app, &s.token, "m-1", "Is it genuine?").await;
    reply(&s.app, chat, "Yes, with a warranty card.").await;

    let other = s.app.other_seller("otherseller").await;
    let store = other.add_store("Other Shop", "TH").await;
    let other_token = other.api_token(store, "ERP").await;

    let (status, seen) = feed(&s.app, Some(&other_token), "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen["events"], json!([]));
}

#[actix_web::test]
async fn bad_requests_get_a_clear_json_error() {
    let s = shop().await;
    buyer_writes(&s.app, &s.token, "m-1", "Hello").await;
    let cases = [
        (None, "", StatusCode::UNAUTHORIZED, "unauthorized"),
        (
            Some("sdk_nope"),
            "",
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            Some(s.token.as_str()),
            "after=abc",
            StatusCode::BAD_REQUEST,
            "invalid_query",
        ),
        (
            Some(s.token.as_str()),
            "since=1",
            StatusCode::BAD_REQUEST,
            "invalid_query",
        ),
        (
            Some(s.token.as_str()),
            "limit=0",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_limit",
        ),
        (
            Some(s.token.as_str()),
            "limit=500",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_limit",
        ),
        (
            Some(s.token.as_str()),
            "wait=60",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_wait",
        ),
        (
            Some(s.token.as_str()),
            "after=-4",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_after",
        ),
        (
            Some(s.token.as_str()),
            "after=999999",
            StatusCode::UNPROCESSABLE_ENTITY,
            "after_beyond_log",
        ),
    ];
    for (token, query, status, code) in cases {
        let (got, body) = feed(&s.app, token, query).await;
        assert_eq!(got, status, "{query}");
        assert_eq!(body["error"]["code"], code, "{query}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[actix_web::test]
async fn a_revoked_token_reads_nothing_more() {
    let s = shop().await;
    buyer_writes(&s.app, &s.token, "m-1", "Hello").await;
    let token_id: i64 = s.app.with_db(|c| {
        use diesel::prelude::*;
        use sellerdesk::db::schema::store_api_tokens;
        store_api_tokens::table
            .select(store_api_tokens::id)
            .first(c)
            .unwrap()
    });
    s.app
        .post(
            &format!("/account/stores/{}/tokens/{token_id}/revoke", s.store),
            &[("confirm", "yes")],
        )
        .await;
    let (status, body) = feed(&s.app, Some(&s.token), "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
}
