//! The store integration's JSON API: contract, errors, idempotency and store scoping.

mod common;

use common::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn post(app: &TestApp, token: Option<&str>, body: &str) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.url("/api/v1/messages"))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn message(external_id: &str, source: &str, text: &str) -> String {
    json!({"external_id": external_id, "buyer_id": "B-1001", "buyer_name": "Somchai", "source": source, "text": text}).to_string()
}

async fn shop() -> (TestApp, i64, String) {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let secret = app.api_token(thai, "ERP").await;
    (app, thai, secret)
}

#[actix_web::test]
async fn a_message_is_accepted_once_and_listed_with_the_stores_replies() {
    let (app, thai, secret) = shop().await;
    app.post(
        &format!("/chat-assignment/stores/{thai}/settings/auto-reply"),
        &[("enabled", "on"), ("text", "Thanks, we reply soon!")],
    )
    .await;
    let (status, body) = post(
        &app,
        Some(&secret),
        &message("ext-1", "product_page", "Is this in stock?"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let conversation = body["conversation_id"].as_i64().unwrap();
    let first_id = body["message_id"].as_i64().unwrap();
    let (status, again) = post(
        &app,
        Some(&secret),
        &message("ext-1", "product_page", "Is this in stock?"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["message_id"].as_i64(), Some(first_id));
    assert_eq!(
        app.count("messages"),
        2,
        "the buyer's message and one automatic reply"
    );

    let response = app
        .client
        .get(app.url(&format!("/api/v1/conversations/{conversation}/messages")))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let listed: Value = response.json().await.unwrap();
    let senders: Vec<&str> = listed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["sender"].as_str().unwrap())
        .collect();
    assert_eq!(senders, vec!["buyer", "auto"]);
    assert_eq!(listed["messages"][1]["text"], "Thanks, we reply soon!");
    // The token's last use is shown to the seller.
    app.get(&format!("/account/stores/{thai}"))
        .await
        .assert_lacks(">Never<");
}

#[actix_web::test]
async fn every_refusal_is_a_json_error_and_stores_nothing() {
    let (app, thai, secret) = shop().await;
    let long = "x".repeat(2001);
    let cases: Vec<(Option<&str>, String, StatusCode, &str)> = vec![
        (
            None,
            message("e1", "order", "Hi"),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            Some("sdk_not_a_token"),
            message("e1", "order", "Hi"),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            Some(&secret),
            "{not json".into(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            Some(&secret),
            json!({"text": "Hi"}).to_string(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            Some(&secret),
            json!({"external_id": "e9", "buyer_id": "B-1", "source": "order", "text": "Hi", "priority": "high"}).to_string(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            Some(&secret),
            message("e1", "fax", "Hi"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_source",
        ),
        (
            Some(&secret),
            message("e1", "order", "   "),
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty_text",
        ),
        (
            Some(&secret),
            message("e1", "order", &long),
            StatusCode::PAYLOAD_TOO_LARGE,
            "text_too_long",
        ),
    ];
    for (token, body, status, code) in cases {
        let (got, json) = post(&app, token, &body).await;
        assert_eq!(
            (got, json["error"]["code"].as_str()),
            (status, Some(code)),
            "{body}"
        );
        assert!(
            json["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    assert_eq!(app.count("messages"), 0);

    // A revoked token stops working at once; a deactivated store accepts nothing.
    let token_id: i64 = app.with_db(|c| {
        use diesel::prelude::*;
        use sellerdesk::db::schema::store_api_tokens;
        store_api_tokens::table
            .select(store_api_tokens::id)
            .first(c)
            .unwrap()
    });
    let other = app.api_token(thai, "Backup").await;
    app.post(
        &format!("/account/stores/{thai}/tokens/{token_id}/revoke"),
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(
        post(&app, Some(&secret), &message("e2", "order", "Hi"))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    app.post(
        &format!("/account/stores/{thai}/status"),
        &[("active", "false")],
    )
    .await;
    assert_eq!(
        post(&app, Some(&other), &message("e3", "order", "Hi"))
            .await
            .0,
        StatusCode::CONFLICT
    );
    assert_eq!(app.count("messages"), 0);
}

#[actix_web::test]
async fn a_token_reads_only_its_own_stores_conversations() {
    let (app, _, secret) = shop().await;
    let my = app.add_store("Chen MY", "MY").await;
    let my_secret = app.api_token(my, "MY ERP").await;
    let (_, body) = post(&app, Some(&secret), &message("e1", "order", "Hi")).await;
    let conversation = body["conversation_id"].as_i64().unwrap();
    let read = |token: String, path: String| {
        let client = app.client.clone();
        let url = app.url(&path);
        async move {
            client
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let path = format!("/api/v1/conversations/{conversation}/messages");
    assert_eq!(read(secret.clone(), path.clone()).await, StatusCode::OK);
    assert_eq!(read(my_secret.clone(), path).await, StatusCode::NOT_FOUND);
    assert_eq!(
        read(secret, "/api/v1/conversations/abc/messages".into()).await,
        StatusCode::NOT_FOUND
    );
    // The same external id in another store is another message.
    let (status, _) = post(&app, Some(&my_secret), &message("e1", "order", "Hi")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.count("messages"), 2);
}
