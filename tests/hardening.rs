//! Limits on the public doors, sessions that really end, sign-in throttles that cannot
//! lock the owner out, and the operational guards — each tried as an attacker would.

mod common;

use std::time::Duration;

use common::{Browser, PASSWORD, TestApp, spawn_app, spawn_app_with, subscribe};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{
    accounts, activity_log, conversations, login_attempts, sessions, stores,
};

fn store_key(app: &TestApp, store: i64) -> String {
    app.with_db(|c| {
        stores::table
            .find(store)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    })
}

/// A buyer on the chat page from `ip`: names themself and writes `text`.
async fn buyer_says(app: &TestApp, ip: &str, key: &str, text: &str) -> (Browser, common::Page) {
    let buyer = Browser::from_address(app.address.clone(), ip);
    buyer.get(&format!("/chat/{key}")).await;
    buyer
        .post(&format!("/chat/{key}"), &[("display_name", "Somchai")])
        .await;
    let page = buyer.post(&format!("/chat/{key}"), &[("text", text)]).await;
    (buyer, page)
}

fn retry_after(page_headers: &reqwest::header::HeaderMap) -> u64 {
    page_headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After header")
}

#[actix_web::test]
async fn a_flood_from_one_address_is_refused_while_a_buyer_elsewhere_reaches_the_queue() {
    let app = spawn_app_with(|a| {
        a.limits.buyer_per_address = 6;
        a.limits.open_chats_per_address = 2;
    })
    .await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let key = store_key(&app, store);

    // Each new browser from 127.0.0.3 opens a new chat: two may be open at once.
    for n in 0..2 {
        let (_, page) = buyer_says(&app, "127.0.0.3", &key, &format!("flood {n}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let (_, third) = buyer_says(&app, "127.0.0.3", &key, "flood 2").await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    third.assert_contains("Too many requests");
    assert_eq!(app.count("conversations"), 2);

    // The address's posting rate runs out too, with a time to come back.
    let flooder = Browser::from_address(app.address.clone(), "127.0.0.3");
    let mut refused = None;
    for _ in 0..10 {
        let response = flooder
            .client
            .post(flooder.url(&format!("/chat/{key}")))
            .form(&[
                ("display_name", "Bot"),
                ("csrf_token", &flooder.csrf().await),
            ])
            .send()
            .await
            .unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(retry_after(response.headers()));
            break;
        }
    }
    assert!(
        refused.is_some_and(|s| s >= 1),
        "the address was never refused"
    );

    // A real buyer somewhere else gets through and reaches the queue.
    let (_, page) = buyer_says(&app, "127.0.0.4", &key, "Is the blue one in stock?").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("conversations"), 3);
    let inbox = app.get("/webchat?tab=queue").await;
    inbox.assert_contains("Is the blue one in stock?");
}

#[actix_web::test]
async fn one_conversation_may_not_be_flooded_with_messages() {
    let app = spawn_app_with(|a| a.limits.messages_per_conversation = 3).await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let key = store_key(&app, store);
    let (buyer, first) = buyer_says(&app, "127.0.0.5", &key, "one").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    for text in ["two", "three"] {
        let page = buyer.post(&format!("/chat/{key}"), &[("text", text)]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let page = buyer
        .post(&format!("/chat/{key}"), &[("text", "four")])
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("messages"), 3);
}

#[actix_web::test]
async fn an_api_token_has_its_own_allowance() {
    let app = spawn_app_with(|a| a.limits.api_per_token = 3).await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let token = app.api_token(store, "ERP").await;
    let post = |n: usize| {
        let client = app.client.clone();
        let (url, token) = (app.url("/api/v1/messages"), token.clone());
        async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&serde_json::json!({"buyer_id": format!("b{n}"), "source": "order", "text": "hi"}))
                .send()
                .await
                .unwrap()
        }
    };
    for n in 0..3 {
        assert_eq!(post(n).await.status(), StatusCode::CREATED);
    }
    let refused = post(3).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(refused.headers()) >= 1);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_eq!(app.count("messages"), 3);
}

