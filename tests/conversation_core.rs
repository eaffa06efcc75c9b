//! The conversation core through HTTP: races have one winner and a clear answer for the
//! loser, duplicates and first messages are settled by the database, members who may no
//! longer answer a store give its chats back, the inbox lists in keyset pages with the
//! queue filtered before the page is cut, and every operation writes its event.

mod common;

use common::{Browser, TestApp, spawn_app};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::db::schema::{
    activity_log, agent_hourly_stats, agent_presence, chat_events, conversations, messages,
};

struct Team {
    app: TestApp,
    thai: i64,
    group: i64,
    jiajia: (i64, Browser),
    amy: (i64, Browser),
}

impl Team {
    /// jiajia goes Online and a buyer's product page chat is routed to her.
    async fn chat_for_jiajia(&self) -> i64 {
        online(&self.jiajia.1).await;
        let chat = self
            .app
            .buyer_writes(self.thai, "Anong", ChatSource::ProductPage, "Hello");
        assert_eq!(assignee(&self.app, chat), Some(self.jiajia.0));
        chat
    }
}

async fn online(agent: &Browser) {
    agent.post("/webchat/status", &[("status", "online")]).await;
}

/// A Thai store whose Pre-sales group (product page chats) has jiajia and amy.
async fn team() -> Team {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let jiajia = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    let amy = app
        .add_sub_account("amy", "builtin:customer_service", &[thai])
        .await;
    let members = format!("{jiajia}");
    let page = app
        .post(
            &format!("/chat-assignment/stores/{thai}/groups"),
            &[
                ("name", "Pre-sales"),
                ("members", &members),
                ("members", &amy.to_string()),
                ("sources", "product_page"),
            ],
        )
        .await;
    assert!(page.status.is_redirection(), "{}", page.body);
    let group: i64 = app.with_db(|c| {
        use sellerdesk::db::schema::chat_groups;
        chat_groups::table
            .select(chat_groups::id)
            .first(c)
            .expect("group")
    });
    let jiajia_browser = app.sub_account_browser("chenshop:jiajia").await;
    let amy_browser = app.sub_account_browser("chenshop:amy").await;
    Team {
        app,
        thai,
        group,
        jiajia: (jiajia, jiajia_browser),
        amy: (amy, amy_browser),
    }
}

fn assignee(app: &TestApp, id: i64) -> Option<i64> {
    app.with_db(|c| {
        conversations::table
            .find(id)
            .select(conversations::assignee_id)
            .first(c)
            .expect("conversation")
    })
}

fn presence(app: &TestApp, account_id: i64) -> String {
    app.with_db(|c| {
        agent_presence::table
            .find(account_id)
            .select(agent_presence::status)
            .first(c)
            .expect("presence")
    })
}

fn events_of(app: &TestApp, id: i64) -> Vec<String> {
    app.with_db(|c| {
        chat_events::table
            .filter(chat_events::conversation_id.eq(id))
            .order(chat_events::id.asc())
            .select(chat_events::kind)
            .load(c)
            .expect("events")
    })
}

fn count_kind(app: &TestApp, id: i64, kind: &str) -> usize {
    events_of(app, id).iter().filter(|k| *k == kind).count()
}

#[actix_web::test]
async fn two_agents_taking_one_chat_at_once_have_exactly_one_winner() {
    let t = team().await;
    let (jiajia, amy) = (&t.jiajia, &t.amy);
    const ROUNDS: usize = 12;
    for round in 0..ROUNDS {
        let id = t.app.buyer_writes(
            t.thai,
            &format!("buyer-{round}"),
            ChatSource::ProductPage,
            "Hello",
        );
        assert_eq!(assignee(&t.app, id), None, "nobody online: it waits");
        let path = format!("/webchat/conversations/{id}/take");
        // Both pages show the Take button; both press it at once.
        let (a, b) = tokio::join!(jiajia.1.post(&path, &[]), amy.1.post(&path, &[]));
        assert!(a.status.is_redirection() && b.status.is_redirection());
        let winner = assignee(&t.app, id).expect("someone took it");
        assert!(winner == jiajia.0 || winner == amy.0);
        assert_eq!(
            count_kind(&t.app, id, "taken"),
            1,
            "round {round}: one taken event"
        );
        let entries: i64 = t.app.with_db(|c| {
            activity_log::table
                .filter(activity_log::object_id.eq(id))
                .filter(activity_log::action.eq("taken"))
                .count()
                .get_result(c)
                .expect("count")
        });
        assert_eq!(entries, 1, "round {round}: one Activity Log entry");
        // The loser is told who was quicker.
        let (loser, loser_page) = if winner == jiajia.0 {
            (&amy.1, &b)
        } else {
            (&jiajia.1, &a)
        };
        let location = loser_page.location.clone().expect("a redirect");
        loser
            .get(&location)
            .await
            .assert_contains(if winner == jiajia.0 {
                "jiajia took this chat a moment ago"
            } else {
                "amy took this chat a moment ago"
            });
    }
    // Performance Data counts each chat once.
    let received: i64 = t.app.with_db(|c| {
        agent_hourly_stats::table
            .select(agent_hourly_stats::chats_received)
            .load::<i64>(c)
            .expect("tallies")
            .iter()
            .sum()
    });
    assert_eq!(received, ROUNDS as i64);
}

