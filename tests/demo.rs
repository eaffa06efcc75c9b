//! `sellerdesk demo`: a living seller built through the area functions, once.

mod common;

use common::spawn_app;
use reqwest::StatusCode;

#[actix_web::test]
async fn the_demo_seller_is_complete_signs_in_and_is_made_once() {
    let app = spawn_app().await;
    let summary = app.with_db(|c| sellerdesk::demo::fill(c, "demo-password", 1).unwrap());
    assert_eq!(summary.stores, 4);
    assert_eq!(summary.members.len(), 6);
    assert!(summary.buyer_messages > 100);
    assert!(app.count("conversations") > 50);
    assert!(app.count("chat_groups") >= 8);
    assert!(
        app.count("activity_log") > 50,
        "the demo went through the area functions"
    );

    app.login("demo", "demo-password")
        .await
        .assert_redirect("/home");
    let inbox = app.get("/webchat?tab=all").await;
    assert_eq!(inbox.status, StatusCode::OK);
    inbox.assert_contains("Demo Thai");
    let member = app.browser();
    member
        .login("demo:jiajia", "demo-password")
        .await
        .assert_redirect("/home");

    let again = app.with_db(|c| sellerdesk::demo::fill(c, "demo-password", 1));
    assert!(again.is_err());
}
