//! Webhooks: a small HTTP server plays the marketplace integration. It checks every
//! signature, fails the first attempts, and the tests assert that every reply arrives,
//! in order, with no event missing (a repeat only as a retry of the same event id);
//! that a restart resumes from the cursor; that an endpoint failing for too long is
//! paused with a notice; and who may manage endpoints.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use common::{TestApp, spawn_app_on, spawn_app_with};
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use sellerdesk::db::schema::{activity_log, webhook_endpoints};
use serde_json::{Value, json};
use sha2::Sha256;

/// One request the receiver got, and what it answered.
#[derive(Debug, Clone)]
struct Received {
    event_id: String,
    timestamp: String,
    signature: String,
    body: String,
    answered: u16,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }

    fn signed_with(&self, secret: &str) -> bool {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{}.{}", self.timestamp, self.body).as_bytes());
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.signature == format!("v1={hex}")
    }
}

#[derive(Default)]
struct Plays {
    received: Vec<Received>,
    /// Answer 500 to this many requests before answering 200.
    failures_left: usize,
}

/// The integration's receiver, on a port of its own.
#[derive(Clone)]
struct Receiver {
    plays: Arc<Mutex<Plays>>,
    url: String,
}

async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    plays: web::Data<Mutex<Plays>>,
) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let mut plays = plays.lock().unwrap();
    let answered = if plays.failures_left > 0 {
        plays.failures_left -= 1;
        500
    } else {
        200
    };
    plays.received.push(Received {
        event_id: header("sellerdesk-event-id"),
        timestamp: header("sellerdesk-timestamp"),
        signature: header("sellerdesk-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
        answered,
    });
    if answered == 200 {
        HttpResponse::Ok().body("thanks")
    } else {
        HttpResponse::InternalServerError().body("the marketplace is down")
    }
}

