//! Receiving buyer messages: storage, idempotency, routing and automatic replies,
//! driven through the area function with an injected clock.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{TestApp, spawn_app};
use diesel::prelude::*;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::conversations::{Incoming, receive};
use sellerdesk::db::schema::{agent_presence, chat_events, conversations, messages, stores};
use sellerdesk::stores::model::Store;

/// Monday 2026-11-23 at `hour`:00 in Bangkok (UTC+7), as UTC.
fn bangkok(hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        + chrono::Duration::hours(i64::from(hour) - 7)
}

fn store(app: &TestApp, id: i64) -> Store {
    app.with_db(|c| {
        stores::table
            .find(id)
            .select(Store::as_select())
            .first(c)
            .unwrap()
    })
}

fn message(buyer: &str, source: ChatSource, text: &str, external_id: Option<&str>) -> Incoming {
    Incoming {
        buyer_key: buyer.into(),
        buyer_name: buyer.into(),
        source,
        text: text.into(),
        image: None,
        external_id: external_id.map(str::to_string),
        origin: None,
    }
}

fn set_status(app: &TestApp, account_id: i64, status: &str) {
    app.with_db(|c| {
        diesel::insert_into(agent_presence::table)
            .values((
                agent_presence::account_id.eq(account_id),
                agent_presence::seller_id.eq(1),
                agent_presence::status.eq(status),
                agent_presence::updated_at.eq(bangkok(8)),
            ))
            .execute(c)
            .unwrap();
    });
}

fn assignee(app: &TestApp, conversation_id: i64) -> Option<i64> {
    app.with_db(|c| {
        conversations::table
            .find(conversation_id)
            .select(conversations::assignee_id)
            .first(c)
            .unwrap()
    })
}

fn senders(app: &TestApp, conversation_id: i64) -> Vec<String> {
    app.with_db(|c| {
        messages::table
            .filter(messages::conversation_id.eq(conversation_id))
            .order(messages::id)
            .select(messages::sender)
            .load(c)
            .unwrap()
    })
}

async fn shop_with_group() -> (TestApp, i64, i64, i64) {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let jiajia = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    let amy = app
        .add_sub_account("amy", "builtin:customer_service", &[thai])
        .await;
    let (j, a) = (jiajia.to_string(), amy.to_string());
    app.post(
        &format!("/chat-assignment/stores/{thai}/groups"),
        &[
            ("name", "Pre-sales"),
            ("members", &j),
            ("members", &a),
            ("sources", "product_page"),
        ],
    )
    .await;
    (app, thai, jiajia, amy)
}

#[actix_web::test]
async fn a_message_with_no_group_for_its_source_waits_for_the_main_account() {
    let (app, thai, _, _) = shop_with_group().await;
    let store = store(&app, thai);
    let accepted = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b1", ChatSource::Order, "Where is my parcel?", None),
            bangkok(10),
        )
        .unwrap()
    });
    assert!(!accepted.duplicate);
    assert_eq!(assignee(&app, accepted.conversation_id), None);
    assert_eq!(senders(&app, accepted.conversation_id), vec!["buyer"]);
    assert_eq!(assignment_events(&app), Vec::<String>::new());
}

/// The event log's changes of assignee and status, oldest first (messages left out).
fn assignment_events(app: &TestApp) -> Vec<String> {
    app.with_db(|c| {
        chat_events::table
            .filter(chat_events::kind.ne_all(["message", "read"]))
            .order(chat_events::id.asc())
            .select(chat_events::kind)
            .load(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn an_online_member_gets_the_chat_and_keeps_the_buyer() {
    let (app, thai, jiajia, amy) = shop_with_group().await;
    let store = store(&app, thai);
    let offline = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b0", ChatSource::ProductPage, "Hello?", None),
            bangkok(9),
        )
        .unwrap()
    });
    assert_eq!(
        assignee(&app, offline.conversation_id),
        None,
        "nobody online: the group queue"
    );
    set_status(&app, jiajia, "online");
    set_status(&app, amy, "idle");
    let first = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b1", ChatSource::ProductPage, "Is this in stock?", None),
            bangkok(10),
        )
        .unwrap()
    });
    assert_eq!(assignee(&app, first.conversation_id), Some(jiajia));
    assert_eq!(assignment_events(&app), vec!["assigned"]);
    // The buyer's next message stays with jiajia, in the same conversation.
    let second = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b1", ChatSource::ProductPage, "Size M?", None),
            bangkok(10),
        )
        .unwrap()
    });
    assert_eq!(second.conversation_id, first.conversation_id);
    assert_eq!(assignee(&app, first.conversation_id), Some(jiajia));
    assert_eq!(assignment_events(&app), vec!["assigned"]);
}

