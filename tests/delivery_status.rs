//! Delivery status back in: `POST /api/v1/messages/{id}/delivery`. The team sees the
//! mark on the reply (live too) and failed replies in Webchat's "Not delivered" list,
//! only for the stores they work on; bad reports change nothing.

mod common;

use common::{TestApp, event_data, next_chat_event, spawn_app, subscribe};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{chat_events, messages};
use serde_json::{Value, json};

struct Shop {
    app: TestApp,
    store: i64,
    token: String,
    chat: i64,
    reply: i64,
}

/// A store whose main account answered a buyer who wrote through the API.
async fn shop() -> Shop {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let token = app.api_token(store, "ERP").await;
    let response = app
        .client
        .post(app.url("/api/v1/messages"))
        .bearer_auth(&token)
        .json(&json!({"external_id": "m-1", "buyer_id": "B-7", "buyer_name": "Somchai", "source": "order", "text": "Where is my parcel?"}))
        .send()
        .await
        .unwrap();
    let chat = response.json::<Value>().await.unwrap()["conversation_id"]
        .as_i64()
        .unwrap();
    app.post(
        &format!("/webchat/conversations/{chat}/reply"),
        &[("text", "It left the warehouse today.")],
    )
    .await;
    let reply = app.with_db(|c| {
        messages::table
            .filter(messages::sender.eq("agent"))
            .select(messages::id)
            .first::<i64>(c)
            .unwrap()
    });
    Shop {
        app,
        store,
        token,
        chat,
        reply,
    }
}

