//! Personal profile and Settings (language and time zone), through HTTP.

mod common;

use common::spawn_app;
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{accounts, activity_log};

#[actix_web::test]
async fn the_profile_is_validated_and_saved_with_before_and_after() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.add_sub_account("jiajia", "builtin:customer_service", &[])
        .await;
    let page = app.get("/account/profile").await;
    page.assert_contains("value=\"chenshop@example.com\"");
    let bad = app
        .post(
            "/account/profile",
            &[
                ("display_name", "Chen"),
                ("email", "bad@"),
                ("phone", "12345"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Enter a valid email address");
    bad.assert_contains("international form");
    let taken = app
        .post(
            "/account/profile",
            &[
                ("display_name", "Chen"),
                ("email", "JiaJia@Example.com"),
                ("phone", ""),
            ],
        )
        .await;
    taken.assert_contains("Another account of your shop already uses this email address.");
    app.post(
        "/account/profile",
        &[
            ("display_name", "Chen Wei"),
            ("email", "wei@example.com"),
            ("phone", "+60 12-345 6789"),
        ],
    )
    .await
    .assert_redirect("/account/profile");
    let (name, email, phone): (String, String, Option<String>) = app.with_db(|c| {
        accounts::table
            .filter(accounts::username.eq("chenshop"))
            .select((accounts::display_name, accounts::email, accounts::phone))
            .first(c)
            .unwrap()
    });
    assert_eq!(
        (name.as_str(), email.as_str(), phone.as_deref()),
        ("Chen Wei", "wei@example.com", Some("+60123456789"))
    );
    let details: String = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("updated"))
            .select(activity_log::details)
            .first(c)
            .unwrap()
    });
    assert!(
        details.contains("\"field\":\"email\"") && details.contains("chenshop@example.com"),
        "{details}"
    );
    app.get("/account/profile")
        .await
        .assert_contains("Your profile has been saved.");
}

#[actix_web::test]
async fn the_same_email_may_be_used_by_another_seller() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let other = app.other_seller("othershop").await;
    other.get("/account/profile").await;
    let page = other
        .post(
            "/account/profile",
            &[
                ("display_name", "O"),
                ("email", "chenshop@example.com"),
                ("phone", ""),
            ],
        )
        .await;
    page.assert_redirect("/account/profile");
}

#[actix_web::test]
async fn settings_change_language_and_time_zone() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let page = app.get("/settings").await;
    page.assert_contains("<option value=\"UTC\" selected>");
    let bad = app
        .post(
            "/settings",
            &[("language", "xx"), ("time_zone", "Nowhere/City")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Choose a time zone from the list.");
    app.post(
        "/settings",
        &[("language", "th"), ("time_zone", "Asia/Bangkok")],
    )
    .await
    .assert_redirect("/settings");
    let page = app.get("/settings").await;
    page.assert_contains("<html lang=\"th\"");
    page.assert_contains("<option value=\"Asia/Bangkok\" selected>");
    let (lang, zone): (Option<String>, String) = app.with_db(|c| {
        accounts::table
            .select((accounts::language, accounts::time_zone))
            .first(c)
            .unwrap()
    });
    assert_eq!(
        (lang.as_deref(), zone.as_str()),
        (Some("th"), "Asia/Bangkok")
    );
}

#[actix_web::test]
async fn times_are_shown_in_the_viewers_time_zone() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let created: chrono::NaiveDateTime = app.with_db(|c| {
        use sellerdesk::db::schema::stores;
        stores::table.select(stores::created_at).first(c).unwrap()
    });
    app.post(
        "/settings",
        &[("language", "en"), ("time_zone", "Asia/Bangkok")],
    )
    .await;
    let bangkok = sellerdesk::i18n::date_time(
        sellerdesk::i18n::Lang::En,
        created + chrono::Duration::hours(7),
    );
    let _ = store;
    app.get("/account/stores").await.assert_contains(&bangkok);
}