#[actix_web::test]
async fn the_same_external_id_is_the_same_message() {
    let (app, thai, _, _) = shop_with_group().await;
    let store = store(&app, thai);
    let incoming = message("api:42", ChatSource::Order, "Refund please", Some("ext-1"));
    let first = app.with_db(|c| receive(c, &store, &incoming, bangkok(10)).unwrap());
    let again = app.with_db(|c| receive(c, &store, &incoming, bangkok(11)).unwrap());
    assert!(again.duplicate);
    assert_eq!(
        (again.conversation_id, again.message_id),
        (first.conversation_id, first.message_id)
    );
    assert_eq!(app.count("messages"), 1);
}

#[actix_web::test]
async fn the_automatic_reply_goes_once_a_day_and_off_work_hours_switch_it() {
    let (app, thai, _, _) = shop_with_group().await;
    let url = format!("/chat-assignment/stores/{thai}/settings");
    app.post(
        &format!("{url}/auto-reply"),
        &[("enabled", "on"), ("text", "Thanks! We reply soon.")],
    )
    .await;
    let store = store(&app, thai);
    let send = |buyer: &str, at: NaiveDateTime| {
        app.with_db(|c| {
            receive(
                c,
                &store,
                &message(buyer, ChatSource::ProductPage, "Hi", None),
                at,
            )
            .unwrap()
        })
        .conversation_id
    };
    let conversation = send("b1", bangkok(10));
    assert_eq!(senders(&app, conversation), vec!["buyer", "auto"]);
    send("b1", bangkok(20));
    assert_eq!(
        senders(&app, conversation),
        vec!["buyer", "auto", "buyer"],
        "at most once per 24 hours"
    );
    send("b1", bangkok(10) + chrono::Duration::hours(25));
    assert_eq!(
        senders(&app, conversation),
        vec!["buyer", "auto", "buyer", "buyer", "auto"]
    );

    app.post(
        &format!("{url}/off-work"),
        &[
            ("enabled", "on"),
            ("text", "We are closed."),
            ("day0", "09:00-18:00"),
        ],
    )
    .await;
    let store = crate::store(&app, thai);
    let at_night = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b2", ChatSource::ProductPage, "Hi", None),
            bangkok(21),
        )
        .unwrap()
    });
    let day_time = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b3", ChatSource::ProductPage, "Hi", None),
            bangkok(11),
        )
        .unwrap()
    });
    let bodies = |id: i64| -> Vec<String> {
        app.with_db(|c| {
            messages::table
                .filter(messages::conversation_id.eq(id))
                .filter(messages::sender.eq("auto"))
                .select(messages::body)
                .load(c)
                .unwrap()
        })
    };
    assert_eq!(bodies(at_night.conversation_id), vec!["We are closed."]);
    assert_eq!(
        bodies(day_time.conversation_id),
        vec!["Thanks! We reply soon."]
    );
}

#[actix_web::test]
async fn a_new_buyer_message_reopens_a_closed_dialogue() {
    let (app, thai, _, _) = shop_with_group().await;
    let store = store(&app, thai);
    let first = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b1", ChatSource::Order, "Hi", None),
            bangkok(10),
        )
        .unwrap()
    });
    app.with_db(|c| {
        diesel::update(conversations::table.find(first.conversation_id))
            .set(conversations::status.eq("closed"))
            .execute(c)
            .unwrap()
    });
    let again = app.with_db(|c| {
        receive(
            c,
            &store,
            &message("b1", ChatSource::Order, "One more thing", None),
            bangkok(12),
        )
        .unwrap()
    });
    assert_eq!(again.conversation_id, first.conversation_id);
    let status: String = app.with_db(|c| {
        conversations::table
            .find(first.conversation_id)
            .select(conversations::status)
            .first(c)
            .unwrap()
    });
    assert_eq!(status, "open");
}