/// The session cookie as the browser would send it.
async fn signed_in_cookie(app: &TestApp, username: &str) -> (reqwest::Client, String) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let browser = Browser::with_client(app.address.clone(), client.clone());
    browser
        .login(username, PASSWORD)
        .await
        .assert_redirect("/home");
    use reqwest::cookie::CookieStore;
    let url: reqwest::Url = app.address.parse().unwrap();
    let cookie = jar.cookies(&url).unwrap().to_str().unwrap().to_string();
    (client, cookie)
}

async fn status_with_cookie(app: &TestApp, cookie: &str, path: &str) -> StatusCode {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
}

#[actix_web::test]
async fn a_copied_cookie_dies_with_the_sign_out() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (client, cookie) = signed_in_cookie(&app, "chenshop").await;
    assert_eq!(
        status_with_cookie(&app, &cookie, "/home").await,
        StatusCode::OK
    );
    let browser = Browser::with_client(app.address.clone(), client);
    browser.get("/home").await;
    browser.logout().await.assert_redirect("/login");
    assert_eq!(
        status_with_cookie(&app, &cookie, "/home").await,
        StatusCode::SEE_OTHER
    );
}

#[actix_web::test]
async fn sessions_end_when_idle_or_old() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (_, idle) = signed_in_cookie(&app, "chenshop").await;
    let (_, old) = signed_in_cookie(&app, "chenshop").await;
    let (_, fresh) = signed_in_cookie(&app, "chenshop").await;
    let now = chrono::Utc::now().naive_utc();
    app.with_db(|c| {
        let ids: Vec<i64> = sessions::table
            .order(sessions::id.desc())
            .select(sessions::id)
            .load(c)
            .unwrap();
        // Newest first: fresh, old, idle.
        diesel::update(sessions::table.find(ids[2]))
            .set(sessions::last_seen_at.eq(now - chrono::Duration::hours(13)))
            .execute(c)
            .unwrap();
        diesel::update(sessions::table.find(ids[1]))
            .set(sessions::created_at.eq(now - chrono::Duration::days(15)))
            .execute(c)
            .unwrap();
    });
    assert_eq!(
        status_with_cookie(&app, &idle, "/home").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        status_with_cookie(&app, &old, "/home").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        status_with_cookie(&app, &fresh, "/home").await,
        StatusCode::OK
    );
    // Housekeeping deletes what has expired.
    let (ended, _) = sellerdesk::maintenance::tidy(&app.state).await.unwrap();
    assert_eq!(ended, 2);
}

#[actix_web::test]
async fn signing_out_everywhere_else_keeps_this_browser() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let laptop = app.browser();
    laptop.login("chenshop", PASSWORD).await;
    let page = app.get("/account/security").await;
    page.assert_contains("Sign out of all other sessions");
    // The first post asks for a confirmation and changes nothing.
    let confirm = app.post("/account/security/sessions/end-others", &[]).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(laptop.get("/home").await.status, StatusCode::OK);
    app.post(
        "/account/security/sessions/end-others",
        &[("confirm", "yes")],
    )
    .await
    .assert_redirect("/account/security");
    assert_eq!(laptop.get("/home").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/home").await.status, StatusCode::OK);
    let logged = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("sessions_ended"))
            .count()
            .get_result::<i64>(c)
            .unwrap()
    });
    assert_eq!(logged, 1);
}

/// Whether the stream ends (rather than stays open) within `wait`.
async fn ends_within(response: &mut reqwest::Response, wait: Duration) -> bool {
    let read = async {
        loop {
            match response.chunk().await {
                Ok(Some(_)) => continue,
                _ => return,
            }
        }
    };
    tokio::time::timeout(wait, read).await.is_ok()
}