fn receiver(failures: usize) -> Receiver {
    let plays = Arc::new(Mutex::new(Plays {
        received: vec![],
        failures_left: failures,
    }));
    let data = web::Data::from(plays.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/hook", web::post().to(receive))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    actix_web::rt::spawn(server);
    Receiver {
        plays,
        url: format!("http://127.0.0.1:{port}/hook"),
    }
}

impl Receiver {
    fn received(&self) -> Vec<Received> {
        self.plays.lock().unwrap().received.clone()
    }

    fn set_failures(&self, n: usize) {
        self.plays.lock().unwrap().failures_left = n;
    }

    /// The events answered 200, in the order they arrived.
    fn delivered(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.answered == 200)
            .collect()
    }

    async fn wait_for(&self, what: &str, done: impl Fn(&Receiver) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {what}; got {:?}",
                self.received()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

struct Shop {
    app: TestApp,
    store: i64,
    token: String,
}

async fn shop(change: impl FnOnce(&mut sellerdesk::config::ServeArgs)) -> Shop {
    let app = spawn_app_with(change).await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let token = app.api_token(store, "ERP").await;
    Shop { app, store, token }
}

/// Adds an endpoint through the store page; returns its id and secret.
async fn add_endpoint(s: &Shop, url: &str, events: &[&str]) -> (i64, String) {
    let mut fields = vec![("url", url)];
    fields.extend(events.iter().map(|e| ("events", *e)));
    let created = s
        .app
        .post(&format!("/account/stores/{}/webhooks", s.store), &fields)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id = created.redirect_id();
    let page = s
        .app
        .get(&format!("/account/stores/{}/webhooks/{id}", s.store))
        .await;
    let start = page.body.find("whsec_").expect("the secret, shown once");
    let secret: String = page.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    (id, secret)
}

async fn buyer_writes(s: &Shop, external_id: &str) -> i64 {
    let response = s
        .app
        .client
        .post(s.app.url("/api/v1/messages"))
        .bearer_auth(&s.token)
        .json(&json!({"external_id": external_id, "buyer_id": "B-7", "buyer_name": "Somchai", "source": "order", "text": "Where is my parcel?"}))
        .send()
        .await
        .unwrap();
    response.json::<Value>().await.unwrap()["conversation_id"]
        .as_i64()
        .unwrap()
}

async fn reply(s: &Shop, chat: i64, text: &str) {
    let page = s
        .app
        .post(
            &format!("/webchat/conversations/{chat}/reply"),
            &[("text", text)],
        )
        .await;
    assert!(page.status.is_redirection());
}

fn fast_retries(args: &mut sellerdesk::config::ServeArgs) {
    args.webhook_first_retry_ms = 20;
}

#[actix_web::test]
async fn every_reply_arrives_signed_and_in_order_through_failures() {
    let s = shop(fast_retries).await;
    let hook = receiver(2);
    let (_, secret) =
        add_endpoint(&s, &hook.url, &["message.created", "conversation.closed"]).await;
    let chat = buyer_writes(&s, "m-1").await;
    let replies = [
        "It left the warehouse.",
        "Tracking: TH123.",
        "Anything else?",
    ];
    for text in replies {
        reply(&s, chat, text).await;
    }
    s.app
        .post(&format!("/webchat/conversations/{chat}/close"), &[])
        .await;
    hook.wait_for("three replies and the close", |h| h.delivered().len() == 4)
        .await;

    let all = hook.received();
    assert!(all.iter().all(|r| r.signed_with(&secret)), "{all:?}");
    assert!(!all.iter().any(|r| r.signed_with("whsec_wrong")));
    // A repeat is a retry of the same event: ids never go back.
    let ids: Vec<i64> = all.iter().map(|r| r.event_id.parse().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] <= w[1]), "{ids:?}");
    let delivered = hook.delivered();
    let texts: Vec<String> = delivered
        .iter()
        .filter_map(|r| r.json()["message"]["text"].as_str().map(str::to_string))
        .collect();
    assert_eq!(texts, replies);
    assert_eq!(delivered[3].json()["type"], "conversation.closed");
    for r in &delivered {
        assert_eq!(r.json()["id"].to_string(), r.event_id);
        assert_eq!(r.json()["store_id"], s.store);
    }
    // Nothing the endpoint did not ask for (the take that assigned the chat).
    assert!(
        all.iter()
            .all(|r| r.json()["type"] != "conversation.assigned")
    );

    let page = s
        .app
        .get(&format!(
            "/account/stores/{}/webhooks/{}",
            s.store,
            endpoint_id(&s)
        ))
        .await;
    page.assert_contains("Delivered");
    page.assert_contains("thanks");
    // The first reply took three attempts (two answered 500); the log says so once the
    // worker has recorded the last answer.
    let attempts = || -> Vec<(i32, String)> {
        s.app.with_db(|c| {
            use sellerdesk::db::schema::webhook_deliveries;
            webhook_deliveries::table
                .order(webhook_deliveries::id.asc())
                .select((webhook_deliveries::attempts, webhook_deliveries::status))
                .load(c)
                .unwrap()
        })
    };
    let start = Instant::now();
    while attempts()
        .iter()
        .filter(|(_, status)| status == "delivered")
        .count()
        < 4
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{:?}",
            attempts()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let counts: Vec<i32> = attempts().into_iter().map(|(n, _)| n).collect();
    assert_eq!(counts, [3, 1, 1, 1]);
}

