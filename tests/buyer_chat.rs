//! The buyer chat page: a name asked once, messages in, the store's public message and
//! replies visible, unknown or deactivated stores refused.

mod common;

use common::spawn_app;
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{buyers, conversations, stores};

#[actix_web::test]
async fn a_buyer_names_themself_once_writes_and_sees_the_stores_answers() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    app.post(
        &format!("/chat-assignment/stores/{thai}/settings/auto-reply"),
        &[("enabled", "on"), ("text", "Sawasdee! We reply fast.")],
    )
    .await;
    let key: String = app.with_db(|c| {
        stores::table
            .find(thai)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    });
    let url = format!("/chat/{key}?source=product_page");

    let buyer = app.browser();
    let page = buyer.get(&url).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Chen Thai");
    page.assert_contains("Sawasdee! We reply fast.");
    page.assert_contains("Your name");
    let empty = buyer
        .post(
            &format!("/chat/{key}"),
            &[("display_name", " "), ("source", "product_page")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    buyer
        .post(
            &format!("/chat/{key}"),
            &[("display_name", "Somchai"), ("source", "product_page")],
        )
        .await
        .assert_redirect(&url);
    let page = buyer.get(&url).await;
    page.assert_lacks("Your name");
    let too_long = "ก".repeat(2001);
    let refused = buyer
        .post(
            &format!("/chat/{key}"),
            &[("text", &too_long), ("source", "product_page")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("messages"), 0);
    buyer
        .post(
            &format!("/chat/{key}"),
            &[
                ("text", "Is the red one in stock?"),
                ("source", "product_page"),
            ],
        )
        .await;
    let page = buyer.get(&url).await;
    page.assert_contains("Is the red one in stock?");
    page.assert_contains("Automatic reply");

    // The main account answers from Webchat; the buyer sees it.
    let conversation: i64 = app.with_db(|c| {
        conversations::table
            .select(conversations::id)
            .first(c)
            .unwrap()
    });
    app.post(
        &format!("/webchat/conversations/{conversation}/reply"),
        &[("text", "Yes, the red one is in stock.")],
    )
    .await;
    buyer
        .get(&url)
        .await
        .assert_contains("Yes, the red one is in stock.");
    let (name, source): (String, String) = app.with_db(|c| {
        conversations::table
            .inner_join(buyers::table)
            .select((buyers::display_name, conversations::source))
            .first(c)
            .unwrap()
    });
    assert_eq!(
        (name.as_str(), source.as_str()),
        ("Somchai", "product_page")
    );
    // Another browser is another buyer and sees nothing of this one.
    app.browser()
        .get(&url)
        .await
        .assert_lacks("Is the red one in stock?");
}

#[actix_web::test]
async fn unknown_and_deactivated_stores_are_not_found() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let key: String = app.with_db(|c| {
        stores::table
            .find(thai)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    });
    assert_eq!(
        app.browser().get("/chat/not-a-store").await.status,
        StatusCode::NOT_FOUND
    );
    app.post(
        &format!("/account/stores/{thai}/status"),
        &[("active", "false")],
    )
    .await;
    let buyer = app.browser();
    assert_eq!(
        buyer.get(&format!("/chat/{key}")).await.status,
        StatusCode::NOT_FOUND
    );
    let post = buyer
        .post(
            &format!("/chat/{key}"),
            &[("text", "hello"), ("source", "order")],
        )
        .await;
    assert_eq!(
        post.status,
        StatusCode::NOT_FOUND,
        "a deactivated store takes no posts, named or not"
    );
    assert_eq!(app.count("messages"), 0);
}

#[actix_web::test]
async fn the_buyer_sees_the_greeting_once_the_close_and_the_stores_own_time() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    app.post(
        &format!("/account/stores/{thai}"),
        &[
            ("name", "Chen Thai"),
            ("market", "TH"),
            ("time_zone", "Asia/Bangkok"),
        ],
    )
    .await;
    app.post(
        &format!("/chat-assignment/stores/{thai}/settings/auto-reply"),
        &[("enabled", "on"), ("text", "Sawasdee! We reply fast.")],
    )
    .await;
    let key: String = app.with_db(|c| {
        stores::table
            .find(thai)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    });
    let buyer = app.browser();
    buyer.get(&format!("/chat/{key}")).await;
    buyer
        .post(&format!("/chat/{key}"), &[("display_name", "Somchai")])
        .await;
    let before = buyer.get(&format!("/chat/{key}")).await;
    assert_eq!(before.body.matches("Sawasdee! We reply fast.").count(), 1);
    buyer
        .post(&format!("/chat/{key}"), &[("text", "Hello")])
        .await;
    let page = buyer.get(&format!("/chat/{key}")).await;
    assert_eq!(
        page.body.matches("Sawasdee! We reply fast.").count(),
        1,
        "{}",
        page.body
    );
    // Times in the store's zone (UTC+7), the buyer's own messages apart from the store's.
    let sent: chrono::NaiveDateTime = app.with_db(|c| {
        use sellerdesk::db::schema::messages;
        messages::table
            .select(messages::created_at)
            .first(c)
            .unwrap()
    });
    let local = sellerdesk::i18n::date_time(
        sellerdesk::i18n::Lang::En,
        sent + chrono::Duration::hours(7),
    );
    page.assert_contains(&local);
    page.assert_contains("bubble-buyer-own");
    page.assert_contains("bubble-from-store");
    page.assert_lacks("The store closed this chat.");

    let chat: i64 = app.with_db(|c| {
        use sellerdesk::db::schema::conversations;
        conversations::table
            .select(conversations::id)
            .first(c)
            .unwrap()
    });
    app.post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    buyer
        .get(&format!("/chat/{key}"))
        .await
        .assert_contains("The store closed this chat. Write again to start a new one.");
}
