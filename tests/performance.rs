//! Performance Data: each indicator on hand-made histories, day boundaries in two time
//! zones, filters, sorting, who sees what, the CSV export, and the live tallies against
//! a recomputation over random histories.

mod common;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use common::{Browser, TestApp, spawn_app};
use diesel::prelude::*;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use sellerdesk::accounts::model::Account;
use sellerdesk::activity_log::Actor;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::conversations::AgentStatus;
use sellerdesk::conversations::{self as chat, Incoming, Leaving};
use sellerdesk::db::schema::{activity_log, conversations, stores};
use std::collections::BTreeMap;

use sellerdesk::performance::indicators::Tally;
use sellerdesk::performance::range::{DayRange, local_day};
use sellerdesk::performance::rebuild;
use sellerdesk::performance::report::{self, Scope};
use sellerdesk::stores::model::Store;
use sellerdesk::web::CurrentUser;
use sellerdesk::webchat::inbox;

/// 2026-11-20 at `h`:`m` UTC.
fn at(h: i64, m: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("time")
        + Duration::minutes(h * 60 + m)
}

struct Shop {
    app: TestApp,
    thai: i64,
    my: i64,
    jiajia: i64,
    amy: i64,
    ben: i64,
    presales: i64,
}

/// Chen's shop: jiajia and amy answer the Thai store's product-page chats, ben the
/// Malaysian store's.
async fn shop() -> Shop {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let my = app.add_store("Chen MY", "MY").await;
    let jiajia = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    let amy = app
        .add_sub_account("amy", "builtin:customer_service", &[thai])
        .await;
    let ben = app
        .add_sub_account("ben", "builtin:customer_service", &[my])
        .await;
    let group = |store: i64, name: &'static str, members: Vec<i64>| {
        let app = &app;
        async move {
            let ids: Vec<String> = members.iter().map(i64::to_string).collect();
            let mut fields = vec![("name", name), ("sources", "product_page")];
            fields.extend(ids.iter().map(|id| ("members", id.as_str())));
            app.post(&format!("/chat-assignment/stores/{store}/groups"), &fields)
                .await;
        }
    };
    group(thai, "Pre-sales", vec![jiajia, amy]).await;
    group(my, "Malaysia", vec![ben]).await;
    let presales = app.with_db(|c| {
        use sellerdesk::db::schema::chat_groups;
        chat_groups::table
            .filter(chat_groups::name.eq("Pre-sales"))
            .select(chat_groups::id)
            .first(c)
            .expect("group")
    });
    Shop {
        app,
        thai,
        my,
        jiajia,
        amy,
        ben,
        presales,
    }
}

fn user(app: &TestApp, id: i64) -> CurrentUser {
    app.with_db(|c| {
        let account = Account::find_active(c, id)
            .expect("query")
            .expect("account");
        let permissions = account.permissions(c).expect("permissions");
        CurrentUser::without_session(account, permissions)
    })
}

fn actor(user: &CurrentUser) -> Actor {
    user.actor("127.0.0.1".into())
}

fn online(app: &TestApp, id: i64, when: NaiveDateTime) {
    let u = user(app, id);
    app.with_db(|c| chat::set_status(c, &actor(&u), &u, AgentStatus::Online, when))
        .expect("status");
}

fn buyer_writes(
    app: &TestApp,
    store_id: i64,
    buyer: &str,
    source: ChatSource,
    when: NaiveDateTime,
) -> i64 {
    app.with_db(|c| {
        let store = stores::table
            .find(store_id)
            .select(Store::as_select())
            .first(c)
            .expect("store");
        let incoming = Incoming {
            buyer_key: buyer.into(),
            buyer_name: buyer.into(),
            source,
            text: "Is this in stock?".into(),
            image: None,
            external_id: None,
            origin: None,
        };
        chat::receive(c, &store, &incoming, when)
            .expect("receive")
            .conversation_id
    })
}

fn reply(app: &TestApp, agent: i64, conversation: i64, when: NaiveDateTime) {
    let u = user(app, agent);
    app.with_db(|c| {
        let conv = inbox::find(c, &u, conversation).expect("visible");
        chat::reply(c, &actor(&u), &u, conv.id, "Yes, it is.", None, when).expect("reply");
    });
}

fn close(app: &TestApp, agent: i64, conversation: i64, when: NaiveDateTime) {
    let u = user(app, agent);
    app.with_db(|c| {
        let conv = inbox::find(c, &u, conversation).expect("visible");
        chat::set_open(c, &actor(&u), &u, conv.id, false, when).expect("close");
    });
}

fn report(from: &str, to: &str) -> String {
    format!("/performance?range=custom&from={from}&to={to}")
}