async fn report(app: &TestApp, token: &str, message: i64, body: Value) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/messages/{message}/delivery")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn delivery_events(app: &TestApp) -> i64 {
    app.with_db(|c| {
        chat_events::table
            .filter(chat_events::kind.eq("delivery"))
            .count()
            .get_result(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn the_team_sees_a_delivered_reply_and_a_failed_one_with_its_reason() {
    let s = shop().await;
    let chat_page = format!("/webchat/conversations/{}", s.chat);

    let (status, body) = report(&s.app, &s.token, s.reply, json!({"status": "delivered"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"message_id": s.reply, "status": "delivered"}));
    s.app.get(&chat_page).await.assert_contains("✓ Delivered");
    // The same report again changes nothing and tells nobody.
    report(&s.app, &s.token, s.reply, json!({"status": "delivered"})).await;
    assert_eq!(delivery_events(&s.app), 1);

    let (status, _) = report(
        &s.app,
        &s.token,
        s.reply,
        json!({"status": "failed", "reason": "The buyer blocked the shop"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let page = s.app.get(&chat_page).await;
    page.assert_contains("Not delivered: The buyer blocked the shop");
    page.assert_lacks("✓ Delivered");
    let list = s.app.get("/webchat/undelivered").await;
    list.assert_contains("The buyer blocked the shop");
    list.assert_contains("It left the warehouse today.");
    list.assert_contains(&format!("/webchat/conversations/{}#m{}", s.chat, s.reply));

    // Delivered after all (the integration retried): off the list.
    report(&s.app, &s.token, s.reply, json!({"status": "delivered"})).await;
    let list = s.app.get("/webchat/undelivered").await;
    list.assert_lacks("The buyer blocked the shop");
    list.assert_contains("No reply has been reported as not delivered.");
    assert_eq!(delivery_events(&s.app), 3);

    // The buyer's page never shows it; the integration's feed never sends it back.
    let feed: Value = s
        .app
        .client
        .get(s.app.url("/api/v1/events"))
        .bearer_auth(&s.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!feed.to_string().contains("delivery"));
}

#[actix_web::test]
async fn an_open_chat_shows_the_mark_live() {
    let s = shop().await;
    let mut stream = subscribe(&s.app, "/webchat/events").await;
    report(
        &s.app,
        &s.token,
        s.reply,
        json!({"status": "failed", "reason": "Chat closed by the marketplace"}),
    )
    .await;
    // The reply's own events may still be on their way to the new stream.
    let mut data = event_data(&next_chat_event(&mut stream).await);
    for _ in 0..5 {
        if data["kind"] == "delivery" {
            break;
        }
        data = event_data(&next_chat_event(&mut stream).await);
    }
    assert_eq!(data["kind"], "delivery");
    let line = data["line"].as_str().unwrap();
    assert!(line.contains(&format!("id=\"m{}\"", s.reply)), "{line}");
    assert!(line.contains("Not delivered: Chat closed by the marketplace"));
}

#[actix_web::test]
async fn bad_reports_and_other_messages_are_refused_and_change_nothing() {
    let s = shop().await;
    let buyer_message = s.app.with_db(|c| {
        messages::table
            .filter(messages::sender.eq("buyer"))
            .select(messages::id)
            .first::<i64>(c)
            .unwrap()
    });
    s.app
        .post(
            &format!("/webchat/conversations/{}/note", s.chat),
            &[("text", "Call the courier")],
        )
        .await;
    let note = s.app.with_db(|c| {
        messages::table
            .filter(messages::sender.eq("note"))
            .select(messages::id)
            .first::<i64>(c)
            .unwrap()
    });
    let failed = json!({"status": "failed", "reason": "x"});
    let cases = [
        (
            s.reply,
            json!({"status": "read"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_status",
        ),
        (
            s.reply,
            json!({"status": "failed"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "reason_required",
        ),
        (
            s.reply,
            json!({"status": "failed", "reason": "a".repeat(301)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_reason",
        ),
        (
            s.reply,
            json!({"status": "delivered", "when": "now"}),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            buyer_message,
            failed.clone(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (note, failed.clone(), StatusCode::NOT_FOUND, "not_found"),
        (999_999, failed.clone(), StatusCode::NOT_FOUND, "not_found"),
    ];
    for (message, body, status, code) in cases {
        let (got, answer) = report(&s.app, &s.token, message, body.clone()).await;
        assert_eq!(got, status, "{body}");
        assert_eq!(answer["error"]["code"], code, "{body}");
    }
    let response = s
        .app
        .client
        .post(s.app.url(&format!("/api/v1/messages/{}/delivery", s.reply)))
        .json(&failed)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(delivery_events(&s.app), 0);
    let marked: i64 = s.app.with_db(|c| {
        messages::table
            .filter(messages::delivery_status.is_not_null())
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(marked, 0);
}

#[actix_web::test]
async fn only_the_stores_team_sees_its_undelivered_replies() {
    let s = shop().await;
    report(
        &s.app,
        &s.token,
        s.reply,
        json!({"status": "failed", "reason": "Buyer account suspended"}),
    )
    .await;
    let other_store = s.app.add_store("Chen Malaysia", "MY").await;

    // Another seller's token cannot mark this seller's reply.
    let other = s.app.other_seller("otherseller").await;
    let their_store = other.add_store("Other Shop", "TH").await;
    let their_token = other.api_token(their_store, "ERP").await;
    let (status, _) = report(
        &s.app,
        &their_token,
        s.reply,
        json!({"status": "delivered"}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Nor can this seller's token of another store.
    let my_token = s.app.api_token(other_store, "MY ERP").await;
    let (status, _) = report(&s.app, &my_token, s.reply, json!({"status": "delivered"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    other
        .get("/webchat/undelivered")
        .await
        .assert_lacks("Buyer account suspended");

    let granted = s
        .app
        .add_sub_account("nok", "builtin:customer_service", &[s.store])
        .await;
    assert!(granted > 0);
    let nok = s.app.sub_account_browser("chenshop:nok").await;
    nok.get("/webchat/undelivered")
        .await
        .assert_contains("Buyer account suspended");

    s.app
        .add_sub_account("mei", "builtin:customer_service", &[other_store])
        .await;
    let mei = s.app.sub_account_browser("chenshop:mei").await;
    let page = mei.get("/webchat/undelivered").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_lacks("Buyer account suspended");

    s.app.create_role("Reports", &["team_performance"]).await;
    let role = s.app.with_db(|c| {
        use sellerdesk::db::schema::roles;
        roles::table
            .filter(roles::name.eq("Reports"))
            .select(roles::id)
            .first::<i64>(c)
            .unwrap()
    });
    s.app
        .add_sub_account("pim", &format!("custom:{role}"), &[s.store])
        .await;
    let pim = s.app.sub_account_browser("chenshop:pim").await;
    assert_eq!(
        pim.get("/webchat/undelivered").await.status,
        StatusCode::FORBIDDEN
    );
}
