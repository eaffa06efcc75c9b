//! The response guard: its settings per store, the sweep that hands a chat its agent
//! left unanswered to another Online member (with a moved clock, not sleeps), and a
//! returning buyer sent back to the agent who last answered them.

mod common;

use chrono::{Duration, NaiveDateTime, Utc};
use common::{Browser, TestApp, spawn_app};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::db::schema::{activity_log, chat_events, conversations, store_chat_settings};

struct Shop {
    app: TestApp,
    store: i64,
    agents: Vec<(i64, Browser)>,
}

/// A store with one group of three customer-service members, all Online.
async fn shop() -> Shop {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let mut agents = Vec::new();
    for name in ["jiajia", "somchai", "mali"] {
        let id = app
            .add_sub_account(name, "builtin:customer_service", &[store])
            .await;
        agents.push(id);
    }
    let members: Vec<(&str, String)> = agents
        .iter()
        .map(|id| ("members", id.to_string()))
        .collect();
    let mut fields = vec![
        ("name", "Pre-sales".to_string()),
        ("sources", "product_page".into()),
    ];
    fields.extend(members.iter().map(|(k, v)| (*k, v.clone())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post(&format!("/chat-assignment/stores/{store}/groups"), &fields)
        .await;
    let mut browsers = Vec::new();
    for (name, id) in ["jiajia", "somchai", "mali"].iter().zip(&agents) {
        let b = app.sub_account_browser(&format!("chenshop:{name}")).await;
        b.post("/webchat/status", &[("status", "online")]).await;
        browsers.push((*id, b));
    }
    Shop {
        app,
        store,
        agents: browsers,
    }
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn assignee(app: &TestApp, chat: i64) -> Option<i64> {
    app.with_db(|c| {
        conversations::table
            .find(chat)
            .select(conversations::assignee_id)
            .first(c)
            .unwrap()
    })
}

fn sweep(app: &TestApp, at: NaiveDateTime) -> usize {
    app.with_db(|c| sellerdesk::conversations::reassign_unanswered(c, at).unwrap())
}

async fn save_guard(app: &TestApp, store: i64, target: &str, reassign: &str, within: &str) {
    app.post(
        &format!("/chat-assignment/stores/{store}/settings/guard"),
        &[
            ("target", target),
            ("reassign", reassign),
            ("return", within),
        ],
    )
    .await
    .assert_redirect(&format!("/chat-assignment/stores/{store}/settings#guard"));
}

/// Gives `agent` `n` more open chats, so that plain routing prefers the others.
fn load_up(app: &TestApp, store: i64, agent: i64, n: usize) {
    for i in 0..n {
        let chat = app.buyer_writes(
            store,
            &format!("load-{agent}-{i}"),
            ChatSource::ProductPage,
            "x",
        );
        app.with_db(|c| {
            diesel::update(conversations::table.find(chat))
                .set(conversations::assignee_id.eq(agent))
                .execute(c)
                .unwrap()
        });
    }
}

fn browser_of(shop: &Shop, id: i64) -> &Browser {
    &shop.agents.iter().find(|(a, _)| *a == id).unwrap().1
}

#[actix_web::test]
async fn the_guard_reassigns_after_the_time_and_not_before() {
    let shop = shop().await;
    let app = &shop.app;
    save_guard(app, shop.store, "5", "10", "0").await;
    let chat = app.buyer_writes(
        shop.store,
        "buyer-1",
        ChatSource::ProductPage,
        "Is it in stock?",
    );
    let first = assignee(app, chat).expect("assigned");
    let start = now();
    assert_eq!(sweep(app, start + Duration::minutes(9)), 0);
    assert_eq!(assignee(app, chat), Some(first));
    assert_eq!(sweep(app, start + Duration::minutes(11)), 1);
    let second = assignee(app, chat).expect("still assigned");
    assert_ne!(second, first, "goes to another Online member");
    // Its events: returned from the first agent, assigned to the second.
    let kinds: Vec<(String, Option<i64>)> = app.with_db(|c| {
        chat_events::table
            .filter(chat_events::conversation_id.eq(chat))
            .order(chat_events::id.asc())
            .select((chat_events::kind, chat_events::account_id))
            .load(c)
            .unwrap()
    });
    let tail = &kinds[kinds.len() - 2..];
    assert_eq!(tail[0], ("returned".to_string(), Some(first)));
    assert_eq!(tail[1], ("assigned".to_string(), Some(second)));
    let (action, actor): (String, String) = app.with_db(|c| {
        activity_log::table
            .order(activity_log::id.desc())
            .select((activity_log::action, activity_log::actor_name))
            .first(c)
            .unwrap()
    });
    assert_eq!(
        (action.as_str(), actor.as_str()),
        ("reassigned", "Sellerdesk")
    );
    let log = app.get("/activity-log").await;
    log.assert_contains("Reassigned (no answer)");
    // The new agent has the full time again: the same moment moves nothing.
    assert_eq!(sweep(app, start + Duration::minutes(11)), 0);
    assert_eq!(assignee(app, chat), Some(second));
}

#[actix_web::test]
async fn an_answered_chat_stays_and_an_unset_guard_moves_nothing() {
    let shop = shop().await;
    let app = &shop.app;
    let chat = app.buyer_writes(shop.store, "buyer-1", ChatSource::ProductPage, "Hello");
    let first = assignee(app, chat).expect("assigned");
    // Off by default.
    assert_eq!(sweep(app, now() + Duration::hours(5)), 0);
    save_guard(app, shop.store, "5", "3", "0").await;
    browser_of(&shop, first)
        .post(
            &format!("/webchat/conversations/{chat}/reply"),
            &[("text", "Yes, it is.")],
        )
        .await;
    assert_eq!(sweep(app, now() + Duration::minutes(30)), 0);
    assert_eq!(assignee(app, chat), Some(first));
}

#[actix_web::test]
async fn with_nobody_else_online_the_chat_stays_with_its_agent() {
    let shop = shop().await;
    let app = &shop.app;
    save_guard(app, shop.store, "5", "2", "0").await;
    let chat = app.buyer_writes(shop.store, "buyer-1", ChatSource::ProductPage, "Hello");
    let first = assignee(app, chat).expect("assigned");
    for (id, b) in &shop.agents {
        if *id != first {
            b.post("/webchat/status", &[("status", "offline")]).await;
        }
    }
    assert_eq!(sweep(app, now() + Duration::minutes(5)), 0);
    assert_eq!(assignee(app, chat), Some(first));
}

#[actix_web::test]
async fn two_sweeps_at_once_move_a_chat_once() {
    let shop = shop().await;
    let app = &shop.app;
    save_guard(app, shop.store, "5", "2", "0").await;
    let chats: Vec<i64> = (0..6)
        .map(|i| app.buyer_writes(shop.store, &format!("b{i}"), ChatSource::ProductPage, "Hi"))
        .collect();
    let at = now() + Duration::minutes(3);
    let state = app.state.clone();
    let (a, b) = tokio::join!(
        sellerdesk::maintenance::guard_responses_at(&state, at),
        sellerdesk::maintenance::guard_responses_at(&state, at)
    );
    assert_eq!(a.unwrap() + b.unwrap(), chats.len());
    let reassigned: i64 = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("reassigned"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(reassigned, chats.len() as i64);
}

#[actix_web::test]
async fn a_returning_buyer_goes_back_to_the_agent_who_answered_when_online() {
    let shop = shop().await;
    let app = &shop.app;
    save_guard(app, shop.store, "5", "0", "24").await;
    let chat = app.buyer_writes(shop.store, "buyer-1", ChatSource::ProductPage, "Hello");
    let first = assignee(app, chat).expect("assigned");
    let agent = browser_of(&shop, first);
    agent
        .post(
            &format!("/webchat/conversations/{chat}/reply"),
            &[("text", "Hi!")],
        )
        .await;
    agent
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    // Without the rule, routing would now pick someone with more room.
    load_up(app, shop.store, first, 2);
    let again = app.buyer_writes(
        shop.store,
        "buyer-1",
        ChatSource::ProductPage,
        "One more thing",
    );
    assert_eq!(again, chat);
    assert_eq!(assignee(app, chat), Some(first));

    // Not Online: routed as usual, to someone else.
    agent
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    agent.post("/webchat/status", &[("status", "idle")]).await;
    app.buyer_writes(
        shop.store,
        "buyer-1",
        ChatSource::ProductPage,
        "Hello again",
    );
    let other = assignee(app, chat).expect("assigned");
    assert_ne!(other, first);
}

#[actix_web::test]
async fn after_the_return_time_a_buyer_is_routed_as_usual() {
    let shop = shop().await;
    let app = &shop.app;
    save_guard(app, shop.store, "5", "0", "1").await;
    let chat = app.buyer_writes(shop.store, "buyer-1", ChatSource::ProductPage, "Hello");
    let first = assignee(app, chat).expect("assigned");
    let agent = browser_of(&shop, first);
    agent
        .post(
            &format!("/webchat/conversations/{chat}/reply"),
            &[("text", "Hi!")],
        )
        .await;
    agent
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    // The answer was two hours ago.
    app.with_db(|c| {
        diesel::sql_query("UPDATE messages SET created_at = $1 WHERE sender = 'agent'")
            .bind::<diesel::sql_types::Timestamp, _>(now() - Duration::hours(2))
            .execute(c)
            .unwrap()
    });
    // The first agent now has the most to do: plain routing prefers the others.
    load_up(app, shop.store, first, 2);
    app.buyer_writes(shop.store, "buyer-1", ChatSource::ProductPage, "Back again");
    assert_ne!(assignee(app, chat), Some(first));
}

#[actix_web::test]
async fn the_guard_settings_are_checked_recorded_and_scoped() {
    let shop = shop().await;
    let app = &shop.app;
    let url = format!("/chat-assignment/stores/{}/settings/guard", shop.store);
    let page = app
        .post(
            &url,
            &[("target", "0"), ("reassign", "abc"), ("return", "721")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Enter a whole number of minutes from 1 to 1,440.");
    page.assert_contains("Enter a whole number of minutes from 0 to 1,440.");
    page.assert_contains("Enter a whole number of hours from 0 to 720.");
    page.assert_contains("value=\"abc\"");
    let stored: i64 = app.with_db(|c| {
        store_chat_settings::table
            .filter(store_chat_settings::reassign_after_minutes.gt(0))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(stored, 0);
    save_guard(app, shop.store, "7", "15", "48").await;
    let settings = app
        .get(&format!("/chat-assignment/stores/{}/settings", shop.store))
        .await;
    settings.assert_contains("value=\"15\"");
    settings.assert_contains("value=\"48\"");
    let log = app.get("/activity-log").await;
    log.assert_contains("Reassign unanswered chats after (minutes)");

    // Another seller cannot see or change it; an agent without Chat Assignment neither.
    let other = app.other_seller("lisashop").await;
    let refused = other
        .post(&url, &[("target", "5"), ("reassign", "1"), ("return", "0")])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let agent = &shop.agents[0].1;
    let refused = agent
        .post(&url, &[("target", "5"), ("reassign", "1"), ("return", "0")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let kept: i32 = app.with_db(|c| {
        store_chat_settings::table
            .select(store_chat_settings::reassign_after_minutes)
            .first(c)
            .unwrap()
    });
    assert_eq!(kept, 15);
}

#[actix_web::test]
async fn the_marketplace_rule_is_checked_and_saved() {
    let shop = shop().await;
    let app = &shop.app;
    let url = format!(
        "/chat-assignment/stores/{}/settings/marketplace-rate",
        shop.store
    );
    let page = app.post(&url, &[("limit", "200"), ("window", "0")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Enter a whole number of hours from 1 to 168.");
    page.assert_contains("Enter a whole number of days from 1 to 365.");
    app.post(
        &url,
        &[
            ("limit", "24"),
            ("window", "30"),
            ("counts_auto_replies", "on"),
        ],
    )
    .await
    .assert_redirect(&format!(
        "/chat-assignment/stores/{}/settings#marketplace",
        shop.store
    ));
    let rule: (i32, i32, bool) = app.with_db(|c| {
        store_chat_settings::table
            .select((
                store_chat_settings::rate_limit_hours,
                store_chat_settings::rate_window_days,
                store_chat_settings::rate_counts_auto_replies,
            ))
            .first(c)
            .unwrap()
    });
    assert_eq!(rule, (24, 30, true));
    // Another seller and an agent without Chat Assignment are refused; nothing changes.
    let lisa = app.other_seller("lisashop").await;
    let refused = lisa.post(&url, &[("limit", "1"), ("window", "1")]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let refused = shop.agents[0]
        .1
        .post(&url, &[("limit", "1"), ("window", "1")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let kept: (i32, i32) = app.with_db(|c| {
        store_chat_settings::table
            .select((
                store_chat_settings::rate_limit_hours,
                store_chat_settings::rate_window_days,
            ))
            .first(c)
            .unwrap()
    });
    assert_eq!(kept, (24, 30));
}

#[actix_web::test]
async fn at_risk_lists_waiting_chats_soonest_first_to_those_who_answer_for_them() {
    let shop = shop().await;
    let app = &shop.app;
    save_guard(app, shop.store, "5", "0", "0").await;
    let older = app.buyer_writes(shop.store, "Older Buyer", ChatSource::ProductPage, "Hi");
    let newer = app.buyer_writes(shop.store, "Newer Buyer", ChatSource::ProductPage, "Hi");
    // The older one has waited ten minutes: past its five-minute target.
    app.with_db(|c| {
        diesel::update(conversations::table.find(older))
            .set(conversations::awaiting_since.eq(now() - Duration::minutes(10)))
            .execute(c)
            .unwrap()
    });
    let page = app.get("/webchat/at-risk").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("2 chats waiting for an answer");
    let (o, n) = (
        page.body.find("Older Buyer").expect("older"),
        page.body.find("Newer Buyer").expect("newer"),
    );
    assert!(o < n, "soonest deadline first");
    page.assert_contains("class=\"late\"");
    page.assert_contains("Late");
    // The rows alone, for the page's own refresh.
    let rows = app.get("/webchat/at-risk?part=rows").await;
    rows.assert_contains("Older Buyer");
    rows.assert_lacks("<html");

    // An agent sees their own chats only.
    let owner = assignee(app, older).expect("assigned");
    let other_agent = assignee(app, newer).expect("assigned");
    assert_ne!(owner, other_agent);
    let mine = browser_of(&shop, owner).get("/webchat/at-risk").await;
    mine.assert_contains("Older Buyer");
    mine.assert_lacks("Newer Buyer");

    // Answered: off the list.
    browser_of(&shop, owner)
        .post(
            &format!("/webchat/conversations/{older}/reply"),
            &[("text", "Here")],
        )
        .await;
    app.get("/webchat/at-risk")
        .await
        .assert_lacks("Older Buyer");

    // Another seller sees none of it; a member without Webchat is refused.
    let lisa = app.other_seller("lisashop").await;
    let theirs = lisa.get("/webchat/at-risk").await;
    theirs.assert_lacks("Newer Buyer");
    theirs.assert_contains("No buyer is waiting for an answer.");
    let role = app.create_role("Analyst", &["team_performance"]).await;
    app.add_sub_account("ploy", &format!("custom:{role}"), &[shop.store])
        .await;
    let analyst = app.sub_account_browser("chenshop:ploy").await;
    assert_eq!(
        analyst.get("/webchat/at-risk").await.status,
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn at_risk_shows_an_agent_the_chats_waiting_in_their_queue() {
    let shop = shop().await;
    let app = &shop.app;
    for (_, b) in &shop.agents {
        b.post("/webchat/status", &[("status", "offline")]).await;
    }
    app.buyer_writes(
        shop.store,
        "Queued Buyer",
        ChatSource::ProductPage,
        "Anyone?",
    );
    let page = shop.agents[0].1.get("/webchat/at-risk").await;
    page.assert_contains("Queued Buyer");
    page.assert_contains("Waiting in the queue");
    // A chat from a source no group of theirs takes is not theirs to answer.
    app.buyer_writes(shop.store, "Order Buyer", ChatSource::Order, "My order?");
    shop.agents[0]
        .1
        .get("/webchat/at-risk")
        .await
        .assert_lacks("Order Buyer");
    app.get("/webchat/at-risk")
        .await
        .assert_contains("Order Buyer");
}
