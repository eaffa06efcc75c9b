//! Agent presence: Offline at sign-out and after the presence timeout with no Webchat
//! page open; the team panel shows who is there.

mod common;

use chrono::{Duration, Utc};
use common::{Browser, TestApp, spawn_app, subscribe};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{accounts, activity_log, agent_presence};

async fn shop() -> (TestApp, Browser, i64) {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
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
    (app, jiajia, id)
}

fn status(app: &TestApp, id: i64) -> String {
    app.with_db(|c| {
        agent_presence::table
            .find(id)
            .select(agent_presence::status)
            .first(c)
            .unwrap()
    })
}

fn last_seen(app: &TestApp, id: i64, minutes_ago: i64) {
    let at = Utc::now().naive_utc() - Duration::minutes(minutes_ago);
    app.with_db(|c| {
        diesel::update(agent_presence::table.find(id))
            .set((
                agent_presence::seen_at.eq(Some(at)),
                agent_presence::updated_at.eq(at),
            ))
            .execute(c)
            .unwrap()
    });
}

#[actix_web::test]
async fn signing_out_sets_the_agent_offline() {
    let (app, jiajia, id) = shop().await;
    assert_eq!(status(&app, id), "online");
    jiajia.logout().await;
    assert_eq!(status(&app, id), "offline");
}

#[actix_web::test]
async fn an_agent_without_an_open_page_goes_offline_after_the_timeout() {
    let (app, _jiajia, id) = shop().await;
    last_seen(&app, id, 5);
    assert_eq!(
        sellerdesk::maintenance::sweep_presence(&app.state)
            .await
            .unwrap(),
        0
    );
    assert_eq!(status(&app, id), "online");
    last_seen(&app, id, 11);
    assert_eq!(
        sellerdesk::maintenance::sweep_presence(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(status(&app, id), "offline");
    let by: String = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("status_changed"))
            .order(activity_log::id.desc())
            .select(activity_log::actor_name)
            .first(c)
            .unwrap()
    });
    assert_eq!(by, "Sellerdesk");
}

#[actix_web::test]
async fn an_open_webchat_page_keeps_the_agent_present() {
    let (app, jiajia, id) = shop().await;
    last_seen(&app, id, 30);
    // Opening the live stream says the page is there.
    let _stream = subscribe(&jiajia, "/webchat/events").await;
    let mut fresh = false;
    for _ in 0..50 {
        let seen: Option<chrono::NaiveDateTime> = app.with_db(|c| {
            agent_presence::table
                .find(id)
                .select(agent_presence::seen_at)
                .first(c)
                .unwrap()
        });
        if seen.is_some_and(|s| Utc::now().naive_utc() - s < Duration::minutes(1)) {
            fresh = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(fresh);
    assert_eq!(
        sellerdesk::maintenance::sweep_presence(&app.state)
            .await
            .unwrap(),
        0
    );
    assert_eq!(status(&app, id), "online");
}

#[actix_web::test]
async fn the_team_panel_shows_who_is_there_to_those_who_see_all() {
    let (app, jiajia, _) = shop().await;
    let page = app.get("/webchat/team").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("chenshop:jiajia");
    page.assert_contains("Online");
    assert_eq!(
        jiajia.get("/webchat/team").await.status,
        StatusCode::FORBIDDEN
    );
    let other = app.other_seller("othershop").await;
    let theirs = other.get("/webchat/team").await;
    theirs.assert_lacks("jiajia");
    // A disabled member is not listed.
    let id: i64 = app.with_db(|c| {
        accounts::table
            .filter(accounts::username.eq("chenshop:jiajia"))
            .select(accounts::id)
            .first(c)
            .unwrap()
    });
    app.post(
        &format!("/account/sub-accounts/{id}/status"),
        &[("enabled", "false")],
    )
    .await;
    app.get("/webchat/team")
        .await
        .assert_lacks("chenshop:jiajia");
}

/// Seconds Online recorded for the agent so far (stretches that ended).
fn online_seconds(app: &TestApp, id: i64) -> i64 {
    app.with_db(|c| {
        diesel::sql_query(format!(
            "SELECT CAST(COALESCE(SUM(seconds), 0) AS BIGINT) AS n FROM agent_online_hours \
             WHERE account_id = {id}"
        ))
        .get_result::<Count>(c)
        .unwrap()
        .n
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Pretends the agent went Online `minutes` ago.
fn online_for(app: &TestApp, id: i64, minutes: i64) {
    let since = Utc::now().naive_utc() - Duration::minutes(minutes);
    app.with_db(|c| {
        diesel::update(agent_presence::table.find(id))
            .set(agent_presence::online_since.eq(Some(since)))
            .execute(c)
            .unwrap()
    });
}

#[actix_web::test]
async fn time_online_is_counted_however_the_agent_leaves_online() {
    let (app, jiajia, id) = shop().await;
    // Idle ends a stretch; Online again starts one.
    online_for(&app, id, 120);
    jiajia.post("/webchat/status", &[("status", "idle")]).await;
    let after_idle = online_seconds(&app, id);
    assert!((7200..7260).contains(&after_idle), "{after_idle}");
    jiajia.post("/webchat/status", &[("status", "idle")]).await;
    assert_eq!(online_seconds(&app, id), after_idle, "Idle is not Online");
    // Disabled by the main account: the stretch ends with it.
    jiajia
        .post("/webchat/status", &[("status", "online")])
        .await;
    online_for(&app, id, 60);
    app.post(
        &format!("/account/sub-accounts/{id}/status"),
        &[("enabled", "false")],
    )
    .await;
    let after_disable = online_seconds(&app, id);
    assert!(
        (after_idle + 3600..after_idle + 3660).contains(&after_disable),
        "{after_disable}"
    );
    let since: Option<chrono::NaiveDateTime> = app.with_db(|c| {
        agent_presence::table
            .find(id)
            .select(agent_presence::online_since)
            .first(c)
            .unwrap()
    });
    assert_eq!(since, None);
}

#[actix_web::test]
async fn an_absent_agents_time_online_ends_when_they_were_last_there() {
    let (app, _jiajia, id) = shop().await;
    online_for(&app, id, 60);
    last_seen(&app, id, 11);
    assert_eq!(
        sellerdesk::maintenance::sweep_presence(&app.state)
            .await
            .unwrap(),
        1
    );
    // 60 minutes Online, the last 11 of them away: 49 minutes count.
    let counted = online_seconds(&app, id);
    assert!((49 * 60 - 5..49 * 60 + 60).contains(&counted), "{counted}");
}
