//! Buyer satisfaction: a closed chat is rated once, by its buyer, on the buyer page or
//! through the integration (told to ask by `conversation.rating_requested`); the ratings
//! appear in Performance Data per agent, store and group, with their comments, and in
//! the exports, for those who may see them.

mod common;

use common::{Browser, TestApp, spawn_app};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::db::schema::{chat_events, chat_ratings, conversations, stores};
use serde_json::{Value, json};

struct Shop {
    app: TestApp,
    thai: i64,
    my: i64,
    jiajia: Browser,
}

/// Chen's Thai store with jiajia Online in its Pre-sales group, and a Malaysian store.
async fn shop() -> Shop {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let my = app.add_store("Chen MY", "MY").await;
    let id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    app.post(
        &format!("/chat-assignment/stores/{thai}/groups"),
        &[
            ("name", "Pre-sales"),
            ("members", &id.to_string()),
            ("sources", "product_page"),
        ],
    )
    .await;
    let jiajia = app.sub_account_browser("chenshop:jiajia").await;
    jiajia
        .post("/webchat/status", &[("status", "online")])
        .await;
    Shop {
        app,
        thai,
        my,
        jiajia,
    }
}

fn public_key(app: &TestApp, store: i64) -> String {
    app.with_db(|c| {
        stores::table
            .find(store)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    })
}

/// A buyer of the store's chat page who has written once; returns their conversation.
async fn buyer_chats(app: &TestApp, key: &str, name: &str) -> (Browser, i64) {
    let buyer = app.browser();
    buyer
        .post(
            &format!("/chat/{key}"),
            &[("display_name", name), ("source", "product_page")],
        )
        .await;
    buyer
        .post(
            &format!("/chat/{key}"),
            &[
                ("text", "Is the red one in stock?"),
                ("source", "product_page"),
            ],
        )
        .await;
    let id = app.with_db(|c| {
        conversations::table
            .order(conversations::id.desc())
            .select(conversations::id)
            .first(c)
            .unwrap()
    });
    (buyer, id)
}

async fn rate(buyer: &Browser, key: &str, score: &str, comment: &str) -> common::Page {
    buyer
        .post(
            &format!("/chat/{key}/rating"),
            &[
                ("score", score),
                ("comment", comment),
                ("source", "product_page"),
            ],
        )
        .await
}

