//! Stores ("add merchants") and their API tokens, through HTTP.

mod common;

use common::spawn_app;
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{store_api_tokens, stores};

#[actix_web::test]
async fn the_stores_page_starts_empty_and_says_what_to_do() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let page = app.get("/account/stores").await;
    page.assert_contains("No stores yet.");
    page.assert_contains("href=\"/account/stores/new\"");
}

#[actix_web::test]
async fn a_store_takes_the_markets_time_zone_unless_another_is_chosen() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    app.get("/account/stores/new").await;
    let my = app
        .post(
            "/account/stores",
            &[
                ("name", "Chen MY"),
                ("market", "MY"),
                ("time_zone", "Asia/Singapore"),
            ],
        )
        .await
        .redirect_id();
    let zones: Vec<(i64, String, String, bool)> = app.with_db(|c| {
        stores::table
            .order(stores::id)
            .select((
                stores::id,
                stores::market,
                stores::time_zone,
                stores::active,
            ))
            .load(c)
            .unwrap()
    });
    assert_eq!(
        zones,
        vec![
            (thai, "TH".into(), "Asia/Bangkok".into(), true),
            (my, "MY".into(), "Asia/Singapore".into(), true)
        ]
    );
    let page = app.get("/account/stores").await;
    page.assert_contains("Chen Thai");
    page.assert_contains("Thailand");
    page.assert_contains("Malaysia");
}