/// The cells of the table row that starts with the agent's name.
fn row(page: &str, name: &str) -> Vec<String> {
    let start = page
        .find(&format!("<th scope=\"row\">{name} "))
        .unwrap_or_else(|| panic!("no row for {name}"));
    let end = start + page[start..].find("</tr>").expect("row end");
    let cells = regex::Regex::new(r"<td>([^<]*)</td>").expect("regex");
    cells
        .captures_iter(&page[start..end])
        .map(|c| c[1].to_string())
        .collect()
}

/// A hand-made day: jiajia gets two chats, answers the first after 10 minutes and
/// closes it, and never answers the second; amy answers a chat after 13 hours; ben
/// answers the Malaysian store's chat within a minute.
async fn hand_made_day(s: &Shop) {
    let app = &s.app;
    online(app, s.jiajia, at(8, 0));
    let c1 = buyer_writes(app, s.thai, "b1", ChatSource::ProductPage, at(9, 0));
    buyer_writes(app, s.thai, "b1", ChatSource::ProductPage, at(9, 5));
    reply(app, s.jiajia, c1, at(9, 10));
    reply(app, s.jiajia, c1, at(9, 11));
    close(app, s.jiajia, c1, at(9, 30));
    buyer_writes(app, s.thai, "b2", ChatSource::ProductPage, at(10, 0));
    // jiajia goes home; amy comes online, takes the next chat and answers it late.
    let u = user(app, s.jiajia);
    app.with_db(|c| chat::set_status(c, &actor(&u), &u, AgentStatus::Offline, at(10, 30)))
        .expect("offline");
    let c3 = buyer_writes(app, s.thai, "b3", ChatSource::ProductPage, at(11, 0));
    online(app, s.amy, at(11, 0));
    reply(app, s.amy, c3, at(24, 0));
    online(app, s.ben, at(8, 0));
    let c4 = buyer_writes(app, s.my, "b4", ChatSource::ProductPage, at(12, 0));
    reply(app, s.ben, c4, at(12, 1));
}

#[actix_web::test]
async fn each_indicator_on_a_hand_made_day() {
    let s = shop().await;
    hand_made_day(&s).await;
    let page = s.app.get(&report("2026-11-20", "2026-11-21")).await;
    assert_eq!(page.status, StatusCode::OK);
    // received, replied, rate, first response, average response, resolved, messages
    assert_eq!(
        row(&page.body, "jiajia"),
        ["2", "1", "50.0%", "10 min 00 s", "10 min 00 s", "1", "2"]
    );
    assert_eq!(
        row(&page.body, "amy"),
        ["1", "1", "0.0%", "13 h 00 min", "13 h 00 min", "0", "1"]
    );
    assert_eq!(
        row(&page.body, "ben"),
        ["1", "1", "100.0%", "1 min 00 s", "1 min 00 s", "0", "1"]
    );
    let (ten, day) = ("within 10 min", "within 24 h");
    // The team's cards: of 1 min, 10 min and 13 h, half within 10 min, nine in ten
    // within 24 h; the slow tail the average (4 h 34 min) hides.
    let cards = &page.body[page.body.find("metric-cards").expect("cards")..];
    let cards = &cards[..cards.find("</ul>").expect("end")];
    assert!(cards.contains(ten) && cards.contains(day), "{cards}");
    // Every card has its definition one click away, without script.
    page.assert_contains("<details class=\"definition\">");
    page.assert_contains("within 12 hours of the buyer&#39;s first unanswered message");
    page.assert_contains("<svg viewBox=");
    page.assert_contains("20/11/2026: 4 chats received");
    // Time Online: jiajia from 08:00 to 10:30; amy from 11:00 and still Online, counted
    // to the end of the range.
    page.assert_contains("<td class=\"online-time\">2 h 30 min</td>");
    page.assert_contains("<td class=\"online-time\">37 h 00 min</td>");
    // The busiest hours: one chat received in each of 09:00–12:00 UTC on that Friday.
    let friday = heat_row(&page.body, "Friday");
    let busy: Vec<usize> = (0..24).filter(|&h| friday[h] != "0").collect();
    assert_eq!(busy, [9, 10, 11, 12]);
    assert!(heat_row(&page.body, "Monday").iter().all(|c| c == "0"));
    // Seen from Bangkok, the same chats fall seven hours later.
    s.app
        .post(
            "/settings",
            &[("language", "en"), ("time_zone", "Asia/Bangkok")],
        )
        .await;
    let page = s.app.get(&report("2026-11-20", "2026-11-21")).await;
    let friday = heat_row(&page.body, "Friday");
    let busy: Vec<usize> = (0..24).filter(|&h| friday[h] != "0").collect();
    assert_eq!(busy, [16, 17, 18, 19]);
}

