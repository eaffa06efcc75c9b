//! The inbox lists: the Queue oldest-waiting first with how long each buyer has waited,
//! search by buyer or message across the chats the viewer may see, keyset pages.

mod common;

use chrono::{Duration, Utc};
use common::{TestApp, spawn_app};
use diesel::prelude::*;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::db::schema::conversations;

async fn shop() -> (TestApp, i64) {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    (app, thai)
}

/// Makes the chat's buyer wait since `minutes` ago.
fn waiting_for(app: &TestApp, chat: i64, minutes: i64) {
    let since = Utc::now().naive_utc() - Duration::minutes(minutes);
    app.with_db(|c| {
        diesel::update(conversations::table.find(chat))
            .set((
                conversations::awaiting_since.eq(Some(since)),
                conversations::last_message_at.eq(since),
            ))
            .execute(c)
            .unwrap()
    });
}

fn position(body: &str, text: &str) -> usize {
    body.find(text)
        .unwrap_or_else(|| panic!("{text} is not listed:\n{body}"))
}

#[actix_web::test]
async fn the_queue_shows_the_longest_waiting_buyer_first() {
    let (app, thai) = shop().await;
    let recent = app.buyer_writes(thai, "Recent", ChatSource::ProductPage, "Hi");
    let oldest = app.buyer_writes(thai, "Oldest", ChatSource::ProductPage, "Hello?");
    let middle = app.buyer_writes(thai, "Middle", ChatSource::ProductPage, "Anyone?");
    waiting_for(&app, recent, 2);
    waiting_for(&app, oldest, 125);
    waiting_for(&app, middle, 40);
    let queue = app.get("/webchat?tab=queue").await.body;
    assert!(position(&queue, "Oldest") < position(&queue, "Middle"));
    assert!(position(&queue, "Middle") < position(&queue, "Recent"));
    assert!(queue.contains("waiting 2 hours"), "{queue}");
    assert!(queue.contains("waiting 40 minutes"));
    // The other tabs stay newest first.
    let all = app.get("/webchat?tab=all").await.body;
    assert!(position(&all, "Recent") < position(&all, "Oldest"));
}

#[actix_web::test]
async fn the_queue_pages_by_fifty_without_losing_or_repeating_a_chat() {
    let (app, thai) = shop().await;
    for n in 0..55 {
        let chat = app.buyer_writes(thai, &format!("Buyer {n:02}"), ChatSource::Order, "Hi");
        waiting_for(&app, chat, 200 - n);
    }
    let first = app.get("/webchat?tab=queue").await.body;
    assert_eq!(first.matches("class=\"conversation-row\"").count(), 50);
    assert!(first.contains("Buyer 00") && first.contains("Buyer 49"));
    assert!(!first.contains("Buyer 50"));
    let marker = "href=\"/webchat?tab=queue&#38;after=";
    let start = position(&first, marker) + "href=\"".len();
    let end = start + first[start..].find('"').unwrap();
    let older = first[start..end].replace("&#38;", "&");
    let second = app.get(&older).await.body;
    assert_eq!(second.matches("class=\"conversation-row\"").count(), 5);
    assert!(second.contains("Buyer 50") && second.contains("Buyer 54"));
    assert!(!second.contains("Buyer 49"));
}

#[actix_web::test]
async fn search_finds_buyers_and_messages_among_the_chats_the_viewer_may_see() {
    let (app, thai) = shop().await;
    let my = app.add_store("Chen MY", "MY").await;
    app.buyer_writes(
        thai,
        "Somchai",
        ChatSource::Order,
        "Where is order SO-12345?",
    );
    app.buyer_writes(
        thai,
        "Anong",
        ChatSource::Order,
        "Do you ship 50% off items?",
    );
    app.buyer_writes(my, "Aminah", ChatSource::Order, "Order SO-12345 too");
    let found = app.get("/webchat?tab=all&q=so-12345").await.body;
    assert!(found.contains("Somchai") && found.contains("Aminah"));
    assert!(!found.contains("Anong"));
    let by_name = app.get("/webchat?tab=all&q=SOMCH").await.body;
    assert!(by_name.contains("Somchai") && !by_name.contains("Aminah"));
    // `%` is a character, not a wildcard.
    let percent = app.get("/webchat?tab=all&q=%25").await.body;
    assert!(percent.contains("Anong") && !percent.contains("Somchai"));
    let none = app.get("/webchat?tab=all&q=nothing-like-this").await;
    none.assert_contains("No conversation matches this search.");

    // A member granted the Thai store only finds nothing of the other store, and
    // another seller nothing at all.
    app.add_sub_account("sup", "builtin:supervisor", &[thai])
        .await;
    let sup = app.sub_account_browser("chenshop:sup").await;
    let scoped = sup.get("/webchat?tab=all&q=SO-12345").await.body;
    assert!(scoped.contains("Somchai") && !scoped.contains("Aminah"));
    let other = app.other_seller("othershop").await;
    let theirs = other.get("/webchat?tab=all&q=SO-12345").await.body;
    assert!(!theirs.contains("Somchai") && !theirs.contains("Aminah"));
}
