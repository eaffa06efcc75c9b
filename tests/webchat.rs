//! The agent inbox through HTTP: status and queue pulling, the lists, replying,
//! taking, closing and reopening, and who may see what.

mod common;

use common::{Browser, Route, TestApp, event_conversation, next_chat_event, spawn_app, subscribe};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{activity_log, conversations, messages, stores};

struct Shop {
    app: TestApp,
    thai: i64,
    my: i64,
    jiajia: Browser,
}

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
    Shop {
        app,
        thai,
        my,
        jiajia,
    }
}

use sellerdesk::chat_assignment::sources::ChatSource;

#[actix_web::test]
async fn going_online_pulls_waiting_chats_and_replies_reach_the_conversation() {
    let s = shop().await;
    let waiting = s.app.buyer_writes(
        s.thai,
        "Somchai",
        ChatSource::ProductPage,
        "Is this in stock?",
    );
    let page = s.jiajia.get("/webchat?tab=queue").await;
    page.assert_contains("Somchai");
    s.jiajia
        .get("/webchat")
        .await
        .assert_contains("No conversations here.");

    s.jiajia
        .post("/webchat/status", &[("status", "online")])
        .await
        .assert_redirect("/webchat");
    let page = s.jiajia.get("/webchat").await;
    page.assert_contains("Somchai");
    page.assert_contains("1 unread");
    let assignee: Option<i64> = s.app.with_db(|c| {
        conversations::table
            .find(waiting)
            .select(conversations::assignee_id)
            .first(c)
            .unwrap()
    });
    assert!(assignee.is_some());

    let view = s
        .jiajia
        .get(&format!("/webchat/conversations/{waiting}"))
        .await;
    view.assert_contains("Is this in stock?");
    s.jiajia.get("/webchat").await.assert_lacks("1 unread");
    let empty = s
        .jiajia
        .post(
            &format!("/webchat/conversations/{waiting}/reply"),
            &[("text", "  ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Write a message first.");
    s.jiajia
        .post(
            &format!("/webchat/conversations/{waiting}/reply"),
            &[("text", "Yes, size M is in stock.")],
        )
        .await;
    let (sender, agent): (String, Option<i64>) = s.app.with_db(|c| {
        messages::table
            .order(messages::id.desc())
            .select((messages::sender, messages::agent_id))
            .first(c)
            .unwrap()
    });
    assert_eq!((sender.as_str(), agent), ("agent", assignee));

    // Status changes are recorded.
    let statuses: i64 = s.app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("status_changed"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(statuses, 1);
}

#[actix_web::test]
async fn an_open_chat_marks_the_assignees_unread_messages_read_once() {
    let s = shop().await;
    s.jiajia
        .post("/webchat/status", &[("status", "online")])
        .await;
    let chat = s
        .app
        .buyer_writes(s.thai, "Somchai", ChatSource::ProductPage, "Hi");
    s.jiajia.get("/webchat").await.assert_contains("1 unread");
    let read = format!("/webchat/conversations/{chat}/read");

    // Someone who is not the assignee reading the chat leaves the agent's mark alone.
    assert_eq!(s.app.post(&read, &[]).await.status, StatusCode::NO_CONTENT);
    s.jiajia.get("/webchat").await.assert_contains("1 unread");

    let events = s.app.count("chat_events");
    assert_eq!(
        s.jiajia.post(&read, &[]).await.status,
        StatusCode::NO_CONTENT
    );
    s.jiajia.get("/webchat").await.assert_lacks("1 unread");
    assert_eq!(s.app.count("chat_events"), events + 1);
    // Nothing new to read: no second event.
    assert_eq!(
        s.jiajia.post(&read, &[]).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.app.count("chat_events"), events + 1);
}

#[actix_web::test]
async fn an_idle_agent_takes_from_the_queue_and_closes_and_reopens() {
    let s = shop().await;
    let id = s
        .app
        .buyer_writes(s.thai, "Anong", ChatSource::ProductPage, "Hello");
    s.jiajia
        .post("/webchat/status", &[("status", "idle")])
        .await;
    s.jiajia
        .get(&format!("/webchat/conversations/{id}"))
        .await
        .assert_contains("Take this chat");
    s.jiajia
        .post(&format!("/webchat/conversations/{id}/take"), &[])
        .await;
    s.jiajia.get("/webchat").await.assert_contains("Anong");
    // Taking it again (a second click) changes nothing: it is still hers.
    s.jiajia
        .post(&format!("/webchat/conversations/{id}/take"), &[])
        .await
        .assert_redirect(&format!("/webchat/conversations/{id}"));
    s.jiajia.get("/webchat").await.assert_contains("Anong");
    s.jiajia
        .post(&format!("/webchat/conversations/{id}/close"), &[])
        .await;
    s.jiajia
        .get(&format!("/webchat/conversations/{id}"))
        .await
        .assert_contains("Reopen");
    s.jiajia.get("/webchat").await.assert_lacks("Anong");
    s.jiajia
        .post(&format!("/webchat/conversations/{id}/reopen"), &[])
        .await;
    let actions: Vec<String> = s.app.with_db(|c| {
        activity_log::table
            .filter(activity_log::object_type.eq("conversation"))
            .order(activity_log::id)
            .select(activity_log::action)
            .load(c)
            .unwrap()
    });
    assert_eq!(actions, vec!["taken", "closed", "reopened"]);
}

#[actix_web::test]
async fn who_sees_what() {
    let s = shop().await;
    let thai_order = s
        .app
        .buyer_writes(s.thai, "NoGroup", ChatSource::Order, "Refund?");
    let my_chat = s
        .app
        .buyer_writes(s.my, "Aiman", ChatSource::ProductPage, "Hi");
    // The agent's queue holds what its groups take, not the main account's queue.
    s.jiajia
        .get("/webchat?tab=queue")
        .await
        .assert_lacks("NoGroup");
    assert_eq!(
        s.jiajia
            .get(&format!("/webchat/conversations/{thai_order}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Another store's conversation is off limits; "All" is not offered.
    assert_eq!(
        s.jiajia
            .get(&format!("/webchat/conversations/{my_chat}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let page = s.jiajia.get("/webchat?tab=all").await;
    page.assert_lacks("href=\"/webchat?tab=all\"");
    page.assert_lacks("NoGroup");
    // The main account sees everything, including the main queue.
    let all = s.app.get("/webchat?tab=all").await;
    all.assert_contains("NoGroup");
    all.assert_contains("Aiman");
    s.app
        .get("/webchat?tab=queue")
        .await
        .assert_contains("NoGroup");
    // Another seller gets 404; an account without Webchat gets 403.
    let other = s.app.other_seller("othershop").await;
    assert_eq!(
        other
            .get(&format!("/webchat/conversations/{thai_order}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other
            .post(
                &format!("/webchat/conversations/{thai_order}/reply"),
                &[("text", "x")]
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    other.get("/webchat?tab=all").await.assert_lacks("NoGroup");
    let role = s.app.create_role("Analyst", &["team_performance"]).await;
    s.app
        .add_sub_account("analyst", &format!("custom:{role}"), &[s.thai])
        .await;
    let analyst = s.app.sub_account_browser("chenshop:analyst").await;
    assert_eq!(analyst.get("/webchat").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        analyst
            .post("/webchat/status", &[("status", "online")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.jiajia
            .post("/webchat/status", &[("status", "asleep")])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[actix_web::test]
async fn a_disabled_agents_chats_go_back_to_the_queue() {
    let s = shop().await;
    s.jiajia
        .post("/webchat/status", &[("status", "online")])
        .await;
    let chat = s
        .app
        .buyer_writes(s.thai, "Somchai", ChatSource::ProductPage, "Hi");
    let assignee = |id: i64| -> Option<i64> {
        s.app.with_db(|c| {
            conversations::table
                .find(id)
                .select(conversations::assignee_id)
                .first(c)
                .unwrap()
        })
    };
    let jiajia = assignee(chat).expect("assigned to the online member");
    s.app
        .post(
            &format!("/account/sub-accounts/{jiajia}/status"),
            &[("enabled", "false")],
        )
        .await;
    assert_eq!(assignee(chat), None);
    s.app
        .get(&format!("/webchat/conversations/{chat}"))
        .await
        .assert_contains("Take this chat");
    // Disabled means Offline: re-enabled, the member gets nothing until going Online.
    s.app
        .post(
            &format!("/account/sub-accounts/{jiajia}/status"),
            &[("enabled", "true")],
        )
        .await;
    let next = s
        .app
        .buyer_writes(s.thai, "Nok", ChatSource::ProductPage, "Hello");
    assert_eq!(assignee(next), None);
}

#[actix_web::test]
async fn deleting_a_group_routes_its_open_chats_again() {
    let s = shop().await;
    s.jiajia
        .post("/webchat/status", &[("status", "online")])
        .await;
    let first = s
        .app
        .buyer_writes(s.thai, "Somchai", ChatSource::ProductPage, "Hi");
    let second = s
        .app
        .buyer_writes(s.thai, "Nok", ChatSource::ProductPage, "Hello");
    let amy = s
        .app
        .add_sub_account("amy", "builtin:customer_service", &[s.thai])
        .await;
    s.app
        .post(
            &format!("/chat-assignment/stores/{}/groups", s.thai),
            &[
                ("name", "Backup"),
                ("members", &amy.to_string()),
                ("sources", "product_page"),
            ],
        )
        .await;
    let amy_browser = s.app.sub_account_browser("chenshop:amy").await;
    amy_browser
        .post("/webchat/status", &[("status", "online")])
        .await;
    let pre_sales: i64 = s.app.with_db(|c| {
        use sellerdesk::db::schema::chat_groups;
        chat_groups::table
            .filter(chat_groups::name.eq("Pre-sales"))
            .select(chat_groups::id)
            .first(c)
            .unwrap()
    });
    s.app
        .post(
            &format!(
                "/chat-assignment/stores/{}/groups/{pre_sales}/delete",
                s.thai
            ),
            &[("confirm", "yes")],
        )
        .await;
    let assignees: Vec<Option<i64>> = s.app.with_db(|c| {
        conversations::table
            .filter(conversations::id.eq_any([first, second]))
            .select(conversations::assignee_id)
            .load(c)
            .unwrap()
    });
    assert_eq!(assignees, vec![Some(amy), Some(amy)]);
}

#[actix_web::test]
async fn a_chat_is_transferred_to_an_online_member_or_another_group_with_its_history() {
    let s = shop().await;
    s.jiajia
        .post("/webchat/status", &[("status", "online")])
        .await;
    let chat = s
        .app
        .buyer_writes(s.thai, "Somchai", ChatSource::ProductPage, "Hi");
    let amy = s
        .app
        .add_sub_account("amy", "builtin:customer_service", &[s.thai])
        .await;
    s.app
        .post(
            &format!("/chat-assignment/stores/{}/groups", s.thai),
            &[
                ("name", "After-sales"),
                ("members", &amy.to_string()),
                ("sources", "after_sales"),
            ],
        )
        .await;
    let after_sales: i64 = s.app.with_db(|c| {
        use sellerdesk::db::schema::chat_groups;
        chat_groups::table
            .filter(chat_groups::name.eq("After-sales"))
            .select(chat_groups::id)
            .first(c)
            .unwrap()
    });
    // Nobody in After-sales is online: the chat waits in that group's queue.
    let page = s
        .jiajia
        .get(&format!("/webchat/conversations/{chat}"))
        .await;
    page.assert_contains("Transfer to");
    // A target that cannot take the chat (gone offline, or never there) is explained
    // and changes nothing.
    s.jiajia
        .post(
            &format!("/webchat/conversations/{chat}/transfer"),
            &[("target", "member:999")],
        )
        .await
        .assert_redirect(&format!("/webchat/conversations/{chat}"));
    s.jiajia
        .get(&format!("/webchat/conversations/{chat}"))
        .await
        .assert_contains("can no longer take this chat");
    s.jiajia
        .post(
            &format!("/webchat/conversations/{chat}/transfer"),
            &[("target", &format!("group:{after_sales}"))],
        )
        .await
        .assert_redirect("/webchat");
    let (assignee, group): (Option<i64>, Option<i64>) = s.app.with_db(|c| {
        conversations::table
            .find(chat)
            .select((conversations::assignee_id, conversations::group_id))
            .first(c)
            .unwrap()
    });
    assert_eq!((assignee, group), (None, Some(after_sales)));
    let amy_browser = s.app.sub_account_browser("chenshop:amy").await;
    amy_browser
        .get("/webchat?tab=queue")
        .await
        .assert_contains("Somchai");
    // The history moved with it.
    amy_browser
        .get(&format!("/webchat/conversations/{chat}"))
        .await
        .assert_contains("Hi");
    // Going Online, amy pulls it from her group's queue.
    amy_browser
        .post("/webchat/status", &[("status", "online")])
        .await;
    let assignee_now = || -> Option<i64> {
        s.app.with_db(|c| {
            conversations::table
                .find(chat)
                .select(conversations::assignee_id)
                .first(c)
                .unwrap()
        })
    };
    assert_eq!(assignee_now(), Some(amy));
    // The main account hands it to jiajia, an online member of the store's groups.
    let jiajia: i64 = s.app.with_db(|c| {
        use sellerdesk::db::schema::accounts;
        accounts::table
            .filter(accounts::username.eq("chenshop:jiajia"))
            .select(accounts::id)
            .first(c)
            .unwrap()
    });
    s.app
        .post(
            &format!("/webchat/conversations/{chat}/transfer"),
            &[("target", &format!("member:{jiajia}"))],
        )
        .await
        .assert_redirect("/webchat");
    assert_eq!(assignee_now(), Some(jiajia));
    let transfers: i64 = s.app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("transferred"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(transfers, 2);
    // amy no longer holds it and cannot hand it on: she is told where it went, and
    // nothing changes.
    amy_browser
        .post(
            &format!("/webchat/conversations/{chat}/transfer"),
            &[("target", &format!("group:{after_sales}"))],
        )
        .await
        .assert_redirect("/webchat");
    amy_browser
        .get("/webchat")
        .await
        .assert_contains("This chat went to jiajia a moment ago");
    assert_eq!(assignee_now(), Some(jiajia));
}

/// The next `chat` event on an SSE response (ten seconds at most, so a broken stream
/// fails the test instead of hanging it).
#[actix_web::test]
async fn server_sent_events_reach_only_agents_of_the_store() {
    let s = shop().await;
    s.app
        .add_sub_account("aiman", "builtin:customer_service", &[s.my])
        .await;
    let aiman = s.app.sub_account_browser("chenshop:aiman").await;
    let mut thai_events = subscribe(&s.jiajia, "/webchat/events").await;
    let mut my_events = subscribe(&aiman, "/webchat/events").await;

    // A buyer writes to the Thai store through the buyer page.
    let key: String = s.app.with_db(|c| {
        stores::table
            .find(s.thai)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    });
    let buyer = s.app.browser();
    buyer.get(&format!("/chat/{key}?source=product_page")).await;
    buyer
        .post(
            &format!("/chat/{key}"),
            &[("display_name", "Somchai"), ("source", "product_page")],
        )
        .await;
    buyer
        .post(
            &format!("/chat/{key}"),
            &[("text", "Hello?"), ("source", "product_page")],
        )
        .await;
    let thai_conversation: i64 = s.app.with_db(|c| {
        conversations::table
            .select(conversations::id)
            .first(c)
            .unwrap()
    });
    let event = next_chat_event(&mut thai_events).await;
    assert_eq!(event_conversation(&event), thai_conversation, "{event}");
    assert!(event.contains("\"kind\":\"message\""), "{event}");

    // Then one to the Malaysian store: it is the first thing the MY agent hears.
    let my_conversation = s
        .app
        .buyer_writes(s.my, "Aiman's buyer", ChatSource::ProductPage, "Hi");
    s.app
        .post(
            &format!("/webchat/conversations/{my_conversation}/reply"),
            &[("text", "Hello from MY")],
        )
        .await;
    let event = next_chat_event(&mut my_events).await;
    assert_eq!(event_conversation(&event), my_conversation, "{event}");

    // The buyer's own stream hears the agent's reply to their conversation.
    let mut buyer_events = subscribe(&buyer, &format!("/chat/{key}/events")).await;
    s.app
        .post(
            &format!("/webchat/conversations/{thai_conversation}/reply"),
            &[("text", "Hi Somchai!")],
        )
        .await;
    let event = next_chat_event(&mut buyer_events).await;
    assert_eq!(event_conversation(&event), thai_conversation, "{event}");
    buyer
        .get(&format!("/chat/{key}?source=product_page"))
        .await
        .assert_contains("Hi Somchai!");
}

#[actix_web::test]
async fn the_stores_capacity_limits_how_many_chats_an_agent_gets() {
    let s = shop().await;
    let url = format!("/chat-assignment/stores/{}/settings", s.thai);
    s.app.get(&url).await.assert_contains("value=\"10\"");
    let bad = s
        .app
        .post(&format!("{url}/capacity"), &[("capacity", "0")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Enter a whole number from 1 to 100.");
    s.app
        .post(&format!("{url}/capacity"), &[("capacity", "1")])
        .await
        .assert_redirect(&format!("{url}#capacity"));
    s.jiajia
        .post("/webchat/status", &[("status", "online")])
        .await;
    let first = s
        .app
        .buyer_writes(s.thai, "One", ChatSource::ProductPage, "Hi");
    let second = s
        .app
        .buyer_writes(s.thai, "Two", ChatSource::ProductPage, "Hi");
    let assignee = |id: i64| -> Option<i64> {
        s.app.with_db(|c| {
            conversations::table
                .find(id)
                .select(conversations::assignee_id)
                .first(c)
                .unwrap()
        })
    };
    assert!(assignee(first).is_some());
    assert_eq!(
        assignee(second),
        None,
        "at capacity: the second chat waits in the queue"
    );
    // The conversation shows its group.
    s.jiajia
        .get(&format!("/webchat/conversations/{first}"))
        .await
        .assert_contains("Pre-sales");
    let entry: String = s.app.with_db(|c| {
        activity_log::table
            .filter(activity_log::details.like("%max_concurrent_chats%"))
            .select(activity_log::details)
            .first(c)
            .unwrap()
    });
    assert!(
        entry.contains("\"before\":\"10\"") && entry.contains("\"after\":\"1\""),
        "{entry}"
    );
}

/// Every Webchat route, with a request that succeeds for the conversation's owner.
fn webchat_routes(conversation: i64) -> Vec<Route> {
    let base = format!("/webchat/conversations/{conversation}");
    vec![
        ("GET", base.clone(), vec![]),
        ("POST", format!("{base}/take"), vec![]),
        ("POST", format!("{base}/read"), vec![]),
        ("POST", format!("{base}/reply"), vec![("text", "Hello")]),
        ("POST", format!("{base}/note"), vec![("text", "VIP buyer")]),
        (
            "POST",
            format!("{base}/transfer"),
            vec![("target", "group:1")],
        ),
        ("POST", format!("{base}/close"), vec![]),
        ("POST", format!("{base}/reopen"), vec![]),
    ]
}

#[actix_web::test]
async fn every_webchat_route_refuses_another_seller_and_accounts_without_webchat() {
    let s = shop().await;
    let chat = s
        .app
        .buyer_writes(s.thai, "Somchai", ChatSource::ProductPage, "Hi");
    let other = s.app.other_seller("othershop").await;
    let role = s.app.create_role("Analyst", &["team_performance"]).await;
    s.app
        .add_sub_account("analyst", &format!("custom:{role}"), &[s.thai])
        .await;
    let analyst = s.app.sub_account_browser("chenshop:analyst").await;
    let messages_before = s.app.count("messages");
    let events_before = s.app.count("chat_events");
    for (method, path, fields) in webchat_routes(chat) {
        let by_other = if method == "GET" {
            other.get(&path).await
        } else {
            other.post(&path, &fields).await
        };
        assert_eq!(
            by_other.status,
            StatusCode::NOT_FOUND,
            "other seller {method} {path}"
        );
        let by_analyst = if method == "GET" {
            analyst.get(&path).await
        } else {
            analyst.post(&path, &fields).await
        };
        assert_eq!(
            by_analyst.status,
            StatusCode::FORBIDDEN,
            "analyst {method} {path}"
        );
    }
    assert_eq!(
        (s.app.count("messages"), s.app.count("chat_events")),
        (messages_before, events_before)
    );
    for path in ["/webchat", "/webchat/events"] {
        assert_eq!(
            analyst.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // Another seller's inbox and events carry nothing of this seller.
    other.get("/webchat?tab=all").await.assert_lacks("Somchai");
    other.get("/account/stores/new").await;
    let other_store = other
        .post(
            "/account/stores",
            &[("name", "Other store"), ("market", "SG")],
        )
        .await
        .redirect_id();
    let other_chat = s
        .app
        .buyer_writes(other_store, "Their buyer", ChatSource::Order, "Hi");
    let mut other_events = subscribe(&other, "/webchat/events").await;
    let mut own_events = subscribe(&s.app.main, "/webchat/events").await;
    s.app
        .post(
            &format!("/webchat/conversations/{chat}/reply"),
            &[("text", "Hello")],
        )
        .await;
    next_chat_event(&mut own_events).await;
    other
        .post(&format!("/webchat/conversations/{other_chat}/close"), &[])
        .await;
    // The first thing the other seller hears is its own conversation, not ours.
    let event = next_chat_event(&mut other_events).await;
    assert_eq!(event_conversation(&event), other_chat, "{event}");
}