/// The busiest-hours cells of a weekday's row.
fn heat_row(page: &str, weekday: &str) -> Vec<String> {
    let table = &page[page.find("<table class=\"heatmap\"").expect("the heatmap")..];
    let start = table
        .find(&format!("<th scope=\"row\">{weekday}</th>"))
        .unwrap_or_else(|| panic!("no row for {weekday}"));
    let end = start + table[start..].find("</tr>").expect("row end");
    let cells = regex::Regex::new(r#"<td class="heat-\d">([^<]*)</td>"#).expect("regex");
    let found: Vec<String> = cells
        .captures_iter(&table[start..end])
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(found.len(), 24);
    found
}

#[actix_web::test]
async fn days_follow_the_viewers_time_zone() {
    let s = shop().await;
    online(&s.app, s.jiajia, at(8, 0));
    // 23:30 UTC on the 20th is 06:30 on the 21st in Bangkok and 20:30 on the 20th in São Paulo.
    let c = buyer_writes(&s.app, s.thai, "late", ChatSource::ProductPage, at(23, 30));
    reply(&s.app, s.jiajia, c, at(23, 40));
    let chats_on = |page: &str| row(page, "jiajia")[0].clone();
    let day20 = report("2026-11-20", "2026-11-20");
    let day21 = report("2026-11-21", "2026-11-21");
    assert_eq!(chats_on(&s.app.get(&day20).await.body), "1");
    s.app
        .post(
            "/settings",
            &[("language", "en"), ("time_zone", "Asia/Bangkok")],
        )
        .await;
    s.app
        .get(&day20)
        .await
        .assert_lacks("<th scope=\"row\">jiajia ");
    assert_eq!(chats_on(&s.app.get(&day21).await.body), "1");
    s.app
        .post(
            "/settings",
            &[("language", "en"), ("time_zone", "America/Sao_Paulo")],
        )
        .await;
    assert_eq!(chats_on(&s.app.get(&day20).await.body), "1");
    s.app
        .get(&day21)
        .await
        .assert_lacks("<th scope=\"row\">jiajia ");
}

#[actix_web::test]
async fn filters_and_sorting() {
    let s = shop().await;
    hand_made_day(&s).await;
    let range = report("2026-11-20", "2026-11-21");
    let thai_only = s.app.get(&format!("{range}&store={}", s.thai)).await;
    thai_only.assert_contains("<th scope=\"row\">jiajia ");
    thai_only.assert_lacks("<th scope=\"row\">ben ");
    let my_only = s.app.get(&format!("{range}&store={}", s.my)).await;
    my_only.assert_lacks("<th scope=\"row\">jiajia ");
    my_only.assert_contains("<th scope=\"row\">ben ");
    let group = s.app.get(&format!("{range}&group={}", s.presales)).await;
    group.assert_contains("<th scope=\"row\">amy ");
    group.assert_lacks("<th scope=\"row\">ben ");
    let by_name = s.app.get(&format!("{range}&sort=agent&dir=asc")).await;
    let (a, b, j) = (
        by_name.body.find(">amy ").expect("amy"),
        by_name.body.find(">ben ").expect("ben"),
        by_name.body.find(">jiajia ").expect("jiajia"),
    );
    assert!(a < b && b < j);
    let by_chats = s
        .app
        .get(&format!("{range}&sort=chats_received&dir=desc"))
        .await;
    assert!(by_chats.body.find(">jiajia ") < by_chats.body.find(">amy "));
    by_chats.assert_contains("aria-sort=\"descending\"");
    let empty = s.app.get(&report("2026-10-01", "2026-10-02")).await;
    empty.assert_contains("No chats in this period");
}

#[actix_web::test]
async fn bad_dates_get_a_message_and_no_report() {
    let s = shop().await;
    let before = s.app.count("activity_log");
    for (query, message) in [
        (
            report("2026-11-31", "2026-12-01"),
            "Enter a date as year-month-day",
        ),
        (
            report("2026-11-21", "2026-11-20"),
            "on or after the start date",
        ),
        (report("2024-01-01", "2026-11-20"), "at most 366 days"),
    ] {
        let page = s.app.get(&query).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        page.assert_contains(message);
        page.assert_lacks("<svg viewBox=");
        let csv = s
            .app
            .get(&query.replace("/performance?", "/performance.csv?"))
            .await;
        assert_eq!(csv.status, StatusCode::BAD_REQUEST);
    }
    s.app.get("/performance?store=abc").await;
    assert_eq!(s.app.count("activity_log"), before);
    s.app
        .post("/settings", &[("language", "th"), ("time_zone", "UTC")])
        .await;
    let thai = s.app.get(&report("2026-11-21", "2026-11-20")).await;
    thai.assert_lacks("on or after the start date");
}

#[actix_web::test]
async fn who_sees_what() {
    let s = shop().await;
    hand_made_day(&s).await;
    let range = report("2026-11-20", "2026-11-21");
    // Customer service: their own row only.
    let jiajia = s.app.sub_account_browser("chenshop:jiajia").await;
    let own = jiajia.get(&range).await;
    assert_eq!(own.status, StatusCode::OK);
    own.assert_contains("<th scope=\"row\">jiajia ");
    own.assert_lacks("<th scope=\"row\">amy ");
    own.assert_lacks("<th scope=\"row\">ben ");
    assert_eq!(
        jiajia.get(&format!("{range}&store={}", s.my)).await.status,
        StatusCode::FORBIDDEN
    );
    // Their own chats in the per-chat export too, and no store they are not granted.
    let chats = range.replace("/performance?", "/performance/chats.csv?");
    let own = jiajia.get(&chats).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(
        own.body.contains(",jiajia,") && !own.body.contains(",amy,") && !own.body.contains(",ben,"),
        "{}",
        own.body
    );
    assert_eq!(
        jiajia.get(&format!("{chats}&store={}", s.my)).await.status,
        StatusCode::FORBIDDEN
    );
    // Supervisor granted the Thai store: that store's team, not Malaysia's.
    s.app
        .add_sub_account("sue", "builtin:supervisor", &[s.thai])
        .await;
    let sue = s.app.sub_account_browser("chenshop:sue").await;
    let team = sue.get(&range).await;
    team.assert_contains("<th scope=\"row\">jiajia ");
    team.assert_contains("<th scope=\"row\">amy ");
    team.assert_lacks("<th scope=\"row\">ben ");
    assert_eq!(
        sue.get(&format!("{range}&store={}", s.my)).await.status,
        StatusCode::FORBIDDEN
    );
    // Another seller: none of Chen's figures, Chen's store and group are 404.
    let other: Browser = s.app.other_seller("othershop").await;
    let theirs = other.get(&range).await;
    assert_eq!(theirs.status, StatusCode::OK);
    theirs.assert_lacks("jiajia");
    for query in [
        format!("{range}&store={}", s.thai),
        format!("{range}&group={}", s.presales),
        format!("/performance.csv?store={}", s.thai),
        format!("/performance/chats.csv?store={}", s.thai),
    ] {
        assert_eq!(
            other.get(&query).await.status,
            StatusCode::NOT_FOUND,
            "{query}"
        );
    }
    // Anonymous visitors sign in first.
    let anonymous = s.app.browser();
    for path in ["/performance", "/performance.csv", "/performance/chats.csv"] {
        let page = anonymous.get(path).await;
        assert!(page.status.is_redirection());
        assert!(page.location.as_deref().unwrap_or("").starts_with("/login"));
    }
}

#[actix_web::test]
async fn the_csv_export_has_the_tables_figures_and_is_recorded() {
    let s = shop().await;
    hand_made_day(&s).await;
    let csv = s
        .app
        .get(&format!(
            "/performance.csv?range=custom&from=2026-11-20&to=2026-11-21&store={}",
            s.thai
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with('\u{feff}'), "a byte-order mark first");
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Agent,Login name,Chats received,Chats replied,Response rate,First response time,\
         Average response time,Resolved chats,Messages sent,Online time (seconds)"
    );
    assert!(lines.contains(&"jiajia,chenshop:jiajia,2,1,50.0,600,600,1,2,9000"));
    assert!(lines.contains(&"amy,chenshop:amy,1,1,0.0,46800,46800,0,1,133200"));
    assert_eq!(
        lines.last(),
        Some(&"Total,,3,2,33.3,23700,23700,1,3,142200")
    );
    assert!(!csv.body.contains("ben"));
    let entry: (String, String, Option<i64>) = s.app.with_db(|c| {
        activity_log::table
            .order(activity_log::id.desc())
            .select((
                activity_log::area,
                activity_log::action,
                activity_log::store_id,
            ))
            .first(c)
            .expect("an entry")
    });
    assert_eq!(
        entry,
        ("performance".into(), "exported".into(), Some(s.thai))
    );
}

/// One row per chat, newest first, with its times, first response, replies and status;
/// written in the viewer's language and spreadsheet conventions, and recorded.
#[actix_web::test]
async fn the_chats_export_has_one_row_per_chat() {
    let s = shop().await;
    hand_made_day(&s).await;
    let path = "/performance/chats.csv?range=custom&from=2026-11-20&to=2026-11-21";
    let before = s.app.count("activity_log");
    let csv = s.app.get(path).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Chat,Store,Chat source,Group,Agent,Login name,Started,Assigned,First reply,Closed,\
         First response (seconds),Agent replies,Status,Buyer rating (1–5)"
    );
    assert_eq!(lines.len(), 5, "four chats: {}", csv.body);
    // Newest first: the Malaysian chat of 12:00 that ben answered a minute later.
    assert!(
        lines[1].ends_with(
            ",Chen MY,Product page,Malaysia,ben,chenshop:ben,2026-11-20 12:00,2026-11-20 12:00,\
             2026-11-20 12:01,,60,1,Open,"
        ),
        "{}",
        lines[1]
    );
    // jiajia's first chat: answered after ten minutes, then closed.
    assert!(
        lines
            .iter()
            .any(|l| l.contains(",jiajia,chenshop:jiajia,2026-11-20 09:00,")
                && l.ends_with(",600,2,Closed,")),
        "{}",
        csv.body
    );
    assert_eq!(s.app.count("activity_log"), before + 1);
    // Portuguese: semicolons, translated words.
    s.app
        .post("/settings", &[("language", "pt-BR"), ("time_zone", "UTC")])
        .await;
    let csv = s.app.get(path).await;
    assert!(
        csv.body.contains(";Chen MY;Página do produto;"),
        "{}",
        csv.body
    );
    // A range typed by hand that the page would refuse: refused, nothing recorded.
    let before = s.app.count("activity_log");
    let bad = s
        .app
        .get("/performance/chats.csv?range=custom&from=2026-11-21&to=2026-11-20")
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(s.app.count("activity_log"), before);
}