#[actix_web::test]
async fn event_streams_end_with_their_session_or_access() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let agent_id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[store])
        .await;
    let agent = app.sub_account_browser("chenshop:jiajia").await;

    // Sign-out ends the stream of that session.
    let mut own = subscribe(&app.main, "/webchat/events").await;
    app.logout().await;
    assert!(
        ends_within(&mut own, Duration::from_secs(5)).await,
        "after sign-out"
    );

    // A revoked store grant ends the member's stream (it reconnects with the new grants).
    let mut stream = subscribe(&agent, "/webchat/events").await;
    app.login("chenshop", PASSWORD).await;
    app.post(&format!("/account/sub-accounts/{agent_id}/stores"), &[])
        .await;
    assert!(
        ends_within(&mut stream, Duration::from_secs(5)).await,
        "after a grant change"
    );

    // Disabling ends it too, and no new one opens.
    let mut stream = subscribe(&agent, "/webchat/events").await;
    app.post(
        &format!("/account/sub-accounts/{agent_id}/status"),
        &[("enabled", "false")],
    )
    .await;
    assert!(
        ends_within(&mut stream, Duration::from_secs(5)).await,
        "after disabling"
    );
    let again = agent
        .client
        .get(agent.url("/webchat/events"))
        .send()
        .await
        .unwrap();
    assert_ne!(again.status(), StatusCode::OK);
}