fn ratings(app: &TestApp) -> Vec<(i64, i32, String)> {
    app.with_db(|c| {
        chat_ratings::table
            .order(chat_ratings::id.asc())
            .select((
                chat_ratings::conversation_id,
                chat_ratings::score,
                chat_ratings::comment,
            ))
            .load(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn a_closed_chat_is_rated_once_by_its_buyer_on_the_chat_page() {
    let s = shop().await;
    let app = &s.app;
    let key = public_key(app, s.thai);
    let url = format!("/chat/{key}?source=product_page");
    let (buyer, chat) = buyer_chats(app, &key, "Somchai").await;
    // Open: no form, and a rating is refused.
    buyer.get(&url).await.assert_lacks("How was this chat?");
    let early = rate(&buyer, &key, "5", "").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    early.assert_contains("you can rate it once it is closed");
    assert!(ratings(app).is_empty());

    s.jiajia
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    let page = buyer.get(&url).await;
    page.assert_contains("How was this chat?");
    page.assert_contains("5 stars");
    let bad = rate(&buyer, &key, "9", "Great").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Choose from 1 to 5 stars.");
    bad.assert_contains(">Great</textarea>");
    assert!(ratings(app).is_empty());

    rate(&buyer, &key, "4", "Quick and kind")
        .await
        .assert_redirect(&format!("{url}#rating"));
    assert_eq!(ratings(app), vec![(chat, 4, "Quick and kind".to_string())]);
    let thanked = buyer.get(&url).await;
    thanked.assert_contains("You rated this chat 4 out of 5.");
    thanked.assert_lacks("How was this chat?");
    let again = rate(&buyer, &key, "1", "Changed my mind").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    again.assert_contains("You have already rated this chat.");
    assert_eq!(ratings(app).len(), 1);

    // Another buyer cannot rate it: they have no chat with the store.
    let stranger = app.browser();
    stranger.get(&url).await;
    let refused = rate(&stranger, &key, "1", "Bad").await;
    assert!(refused.status == StatusCode::SEE_OTHER || refused.status == StatusCode::NOT_FOUND);
    assert_eq!(ratings(app).len(), 1);

    // Reopened by the buyer and closed again: that closing may be rated.
    buyer
        .post(
            &format!("/chat/{key}"),
            &[("text", "One more question"), ("source", "product_page")],
        )
        .await;
    s.jiajia
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    rate(&buyer, &key, "5", "").await;
    assert_eq!(ratings(app).len(), 2);

    // Each closing asked for a rating, and each rating is an event.
    let kinds: Vec<String> = app.with_db(|c| {
        chat_events::table
            .filter(chat_events::kind.eq_any(["rating_requested", "rated"]))
            .order(chat_events::id.asc())
            .select(chat_events::kind)
            .load(c)
            .unwrap()
    });
    assert_eq!(
        kinds,
        ["rating_requested", "rated", "rating_requested", "rated"]
    );
}

async fn api(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let request = match method {
        "GET" => app.client.get(app.url(path)),
        _ => app.client.post(app.url(path)).json(&body),
    };
    let response = request.bearer_auth(token).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[actix_web::test]
async fn the_integration_asks_on_the_marketplace_and_posts_the_rating_back() {
    let s = shop().await;
    let app = &s.app;
    let token = app.api_token(s.thai, "ERP").await;
    let other_token = app.api_token(s.my, "MY ERP").await;
    let (status, sent) = api(
        app,
        &token,
        "POST",
        "/api/v1/messages",
        json!({"external_id": "m1", "buyer_id": "B-1", "buyer_name": "Somchai", "source": "product_page", "text": "Hello"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let chat = sent["conversation_id"].as_i64().unwrap();
    let path = format!("/api/v1/conversations/{chat}/rating");
    let (status, body) = api(
        app,
        &token,
        "POST",
        &path,
        json!({"buyer_id": "B-1", "score": 5}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "conversation_open");

    s.jiajia
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    let (_, feed) = api(app, &token, "GET", "/api/v1/events?after=0", Value::Null).await;
    let types: Vec<&str> = feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert!(
        types.contains(&"conversation.rating_requested"),
        "{types:?}"
    );

    for (body, status, code) in [
        (
            json!({"buyer_id": "B-1", "score": 6}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_score",
        ),
        (
            json!({"buyer_id": "B-1", "score": 5, "comment": "x".repeat(501)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_comment",
        ),
        (
            json!({"buyer_id": "B-1"}),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            json!({"buyer_id": "B-2", "score": 5}),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ] {
        let (got, answer) = api(app, &token, "POST", &path, body).await;
        assert_eq!(
            (got, answer["error"]["code"].as_str()),
            (status, Some(code))
        );
    }
    // Another store's token does not find the chat.
    let (got, _) = api(
        app,
        &other_token,
        "POST",
        &path,
        json!({"buyer_id": "B-1", "score": 5}),
    )
    .await;
    assert_eq!(got, StatusCode::NOT_FOUND);
    assert!(ratings(app).is_empty());

    let (got, answer) = api(
        app,
        &token,
        "POST",
        &path,
        json!({"buyer_id": "B-1", "score": 2, "comment": "Slow"}),
    )
    .await;
    assert_eq!(got, StatusCode::CREATED);
    assert_eq!(answer["score"], 2);
    let (got, answer) = api(
        app,
        &token,
        "POST",
        &path,
        json!({"buyer_id": "B-1", "score": 5}),
    )
    .await;
    assert_eq!(
        (got, answer["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_rated"))
    );
    assert_eq!(ratings(app), vec![(chat, 2, "Slow".to_string())]);
    let (_, feed) = api(app, &token, "GET", "/api/v1/events?after=0", Value::Null).await;
    let rated = feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "conversation.rated")
        .expect("a rated event")
        .clone();
    assert_eq!(rated["rating"], json!({"score": 2, "comment": "Slow"}));
    assert_eq!(rated["agent"]["name"], "jiajia");
}

#[actix_web::test]
async fn ratings_in_performance_data_by_agent_store_and_group_for_those_who_may_see_them() {
    let s = shop().await;
    let app = &s.app;
    let key = public_key(app, s.thai);
    for (name, score, comment) in [
        ("A", "5", "Lovely"),
        ("B", "4", ""),
        ("C", "1", "Never answered my question"),
    ] {
        let (buyer, chat) = buyer_chats(app, &key, name).await;
        s.jiajia
            .post(&format!("/webchat/conversations/{chat}/close"), &[])
            .await;
        rate(&buyer, &key, score, comment).await;
    }
    assert_eq!(ratings(app).len(), 3);
    // The indicators' page links to it with the same filters.
    app.get("/performance?range=last7")
        .await
        .assert_contains("/performance/satisfaction?range=last7");
    let page = app.get("/performance/satisfaction?range=last7").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Buyer satisfaction");
    page.assert_contains("66.7%");
    page.assert_contains("3.3 / 5");
    page.assert_contains("By agent");
    page.assert_contains("By store");
    page.assert_contains("By group");
    page.assert_contains("Pre-sales");
    page.assert_contains("Never answered my question");
    page.assert_contains("Lovely");
    // jiajia sees her own ratings; nothing of the Malaysian store exists to leak.
    let own = s.jiajia.get("/performance/satisfaction?range=last7").await;
    own.assert_contains("66.7%");
    // Only the Malaysian store: nothing rated there.
    let my = app
        .get(&format!(
            "/performance/satisfaction?range=last7&store={}",
            s.my
        ))
        .await;
    my.assert_contains("No buyer has rated a chat in this period yet.");
    // A supervisor of the Malaysian store does not see the Thai store's ratings.
    app.add_sub_account("sup", "builtin:supervisor", &[s.my])
        .await;
    let sup = app.sub_account_browser("chenshop:sup").await;
    let theirs = sup.get("/performance/satisfaction?range=last7").await;
    theirs.assert_lacks("Lovely");
    theirs.assert_contains("No buyer has rated a chat in this period yet.");
    let refused = sup
        .get(&format!(
            "/performance/satisfaction?range=last7&store={}",
            s.thai
        ))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let lisa = app.other_seller("lisashop").await;
    let refused = lisa
        .get(&format!(
            "/performance/satisfaction?range=last7&store={}",
            s.thai
        ))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    // A period the form refuses: said, and nothing shown.
    let bad = app
        .get("/performance/satisfaction?range=custom&from=2026-11-21&to=2026-11-20")
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    bad.assert_lacks("Lovely");
    // The per-chat export: each chat's rating.
    let chats = app.get("/performance/chats.csv?range=last7").await;
    chats.assert_contains("Buyer rating (1–5)");
    let lines: Vec<&str> = chats.body.lines().collect();
    assert!(
        lines[1..]
            .iter()
            .any(|l| l.ends_with(";1") || l.ends_with(",1")),
        "{lines:?}"
    );
}

#[actix_web::test]
async fn an_unrated_chat_asks_nothing_of_a_buyer_of_another_store() {
    let s = shop().await;
    let app = &s.app;
    let thai_key = public_key(app, s.thai);
    let my_key = public_key(app, s.my);
    let (buyer, chat) = buyer_chats(app, &thai_key, "Somchai").await;
    s.jiajia
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    // The same browser at the other store has no chat there to rate.
    let refused = rate(&buyer, &my_key, "5", "").await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(ratings(app).is_empty());
    let _ = ChatSource::ProductPage;
}