/// Every language writes the same figures its own way: decimals and thousands on the
/// page, and a CSV its spreadsheets split into the same columns.
#[actix_web::test]
async fn figures_are_written_as_each_language_writes_numbers() {
    let s = shop().await;
    hand_made_day(&s).await;
    let csv_path = format!(
        "/performance.csv?range=custom&from=2026-11-20&to=2026-11-21&store={}",
        s.thai
    );
    // (language, jiajia's rate on the page, the export limit on the Activity Log page,
    //  jiajia's CSV row, amy's CSV row)
    let expected = [
        (
            "en",
            "50.0%",
            "100,000",
            "jiajia,chenshop:jiajia,2,1,50.0,600,600,1,2,9000",
            "amy,chenshop:amy,1,1,0.0,46800,46800,0,1,133200",
        ),
        (
            "th",
            "50.0%",
            "100,000",
            "jiajia,chenshop:jiajia,2,1,50.0,600,600,1,2,9000",
            "amy,chenshop:amy,1,1,0.0,46800,46800,0,1,133200",
        ),
        (
            "zh-CN",
            "50.0%",
            "100,000",
            "jiajia,chenshop:jiajia,2,1,50.0,600,600,1,2,9000",
            "amy,chenshop:amy,1,1,0.0,46800,46800,0,1,133200",
        ),
        (
            "zh-TW",
            "50.0%",
            "100,000",
            "jiajia,chenshop:jiajia,2,1,50.0,600,600,1,2,9000",
            "amy,chenshop:amy,1,1,0.0,46800,46800,0,1,133200",
        ),
        (
            "ms",
            "50.0%",
            "100,000",
            "jiajia,chenshop:jiajia,2,1,50.0,600,600,1,2,9000",
            "amy,chenshop:amy,1,1,0.0,46800,46800,0,1,133200",
        ),
        (
            "pt-BR",
            "50,0%",
            "100.000",
            "jiajia;chenshop:jiajia;2;1;50,0;600;600;1;2;9000",
            "amy;chenshop:amy;1;1;0,0;46800;46800;0;1;133200",
        ),
        (
            "es",
            "50,0\u{a0}%",
            "100.000",
            "jiajia;chenshop:jiajia;2;1;50,0;600;600;1;2;9000",
            "amy;chenshop:amy;1;1;0,0;46800;46800;0;1;133200",
        ),
        (
            "id",
            "50,0%",
            "100.000",
            "jiajia;chenshop:jiajia;2;1;50,0;600;600;1;2;9000",
            "amy;chenshop:amy;1;1;0,0;46800;46800;0;1;133200",
        ),
        (
            "vi",
            "50,0%",
            "100.000",
            "jiajia;chenshop:jiajia;2;1;50,0;600;600;1;2;9000",
            "amy;chenshop:amy;1;1;0,0;46800;46800;0;1;133200",
        ),
    ];
    for (lang, rate, limit, jiajia, amy) in expected {
        s.app
            .post("/settings", &[("language", lang), ("time_zone", "UTC")])
            .await;
        let page = s.app.get(&report("2026-11-20", "2026-11-21")).await;
        assert_eq!(row(&page.body, "jiajia")[2], rate, "{lang}");
        s.app.get("/activity-log").await.assert_contains(limit);
        let csv = s.app.get(&csv_path).await;
        let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
        assert!(lines.contains(&jiajia), "{lang}: {}", csv.body);
        assert!(lines.contains(&amy), "{lang}: {}", csv.body);
        // The header has as many columns as the rows.
        let separator = if jiajia.contains(';') { ';' } else { ',' };
        assert_eq!(
            lines[0].split(separator).count(),
            10,
            "{lang}: {}",
            lines[0]
        );
    }
}