#[actix_web::test]
async fn a_reply_to_a_chat_handed_away_meanwhile_is_refused_and_kept() {
    let t = team().await;
    let (jiajia, amy) = (&t.jiajia, &t.amy);
    let id = t
        .app
        .buyer_writes(t.thai, "Somchai", ChatSource::ProductPage, "Hello");
    jiajia
        .1
        .post(&format!("/webchat/conversations/{id}/take"), &[])
        .await;
    online(&amy.1).await;
    // jiajia's page shows the reply box; meanwhile the seller hands the chat to amy.
    jiajia
        .1
        .get(&format!("/webchat/conversations/{id}"))
        .await
        .assert_contains("reply-text");
    t.app
        .post(
            &format!("/webchat/conversations/{id}/transfer"),
            &[
                ("target", &format!("member:{}", amy.0)),
                ("assignee", &jiajia.0.to_string()),
            ],
        )
        .await
        .assert_redirect("/webchat");
    let before = t.app.count("messages");
    let page = jiajia
        .1
        .post(
            &format!("/webchat/conversations/{id}/reply"),
            &[("text", "It ships today")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.assert_contains("This chat went to amy a moment ago");
    page.assert_contains("It ships today");
    assert_eq!(t.app.count("messages"), before, "nothing was sent");
    assert_eq!(assignee(&t.app, id), Some(amy.0));

    // A transfer based on a stale page is refused the same way.
    let page = t
        .app
        .post(
            &format!("/webchat/conversations/{id}/transfer"),
            &[
                ("target", &format!("group:{}", t.group)),
                ("assignee", &jiajia.0.to_string()),
            ],
        )
        .await;
    page.assert_redirect(&format!("/webchat/conversations/{id}"));
    t.app
        .get(&format!("/webchat/conversations/{id}"))
        .await
        .assert_contains("This chat went to amy a moment ago");
    assert_eq!(assignee(&t.app, id), Some(amy.0));
}

/// Posts one API message.
async fn api_post(app: &TestApp, token: &str, body: String) -> (StatusCode, serde_json::Value) {
    let response = app
        .main
        .client
        .post(app.url("/api/v1/messages"))
        .bearer_auth(token)
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .expect("POST");
    let status = response.status();
    (status, response.json().await.expect("JSON"))
}

#[actix_web::test]
async fn concurrent_duplicates_and_first_messages_are_settled_by_the_database() {
    let t = team().await;
    let token = t.app.api_token(t.thai, "ERP").await;
    for round in 0..5 {
        // Eight copies of one message: one 201, seven 200s, all with the same ids.
        let body = format!(
            r#"{{"external_id":"dup-{round}","buyer_id":"B-{round}","source":"order","text":"Where is my parcel?"}}"#
        );
        let answers =
            futures_util::future::join_all((0..8).map(|_| api_post(&t.app, &token, body.clone())))
                .await;
        let created = answers
            .iter()
            .filter(|(s, _)| *s == StatusCode::CREATED)
            .count();
        let repeated = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
        assert_eq!((created, repeated), (1, 7), "round {round}: {answers:?}");
        let first = &answers[0].1;
        assert!(answers.iter().all(|(_, json)| json == first), "{answers:?}");
        // Eight different first messages of one new buyer: one conversation.
        let answers = futures_util::future::join_all((0..8).map(|n| {
            api_post(
                &t.app,
                &token,
                format!(
                    r#"{{"external_id":"first-{round}-{n}","buyer_id":"New-{round}","source":"order","text":"Hi {n}"}}"#
                ),
            )
        }))
        .await;
        assert!(
            answers.iter().all(|(s, _)| *s == StatusCode::CREATED),
            "{answers:?}"
        );
        let ids: std::collections::BTreeSet<i64> = answers
            .iter()
            .map(|(_, json)| json["conversation_id"].as_i64().expect("id"))
            .collect();
        assert_eq!(ids.len(), 1, "round {round}: one conversation: {ids:?}");
    }
    let stored: i64 = t.app.with_db(|c| {
        messages::table
            .filter(messages::sender.eq("buyer"))
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(stored, 5 * 9, "each message stored exactly once");
}

#[actix_web::test]
async fn members_who_may_no_longer_answer_give_their_chats_back() {
    let t = team().await;
    let (jiajia, amy) = (&t.jiajia, &t.amy);
    let first = t.chat_for_jiajia().await;

    // Revoking jiajia's grant of the store: the chat goes back to routing, and amy,
    // online, gets it.
    online(&amy.1).await;
    t.app
        .post(&format!("/account/sub-accounts/{}/stores", jiajia.0), &[])
        .await;
    assert_eq!(assignee(&t.app, first), Some(amy.0));
    assert_eq!(
        events_of(&t.app, first),
        ["message", "assigned", "returned", "assigned"]
    );

    // Disabling amy: nobody else is there, so it waits in the queue.
    t.app
        .post(
            &format!("/account/sub-accounts/{}/status", amy.0),
            &[("enabled", "false")],
        )
        .await;
    assert_eq!(assignee(&t.app, first), None);
    assert_eq!(presence(&t.app, amy.0), "offline");
    assert_eq!(
        events_of(&t.app, first).last().map(String::as_str),
        Some("returned")
    );
}

#[actix_web::test]
async fn closing_a_group_or_taking_a_member_out_returns_its_chats() {
    let t = team().await;
    let amy = &t.amy;
    let chat = t.chat_for_jiajia().await;
    // Taking jiajia out of the group: amy (online) gets the chat.
    online(&amy.1).await;
    t.app
        .post(
            &format!(
                "/chat-assignment/stores/{}/groups/{}/members",
                t.thai, t.group
            ),
            &[("members", &amy.0.to_string())],
        )
        .await;
    assert_eq!(assignee(&t.app, chat), Some(amy.0));
    // Closing the group: nobody takes product page chats any more, the main queue.
    t.app
        .post(
            &format!(
                "/chat-assignment/stores/{}/groups/{}/status",
                t.thai, t.group
            ),
            &[("active", "false")],
        )
        .await;
    assert_eq!(assignee(&t.app, chat), None);
    assert_eq!(
        events_of(&t.app, chat),
        ["message", "assigned", "returned", "assigned", "returned"]
    );
}

#[actix_web::test]
async fn signing_out_sets_an_agent_offline() {
    let t = team().await;
    let jiajia = &t.jiajia;
    online(&jiajia.1).await;
    jiajia.1.logout().await;
    assert_eq!(presence(&t.app, jiajia.0), "offline");
    // New chats wait for someone who is there.
    let chat = t
        .app
        .buyer_writes(t.thai, "Anong", ChatSource::ProductPage, "Hello");
    assert_eq!(assignee(&t.app, chat), None);
}

#[actix_web::test]
async fn the_queue_is_filtered_before_it_is_cut_into_pages() {
    let t = team().await;
    let jiajia = &t.jiajia.1;
    // jiajia's own waiting chat is the oldest; 70 newer ones wait where no group of
    // hers looks (order chats go to the main account's queue).
    let mine = t
        .app
        .buyer_writes(t.thai, "Oldest", ChatSource::ProductPage, "Hello");
    for n in 0..70 {
        t.app
            .buyer_writes(t.thai, &format!("order-{n}"), ChatSource::Order, "Hello");
    }
    let page = jiajia.get("/webchat?tab=queue").await;
    page.assert_contains(&format!("/webchat/conversations/{mine}\""));
    page.assert_lacks("order-");
    // The main account sees all 71, 50 to a page, the longest waiting first, then the
    // newer ones.
    let first = t.app.get("/webchat?tab=queue").await;
    first.assert_contains(&format!("/webchat/conversations/{mine}\""));
    let start = first
        .body
        .find("/webchat?tab=queue&#38;after=")
        .expect("an older page");
    let href: String = first.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect::<String>()
        .replace("&#38;", "&");
    let second = t.app.get(&href).await;
    second.assert_lacks(&format!("/webchat/conversations/{mine}\""));
    let rows = |body: &str| body.matches("class=\"conversation-row\"").count();
    assert_eq!((rows(&first.body), rows(&second.body)), (50, 21));
    // A cursor that is junk is the first page, not an error.
    assert_eq!(
        t.app.get("/webchat?tab=queue&after=junk").await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn every_operation_of_the_core_writes_its_event() {
    let t = team().await;
    let (jiajia, amy) = (&t.jiajia, &t.amy);
    let id = t
        .app
        .buyer_writes(t.thai, "Anong", ChatSource::ProductPage, "Hello");
    let step = |expected: &'static str| {
        let kinds = events_of(&t.app, id);
        assert_eq!(
            kinds.last().map(String::as_str),
            Some(expected),
            "{kinds:?}"
        );
    };
    step("message");
    jiajia
        .1
        .post(&format!("/webchat/conversations/{id}/take"), &[])
        .await;
    step("taken");
    // Opening the chat with the buyer's message unread marks it read.
    t.app
        .buyer_writes(t.thai, "Anong", ChatSource::ProductPage, "Hello");
    jiajia.1.get(&format!("/webchat/conversations/{id}")).await;
    step("read");
    jiajia
        .1
        .post(
            &format!("/webchat/conversations/{id}/reply"),
            &[("text", "Hello!")],
        )
        .await;
    step("message");
    jiajia
        .1
        .post(
            &format!("/webchat/conversations/{id}/note"),
            &[("text", "Wants a call back")],
        )
        .await;
    step("note");
    // The store's integration says the reply reached the buyer.
    let token = t.app.api_token(t.thai, "ERP").await;
    let reply: i64 = t.app.with_db(|c| {
        use sellerdesk::db::schema::messages;
        messages::table
            .filter(messages::conversation_id.eq(id))
            .filter(messages::sender.eq("agent"))
            .select(messages::id)
            .first(c)
            .unwrap()
    });
    let reported = t
        .app
        .client
        .post(t.app.url(&format!("/api/v1/messages/{reply}/delivery")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"status": "delivered"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reported.status(), StatusCode::OK);
    step("delivery");
    online(&amy.1).await;
    jiajia
        .1
        .post(
            &format!("/webchat/conversations/{id}/transfer"),
            &[("target", &format!("member:{}", amy.0))],
        )
        .await;
    step("transferred");
    amy.1
        .post(&format!("/webchat/conversations/{id}/close"), &[])
        .await;
    // Closed, and the buyer is to be asked for a rating.
    let kinds = events_of(&t.app, id);
    assert_eq!(kinds[kinds.len() - 2..], ["closed", "rating_requested"]);
    // The buyer rates it (as the buyer page and the API do, through the core).
    t.app.with_db(|c| {
        use sellerdesk::conversations::{Rater, Rating, rate};
        use sellerdesk::db::schema::conversations;
        let (seller_id, store_id, buyer_id) = conversations::table
            .find(id)
            .select((
                conversations::seller_id,
                conversations::store_id,
                conversations::buyer_id,
            ))
            .first(c)
            .unwrap();
        let rater = Rater {
            seller_id,
            store_id,
            buyer_id,
        };
        let rating = Rating::parse("5", "Thanks").unwrap();
        rate(c, rater, id, &rating, chrono::Utc::now().naive_utc()).unwrap();
    });
    step("rated");
    amy.1
        .post(&format!("/webchat/conversations/{id}/reopen"), &[])
        .await;
    step("reopened");
    t.app
        .post(
            &format!("/account/sub-accounts/{}/status", amy.0),
            &[("enabled", "false")],
        )
        .await;
    step("returned");
    online(&jiajia.1).await;
    step("assigned");
    // Every kind the core knows was written by walking the operations above.
    let all: std::collections::BTreeSet<String> = events_of(&t.app, id).into_iter().collect();
    let known: std::collections::BTreeSet<String> = sellerdesk::conversations::EventKind::ALL
        .iter()
        .map(|k| k.code().to_string())
        .collect();
    assert_eq!(all, known);
}

#[actix_web::test]
async fn a_page_that_reconnects_gets_exactly_what_it_missed() {
    use common::{EventReader, event_conversation};
    use std::time::Duration;
    let t = team().await;
    let jiajia = &t.jiajia.1;
    let mut live = EventReader::new(common::subscribe(jiajia, "/webchat/events").await);
    let first = t
        .app
        .buyer_writes(t.thai, "Anong", ChatSource::ProductPage, "Hello");
    let (seen, data) = live.next().await;
    assert_eq!(event_conversation(&data), first, "{data}");
    drop(live);

    // While the page is away: two buyers write, the seller replies.
    let second = t
        .app
        .buyer_writes(t.thai, "Somchai", ChatSource::ProductPage, "Hello");
    t.app
        .buyer_writes(t.thai, "Anong", ChatSource::ProductPage, "Hello");
    t.app
        .post(
            &format!("/webchat/conversations/{second}/reply"),
            &[("text", "Hi!")],
        )
        .await;
    let missed: Vec<i64> = t.app.with_db(|c| {
        chat_events::table
            .filter(chat_events::id.gt(seen))
            .order(chat_events::id.asc())
            .select(chat_events::id)
            .load(c)
            .expect("events")
    });
    assert!(missed.len() >= 4, "{missed:?}");

    let response = jiajia
        .client
        .get(jiajia.url("/webchat/events"))
        .header("Last-Event-ID", seen.to_string())
        .send()
        .await
        .expect("reconnect");
    let mut again = EventReader::new(response);
    let mut got = Vec::new();
    for _ in &missed {
        got.push(again.next().await.0);
    }
    assert_eq!(got, missed, "the missed events, in order");
    assert_eq!(
        again.next_within(Duration::from_millis(300)).await,
        None,
        "and nothing twice"
    );
    // Then it goes on live.
    let third = t
        .app
        .buyer_writes(t.thai, "Malee", ChatSource::ProductPage, "Hello");
    let (_, data) = again.next().await;
    assert_eq!(event_conversation(&data), third, "{data}");

    // Another seller's events never reach the stream, replayed or live.
    let other = t.app.other_seller("othershop").await;
    let response = other
        .client
        .get(other.url("/webchat/events"))
        .header("Last-Event-ID", "0")
        .send()
        .await
        .expect("stream");
    let mut theirs = EventReader::new(response);
    assert_eq!(theirs.next_within(Duration::from_millis(300)).await, None);
}

#[actix_web::test]
async fn a_role_without_webchat_takes_the_member_offline_and_returns_the_chats() {
    let t = team().await;
    let jiajia = &t.jiajia;
    let chat = t.chat_for_jiajia().await;
    let analyst = t.app.create_role("Analyst", &["team_performance"]).await;
    t.app
        .post(
            &format!("/account/sub-accounts/{}", jiajia.0),
            &[
                ("display_name", "jiajia"),
                ("email", "jiajia@example.com"),
                ("role", &format!("custom:{analyst}")),
            ],
        )
        .await
        .assert_redirect(&format!("/account/sub-accounts/{}", jiajia.0));
    assert_eq!(assignee(&t.app, chat), None);
    assert_eq!(
        events_of(&t.app, chat).last().map(String::as_str),
        Some("returned")
    );
    assert_eq!(presence(&t.app, jiajia.0), "offline");
}

#[actix_web::test]
async fn editing_a_role_to_drop_webchat_returns_its_holders_chats() {
    let t = team().await;
    let role = t.app.create_role("Agents", &["webchat"]).await;
    let lin = t
        .app
        .add_sub_account("lin", &format!("custom:{role}"), &[t.thai])
        .await;
    t.app
        .post(
            &format!(
                "/chat-assignment/stores/{}/groups/{}/members",
                t.thai, t.group
            ),
            &[("members", &lin.to_string())],
        )
        .await;
    let lin_browser = t.app.sub_account_browser("chenshop:lin").await;
    online(&lin_browser).await;
    let chat = t
        .app
        .buyer_writes(t.thai, "Anong", ChatSource::ProductPage, "Hello");
    assert_eq!(assignee(&t.app, chat), Some(lin));
    t.app
        .post(
            &format!("/account/roles/{role}"),
            &[("name", "Agents"), ("permissions", "team_performance")],
        )
        .await;
    assert_eq!(assignee(&t.app, chat), None);
    assert_eq!(
        events_of(&t.app, chat).last().map(String::as_str),
        Some("returned")
    );
}
