//! The Activity Log recorder: every sign-in, sign-out, failure and change is an entry,
//! with time, operator and client address.

mod common;

use common::{PASSWORD, spawn_app};
use diesel::prelude::*;
use sellerdesk::db::schema::activity_log;

#[derive(Queryable, Debug)]
struct Entry {
    actor_account_id: Option<i64>,
    actor_name: String,
    client_addr: String,
    area: String,
    action: String,
    object_name: String,
    details: String,
}

fn entries(app: &common::TestApp) -> Vec<Entry> {
    app.with_db(|c| {
        activity_log::table
            .order(activity_log::id.asc())
            .select((
                activity_log::actor_account_id,
                activity_log::actor_name,
                activity_log::client_addr,
                activity_log::area,
                activity_log::action,
                activity_log::object_name,
                activity_log::details,
            ))
            .load::<Entry>(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn setup_sign_in_sign_out_and_failures_are_recorded() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    app.login("chenshop", "wrong password").await;
    app.login("chenshop:ghost", "wrong password").await;
    app.login("nosuchseller", "wrong password").await;
    app.login("chenshop", PASSWORD).await;

    let log = entries(&app);
    let summary: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|e| (e.area.as_str(), e.action.as_str(), e.object_name.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("accounts", "created", "chenshop"),
            ("accounts", "signed_out", "chenshop"),
            ("accounts", "sign_in_failed", "chenshop"),
            ("accounts", "sign_in_failed", "chenshop:ghost"),
            ("accounts", "signed_in", "chenshop"),
        ],
        "a name matching no seller is only throttled, not logged to any seller"
    );
    assert!(log.iter().all(|e| e.client_addr == "127.0.0.1"));
    assert!(log[0].actor_account_id.is_some());
    assert_eq!(log[2].actor_account_id, None);
    assert!(log[2].details.contains("wrong_password"));
    assert!(log[3].details.contains("unknown_member"));
    assert_eq!(log[4].actor_name, "chenshop");
}

#[actix_web::test]
async fn a_language_change_is_recorded_with_before_and_after() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.post("/language", &[("language", "zh-TW"), ("next", "/home")])
        .await;
    let last = entries(&app).pop().unwrap();
    assert_eq!(
        (last.area.as_str(), last.action.as_str()),
        ("settings", "updated")
    );
    let details: serde_json::Value = serde_json::from_str(&last.details).unwrap();
    assert_eq!(
        details["changes"],
        serde_json::json!([{"field": "language", "before": "", "after": "zh-TW"}])
    );
}

#[actix_web::test]
async fn a_refused_change_writes_no_entry() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let before = app.count("activity_log");
    let page = app
        .post_raw("/language", &[("language", "th"), ("csrf_token", "forged")])
        .await;
    assert_eq!(page.status, reqwest::StatusCode::FORBIDDEN);
    assert_eq!(app.count("activity_log"), before);
}