/// Random histories through the area functions: the tallies kept event by event equal
/// a recomputation over the raw messages and events.
#[actix_web::test]
async fn live_tallies_equal_a_recomputation_over_random_histories() {
    let s = shop().await;
    let app = &s.app;
    let main = 1;
    let agents = [s.jiajia, s.amy, s.ben, main];
    // One clock for all seeds: the app never writes history out of order.
    let mut now = at(0, 0);
    for seed in 0..4_u64 {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        for _ in 0..120 {
            now += Duration::seconds(rng.random_range(1..4 * 3600));
            let agent = agents[rng.random_range(0..agents.len())];
            let u = user(app, agent);
            let open: Vec<i64> = app.with_db(|c| {
                conversations::table
                    .filter(conversations::seller_id.eq(u.seller_id))
                    .select(conversations::id)
                    .load(c)
                    .expect("conversations")
            });
            let pick = |rng: &mut rand::rngs::StdRng| {
                open.get(rng.random_range(0..open.len().max(1))).copied()
            };
            match rng.random_range(0..10) {
                0..=3 => {
                    let store = if rng.random_bool(0.7) { s.thai } else { s.my };
                    let source =
                        [ChatSource::ProductPage, ChatSource::Order][rng.random_range(0..2)];
                    let buyer = format!("b{}", rng.random_range(0..6));
                    buyer_writes(app, store, &buyer, source, now);
                }
                4 => {
                    let status = [AgentStatus::Online, AgentStatus::Idle, AgentStatus::Offline]
                        [rng.random_range(0..3)];
                    let _ = app.with_db(|c| chat::set_status(c, &actor(&u), &u, status, now));
                }
                5..=6 => {
                    if let Some(id) = pick(&mut rng) {
                        app.with_db(|c| {
                            if let Ok(conv) = inbox::find(c, &u, id) {
                                let _ =
                                    chat::reply(c, &actor(&u), &u, conv.id, "On it.", None, now);
                            }
                        });
                    }
                }
                7 => {
                    if let Some(id) = pick(&mut rng) {
                        let open = rng.random_bool(0.3);
                        app.with_db(|c| {
                            if let Ok(conv) = inbox::find(c, &u, id) {
                                let _ = chat::set_open(c, &actor(&u), &u, conv.id, open, now);
                            }
                        });
                    }
                }
                8 => {
                    if let Some(id) = pick(&mut rng) {
                        app.with_db(|c| {
                            let Ok(conv) = inbox::find(c, &u, id) else {
                                return;
                            };
                            let options = chat::transfer_options(c, &conv.store, conv.assignee_id)
                                .expect("options");
                            if let Some(target) = options.first() {
                                let _ = chat::transfer(
                                    c,
                                    &actor(&u),
                                    &u,
                                    conv.id,
                                    conv.assignee_id,
                                    &target.value(),
                                    "",
                                    now,
                                );
                            } else {
                                let _ = chat::take(c, &actor(&u), &u, conv.id, now);
                            }
                        });
                    }
                }
                _ => {
                    if agent != main && rng.random_bool(0.3) {
                        app.with_db(|c| {
                            chat::members_leave(
                                c,
                                u.seller_id,
                                &[(agent, Leaving::Everything)],
                                now,
                            )
                        })
                        .expect("return to queue");
                    }
                }
            }
        }
    }
    let (stored, recomputed, states) = app.with_db(|c| {
        let stored = rebuild::stored(c, 1).expect("stored");
        let again = rebuild::recompute(c, 1).expect("recompute");
        let live: Vec<(i64, bool, Option<NaiveDateTime>)> = conversations::table
            .order(conversations::id)
            .select((
                conversations::id,
                conversations::assignee_replied,
                conversations::awaiting_since,
            ))
            .load(c)
            .expect("states");
        let replayed: Vec<(i64, bool, Option<NaiveDateTime>)> = again
            .states
            .iter()
            .map(|(id, s)| (*id, s.assignee_replied, s.awaiting_since))
            .collect();
        (stored, again.tallies, (live, replayed))
    });
    assert!(stored.values().map(|t| t.chats_received).sum::<i64>() > 20);
    assert!(stored.values().map(|t| t.responses).sum::<i64>() > 10);
    assert_eq!(stored, recomputed);
    assert_eq!(states.0, states.1);
    // The daily and team rollups hold exactly the recomputation's sums.
    let rollups = app
        .with_db(|c| rebuild::stored_rollups(c, 1))
        .expect("rollups");
    assert_eq!(rollups, rebuild::fold(&recomputed));
    assert!(rollups.days.len() > 10);
    // Reports read from the rollups equal sums over the recomputation, in zones ahead of,
    // on and behind UTC, over ranges that start and end mid-way through UTC days.
    let all_stores = vec![s.thai, s.my];
    for zone in [
        chrono_tz::Asia::Bangkok,
        chrono_tz::UTC,
        chrono_tz::America::Sao_Paulo,
    ] {
        for (first, last) in [(20, 22), (19, 40), (25, 25), (21, 35)] {
            let range = DayRange {
                first: NaiveDate::from_ymd_opt(2026, 11, 1).expect("day") + Duration::days(first),
                last: NaiveDate::from_ymd_opt(2026, 11, 1).expect("day") + Duration::days(last),
            };
            for (stores, account_id) in [
                (all_stores.clone(), None),
                (vec![s.thai], None),
                (all_stores.clone(), Some(s.jiajia)),
            ] {
                let scope = Scope {
                    seller_id: 1,
                    store_ids: stores.clone(),
                    group_id: None,
                    account_id,
                };
                let report = app
                    .with_db(|c| report::build(c, &scope, &range, zone))
                    .expect("report");
                let (start, end) = range.hours(zone);
                let inside: Vec<_> = recomputed
                    .iter()
                    .filter(|(k, _)| {
                        k.hour >= start && k.hour < end && stores.contains(&k.store_id)
                    })
                    .filter(|(k, _)| account_id.is_none_or(|a| a == k.account_id))
                    .collect();
                let mut agents: BTreeMap<i64, Tally> = BTreeMap::new();
                let mut days: BTreeMap<NaiveDate, Tally> =
                    range.days().map(|d| (d, Tally::default())).collect();
                let mut busiest = [[0_i64; 24]; 7];
                for (k, t) in &inside {
                    // Agents' and days' rows carry no time bands: those are read once, for
                    // the total.
                    let without_bands = Tally {
                        bands: Default::default(),
                        ..**t
                    };
                    *agents.entry(k.account_id).or_default() += without_bands;
                    *days.entry(local_day(zone, k.hour)).or_default() += without_bands;
                    let local = chrono::DateTime::from_timestamp(k.hour * 3600, 0)
                        .expect("hour")
                        .with_timezone(&zone);
                    busiest[local.weekday().num_days_from_monday() as usize]
                        [local.hour() as usize] += t.chats_received;
                }
                let got: BTreeMap<i64, Tally> = report
                    .agents
                    .iter()
                    .map(|a| (a.account_id, a.tally))
                    .collect();
                agents.retain(|_, t| !t.is_empty());
                let got_nonempty: BTreeMap<i64, Tally> =
                    got.into_iter().filter(|(_, t)| !t.is_empty()).collect();
                assert_eq!(got_nonempty, agents, "{zone} {range:?} {stores:?}");
                assert_eq!(
                    report.days,
                    days.into_iter().collect::<Vec<_>>(),
                    "{zone} {range:?}"
                );
                assert_eq!(report.busiest, busiest, "{zone} {range:?}");
                let mut total = Tally::default();
                for (_, t) in &inside {
                    total += **t;
                }
                assert_eq!(report.total, total, "{zone} {range:?} {stores:?}");
            }
        }
    }
    // Rebuilding changes nothing either.
    app.with_db(|c| rebuild::rebuild(c, 1)).expect("rebuild");
    assert_eq!(
        app.with_db(|c| rebuild::stored(c, 1)).expect("stored"),
        stored
    );
    assert_eq!(
        app.with_db(|c| rebuild::stored_rollups(c, 1))
            .expect("rollups"),
        rollups
    );
}