#[actix_web::test]
async fn store_validation_keeps_input_and_changes_nothing() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.add_store("Chen Thai", "TH").await;
    app.get("/account/stores/new").await;
    let page = app
        .post(
            "/account/stores",
            &[("name", " "), ("market", "US"), ("time_zone", "Mars/Base")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Enter a store name.");
    page.assert_contains("Choose a market from the list.");
    let page = app
        .post(
            "/account/stores",
            &[("name", "chen THAI"), ("market", "TH"), ("time_zone", "")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("You already have a store with this name.");
    page.assert_contains("value=\"chen THAI\"");
    let page = app
        .post(
            "/account/stores",
            &[
                ("name", "Chen VN"),
                ("market", "VN"),
                ("time_zone", "Mars/Base"),
            ],
        )
        .await;
    page.assert_contains("Choose a time zone from the list.");
    assert_eq!(app.count("stores"), 1);
}

#[actix_web::test]
async fn edit_deactivate_and_activate_a_store_with_log_entries() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let id = app.add_store("Chen Thai", "TH").await;
    app.get(&format!("/account/stores/{id}")).await;
    app.post(
        &format!("/account/stores/{id}"),
        &[
            ("name", "Chen Thailand"),
            ("market", "TH"),
            ("time_zone", "Asia/Bangkok"),
        ],
    )
    .await
    .assert_redirect(&format!("/account/stores/{id}"));
    app.get(&format!("/account/stores/{id}"))
        .await
        .assert_contains("The store has been saved.");
    app.post(
        &format!("/account/stores/{id}/status"),
        &[("active", "false")],
    )
    .await;
    let page = app.get(&format!("/account/stores/{id}")).await;
    page.assert_contains("Deactivated");
    page.assert_contains("Activate store");
    app.post(
        &format!("/account/stores/{id}/status"),
        &[("active", "true")],
    )
    .await;
    assert!(app.with_db(|c| {
        stores::table
            .select(stores::active)
            .first::<bool>(c)
            .unwrap()
    }));
    let bad = app
        .post(
            &format!("/account/stores/{id}/status"),
            &[("active", "maybe")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let details: String = app.with_db(|c| {
        use sellerdesk::db::schema::activity_log;
        activity_log::table
            .filter(activity_log::action.eq("updated"))
            .filter(activity_log::object_type.eq("store"))
            .select(activity_log::details)
            .first(c)
            .unwrap()
    });
    assert!(
        details.contains("\"before\":\"Chen Thai\"")
            && details.contains("\"after\":\"Chen Thailand\""),
        "{details}"
    );
}

#[actix_web::test]
async fn an_api_token_is_shown_once_stored_hashed_and_revoked_after_confirmation() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let id = app.add_store("Chen Thai", "TH").await;
    app.get(&format!("/account/stores/{id}")).await;
    let empty = app
        .post(&format!("/account/stores/{id}/tokens"), &[("name", " ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Enter a name for the token.");

    app.post(
        &format!("/account/stores/{id}/tokens"),
        &[("name", "ERP sync")],
    )
    .await;
    let page = app.get(&format!("/account/stores/{id}")).await;
    page.assert_contains("Copy this token now.");
    let start = page.body.find("sdk_").expect("the token is shown");
    let secret: String = page.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let (hash, hint): (String, String) = app.with_db(|c| {
        store_api_tokens::table
            .select((store_api_tokens::token_hash, store_api_tokens::token_hint))
            .first(c)
            .unwrap()
    });
    assert_eq!(hash, sellerdesk::stores::tokens::hash_token(&secret));
    assert!(secret.ends_with(&hint));
    let again = app.get(&format!("/account/stores/{id}")).await;
    again.assert_lacks(&secret);
    again.assert_contains("ERP sync");

    let token_id: i64 = app.with_db(|c| {
        store_api_tokens::table
            .select(store_api_tokens::id)
            .first(c)
            .unwrap()
    });
    let confirm = app
        .post(
            &format!("/account/stores/{id}/tokens/{token_id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    confirm.assert_contains("Revoke this API token?");
    let revoked: Option<chrono::NaiveDateTime> = app.with_db(|c| {
        store_api_tokens::table
            .select(store_api_tokens::revoked_at)
            .first(c)
            .unwrap()
    });
    assert!(revoked.is_none(), "asking is not doing");
    app.post(
        &format!("/account/stores/{id}/tokens/{token_id}/revoke"),
        &[("confirm", "yes")],
    )
    .await;
    let revoked: Option<chrono::NaiveDateTime> = app.with_db(|c| {
        store_api_tokens::table
            .select(store_api_tokens::revoked_at)
            .first(c)
            .unwrap()
    });
    assert!(revoked.is_some());
    app.get(&format!("/account/stores/{id}"))
        .await
        .assert_contains("Revoked");
}

#[actix_web::test]
async fn a_token_of_another_store_cannot_be_revoked_through_this_one() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let a = app.add_store("Chen Thai", "TH").await;
    let b = app.add_store("Chen MY", "MY").await;
    app.post(
        &format!("/account/stores/{b}/tokens"),
        &[("name", "B token")],
    )
    .await;
    let token_id: i64 = app.with_db(|c| {
        store_api_tokens::table
            .select(store_api_tokens::id)
            .first(c)
            .unwrap()
    });
    let page = app
        .post(
            &format!("/account/stores/{a}/tokens/{token_id}/revoke"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_store_role_sees_only_granted_stores_unless_it_covers_all_stores() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let my = app.add_store("Chen MY", "MY").await;
    app.post(
        "/account/roles",
        &[("name", "Store keeper"), ("permissions", "stores")],
    )
    .await;
    app.post(
        "/account/roles",
        &[
            ("name", "Store admin"),
            ("permissions", "stores"),
            ("permissions", "all_stores"),
        ],
    )
    .await;
    let roles: Vec<i64> = app.with_db(|c| {
        use sellerdesk::db::schema::roles;
        roles::table
            .order(roles::id)
            .select(roles::id)
            .load(c)
            .unwrap()
    });
    app.add_sub_account("keeper", &format!("custom:{}", roles[0]), &[thai])
        .await;
    app.add_sub_account("boss", &format!("custom:{}", roles[1]), &[])
        .await;

    let keeper = app.sub_account_browser("chenshop:keeper").await;
    let page = keeper.get("/account/stores").await;
    page.assert_contains("Chen Thai");
    page.assert_lacks("Chen MY");
    assert_eq!(
        keeper.get(&format!("/account/stores/{my}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        keeper.get("/account/sub-accounts").await.status,
        StatusCode::FORBIDDEN
    );

    let boss = app.sub_account_browser("chenshop:boss").await;
    let page = boss.get("/account/stores").await;
    page.assert_contains("Chen Thai");
    page.assert_contains("Chen MY");
}

#[actix_web::test]
async fn a_store_added_by_a_granted_only_role_is_granted_to_its_creator() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let role = app.create_role("Store keeper", &["stores"]).await;
    app.add_sub_account("keeper", &format!("custom:{role}"), &[])
        .await;
    let keeper = app.sub_account_browser("chenshop:keeper").await;
    keeper.get("/account/stores/new").await;
    let page = keeper
        .post(
            "/account/stores",
            &[("name", "Keeper store"), ("market", "PH")],
        )
        .await;
    let id = page.redirect_id();
    assert_eq!(
        keeper.get(&format!("/account/stores/{id}")).await.status,
        StatusCode::OK
    );
    keeper
        .get("/account/stores")
        .await
        .assert_contains("Keeper store");
}
