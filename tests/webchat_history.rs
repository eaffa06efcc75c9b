//! What the team sees of a chat: who replied, who owns it and in which group, what
//! happened to it, and private notes that never reach the buyer or an integration.

mod common;

use common::{Browser, PASSWORD, TestApp, spawn_app};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::db::schema::{agent_hourly_stats, chat_events, messages, stores};

struct Shop {
    app: TestApp,
    thai: i64,
    jiajia: Browser,
    amy_id: i64,
}

async fn shop() -> Shop {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let jiajia_id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    let amy_id = app
        .add_sub_account("amy", "builtin:customer_service", &[thai])
        .await;
    let members = [jiajia_id.to_string(), amy_id.to_string()];
    app.post(
        &format!("/chat-assignment/stores/{thai}/groups"),
        &[
            ("name", "Pre-sales"),
            ("members", &members[0]),
            ("members", &members[1]),
            ("sources", "product_page"),
        ],
    )
    .await;
    let jiajia = app.sub_account_browser("chenshop:jiajia").await;
    Shop {
        app,
        thai,
        jiajia,
        amy_id,
    }
}

fn store_key(app: &TestApp, store: i64) -> String {
    app.with_db(|c| {
        stores::table
            .find(store)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn the_team_sees_who_replied_and_what_happened_while_the_buyer_sees_the_store() {
    let s = shop().await;
    // The buyer writes on the chat page; jiajia takes the chat and answers.
    let key = store_key(&s.app, s.thai);
    let buyer = s.app.browser();
    buyer.get(&format!("/chat/{key}?source=product_page")).await;
    buyer
        .post(&format!("/chat/{key}"), &[("display_name", "Somchai")])
        .await;
    buyer
        .post(
            &format!("/chat/{key}"),
            &[
                ("text", "Is the blue one in stock?"),
                ("source", "product_page"),
            ],
        )
        .await;
    let chat: i64 = s.app.with_db(|c| {
        use sellerdesk::db::schema::conversations;
        conversations::table
            .select(conversations::id)
            .first(c)
            .unwrap()
    });
    s.jiajia
        .post(&format!("/webchat/conversations/{chat}/take"), &[])
        .await;
    s.jiajia
        .post(
            &format!("/webchat/conversations/{chat}/reply"),
            &[("text", "Yes, size M is in stock.")],
        )
        .await;

    let team = s.app.get(&format!("/webchat/conversations/{chat}")).await;
    team.assert_contains("jiajia · ");
    team.assert_contains("jiajia took the chat");
    team.assert_contains("Owner: jiajia");
    team.assert_contains("Group: Pre-sales");
    let seen_by_buyer = buyer.get(&format!("/chat/{key}")).await;
    seen_by_buyer.assert_contains("Yes, size M is in stock.");
    seen_by_buyer.assert_lacks("jiajia");

    // The queue's preview is what the buyer asked, not the store's answer.
    s.app
        .get("/webchat?tab=all")
        .await
        .assert_contains("Is the blue one in stock?");
}

#[actix_web::test]
async fn private_notes_stay_with_the_team() {
    let s = shop().await;
    let chat = s.app.buyer_writes(
        s.thai,
        "Somchai",
        ChatSource::ProductPage,
        "Where is my order?",
    );
    let token = s.app.api_token(s.thai, "ERP").await;
    let tallies_before: i64 = s.app.with_db(|c| {
        agent_hourly_stats::table
            .select(agent_hourly_stats::messages_sent)
            .load::<i64>(c)
            .unwrap()
            .iter()
            .sum()
    });
    s.jiajia
        .post(
            &format!("/webchat/conversations/{chat}/note"),
            &[("text", "Buyer is a VIP: refund without asking")],
        )
        .await
        .assert_redirect(&format!("/webchat/conversations/{chat}#history"));
    let team = s.app.get(&format!("/webchat/conversations/{chat}")).await;
    team.assert_contains("Buyer is a VIP: refund without asking");
    team.assert_contains("Note by jiajia (team only)");

    // Not in the integration's view of the chat.
    let api: serde_json::Value = s
        .app
        .client
        .get(s.app.url(&format!("/api/v1/conversations/{chat}/messages")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let texts: Vec<&str> = api["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert_eq!(texts, ["Where is my order?"]);
    // Its own kind of event, counted by no indicator, and the chat still waits.
    let kinds: Vec<String> = s.app.with_db(|c| {
        chat_events::table
            .filter(chat_events::conversation_id.eq(chat))
            .order(chat_events::id.desc())
            .select(chat_events::kind)
            .limit(1)
            .load(c)
            .unwrap()
    });
    assert_eq!(kinds, ["note"]);
    let tallies_after: i64 = s.app.with_db(|c| {
        agent_hourly_stats::table
            .select(agent_hourly_stats::messages_sent)
            .load::<i64>(c)
            .unwrap()
            .iter()
            .sum()
    });
    assert_eq!(tallies_after, tallies_before);
    s.app
        .get("/webchat?tab=queue")
        .await
        .assert_contains("Where is my order?");

    // An empty note is refused and stores nothing.
    let before = s.app.count("messages");
    s.jiajia
        .post(
            &format!("/webchat/conversations/{chat}/note"),
            &[("text", "  ")],
        )
        .await;
    assert_eq!(s.app.count("messages"), before);
}

#[actix_web::test]
async fn a_transfer_carries_its_note_to_the_next_agent() {
    let s = shop().await;
    let chat = s.app.buyer_writes(
        s.thai,
        "Somchai",
        ChatSource::ProductPage,
        "My parcel is damaged",
    );
    s.jiajia
        .post(&format!("/webchat/conversations/{chat}/take"), &[])
        .await;
    let amy = s.app.browser();
    amy.login("chenshop:amy", common::INITIAL_PASSWORD).await;
    amy.post(
        "/account/password",
        &[
            ("current_password", common::INITIAL_PASSWORD),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
    )
    .await;
    amy.post("/webchat/status", &[("status", "online")]).await;
    let target = format!("member:{}", s.amy_id);
    let page = s
        .jiajia
        .post(
            &format!("/webchat/conversations/{chat}/transfer"),
            &[
                ("target", &target),
                ("note", "Photos are in the chat; please refund"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let view = amy.get(&format!("/webchat/conversations/{chat}")).await;
    view.assert_contains("jiajia transferred the chat to amy");
    view.assert_contains("Photos are in the chat; please refund");
    view.assert_contains("Owner: amy");
    let notes: i64 = s.app.with_db(|c| {
        messages::table
            .filter(messages::sender.eq("note"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(notes, 1);
}

#[actix_web::test]
async fn a_long_chat_opens_at_its_newest_messages_and_loads_earlier_ones_on_demand() {
    let s = shop().await;
    let mut chat = 0;
    for n in 1..=60 {
        chat = s.app.buyer_writes(
            s.thai,
            "Somchai",
            ChatSource::ProductPage,
            &format!("message number {n:02}"),
        );
    }
    let newest = s.app.get(&format!("/webchat/conversations/{chat}")).await;
    newest.assert_contains("message number 60");
    newest.assert_contains("message number 11");
    newest.assert_lacks("message number 10");
    newest.assert_contains("Earlier messages");
    let marker = format!("/webchat/conversations/{chat}?before=");
    let start = newest
        .body
        .find(&marker)
        .expect("a link to earlier messages");
    let end = start + newest.body[start..].find('#').unwrap();
    let earlier = s.app.get(&newest.body[start..end]).await;
    earlier.assert_contains("message number 01");
    earlier.assert_contains("message number 10");
    earlier.assert_lacks("message number 11");
    earlier.assert_lacks("Earlier messages");
    earlier.assert_contains("Newest messages");
    // Another seller cannot page through it either.
    let other = s.app.other_seller("othershop").await;
    assert_eq!(
        other.get(&newest.body[start..end]).await.status,
        StatusCode::NOT_FOUND
    );
}