/// The marketplace rate on a hand-made history, counted as of `now`: in time, late,
/// never answered, still inside its limit, outside the window, and a chat answered in
/// time only by its automatic reply.
#[actix_web::test]
async fn the_marketplace_rate_on_a_hand_made_history() {
    use sellerdesk::chat_assignment::settings::RateRule;
    use sellerdesk::performance::marketplace;
    let s = shop().await;
    let app = &s.app;
    let now = chrono::Utc::now().naive_utc();
    let ago = |h: i64| now - Duration::hours(h);
    online(app, s.jiajia, ago(24 * 120));
    // Answered by the automatic reply at once, by jiajia after 20 hours.
    app.post(
        &format!("/chat-assignment/stores/{}/settings/auto-reply", s.thai),
        &[("enabled", "on"), ("text", "We will answer soon.")],
    )
    .await;
    let auto = buyer_writes(app, s.thai, "b-auto", ChatSource::ProductPage, ago(24 * 5));
    reply(app, s.jiajia, auto, ago(24 * 5 - 20));
    app.post(
        &format!("/chat-assignment/stores/{}/settings/auto-reply", s.thai),
        &[("text", "We will answer soon.")],
    )
    .await;
    let in_time = buyer_writes(app, s.thai, "b-fast", ChatSource::ProductPage, ago(72));
    reply(app, s.jiajia, in_time, ago(72) + Duration::minutes(10));
    let late = buyer_writes(app, s.thai, "b-late", ChatSource::ProductPage, ago(48));
    reply(app, s.jiajia, late, ago(48 - 13));
    buyer_writes(app, s.thai, "b-never", ChatSource::ProductPage, ago(24));
    buyer_writes(app, s.thai, "b-pending", ChatSource::ProductPage, ago(2));
    let old = buyer_writes(app, s.thai, "b-old", ChatSource::ProductPage, ago(24 * 100));
    reply(app, s.jiajia, old, ago(24 * 100 - 20));

    let rule = RateRule::default();
    let window = [(marketplace::window_start(&rule, now), now)];
    let total = |rule: &RateRule| {
        app.with_db(|c| marketplace::counts(c, s.thai, rule, &window, now).unwrap())[0]
    };
    let counts = total(&rule);
    assert_eq!((counts.started, counts.in_time, counts.pending), (5, 1, 1));
    assert_eq!(counts.rate(), Some(0.25));
    assert_eq!((counts.best(), counts.worst()), (Some(0.4), Some(0.2)));
    let with_auto = RateRule {
        counts_auto_replies: true,
        ..rule
    };
    let counts = total(&with_auto);
    assert_eq!(counts.rate(), Some(0.5));
    let missed = app.with_db(|c| marketplace::missed(c, s.thai, &rule, now, 0).unwrap());
    assert_eq!(total(&rule).missed, 3);
    // Week by week, in one pass: the same chats, each in its week.
    let weeks = marketplace::weeks(&rule, now);
    let by_week = app.with_db(|c| marketplace::counts(c, s.thai, &rule, &weeks, now).unwrap());
    let mut summed = marketplace::Counts::default();
    for week in &by_week {
        summed += *week;
    }
    assert_eq!(summed, total(&rule));
    assert_eq!(by_week.last().map(|w| (w.started, w.pending)), Some((5, 1)));
    let buyers: Vec<&str> = missed.iter().map(|m| m.buyer.as_str()).collect();
    assert_eq!(buyers, ["b-never", "b-late", "b-auto"], "newest first");
    assert_eq!(missed[0].answered_after, None);
    assert_eq!(missed[1].answered_after, Some(13 * 3600));

    // The page: the rate, where it is heading, the missed chats, the definition.
    let page = app.get("/performance/marketplace").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("25.0%");
    page.assert_contains("1 of 4 chats answered in time");
    page.assert_contains("the rate goes to 40.0%; miss them all and it falls to 20.0%");
    page.assert_contains("b-never");
    page.assert_contains("Never answered");
    page.assert_contains("13 h 00 min");
    page.assert_contains("New chats of the last 90 days answered within 12 hours");
    // The Malaysian store has nothing yet.
    page.assert_contains("Chen MY");
    page.assert_contains("No chat has cost the rate in this window.");
    // One store, and its rule changed: now automatic replies count.
    app.post(
        &format!(
            "/chat-assignment/stores/{}/settings/marketplace-rate",
            s.thai
        ),
        &[
            ("limit", "12"),
            ("window", "90"),
            ("counts_auto_replies", "on"),
        ],
    )
    .await;
    let one = app
        .get(&format!("/performance/marketplace?store={}", s.thai))
        .await;
    one.assert_contains("50.0%");
    one.assert_lacks("Chen MY</h2>");
}