#[actix_web::test]
async fn event_streams_are_limited_per_session_and_address_and_given_back() {
    let app = spawn_app_with(|a| {
        a.limits.streams_per_session = 2;
        a.limits.streams_per_address = 3;
    })
    .await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let key = store_key(&app, store);
    let _first = subscribe(&app.main, "/webchat/events").await;
    let _second = subscribe(&app.main, "/webchat/events").await;
    let third = app
        .client
        .get(app.url("/webchat/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS, "per session");
    assert!(retry_after(third.headers()) >= 1);
    // A buyer page from the same address takes the address's last place.
    let buyer = app.browser();
    let _buyer_stream = subscribe(&buyer, &format!("/chat/{key}/events")).await;
    let another = app.browser();
    let refused = another
        .client
        .get(another.url(&format!("/chat/{key}/events")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refused.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "per address"
    );
    // Streams that end give their places back.
    app.logout().await;
    let mut opened = false;
    for _ in 0..50 {
        let r = another
            .client
            .get(another.url(&format!("/chat/{key}/events")))
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::OK {
            opened = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(opened);
}

#[actix_web::test]
async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    let attacker = Browser::from_address(app.address.clone(), "127.0.0.6");
    let mut last = StatusCode::OK;
    for _ in 0..6 {
        last = attacker.login("chenshop", "wrong password").await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // Even the right password waits its turn from there.
    let page = attacker.login("chenshop", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_contains("Try again in");
    // The owner, elsewhere, signs in at once.
    let owner = Browser::from_address(app.address.clone(), "127.0.0.7");
    owner
        .login("chenshop", PASSWORD)
        .await
        .assert_redirect("/home");
}

#[actix_web::test]
async fn a_huge_username_is_neither_stored_nor_logged() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let other = app.browser();
    let name = format!("chenshop:{}", "x".repeat(20_000));
    let page = other.login(&name, "whatever").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    let logged: Vec<(String, String)> = app.with_db(|c| {
        activity_log::table
            .select((activity_log::object_name, activity_log::details))
            .load(c)
            .unwrap()
    });
    assert!(
        logged
            .iter()
            .all(|(name, details)| name.len() < 100 && details.len() < 200)
    );
    let stored: Vec<String> = app.with_db(|c| {
        login_attempts::table
            .select(login_attempts::username)
            .load(c)
            .unwrap()
    });
    assert!(
        stored.iter().all(|u| u.len() <= 65),
        "{:?}",
        stored.iter().map(String::len).collect::<Vec<_>>()
    );
}

#[actix_web::test]
async fn old_sign_in_attempts_are_pruned() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    app.login("chenshop", "wrong password").await;
    let long_ago = chrono::Utc::now().naive_utc() - chrono::Duration::days(3);
    app.with_db(|c| {
        diesel::update(login_attempts::table)
            .set(login_attempts::attempted_at.eq(long_ago))
            .execute(c)
            .unwrap()
    });
    let (_, pruned) = sellerdesk::maintenance::tidy(&app.state).await.unwrap();
    assert!(pruned >= 1);
    assert_eq!(app.count("login_attempts"), 0);
}

#[actix_web::test]
async fn the_current_password_cannot_be_guessed_at_full_speed() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let mut last = StatusCode::OK;
    for _ in 0..6 {
        last = app
            .post(
                "/account/password",
                &[
                    ("current_password", "guess guess"),
                    ("password", "a new pass 123"),
                    ("password_confirm", "a new pass 123"),
                ],
            )
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn weak_bcrypt_costs_are_refused_and_old_hashes_upgraded() {
    let refused = sellerdesk::config::ServeArgs::defaults("sqlite://x.db").map(|_| ());
    assert!(refused.is_ok());
    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        serve: sellerdesk::config::ServeArgs,
    }
    use clap::Parser;
    assert!(Cli::try_parse_from(["x", "--bcrypt-cost", "4"]).is_err());
    assert!(Cli::try_parse_from(["x", "--bcrypt-cost", "10"]).is_ok());

    // Accounts hashed at cost 4 get the configured cost 5 at their next sign-in.
    let app = spawn_app_with(|a| a.bcrypt_cost = 5).await;
    assert_eq!(
        sellerdesk::accounts::passwords::cost_of(&app.state.dummy_hash),
        Some(5)
    );
    app.setup("chenshop").await;
    app.with_db(|c| {
        diesel::update(accounts::table)
            .set(accounts::password_hash.eq(bcrypt::hash(PASSWORD, 4).unwrap()))
            .execute(c)
            .unwrap()
    });
    app.logout().await;
    app.login("chenshop", PASSWORD)
        .await
        .assert_redirect("/home");
    let hash: String = app.with_db(|c| {
        accounts::table
            .select(accounts::password_hash)
            .first(c)
            .unwrap()
    });
    assert_eq!(sellerdesk::accounts::passwords::cost_of(&hash), Some(5));
}

#[actix_web::test]
async fn a_busy_database_answers_503_with_retry_after() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    // Every pooled connection is taken (a burst of slow reports, say).
    let held: Vec<_> = (0..4).map(|_| app.state.pool.get().unwrap()).collect();
    let response = app
        .client
        .get(app.url("/account/profile"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(retry_after(response.headers()) >= 1);
    drop(held);
    assert_eq!(app.get("/account/profile").await.status, StatusCode::OK);
}

#[cfg(unix)]
#[actix_web::test]
async fn database_and_key_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let db = common::TestDb::migrated();
    let Some(path) = db.url().strip_prefix("sqlite://").map(str::to_string) else {
        return; // PostgreSQL keeps its own files.
    };
    let app = common::spawn_app_on(db, None).await;
    app.setup("chenshop").await;
    let dir = std::path::Path::new(&path).parent().unwrap().to_path_buf();
    for file in [path.clone(), format!("{path}-wal"), format!("{path}-shm")]
        .into_iter()
        .chain([dir.join("sellerdesk.key").display().to_string()])
    {
        if let Ok(meta) = std::fs::metadata(&file) {
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{file}");
        }
    }
}

#[actix_web::test]
async fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
    let app = spawn_app_with(|a| a.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    app.setup("chenshop").await;
    // Sign in through the proxy and through an untrusted peer, then read the log.
    let sign_in = |browser: Browser, forwarded: &'static str| async move {
        let token = browser.csrf().await;
        browser
            .client
            .post(browser.url("/login"))
            .header("x-forwarded-for", forwarded)
            .form(&[
                ("username", "chenshop"),
                ("password", PASSWORD),
                ("csrf_token", &token),
            ])
            .send()
            .await
            .unwrap();
    };
    sign_in(app.browser(), "6.6.6.6, 203.0.113.9").await;
    sign_in(
        Browser::from_address(app.address.clone(), "127.0.0.8"),
        "6.6.6.6",
    )
    .await;
    let addrs: Vec<String> = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("signed_in"))
            .order(activity_log::id.asc())
            .select(activity_log::client_addr)
            .load(c)
            .unwrap()
    });
    assert_eq!(
        addrs,
        vec!["203.0.113.9".to_string(), "127.0.0.8".to_string()]
    );
}

