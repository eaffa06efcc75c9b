//! Several app instances on one PostgreSQL database behind a load balancer: an agent
//! connected to instance A hears, live, a buyer message that arrived on instance B.
//! On SQLite there is one instance, so there is nothing to bridge and the test says so.

mod common;

use common::{Browser, event_conversation, next_chat_event, spawn_app, subscribe};
use diesel::prelude::*;
use sellerdesk::db::schema::{conversations, stores};

#[actix_web::test]
async fn an_agent_on_one_instance_hears_a_message_that_arrived_on_another() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        eprintln!("live events across instances need PostgreSQL: skipped on SQLite");
        return;
    }
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let mut events = subscribe(&app.main, "/webchat/events").await;

    let (address_b, handle_b) = common::second_instance(&app);

    // A buyer writes through instance B's chat page.
    let key: String = app.with_db(|c| {
        stores::table
            .find(thai)
            .select(stores::public_key)
            .first(c)
            .expect("store key")
    });
    let buyer = Browser::new(address_b);
    buyer.get(&format!("/chat/{key}?source=product_page")).await;
    let source = ("source", "product_page");
    buyer
        .post(
            &format!("/chat/{key}"),
            &[("display_name", "Somchai"), source],
        )
        .await;
    buyer
        .post(&format!("/chat/{key}"), &[("text", "Hello from B"), source])
        .await;
    let conversation: i64 = app.with_db(|c| {
        conversations::table
            .select(conversations::id)
            .first(c)
            .expect("the conversation")
    });

    let event = next_chat_event(&mut events).await;
    assert_eq!(event_conversation(&event), conversation, "{event}");
    handle_b.stop(true).await;
}

#[actix_web::test]
async fn a_lost_listening_connection_loses_no_event() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        eprintln!("listening connections exist on PostgreSQL only: skipped on SQLite");
        return;
    }
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let mut events = common::EventReader::new(subscribe(&app.main, "/webchat/events").await);

    let (address_b, handle_b) = common::second_instance(&app);

    // The database drops every instance's listening connection mid-stream.
    let killed: i64 = app.with_db(|c| {
        #[derive(QueryableByName)]
        struct Killed {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::sql_query(format!(
            "SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_stat_activity \
             WHERE application_name = '{}' AND datname = current_database()",
            sellerdesk::webchat::pg_bridge::APPLICATION_NAME
        ))
        .get_result::<Killed>(c)
        .expect("terminate")
        .n
    });
    assert!(killed >= 1, "the listeners were found");

    // Buyers write through instance B at once: instance A's agent hears every message.
    let key: String = app.with_db(|c| {
        stores::table
            .find(thai)
            .select(stores::public_key)
            .first(c)
            .expect("store key")
    });
    let source = ("source", "product_page");
    for name in ["Somchai", "Anong", "Malee"] {
        let buyer = Browser::new(address_b.clone());
        buyer.get(&format!("/chat/{key}?source=product_page")).await;
        buyer
            .post(&format!("/chat/{key}"), &[("display_name", name), source])
            .await;
        buyer
            .post(&format!("/chat/{key}"), &[("text", "Hello from B"), source])
            .await;
    }
    let stored: Vec<i64> = app.with_db(|c| {
        use sellerdesk::db::schema::chat_events;
        chat_events::table
            .order(chat_events::id.asc())
            .select(chat_events::id)
            .load(c)
            .expect("events")
    });
    let mut heard = Vec::new();
    for _ in &stored {
        heard.push(events.next().await.0);
    }
    assert_eq!(heard, stored);
    handle_b.stop(true).await;
}