fn endpoint_id(s: &Shop) -> i64 {
    s.app.with_db(|c| {
        webhook_endpoints::table
            .select(webhook_endpoints::id)
            .first(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn a_restarted_app_resumes_from_the_cursor() {
    // Retries two seconds apart: time enough to stop the app while it waits for one.
    let s = shop(|args| args.webhook_first_retry_ms = 2000).await;
    let hook = receiver(usize::MAX);
    add_endpoint(&s, &hook.url, &["message.created"]).await;
    let chat = buyer_writes(&s, "m-1").await;
    reply(&s, chat, "First").await;
    reply(&s, chat, "Second").await;
    hook.wait_for("an attempt", |h| !h.received().is_empty())
        .await;
    // Stopped while it waits to retry (a worker stopped midway holds its lease until
    // the lease ends, half a minute).
    let start = Instant::now();
    while s.app.with_db(|c| {
        webhook_endpoints::table
            .select((
                webhook_endpoints::leased_by,
                webhook_endpoints::next_attempt_at,
            ))
            .first::<(Option<i64>, Option<chrono::NaiveDateTime>)>(c)
            .map(|(lease, next)| lease.is_some() || next.is_none())
            .unwrap()
    }) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never waiting to retry"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let key = s.app.secret_key.clone();
    let db = s.app.stop().await;
    // The receiver comes back while the app is down; the app starts again.
    hook.set_failures(0);
    let app = spawn_app_on(db, Some(key)).await;
    hook.wait_for("both replies", |h| h.delivered().len() == 2)
        .await;
    let texts: Vec<String> = hook
        .delivered()
        .iter()
        .map(|r| r.json()["message"]["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["First", "Second"]);
    // The cursor moves to the last delivered event once its answer is recorded.
    let last = hook.delivered()[1].event_id.clone();
    let start = Instant::now();
    while app
        .with_db(|c| {
            webhook_endpoints::table
                .select(webhook_endpoints::cursor)
                .first::<i64>(c)
                .unwrap()
        })
        .to_string()
        != last
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the cursor stays behind"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[actix_web::test]
async fn an_endpoint_failing_too_long_is_paused_with_a_notice_and_resumes() {
    let s = shop(|args| {
        args.webhook_first_retry_ms = 50;
        args.webhook_give_up_seconds = 1;
    })
    .await;
    let hook = receiver(usize::MAX);
    let (id, _) = add_endpoint(&s, &hook.url, &["message.created"]).await;
    let chat = buyer_writes(&s, "m-1").await;
    reply(&s, chat, "Are you there?").await;
    let start = Instant::now();
    while s
        .app
        .with_db(|c| {
            webhook_endpoints::table
                .select(webhook_endpoints::paused_at)
                .first::<Option<chrono::NaiveDateTime>>(c)
                .unwrap()
        })
        .is_none()
    {
        assert!(start.elapsed() < Duration::from_secs(20), "never paused");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    s.app
        .get(&format!("/account/stores/{}", s.store))
        .await
        .assert_contains("was paused because it kept failing");
    let by: String = s.app.with_db(|c| {
        activity_log::table
            .filter(activity_log::object_type.eq("webhook"))
            .filter(activity_log::action.eq("disabled"))
            .select(activity_log::actor_name)
            .first(c)
            .unwrap()
    });
    assert_eq!(by, "Sellerdesk");
    let attempts = hook.received().len();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        hook.received().len(),
        attempts,
        "a paused endpoint gets nothing"
    );

    hook.set_failures(0);
    s.app
        .post(
            &format!("/account/stores/{}/webhooks/{id}/resume", s.store),
            &[],
        )
        .await;
    hook.wait_for("the waiting reply", |h| h.delivered().len() == 1)
        .await;
    assert_eq!(
        hook.delivered()[0].json()["message"]["text"],
        "Are you there?"
    );
}

#[actix_web::test]
async fn a_test_event_and_a_resend_reach_the_receiver_signed() {
    let s = shop(fast_retries).await;
    let hook = receiver(0);
    let (id, secret) = add_endpoint(&s, &hook.url, &["message.created"]).await;
    let base = format!("/account/stores/{}/webhooks/{id}", s.store);
    s.app.post(&format!("{base}/test"), &[]).await;
    s.app
        .get(&base)
        .await
        .assert_contains("The test event was delivered.");
    let test = &hook.received()[0];
    assert_eq!(test.json()["type"], "webhook.test");
    assert!(test.signed_with(&secret));

    let chat = buyer_writes(&s, "m-1").await;
    reply(&s, chat, "Here you go").await;
    hook.wait_for("the reply", |h| h.delivered().len() == 2)
        .await;
    let first = hook.delivered()[1].event_id.clone();
    // The receiver answered; the worker records the delivery right after.
    let logged = || {
        s.app.with_db(|c| {
            use sellerdesk::db::schema::webhook_deliveries;
            webhook_deliveries::table
                .filter(webhook_deliveries::event_id.is_not_null())
                .select(webhook_deliveries::id)
                .first::<i64>(c)
                .optional()
                .unwrap()
        })
    };
    let start = Instant::now();
    let delivery = loop {
        if let Some(id) = logged() {
            break id;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "never logged");
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    s.app
        .post(&format!("{base}/deliveries/{delivery}/resend"), &[])
        .await;
    let again = hook.received().last().unwrap().clone();
    assert_eq!(again.event_id, first, "the same event, again");
    assert!(again.signed_with(&secret));
}

#[actix_web::test]
async fn only_the_stores_managers_may_manage_its_webhooks_and_urls_are_checked() {
    let s = shop(fast_retries).await;
    let hook = receiver(0);
    let (id, _) = add_endpoint(&s, &hook.url, &["message.created"]).await;
    let list = format!("/account/stores/{}/webhooks", s.store);
    let endpoint = format!("{list}/{id}");

    let other = s.app.other_seller("otherseller").await;
    assert_eq!(other.get(&list).await.status, StatusCode::NOT_FOUND);
    assert_eq!(other.get(&endpoint).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.post(&format!("{endpoint}/pause"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    s.app
        .add_sub_account("nok", "builtin:customer_service", &[s.store])
        .await;
    let nok = s.app.sub_account_browser("chenshop:nok").await;
    assert_eq!(nok.get(&list).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        nok.post(&format!("{endpoint}/delete"), &[("confirm", "yes")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let own = format!("{}/account", s.app.address);
    for (url, message) in [
        ("http://erp.example.com/hook", "Use https://."),
        ("not a url", "Enter a full web address"),
        (own.as_str(), "own address: enter your integration"),
    ] {
        let page = s
            .app
            .post(&list, &[("url", url), ("events", "message.created")])
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        page.assert_contains(message);
    }
    let page = s
        .app
        .post(&list, &[("url", "https://erp.example.com/hook")])
        .await;
    page.assert_contains("Tick at least one event.");
    let count: i64 = s
        .app
        .with_db(|c| webhook_endpoints::table.count().get_result(c).unwrap());
    assert_eq!(count, 1, "refused forms add nothing");

    // Deleting asks first.
    let asked = s.app.post(&format!("{endpoint}/delete"), &[]).await;
    asked.assert_contains("Delete this webhook endpoint?");
    s.app
        .post(&format!("{endpoint}/delete"), &[("confirm", "yes")])
        .await;
    s.app
        .get(&list)
        .await
        .assert_contains("No webhook endpoints yet.");
}

#[actix_web::test]
async fn two_instances_deliver_each_event_once() {
    let s = shop(fast_retries).await;
    if !s.app.db.is_postgres() {
        eprintln!("several instances need PostgreSQL: skipped on SQLite");
        return;
    }
    let (_, b) = common::second_instance(&s.app);
    let hook = receiver(0);
    add_endpoint(&s, &hook.url, &["message.created"]).await;
    let chat = buyer_writes(&s, "m-1").await;
    for n in 0..12 {
        reply(&s, chat, &format!("Reply {n}")).await;
    }
    hook.wait_for("twelve replies", |h| h.delivered().len() >= 12)
        .await;
    // Both instances had time to try anything twice.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let ids: Vec<String> = hook.received().iter().map(|r| r.event_id.clone()).collect();
    let once: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), 12, "{ids:?}");
    assert_eq!(once.len(), 12);
    b.stop(true).await;
}