#[actix_web::test]
async fn cookies_are_secure_over_https_and_hsts_is_sent_when_asked() {
    let app = spawn_app_with(|a| {
        a.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        a.hsts = true;
    })
    .await;
    let over_https = app
        .client
        .get(app.url("/login"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    let cookie = over_https
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(
        over_https
            .headers()
            .contains_key("strict-transport-security")
    );
    let plain = app
        .browser()
        .client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap();
    let cookie = plain.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(!plain.headers().contains_key("strict-transport-security"));
    // A peer that is no trusted proxy cannot claim HTTPS.
    let other = Browser::from_address(app.address.clone(), "127.0.0.9");
    let claimed = other
        .client
        .get(other.url("/login"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert!(!claimed.headers().contains_key("strict-transport-security"));
}

#[actix_web::test]
async fn an_administrator_cannot_manage_another_administrator() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    app.add_sub_account("boss", "builtin:administrator", &[store])
        .await;
    let peer = app
        .add_sub_account("peer", "builtin:administrator", &[store])
        .await;
    let agent = app
        .add_sub_account("jiajia", "builtin:customer_service", &[store])
        .await;
    let boss = app.sub_account_browser("chenshop:boss").await;
    let reset = boss
        .post(
            &format!("/account/sub-accounts/{peer}/password"),
            &[
                ("password", "taken over 123"),
                ("password_confirm", "taken over 123"),
            ],
        )
        .await;
    assert_eq!(reset.status, StatusCode::FORBIDDEN);
    let disable = boss
        .post(
            &format!("/account/sub-accounts/{peer}/status"),
            &[("enabled", "false")],
        )
        .await;
    assert_eq!(disable.status, StatusCode::FORBIDDEN);
    // Nor raise someone to its own level.
    let raise = boss
        .post(
            &format!("/account/sub-accounts/{agent}"),
            &[
                ("display_name", "jiajia"),
                ("email", "jiajia@example.com"),
                ("role", "builtin:administrator"),
            ],
        )
        .await;
    assert_eq!(raise.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Someone with less power stays manageable.
    let ok = boss
        .post(
            &format!("/account/sub-accounts/{agent}/status"),
            &[("enabled", "false")],
        )
        .await;
    ok.assert_redirect(&format!("/account/sub-accounts/{agent}"));
}

#[actix_web::test]
async fn a_chat_link_can_be_renewed_and_the_old_one_stops_working() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let old = store_key(&app, store);
    assert_eq!(
        app.get(&format!("/chat/{old}")).await.status,
        StatusCode::OK
    );
    let confirm = app
        .post(&format!("/account/stores/{store}/chat-link"), &[])
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(
        store_key(&app, store),
        old,
        "nothing changes before confirming"
    );
    app.post(
        &format!("/account/stores/{store}/chat-link"),
        &[("confirm", "yes")],
    )
    .await
    .assert_redirect(&format!("/account/stores/{store}"));
    let new = store_key(&app, store);
    assert_ne!(new, old);
    assert_eq!(
        app.get(&format!("/chat/{old}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/chat/{new}")).await.status,
        StatusCode::OK
    );
    let logged = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("chat_link_rotated"))
            .count()
            .get_result::<i64>(c)
            .unwrap()
    });
    assert_eq!(logged, 1);
}