#[actix_web::test]
async fn the_marketplace_rate_is_for_those_who_see_the_team_in_their_stores() {
    let s = shop().await;
    let app = &s.app;
    buyer_writes(app, s.thai, "b1", ChatSource::ProductPage, at(9, 0));
    // Customer service sees their own figures only: not the store's rate.
    let jiajia = app.sub_account_browser("chenshop:jiajia").await;
    assert_eq!(
        jiajia.get("/performance/marketplace").await.status,
        StatusCode::FORBIDDEN
    );
    jiajia
        .get("/performance")
        .await
        .assert_lacks("/performance/marketplace");
    // A supervisor of the Malaysian store sees it, and not the Thai store.
    app.add_sub_account("sup", "builtin:supervisor", &[s.my])
        .await;
    let sup = app.sub_account_browser("chenshop:sup").await;
    let page = sup.get("/performance/marketplace").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Chen MY");
    page.assert_lacks("Chen Thai");
    assert_eq!(
        sup.get(&format!("/performance/marketplace?store={}", s.thai))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Another seller: not found.
    let lisa = app.other_seller("lisashop").await;
    assert_eq!(
        lisa.get(&format!("/performance/marketplace?store={}", s.thai))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/performance/marketplace?store=abc").await.status,
        StatusCode::NOT_FOUND
    );
}