#[actix_web::test]
async fn working_hours_have_at_most_six_slots_a_day() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let slots =
        "01:00-02:00, 03:00-04:00, 05:00-06:00, 07:00-08:00, 09:00-10:00, 11:00-12:00, 13:00-14:00";
    let page = app
        .post(
            &format!("/chat-assignment/stores/{store}/settings/off-work"),
            &[
                ("enabled", "on"),
                ("text", "We are closed."),
                ("day0", slots),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    page.assert_contains("at most 6 time slots");
}

#[actix_web::test]
async fn dates_far_in_the_future_are_refused_not_a_server_error() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let page = app
        .get("/performance?range=custom&from=2026-11-01&to=262143-12-31")
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let page = app
        .get("/performance?range=custom&from=2026-11-01&to=2099-12-31")
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.assert_contains("between 2000-01-01 and today");
}

async fn setup_needs_its_token(app: &TestApp, token: &str, forwarded: bool) {
    let get = |path: String| {
        let mut request = app.client.get(app.url(&path));
        if forwarded {
            request = request.header("x-forwarded-for", "203.0.113.9");
        }
        request
    };
    let page = get("/setup".into()).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("setup link printed in the server log")
    );
    let with_token = get(format!("/setup?token={token}")).send().await.unwrap();
    assert_eq!(with_token.status(), StatusCode::OK);
    let html = with_token.text().await.unwrap();
    let csrf = common::extract_csrf(&html).unwrap();
    let form = |token: &str| {
        vec![
            ("username", "chenshop".to_string()),
            ("display_name", "Chen".to_string()),
            ("email", "chen@example.com".to_string()),
            ("password", PASSWORD.to_string()),
            ("password_confirm", PASSWORD.to_string()),
            ("csrf_token", csrf.clone()),
            ("token", token.to_string()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let mut request = app.client.post(app.url("/setup")).form(&fields);
        if forwarded {
            request = request.header("x-forwarded-for", "203.0.113.9");
        }
        request.send()
    };
    assert_eq!(
        post(form("wrong")).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("sellers"), 0);
    assert_eq!(
        post(form(token)).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.count("sellers"), 1);
}

#[actix_web::test]
async fn a_fresh_install_on_a_public_address_asks_for_its_setup_token() {
    let db = common::TestDb::migrated();
    let mut args = common::serve_args(db.url(), Some(base64_key()));
    args.bind = "0.0.0.0:0".into();
    let state = sellerdesk::prepare(&args).unwrap();
    let token = state
        .setup_gate
        .as_ref()
        .expect("a gate")
        .token()
        .to_string();
    let app = common::serve_state(db, state).await;
    // Even from this machine: the server listens for everyone.
    setup_needs_its_token(&app, &token, false).await;
}

#[actix_web::test]
async fn a_fresh_install_behind_a_proxy_asks_for_its_setup_token() {
    let app = spawn_app().await;
    let token = app
        .state
        .setup_gate
        .as_ref()
        .expect("a gate")
        .token()
        .to_string();
    // Bound to loopback, but the request came through a proxy for someone else.
    setup_needs_its_token(&app, &token, true).await;
}

fn base64_key() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode([9u8; 64])
}

#[actix_web::test]
async fn open_chats_per_address_count_only_open_buyer_page_chats() {
    let app = spawn_app_with(|a| a.limits.open_chats_per_address = 1).await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let key = store_key(&app, store);
    let (_, first) = buyer_says(&app, "127.0.0.10", &key, "first").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let addr: Option<String> = app.with_db(|c| {
        conversations::table
            .select(conversations::buyer_addr)
            .first(c)
            .unwrap()
    });
    assert_eq!(addr.as_deref(), Some("127.0.0.10"));
    // Once that chat is closed, the address may open another.
    app.with_db(|c| {
        diesel::update(conversations::table)
            .set(conversations::status.eq("closed"))
            .execute(c)
            .unwrap()
    });
    let (_, second) = buyer_says(&app, "127.0.0.10", &key, "second").await;
    assert_eq!(second.status, StatusCode::SEE_OTHER);
}
