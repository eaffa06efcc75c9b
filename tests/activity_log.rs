//! The Activity Log: the recorder (every sign-in, sign-out, failure and change is an
//! entry), the page with its filters and keyset pages, who sees what, the CSV, and a
//! completeness check over the whole route table.

mod common;

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDateTime, Utc};
use common::{Browser, PASSWORD, Page, TestApp, spawn_app};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{accounts, activity_log, store_api_tokens, stores};
use sellerdesk::i18n::Lang;

#[derive(Queryable, Debug)]
struct Entry {
    actor_account_id: Option<i64>,
    actor_name: String,
    client_addr: String,
    area: String,
    action: String,
    object_name: String,
    details: String,
}

fn entries(app: &TestApp) -> Vec<Entry> {
    app.with_db(|c| {
        activity_log::table
            .order(activity_log::id.asc())
            .select((
                activity_log::actor_account_id,
                activity_log::actor_name,
                activity_log::client_addr,
                activity_log::area,
                activity_log::action,
                activity_log::object_name,
                activity_log::details,
            ))
            .load::<Entry>(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn setup_sign_in_sign_out_and_failures_are_recorded() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    app.login("chenshop", "wrong password").await;
    app.login("chenshop:ghost", "wrong password").await;
    app.login("nosuchseller", "wrong password").await;
    app.login("chenshop", PASSWORD).await;

    let log = entries(&app);
    let summary: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|e| (e.area.as_str(), e.action.as_str(), e.object_name.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("accounts", "created", "chenshop"),
            ("accounts", "signed_out", "chenshop"),
            ("accounts", "sign_in_failed", "chenshop"),
            ("accounts", "sign_in_failed", "chenshop:ghost"),
            ("accounts", "signed_in", "chenshop"),
        ],
        "a name matching no seller is only throttled, not logged to any seller"
    );
    assert!(log.iter().all(|e| e.client_addr == "127.0.0.1"));
    assert!(log[0].actor_account_id.is_some());
    assert_eq!(log[2].actor_account_id, None);
    assert!(log[2].details.contains("wrong_password"));
    assert!(log[3].details.contains("unknown_member"));
    assert_eq!(log[4].actor_name, "chenshop");
}

#[actix_web::test]
async fn a_language_change_is_recorded_with_before_and_after() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.post("/language", &[("language", "zh-TW"), ("next", "/home")])
        .await;
    let last = entries(&app).pop().unwrap();
    assert_eq!(
        (last.area.as_str(), last.action.as_str()),
        ("settings", "updated")
    );
    let details: serde_json::Value = serde_json::from_str(&last.details).unwrap();
    assert_eq!(
        details["changes"],
        serde_json::json!([{"field": "language", "before": "", "after": "zh-TW"}])
    );
}

#[actix_web::test]
async fn a_refused_change_writes_no_entry() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let before = app.count("activity_log");
    let page = app
        .post_raw("/language", &[("language", "th"), ("csrf_token", "forged")])
        .await;
    assert_eq!(page.status, reqwest::StatusCode::FORBIDDEN);
    assert_eq!(app.count("activity_log"), before);
}

// ---------------------------------------------------------------------------------
// Helpers for the page: entries written straight into the table with chosen times,
// so filters and pages can be checked against a known log.

struct Row<'a> {
    actor: Option<i64>,
    actor_name: &'a str,
    area: &'a str,
    action: &'a str,
    object_type: &'a str,
    object_name: &'a str,
    store: Option<i64>,
    details: &'a str,
    at: NaiveDateTime,
}

impl<'a> Row<'a> {
    fn new(object_name: &'a str, at: NaiveDateTime) -> Self {
        Row {
            actor: None,
            actor_name: "chenshop",
            area: "stores",
            action: "updated",
            object_type: "store",
            object_name,
            store: None,
            details: "{}",
            at,
        }
    }
}

fn seller_of(app: &TestApp, username: &str) -> (i64, i64) {
    app.with_db(|c| {
        accounts::table
            .filter(accounts::username.eq(username))
            .select((accounts::seller_id, accounts::id))
            .first(c)
            .unwrap()
    })
}

fn insert(app: &TestApp, seller: i64, rows: &[Row]) {
    app.with_db(|c| {
        for r in rows {
            diesel::insert_into(activity_log::table)
                .values((
                    activity_log::seller_id.eq(seller),
                    activity_log::actor_account_id.eq(r.actor),
                    activity_log::actor_name.eq(r.actor_name),
                    activity_log::client_addr.eq("203.0.113.9"),
                    activity_log::area.eq(r.area),
                    activity_log::action.eq(r.action),
                    activity_log::object_type.eq(r.object_type),
                    activity_log::object_id.eq(None::<i64>),
                    activity_log::object_name.eq(r.object_name),
                    activity_log::store_id.eq(r.store),
                    activity_log::details.eq(r.details),
                    activity_log::created_at.eq(r.at),
                ))
                .execute(c)
                .unwrap();
        }
    });
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn day(offset_days: i64) -> String {
    (Utc::now() + Duration::days(offset_days))
        .format("%Y-%m-%d")
        .to_string()
}

/// The object names in the page's table, top to bottom.
fn objects(page: &Page) -> Vec<String> {
    let Some(table) = page.body.split("<tbody>").nth(1) else {
        return vec![];
    };
    table
        .split("<span class=\"tag\">")
        .skip(1)
        .filter_map(|cell| {
            let after = cell.split("</span>").nth(1)?;
            Some(after.split("</td>").next()?.trim().to_string())
        })
        .collect()
}

/// The "Older entries" link of a page, if any.
fn next_link(page: &Page) -> Option<String> {
    let marker = "rel=\"next\"";
    let end = page.body.find(marker)?;
    let start = page.body[..end].rfind("href=\"")? + "href=\"".len();
    let href = &page.body[start..end];
    let href = href.trim().trim_end_matches('"');
    Some(href.replace("&#38;", "&").replace("&amp;", "&"))
}

#[actix_web::test]
async fn the_page_shows_entries_newest_first_in_the_viewers_language_and_zone() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (seller, _) = seller_of(&app, "chenshop");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
        .and_then(|d| d.and_hms_opt(23, 30, 0))
        .unwrap();
    // Stored so far in the past, it shows only with an explicit range.
    insert(
        &app,
        seller,
        &[Row {
            details: r#"{"changes":[{"field":"name","before":"Chen","after":"Chen Thai"}]}"#,
            ..Row::new("Chen Thai", at)
        }],
    );
    app.post(
        "/settings",
        &[("language", "zh-CN"), ("time_zone", "Asia/Bangkok")],
    )
    .await;

    let page = app.get("/activity-log").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("href=\"/activity-log\" aria-current=\"page\"");
    page.assert_contains("操作日志");
    page.assert_contains("时间（Asia/Bangkok）");
    // The settings change just made, newest first, then setup's sign-up.
    let shown = objects(&page);
    assert_eq!(shown, ["chenshop", "chenshop"], "{}", page.body);
    page.assert_lacks("Chen Thai");
    page.assert_contains("设置");
    page.assert_contains("界面语言: （空） → 简体中文");

    let page = app.get("/activity-log?from=2026-01-01&to=2026-01-31").await;
    assert_eq!(objects(&page), ["Chen Thai"]);
    // Written as Chinese writes dates, in Bangkok's time.
    page.assert_contains("2026/1/3 06:30");
    page.assert_contains("名称: Chen → Chen Thai");
    page.assert_contains("203.0.113.9");
}

#[actix_web::test]
async fn each_filter_narrows_the_list() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let my = app.add_store("Chen MY", "MY").await;
    let jiajia = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    let (seller, main) = seller_of(&app, "chenshop");
    let t = now() - Duration::hours(1);
    insert(
        &app,
        seller,
        &[
            Row {
                actor: Some(jiajia),
                actor_name: "chenshop:jiajia",
                area: "webchat",
                action: "closed",
                object_type: "conversation",
                store: Some(thai),
                ..Row::new("Somchai", t)
            },
            Row {
                actor: Some(main),
                area: "chat_assignment",
                action: "created",
                object_type: "chat_group",
                store: Some(my),
                ..Row::new("Kuala 50%_Team", t)
            },
            Row {
                actor: Some(main),
                ..Row::new("Old store", now() - Duration::days(40))
            },
            Row {
                actor: Some(main),
                ..Row::new("Ancient store", now() - Duration::days(120))
            },
        ],
    );

    let list = |query: String| {
        let app = &app;
        async move {
            let page = app.get(&format!("/activity-log?{query}")).await;
            assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
            objects(&page)
        }
    };
    let all = list(String::new()).await;
    assert!(all.contains(&"Old store".to_string()), "{all:?}");
    assert!(
        !all.contains(&"Ancient store".to_string()),
        "12 weeks by default"
    );

    assert_eq!(list(format!("operator={jiajia}")).await, ["Somchai"]);
    assert_eq!(list("area=webchat".into()).await, ["Somchai"]);
    assert_eq!(list("action=closed".into()).await, ["Somchai"]);
    assert_eq!(
        list("area=chat_assignment&action=created".into()).await,
        ["Kuala 50%_Team"]
    );
    assert_eq!(
        list(format!("store={my}")).await,
        ["Chen MY", "Kuala 50%_Team"],
        "the store's creation (now) and the group (an hour ago)"
    );
    assert_eq!(
        list("q=50%25_".into()).await,
        ["Kuala 50%_Team"],
        "% and _ match literally"
    );
    assert_eq!(list("q=SOMCHAI".into()).await, ["Somchai"], "any case");
    assert_eq!(list("q=50__".into()).await, Vec::<String>::new());
    assert_eq!(
        list(format!("from={}&to={}", day(-41), day(-39))).await,
        ["Old store"]
    );
    assert_eq!(
        list(format!("from={}&to={}", day(-200), day(-100))).await,
        ["Ancient store"]
    );
    let page = app.get("/activity-log?q=nothing-like-this").await;
    page.assert_contains("No entries match these filters.");
}

#[actix_web::test]
async fn pages_follow_each_other_without_gaps_or_duplicates() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (seller, _) = seller_of(&app, "chenshop");
    let base = now() - Duration::hours(2);
    let names: Vec<String> = (0..130).map(|i| format!("store-{i:03}")).collect();
    // Pairs share a timestamp, so the id must break ties across page boundaries.
    let rows: Vec<Row> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Row::new(n, base + Duration::seconds((i / 2) as i64)))
        .collect();
    insert(&app, seller, &rows);

    let mut seen = vec![];
    let mut path = "/activity-log?area=stores".to_string();
    let mut pages = 0;
    loop {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let shown = objects(&page);
        assert!(shown.len() <= 50);
        seen.extend(shown);
        pages += 1;
        assert!(pages <= 3, "more pages than entries: {seen:?}");
        match next_link(&page) {
            Some(next) => {
                assert!(next.contains("before="), "{next}");
                assert!(!next.contains("offset") && !next.contains("page="));
                path = next;
            }
            None => break,
        }
    }
    let expected: Vec<String> = names.iter().rev().cloned().collect();
    assert_eq!(pages, 3);
    assert_eq!(seen, expected, "newest first, no gaps, no duplicates");
    let page = app.get(&path).await;
    page.assert_contains("Newest entries");
}

#[actix_web::test]
async fn a_text_search_examines_a_bounded_window_per_page_and_misses_nothing() {
    use sellerdesk::activity_log::query::{LogQuery, Page};
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (seller, _) = seller_of(&app, "chenshop");
    let base = now() - Duration::hours(3);
    let names: Vec<String> = (0..40)
        .map(|i| match i % 3 {
            0 => format!("Match {i:02}"),
            _ => format!("Other {i:02}"),
        })
        .collect();
    let rows: Vec<Row> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Row::new(n, base + Duration::seconds((i / 4) as i64)))
        .collect();
    insert(&app, seller, &rows);
    let query = LogQuery {
        seller_id: seller,
        actor: None,
        start: base - Duration::days(1),
        end: now() + Duration::days(1),
        area: None,
        action: None,
        store: None,
        text: Some("match".into()),
        page_size: 4,
        search_window: 7,
    };
    let mut found = vec![];
    let mut partial = 0;
    let mut cursor = None;
    for _ in 0..20 {
        let page: Page = app.with_db(|c| query.page(c, cursor).unwrap());
        assert!(page.rows.len() <= 4);
        partial += usize::from(page.searched_to.is_some());
        found.extend(page.rows.into_iter().map(|e| e.object_name));
        cursor = page.next;
        if cursor.is_none() {
            break;
        }
    }
    let expected: Vec<String> = names
        .iter()
        .rev()
        .filter(|n| n.starts_with("Match"))
        .cloned()
        .collect();
    assert_eq!(found, expected, "every match once, newest first");
    assert!(partial > 0, "some pages stopped at their window");
}

#[actix_web::test]
async fn customer_service_sees_only_its_own_entries_administrators_see_all() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let hidden = app.add_store("Chen Hidden", "MY").await;
    app.add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    app.add_sub_account("boss", "builtin:administrator", &[])
        .await;
    let (_, main) = seller_of(&app, "chenshop");
    let agent = app.sub_account_browser("chenshop:jiajia").await;
    let admin = app.sub_account_browser("chenshop:boss").await;

    let mine = agent.get("/activity-log").await;
    assert_eq!(mine.status, StatusCode::OK);
    mine.assert_contains("Your own operations");
    mine.assert_lacks("id=\"operator\"");
    mine.assert_lacks("Chen Hidden");
    let shown = objects(&mine);
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|o| o == "chenshop:jiajia"),
        "only the agent's sign-in and password change: {shown:?}"
    );
    // Naming another operator changes nothing: the query stays bound to the viewer.
    let forced = agent.get(&format!("/activity-log?operator={main}")).await;
    assert_eq!(forced.status, StatusCode::OK);
    assert_eq!(objects(&forced), shown);
    let store = agent.get(&format!("/activity-log?store={hidden}")).await;
    assert_eq!(store.status, StatusCode::UNPROCESSABLE_ENTITY);
    store.assert_contains("Choose one of your stores from the list.");
    let csv = agent.get("/activity-log.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(!csv.body.contains("Chen Thai"), "{}", csv.body);

    let everything = admin.get("/activity-log").await;
    everything.assert_contains("id=\"operator\"");
    let shown = objects(&everything);
    for name in [
        "Chen Thai",
        "Chen Hidden",
        "chenshop:jiajia",
        "chenshop:boss",
    ] {
        assert!(shown.iter().any(|o| o == name), "{name} in {shown:?}");
    }
    let (_, boss) = seller_of(&app, "chenshop:boss");
    let own = admin.get(&format!("/activity-log?operator={boss}")).await;
    assert!(
        objects(&own).iter().all(|o| o == "chenshop:boss"),
        "the administrator's sign-in and password change only"
    );
    let by_main = objects(&admin.get(&format!("/activity-log?operator={main}")).await);
    assert!(by_main.iter().any(|o| o == "Chen Hidden"));
    assert!(by_main.len() < shown.len());
}

#[actix_web::test]
async fn another_sellers_entries_stores_and_cursors_never_show() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.add_store("Chen Thai", "TH").await;
    let other = app.other_seller("othershop").await;
    other.get("/account/stores/new").await;
    let theirs = other
        .post(
            "/account/stores",
            &[
                ("name", "Other Secret Store"),
                ("market", "TH"),
                ("time_zone", ""),
            ],
        )
        .await
        .redirect_id();
    let (_, their_main) = seller_of(&app, "othershop");
    let their_entry: i64 = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::object_name.eq("Other Secret Store"))
            .select(activity_log::id)
            .first(c)
            .unwrap()
    });

    let page = app.get("/activity-log").await;
    page.assert_contains("Chen Thai");
    page.assert_lacks("Other Secret Store");
    page.assert_lacks("othershop");
    for query in [
        format!("before={their_entry}"),
        format!("store={theirs}"),
        format!("operator={their_main}"),
    ] {
        let page = app.get(&format!("/activity-log?{query}")).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        page.assert_lacks("Other Secret Store");
        page.assert_lacks("othershop");
        assert!(objects(&page).is_empty(), "{query}");
        let csv = app.get(&format!("/activity-log.csv?{query}")).await;
        assert!(
            csv.status == StatusCode::BAD_REQUEST || !csv.body.contains("Other"),
            "{query}"
        );
    }
    page.assert_lacks(&format!("before={their_entry}"));
    let page = app
        .get(&format!("/activity-log?before={their_entry}"))
        .await;
    page.assert_contains("This page of the log is not available.");
    let theirs_page = other.get("/activity-log").await;
    theirs_page.assert_contains("Other Secret Store");
    theirs_page.assert_lacks("Chen Thai");
}

#[actix_web::test]
async fn the_csv_has_a_bom_a_translated_header_quoted_rows_and_is_itself_recorded() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (seller, main) = seller_of(&app, "chenshop");
    insert(
        &app,
        seller,
        &[Row {
            actor: Some(main),
            details: r#"{"changes":[{"field":"name","before":"Old, \"quoted\"","after":"=1+1"}]}"#,
            ..Row::new("Chen, \"the\" shop\nline two", now())
        }],
    );
    app.post("/settings", &[("language", "th"), ("time_zone", "UTC")])
        .await;
    let before = app.count("activity_log");

    let response = app
        .client
        .get(app.url("/activity-log.csv?area=stores"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"activity-log-"));
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "เวลา (UTC),ผู้ดำเนินการ,ที่อยู่ IP,ส่วนงาน,การดำเนินการ,ประเภทรายการ,รายการ,รายละเอียด"
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains(",chenshop,203.0.113.9,ร้านค้า,อัปเดต,ร้านค้า,"),
        "{row}"
    );
    assert!(
        row.contains("\"Chen, \"\"the\"\" shop\nline two\""),
        "quoted with doubled quotes and the line break inside: {row}"
    );
    assert!(row.contains("\"ชื่อ: Old, \"\"quoted\"\" → =1+1\""), "{row}");
    assert_eq!(lines.next(), Some(""), "one row, CRLF-terminated");

    assert_eq!(app.count("activity_log"), before + 1);
    let last = entries(&app).pop().unwrap();
    assert_eq!(
        (
            last.area.as_str(),
            last.action.as_str(),
            last.object_name.as_str()
        ),
        ("activity_log", "exported", "activity_log")
    );
    let details: serde_json::Value = serde_json::from_str(&last.details).unwrap();
    assert_eq!(details["filters"]["area"], "stores");
    let page = app.get("/activity-log?area=activity_log").await;
    page.assert_contains("ส่งออก");
    page.assert_contains("href=\"/activity-log.csv?");
}

#[actix_web::test]
async fn bad_filters_are_explained_in_the_viewers_language_never_a_server_error() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.post("/language", &[("language", "es"), ("next", "/home")])
        .await;
    let cases = [
        (
            "from=yesterday",
            "Ingresa la fecha con el formato AAAA-MM-DD.",
        ),
        (
            "to=2026-02-30",
            "Ingresa la fecha con el formato AAAA-MM-DD.",
        ),
        (
            "from=2026-11-10&to=2026-11-01",
            "La fecha de inicio no puede ser posterior a la fecha de fin.",
        ),
        (
            "from=2020-01-01&to=2026-01-01",
            "Elige un rango de 366 días como máximo.",
        ),
        ("area=nowhere", "Elige un área de la lista."),
        ("action=%27%3B+DROP+TABLE", "Elige una acción de la lista."),
        ("store=abc", "Elige una de tus tiendas de la lista."),
        ("store=999999", "Elige una de tus tiendas de la lista."),
        ("operator=-1", "Elige un operador de la lista."),
        ("before=x", "Esta página del registro no está disponible."),
        (
            "before=99999999",
            "Esta página del registro no está disponible.",
        ),
        ("from=9999-12-31&to=9999-12-31", ""),
        ("from=0001-01-01&to=0001-01-02", ""),
    ];
    for (query, message) in cases {
        let page = app.get(&format!("/activity-log?{query}")).await;
        assert!(
            page.status == StatusCode::UNPROCESSABLE_ENTITY || message.is_empty(),
            "{query}: {}",
            page.status
        );
        assert!(page.status != StatusCode::INTERNAL_SERVER_ERROR, "{query}");
        page.assert_contains(message);
        if !message.is_empty() {
            page.assert_contains("Corrige lo siguiente:");
            page.assert_lacks("href=\"/activity-log.csv");
        }
        // The download ignores a page cursor: it holds the whole filtered range.
        if !message.is_empty() && !query.starts_with("before=") {
            let csv = app.get(&format!("/activity-log.csv?{query}")).await;
            assert_eq!(csv.status, StatusCode::BAD_REQUEST, "{query}");
        }
    }
    let long = format!("/activity-log?q={}", "x".repeat(101));
    app.get(&long)
        .await
        .assert_contains("Busca como máximo 100 caracteres.");
}

#[actix_web::test]
async fn entries_cannot_be_changed_or_removed_through_the_app() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let before = app.count("activity_log");
    for path in ["/activity-log", "/activity-log.csv", "/activity-log/1"] {
        let page = app.post(path, &[("id", "1")]).await;
        assert!(
            page.status == StatusCode::NOT_FOUND || page.status == StatusCode::METHOD_NOT_ALLOWED,
            "{path}: {}",
            page.status
        );
    }
    assert_eq!(app.count("activity_log"), before);
}

#[test]
fn every_recorded_field_has_a_translated_name() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let field = regex::Regex::new(r#"\.field\(\s*"([a-z_]+)""#).unwrap();
    let mut names = BTreeSet::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).unwrap();
                names.extend(field.captures_iter(&code).map(|c| c[1].to_string()));
            }
        }
    }
    assert!(names.len() > 10, "{names:?}");
    let untranslated: Vec<_> = names
        .iter()
        .filter(|n| sellerdesk::activity_log::view::field_key(n).is_none())
        .collect();
    assert!(
        untranslated.is_empty(),
        "add activity-field-… keys for {untranslated:?}"
    );
}

// ---------------------------------------------------------------------------------
// Completeness: every mutating route of the route table writes exactly its entries.

/// What a mutating route records, as (area, action, object type) per entry.
type Expected = &'static [(&'static str, &'static str, &'static str)];

/// Every route that changes something (POST) or hands data out (CSV exports), with what
/// it records. Order matters: routes run top to bottom on one shop. A route that writes
/// no entry says why.
const TABLE: &[(&str, Result<Expected, &str>)] = &[
    ("/setup", Ok(&[("accounts", "created", "account")])),
    ("/language", Ok(&[("settings", "updated", "account")])),
    ("/settings", Ok(&[("settings", "updated", "account")])),
    (
        "/account/profile",
        Ok(&[("accounts", "updated", "account")]),
    ),
    ("/account/stores", Ok(&[("stores", "created", "store")])),
    (
        "/account/stores/{id}",
        Ok(&[("stores", "updated", "store")]),
    ),
    (
        "/account/stores/{id}/status",
        Ok(&[("stores", "disabled", "store")]),
    ),
    (
        "/account/stores/{id}/tokens",
        Ok(&[("stores", "created", "api_token")]),
    ),
    ("/account/roles", Ok(&[("accounts", "created", "role")])),
    (
        "/account/roles/{id}",
        Ok(&[("accounts", "updated", "role")]),
    ),
    (
        "/account/roles/{id}/delete",
        Ok(&[("accounts", "deleted", "role")]),
    ),
    (
        "/account/sub-accounts",
        Ok(&[
            ("accounts", "created", "account"),
            ("accounts", "granted", "account"),
        ]),
    ),
    (
        "/account/sub-accounts/{id}",
        Ok(&[("accounts", "updated", "account")]),
    ),
    (
        "/account/sub-accounts/{id}/stores",
        Ok(&[("accounts", "granted", "account")]),
    ),
    (
        "/account/sub-accounts/{id}/status",
        Ok(&[("accounts", "disabled", "account")]),
    ),
    (
        "/account/sub-accounts/{id}/password",
        Ok(&[("accounts", "password_reset", "account")]),
    ),
    (
        "/chat-assignment/stores/{id}/groups",
        Ok(&[("chat_assignment", "created", "chat_group")]),
    ),
    (
        "/chat-assignment/stores/{id}/groups/{group_id}/{part}",
        Ok(&[("chat_assignment", "updated", "chat_group")]),
    ),
    (
        "/chat-assignment/stores/{id}/groups/{group_id}/status",
        Ok(&[("chat_assignment", "closed", "chat_group")]),
    ),
    (
        "/chat-assignment/stores/{id}/groups/{group_id}/delete",
        Ok(&[("chat_assignment", "deleted", "chat_group")]),
    ),
    (
        "/chat-assignment/stores/{id}/settings/auto-reply",
        Ok(&[("chat_assignment", "updated", "store")]),
    ),
    (
        "/chat-assignment/stores/{id}/settings/capacity",
        Ok(&[("chat_assignment", "updated", "store")]),
    ),
    (
        "/chat-assignment/stores/{id}/settings/off-work",
        Ok(&[("chat_assignment", "updated", "store")]),
    ),
    (
        "/chat-assignment/stores/{id}/settings/guard",
        Ok(&[("chat_assignment", "updated", "store")]),
    ),
    (
        "/chat-assignment/stores/{id}/settings/marketplace-rate",
        Ok(&[("chat_assignment", "updated", "store")]),
    ),
    (
        "/chat-assignment/stores/{id}/quick-replies",
        Ok(&[("chat_assignment", "created", "quick_reply")]),
    ),
    (
        "/chat-assignment/stores/{id}/quick-replies/{reply_id}",
        Ok(&[("chat_assignment", "updated", "quick_reply")]),
    ),
    (
        "/chat-assignment/stores/{id}/quick-replies/{reply_id}/delete",
        Ok(&[("chat_assignment", "deleted", "quick_reply")]),
    ),
    (
        "/chat/{store_key}",
        Err(
            "a buyer's message: buyers are not operators; the message is the conversation's own record",
        ),
    ),
    (
        "/api/v1/messages",
        Err("a buyer's message through the store's integration, like the buyer chat page"),
    ),
    (
        "/api/v1/messages/{id}/delivery",
        Err(
            "the integration's report on a reply reaching the buyer: a mark on the message, \
             like the message itself",
        ),
    ),
    (
        "/webchat/conversations/{id}/take",
        Ok(&[("webchat", "taken", "conversation")]),
    ),
    (
        "/webchat/conversations/{id}/reply",
        Err("an agent's message is part of the conversation and counted in Performance Data"),
    ),
    (
        "/webchat/conversations/{id}/read",
        Err(
            "reading a chat is not an operation: it moves the agent's unread mark, like opening the chat",
        ),
    ),
    (
        "/webchat/conversations/{id}/note",
        Err("a private note is part of the conversation's history, like a reply"),
    ),
    (
        "/webchat/conversations/{id}/transfer",
        Ok(&[("webchat", "transferred", "conversation")]),
    ),
    (
        "/webchat/conversations/{id}/{action}",
        Ok(&[("webchat", "closed", "conversation")]),
    ),
    (
        "/chat/{store_key}/rating",
        Err("a buyer's rating: buyers are not operators; the rating is the chat's own record"),
    ),
    (
        "/api/v1/conversations/{id}/rating",
        Err("a buyer's rating through the store's integration, like the buyer chat page"),
    ),
    (
        "/webchat/status",
        Ok(&[("webchat", "status_changed", "account")]),
    ),
    (
        "/account/stores/{id}/tokens/{token_id}/revoke",
        Ok(&[("stores", "revoked", "api_token")]),
    ),
    (
        "/activity-log.csv",
        Ok(&[("activity_log", "exported", "report")]),
    ),
    (
        "/performance.csv",
        Ok(&[("performance", "exported", "report")]),
    ),
    (
        "/performance/chats.csv",
        Ok(&[("performance", "exported", "report")]),
    ),
    (
        "/account/stores/{id}/chat-link",
        Ok(&[("stores", "chat_link_rotated", "store")]),
    ),
    (
        "/account/security/two-factor/enable",
        Ok(&[("accounts", "two_factor_enabled", "account")]),
    ),
    (
        "/account/security/two-factor/recovery-codes",
        Ok(&[("accounts", "recovery_codes_renewed", "account")]),
    ),
    (
        "/account/security/two-factor/required",
        Ok(&[("accounts", "two_factor_required", "account")]),
    ),
    (
        "/account/sub-accounts/{id}/two-factor/reset",
        Ok(&[("accounts", "two_factor_reset", "account")]),
    ),
    (
        "/account/security/two-factor/disable",
        Ok(&[("accounts", "two_factor_disabled", "account")]),
    ),
    (
        "/login/two-factor",
        Ok(&[("accounts", "signed_in", "account")]),
    ),
    (
        "/account/security/sessions/end-others",
        Ok(&[("accounts", "sessions_ended", "account")]),
    ),
    (
        "/account/password",
        Ok(&[("accounts", "password_changed", "account")]),
    ),
    ("/logout", Ok(&[("accounts", "signed_out", "account")])),
    ("/login", Ok(&[("accounts", "signed_in", "account")])),
    (
        "/account/stores/{id}/webhooks",
        Ok(&[("stores", "created", "webhook")]),
    ),
    (
        "/account/stores/{id}/webhooks/{endpoint_id}",
        Ok(&[("stores", "updated", "webhook")]),
    ),
    (
        "/account/stores/{id}/webhooks/{endpoint_id}/pause",
        Ok(&[("stores", "disabled", "webhook")]),
    ),
    (
        "/account/stores/{id}/webhooks/{endpoint_id}/resume",
        Ok(&[("stores", "enabled", "webhook")]),
    ),
    (
        "/account/stores/{id}/webhooks/{endpoint_id}/test",
        Ok(&[("stores", "test_sent", "webhook")]),
    ),
    (
        "/account/stores/{id}/webhooks/{endpoint_id}/deliveries/{delivery_id}/resend",
        Ok(&[("stores", "resent", "webhook")]),
    ),
    (
        "/account/stores/{id}/webhooks/{endpoint_id}/delete",
        Ok(&[("stores", "deleted", "webhook")]),
    ),
];

/// The routes of `src/app.rs` that change something or hand data out: every non-GET
/// route, and every GET route of a CSV export.
fn mutating_routes() -> BTreeSet<String> {
    let app_rs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app.rs"),
    )
    .unwrap();
    let route = regex::Regex::new(r#"(?s)\.route\(\s*"([^"]+)",\s*web::([a-z]+)\(\)"#).unwrap();
    let routes: Vec<(String, String)> = route
        .captures_iter(&app_rs)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert!(routes.len() > 40, "the route table was not understood");
    routes
        .into_iter()
        .filter(|(path, method)| method != "get" || path.ends_with(".csv"))
        .map(|(path, _)| path)
        .collect()
}

/// The shop the routes run on, and the ids they need.
#[derive(Default)]
struct World {
    store: i64,
    spare: i64,
    store_key: String,
    agent: Option<Browser>,
    amy: i64,
    group: i64,
    after_sales: i64,
    role: i64,
    reply: i64,
    token_secret: String,
    conversation: i64,
    main_secret: String,
    /// The buyer of the chat page, who rates the chat once it is closed.
    buyer: Option<Browser>,
}

/// The store's webhook endpoint.
fn webhook_of(app: &TestApp, store: i64) -> i64 {
    app.with_db(|c| {
        use sellerdesk::db::schema::webhook_endpoints;
        webhook_endpoints::table
            .filter(webhook_endpoints::store_id.eq(store))
            .select(webhook_endpoints::id)
            .first(c)
            .unwrap()
    })
}

fn last_id(app: &TestApp, object_type: &str) -> i64 {
    app.with_db(|c| {
        activity_log::table
            .filter(activity_log::object_type.eq(object_type))
            .order(activity_log::id.desc())
            .select(activity_log::object_id)
            .first::<Option<i64>>(c)
            .unwrap()
            .unwrap()
    })
}

async fn prepare(app: &TestApp, w: &mut World) {
    w.store = app.add_store("Chen Thai", "TH").await;
    w.spare = app.add_store("Chen Spare", "MY").await;
    w.store_key = app.with_db(|c| {
        stores::table
            .find(w.store)
            .select(stores::public_key)
            .first(c)
            .unwrap()
    });
    let jiajia = app
        .add_sub_account("jiajia", "builtin:customer_service", &[w.store])
        .await;
    w.amy = app
        .add_sub_account("amy", "builtin:customer_service", &[w.store])
        .await;
    for (name, source) in [
        ("Pre-sales", "product_page"),
        ("After-sales", "after_sales"),
    ] {
        let page = app
            .post(
                &format!("/chat-assignment/stores/{}/groups", w.store),
                &[
                    ("name", name),
                    ("members", &jiajia.to_string()),
                    ("sources", source),
                ],
            )
            .await;
        assert!(page.status.is_redirection(), "{}", page.body);
    }
    w.after_sales = last_id(app, "chat_group");
    w.agent = Some(app.sub_account_browser("chenshop:jiajia").await);
}

/// Gives the account a second factor directly (a setup step that is not measured);
/// returns its secret.
fn set_two_factor(app: &TestApp, username: &str) -> String {
    let secret = sellerdesk::accounts::two_factor::new_secret();
    app.with_db(|c| {
        use sellerdesk::db::schema::accounts;
        diesel::update(accounts::table.filter(accounts::username.eq(username)))
            .set(accounts::totp_secret.eq(&secret))
            .execute(c)
            .unwrap()
    });
    secret
}

fn agent(w: &World) -> &Browser {
    w.agent.as_ref().expect("prepared")
}

/// Performs the route once, as a user would; returns the response of the last step.
async fn perform(app: &TestApp, w: &mut World, route: &str) -> Page {
    let s = w.store;
    let base = format!("/chat-assignment/stores/{s}");
    match route {
        "/setup" => app.setup("chenshop").await,
        "/language" => {
            app.post("/language", &[("language", "en"), ("next", "/home")])
                .await
        }
        "/settings" => {
            app.post(
                "/settings",
                &[("language", "en"), ("time_zone", "Asia/Bangkok")],
            )
            .await
        }
        "/account/profile" => {
            app.post(
                route,
                &[
                    ("display_name", "Chen Jia Li"),
                    ("email", "chenshop@example.com"),
                    ("phone", ""),
                ],
            )
            .await
        }
        "/account/stores" => {
            app.post(
                route,
                &[("name", "Chen PH"), ("market", "PH"), ("time_zone", "")],
            )
            .await
        }
        "/account/stores/{id}" => {
            app.post(
                &format!("/account/stores/{}", w.spare),
                &[
                    ("name", "Chen Spare 2"),
                    ("market", "MY"),
                    ("time_zone", ""),
                ],
            )
            .await
        }
        "/account/stores/{id}/status" => {
            app.post(
                &format!("/account/stores/{}/status", w.spare),
                &[("active", "false")],
            )
            .await
        }
        "/account/stores/{id}/tokens" => {
            let page = app
                .post(&format!("/account/stores/{s}/tokens"), &[("name", "ERP")])
                .await;
            let shown = app.get(&format!("/account/stores/{s}")).await;
            let start = shown
                .body
                .find("sdk_")
                .expect("the new token is shown once");
            w.token_secret = shown.body[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            page
        }
        "/account/stores/{id}/tokens/{token_id}/revoke" => {
            let token: i64 = app.with_db(|c| {
                store_api_tokens::table
                    .filter(store_api_tokens::store_id.eq(s))
                    .select(store_api_tokens::id)
                    .first(c)
                    .unwrap()
            });
            app.post(
                &format!("/account/stores/{s}/tokens/{token}/revoke"),
                &[("confirm", "yes")],
            )
            .await
        }
        "/account/roles" => {
            let page = app
                .post(
                    route,
                    &[("name", "Night shift"), ("permissions", "webchat")],
                )
                .await;
            w.role = last_id(app, "role");
            page
        }
        "/account/roles/{id}" => {
            app.post(
                &format!("/account/roles/{}", w.role),
                &[("name", "Late shift"), ("permissions", "webchat")],
            )
            .await
        }
        "/account/roles/{id}/delete" => {
            app.post(
                &format!("/account/roles/{}/delete", w.role),
                &[("confirm", "yes")],
            )
            .await
        }
        "/account/sub-accounts" => {
            let store = s.to_string();
            app.post(
                route,
                &[
                    ("member_name", "bob"),
                    ("display_name", "Bob"),
                    ("email", "bob@example.com"),
                    ("role", "builtin:customer_service"),
                    ("password", common::INITIAL_PASSWORD),
                    ("password_confirm", common::INITIAL_PASSWORD),
                    ("stores", &store),
                ],
            )
            .await
        }
        "/account/sub-accounts/{id}" => {
            app.post(
                &format!("/account/sub-accounts/{}", w.amy),
                &[
                    ("display_name", "Amy Tan"),
                    ("email", "amy@example.com"),
                    ("phone", ""),
                    ("role", "builtin:customer_service"),
                ],
            )
            .await
        }
        "/account/sub-accounts/{id}/stores" => {
            let (a, b) = (s.to_string(), w.spare.to_string());
            app.post(
                &format!("/account/sub-accounts/{}/stores", w.amy),
                &[("stores", &a), ("stores", &b)],
            )
            .await
        }
        "/account/sub-accounts/{id}/status" => {
            app.post(
                &format!("/account/sub-accounts/{}/status", w.amy),
                &[("enabled", "false")],
            )
            .await
        }
        "/account/sub-accounts/{id}/password" => {
            app.post(
                &format!("/account/sub-accounts/{}/password", w.amy),
                &[
                    ("password", "another pass 1"),
                    ("password_confirm", "another pass 1"),
                ],
            )
            .await
        }
        "/chat-assignment/stores/{id}/groups" => {
            let page = app
                .post(
                    &format!("{base}/groups"),
                    &[("name", "Backup"), ("sources", "other")],
                )
                .await;
            w.group = last_id(app, "chat_group");
            page
        }
        "/chat-assignment/stores/{id}/groups/{group_id}/{part}" => {
            app.post(
                &format!("{base}/groups/{}/name", w.group),
                &[("name", "Backup team")],
            )
            .await
        }
        "/chat-assignment/stores/{id}/groups/{group_id}/status" => {
            app.post(
                &format!("{base}/groups/{}/status", w.group),
                &[("active", "false")],
            )
            .await
        }
        "/chat-assignment/stores/{id}/groups/{group_id}/delete" => {
            app.post(
                &format!("{base}/groups/{}/delete", w.group),
                &[("confirm", "yes")],
            )
            .await
        }
        "/chat-assignment/stores/{id}/settings/auto-reply" => {
            app.post(
                &format!("{base}/settings/auto-reply"),
                &[("enabled", "on"), ("text", "Sawasdee! We reply fast.")],
            )
            .await
        }
        "/chat-assignment/stores/{id}/settings/capacity" => {
            app.post(&format!("{base}/settings/capacity"), &[("capacity", "12")])
                .await
        }
        "/chat-assignment/stores/{id}/settings/guard" => {
            app.post(
                &format!("{base}/settings/guard"),
                &[("target", "3"), ("reassign", "20"), ("return", "12")],
            )
            .await
        }
        "/chat-assignment/stores/{id}/settings/marketplace-rate" => {
            app.post(
                &format!("{base}/settings/marketplace-rate"),
                &[
                    ("limit", "24"),
                    ("window", "30"),
                    ("counts_auto_replies", "on"),
                ],
            )
            .await
        }
        "/chat-assignment/stores/{id}/settings/off-work" => {
            app.post(
                &format!("{base}/settings/off-work"),
                &[("text", "Back at nine"), ("day0", "09:00-17:00")],
            )
            .await
        }
        "/chat-assignment/stores/{id}/quick-replies" => {
            let page = app
                .post(
                    &format!("{base}/quick-replies"),
                    &[("shortcut", "/hi"), ("text", "Hi")],
                )
                .await;
            w.reply = last_id(app, "quick_reply");
            page
        }
        "/chat-assignment/stores/{id}/quick-replies/{reply_id}" => {
            app.post(
                &format!("{base}/quick-replies/{}", w.reply),
                &[("shortcut", "/hello"), ("text", "Hello")],
            )
            .await
        }
        "/chat-assignment/stores/{id}/quick-replies/{reply_id}/delete" => {
            app.post(
                &format!("{base}/quick-replies/{}/delete", w.reply),
                &[("confirm", "yes")],
            )
            .await
        }
        "/chat/{store_key}" => {
            let buyer = app.browser();
            let url = format!("/chat/{}", w.store_key);
            buyer.get(&format!("{url}?source=product_page")).await;
            buyer
                .post(
                    &url,
                    &[("display_name", "Somchai"), ("source", "product_page")],
                )
                .await;
            let page = buyer
                .post(
                    &url,
                    &[("text", "Is this in stock?"), ("source", "product_page")],
                )
                .await;
            w.conversation = app.with_db(|c| {
                use sellerdesk::db::schema::conversations;
                conversations::table
                    .order(conversations::id.desc())
                    .select(conversations::id)
                    .first(c)
                    .unwrap()
            });
            w.buyer = Some(buyer);
            page
        }
        "/chat/{store_key}/rating" => {
            let buyer = w.buyer.as_ref().expect("the buyer wrote");
            buyer
                .post(
                    &format!("/chat/{}/rating", w.store_key),
                    &[
                        ("score", "5"),
                        ("comment", "Thanks!"),
                        ("source", "product_page"),
                    ],
                )
                .await
        }
        "/api/v1/conversations/{id}/rating" => {
            // The integration's chat, closed (a setup step, not the measured operation).
            let chat: i64 = app.with_db(|c| {
                use sellerdesk::db::schema::{buyers, conversations};
                let chat = conversations::table
                    .inner_join(buyers::table)
                    .filter(buyers::buyer_key.eq("api:B-1"))
                    .select(conversations::id)
                    .first(c)
                    .unwrap();
                diesel::update(conversations::table.find(chat))
                    .set((
                        conversations::status.eq("closed"),
                        conversations::closed_at.eq(Some(chrono::Utc::now().naive_utc())),
                    ))
                    .execute(c)
                    .unwrap();
                chat
            });
            let response = app
                .client
                .post(app.url(&format!("/api/v1/conversations/{chat}/rating")))
                .bearer_auth(&w.token_secret)
                .json(&serde_json::json!({"buyer_id": "B-1", "score": 3}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::CREATED);
            Page {
                status: response.status(),
                location: None,
                body: response.text().await.unwrap(),
            }
        }
        "/api/v1/messages" => {
            let body = serde_json::json!({"external_id": "m-1", "buyer_id": "B-1", "buyer_name": "Anong",
                "source": "order", "text": "Where is my parcel?"});
            let response = app
                .client
                .post(app.url(route))
                .bearer_auth(&w.token_secret)
                .json(&body)
                .send()
                .await
                .unwrap();
            Page {
                status: response.status(),
                location: None,
                body: response.text().await.unwrap(),
            }
        }
        "/api/v1/messages/{id}/delivery" => {
            let reply: i64 = app.with_db(|c| {
                use diesel::prelude::*;
                use sellerdesk::db::schema::messages;
                messages::table
                    .filter(messages::sender.eq_any(["agent", "auto"]))
                    .select(messages::id)
                    .first(c)
                    .unwrap()
            });
            let response = app
                .client
                .post(app.url(&format!("/api/v1/messages/{reply}/delivery")))
                .bearer_auth(&w.token_secret)
                .json(&serde_json::json!({"status": "failed", "reason": "Buyer left"}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            Page {
                status: response.status(),
                location: None,
                body: response.text().await.unwrap(),
            }
        }
        "/webchat/conversations/{id}/take" => {
            agent(w)
                .post(
                    &format!("/webchat/conversations/{}/take", w.conversation),
                    &[],
                )
                .await
        }
        "/webchat/conversations/{id}/reply" => {
            agent(w)
                .post(
                    &format!("/webchat/conversations/{}/reply", w.conversation),
                    &[("text", "Yes, size M is in stock.")],
                )
                .await
        }
        "/webchat/conversations/{id}/read" => {
            agent(w)
                .post(
                    &format!("/webchat/conversations/{}/read", w.conversation),
                    &[],
                )
                .await
        }
        "/webchat/conversations/{id}/note" => {
            agent(w)
                .post(
                    &format!("/webchat/conversations/{}/note", w.conversation),
                    &[("text", "Prefers English")],
                )
                .await
        }
        "/webchat/conversations/{id}/transfer" => {
            let target = format!("group:{}", w.after_sales);
            agent(w)
                .post(
                    &format!("/webchat/conversations/{}/transfer", w.conversation),
                    &[("target", &target)],
                )
                .await
        }
        "/webchat/conversations/{id}/{action}" => {
            agent(w)
                .post(
                    &format!("/webchat/conversations/{}/close", w.conversation),
                    &[],
                )
                .await
        }
        "/webchat/status" => agent(w).post(route, &[("status", "online")]).await,
        "/activity-log.csv" | "/performance.csv" | "/performance/chats.csv" => app.get(route).await,
        "/account/password" => {
            app.post(
                route,
                &[
                    ("current_password", PASSWORD),
                    ("password", "a brand new pass 9"),
                    ("password_confirm", "a brand new pass 9"),
                ],
            )
            .await
        }
        "/account/stores/{id}/chat-link" => {
            app.post(
                &format!("/account/stores/{s}/chat-link"),
                &[("confirm", "yes")],
            )
            .await
        }
        "/account/security/two-factor/enable" => {
            let secret = common::shown_secret(&app.get("/account/security").await.body);
            w.main_secret = secret.clone();
            app.post(
                route,
                &[
                    ("password", PASSWORD),
                    ("code", &common::totp_code(&secret, 0)),
                ],
            )
            .await
        }
        "/account/security/two-factor/recovery-codes" => {
            // The enabling code's step is used up: the app's next code is accepted.
            app.post(route, &[("code", &common::totp_code(&w.main_secret, 1))])
                .await
        }
        "/account/security/two-factor/required" => app.post(route, &[("required", "on")]).await,
        "/account/sub-accounts/{id}/two-factor/reset" => {
            set_two_factor(app, "chenshop:amy");
            app.post(
                &format!("/account/sub-accounts/{}/two-factor/reset", w.amy),
                &[("confirm", "yes")],
            )
            .await
        }
        "/account/security/two-factor/disable" => {
            // Turning it off is refused while the seller requires it, and the codes of
            // this minute are used up: both are set back as a quiet setup step.
            app.with_db(|c| {
                use sellerdesk::db::schema::{accounts, sellers};
                diesel::update(sellers::table)
                    .set(sellers::require_two_factor.eq(false))
                    .execute(c)
                    .unwrap();
                diesel::update(accounts::table)
                    .set(accounts::totp_last_step.eq(0))
                    .execute(c)
                    .unwrap();
            });
            app.post(
                route,
                &[
                    ("password", PASSWORD),
                    ("code", &common::totp_code(&w.main_secret, 0)),
                ],
            )
            .await
        }
        "/login/two-factor" => {
            let secret = set_two_factor(app, "chenshop:jiajia");
            let phone = app.browser();
            phone
                .login("chenshop:jiajia", PASSWORD)
                .await
                .assert_redirect("/login/two-factor?next=");
            phone
                .post(route, &[("code", &common::totp_code(&secret, 0))])
                .await
        }
        "/account/security/sessions/end-others" => app.post(route, &[("confirm", "yes")]).await,
        "/logout" => app.logout().await,
        "/login" => app.login("chenshop", "a brand new pass 9").await,
        "/account/stores/{id}/webhooks" => {
            // Nothing listens there: deliveries fail, which no entry records.
            app.post(
                &format!("/account/stores/{s}/webhooks"),
                &[
                    ("url", "https://127.0.0.1:9/hook"),
                    ("events", "message.created"),
                ],
            )
            .await
        }
        "/account/stores/{id}/webhooks/{endpoint_id}" => {
            let id = webhook_of(app, s);
            app.post(
                &format!("/account/stores/{s}/webhooks/{id}"),
                &[
                    ("url", "https://127.0.0.1:9/hooks/v2"),
                    ("events", "message.created"),
                    ("events", "conversation.closed"),
                ],
            )
            .await
        }
        "/account/stores/{id}/webhooks/{endpoint_id}/pause"
        | "/account/stores/{id}/webhooks/{endpoint_id}/resume"
        | "/account/stores/{id}/webhooks/{endpoint_id}/test" => {
            let id = webhook_of(app, s);
            let action = route.rsplit('/').next().unwrap_or_default();
            app.post(&format!("/account/stores/{s}/webhooks/{id}/{action}"), &[])
                .await
        }
        "/account/stores/{id}/webhooks/{endpoint_id}/deliveries/{delivery_id}/resend" => {
            let id = webhook_of(app, s);
            // A logged delivery of one of the store's events (the worker may not have
            // tried yet).
            let delivery: i64 = app.with_db(|c| {
                use sellerdesk::db::schema::{chat_events, webhook_deliveries};
                let event: i64 = chat_events::table
                    .filter(chat_events::store_id.eq(s))
                    .filter(chat_events::kind.eq_any(["taken", "assigned", "closed", "reopened"]))
                    .select(chat_events::id)
                    .first(c)
                    .unwrap();
                let now = chrono::Utc::now().naive_utc();
                diesel::insert_into(webhook_deliveries::table)
                    .values((
                        webhook_deliveries::seller_id.eq(stores::table
                            .find(s)
                            .select(stores::seller_id)
                            .first::<i64>(c)
                            .unwrap()),
                        webhook_deliveries::endpoint_id.eq(id),
                        webhook_deliveries::event_id.eq(Some(event)),
                        webhook_deliveries::event_type.eq("conversation.closed"),
                        webhook_deliveries::status.eq("failed"),
                        webhook_deliveries::attempts.eq(1),
                        webhook_deliveries::created_at.eq(now),
                        webhook_deliveries::updated_at.eq(now),
                    ))
                    .returning(webhook_deliveries::id)
                    .get_result(c)
                    .unwrap()
            });
            app.post(
                &format!("/account/stores/{s}/webhooks/{id}/deliveries/{delivery}/resend"),
                &[],
            )
            .await
        }
        "/account/stores/{id}/webhooks/{endpoint_id}/delete" => {
            let id = webhook_of(app, s);
            app.post(
                &format!("/account/stores/{s}/webhooks/{id}/delete"),
                &[("confirm", "yes")],
            )
            .await
        }
        other => panic!("no way to perform {other}: add it to `perform`"),
    }
}

#[actix_web::test]
async fn every_mutating_route_writes_exactly_its_entries() {
    let routes = mutating_routes();
    let listed: BTreeSet<String> = TABLE.iter().map(|(r, _)| r.to_string()).collect();
    let missing: Vec<_> = routes.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "mutating routes with no Activity Log expectation: {missing:?} — record an entry \
         in the route's transaction and add the route to TABLE (or say there why not)"
    );

    let app = spawn_app().await;
    let mut w = World::default();
    let mut performed = 0;
    for (route, expected) in TABLE {
        if !routes.contains(*route) {
            continue;
        }
        let before = app.with_db(|c| {
            activity_log::table
                .select(diesel::dsl::max(activity_log::id))
                .first::<Option<i64>>(c)
                .unwrap()
                .unwrap_or(0)
        });
        let page = perform(&app, &mut w, route).await;
        assert!(
            page.status.is_success() || page.status.is_redirection(),
            "{route} failed with {}: {}",
            page.status,
            page.body
        );
        let written: Vec<(String, String, String, i64)> = app.with_db(|c| {
            activity_log::table
                .filter(activity_log::id.gt(before))
                .order(activity_log::id.asc())
                .select((
                    activity_log::area,
                    activity_log::action,
                    activity_log::object_type,
                    activity_log::seller_id,
                ))
                .load(c)
                .unwrap()
        });
        let got: Vec<(&str, &str, &str)> = written
            .iter()
            .map(|(a, b, c, _)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        let want: Vec<(&str, &str, &str)> = match expected {
            Ok(entries) => entries.to_vec(),
            Err(_) => vec![],
        };
        assert_eq!(got, want, "entries written by {route}");
        assert!(
            written
                .iter()
                .all(|(_, _, _, seller)| *seller == written[0].3)
        );
        performed += 1;
        if *route == "/setup" {
            // The shop the other routes work on; its own entries are not measured.
            prepare(&app, &mut w).await;
        }
    }
    assert_eq!(performed, routes.len());

    // Every kind of detail just recorded, read in every language, page and CSV: words,
    // never the codes the entries were stored with.
    let codes = regex::Regex::new(
        r#"\b[a-z]+_[a-z_]+\b|\b(?:zh-CN|zh-TW|pt-BR)\b|(?:: |→ )(?:SG|MY|TH|VN|PH|ID|TW|BR|MX|CO|CL|ms|th|vi|id|es|en)\b|\b(?:message|conversation)\.[a-z]+\b|(?m:^|[,;"]|, |: )(?:group|rows|from|to|operator|area|action|store|q|market|role|sources|permissions|filters): "#,
    )
    .unwrap();
    let table = regex::Regex::new(r#"(?s)<table class="activity-log">.*?</table>"#).unwrap();
    let tags = regex::Regex::new(r"<[^>]+>").unwrap();
    for lang in Lang::ALL {
        app.post(
            "/language",
            &[("language", lang.code()), ("next", "/activity-log")],
        )
        .await;
        let csv = app.get("/activity-log.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        let found: Vec<&str> = codes.find_iter(&csv.body).map(|m| m.as_str()).collect();
        assert!(
            found.is_empty(),
            "{} CSV shows codes {found:?}\n{}",
            lang.code(),
            csv.body
        );
        let mut next = Some("/activity-log".to_string());
        let mut pages = 0;
        while let Some(href) = next {
            let page = app.get(&href).await;
            let shown = table.find(&page.body).map(|m| m.as_str()).unwrap_or("");
            let text = tags.replace_all(shown, "\n");
            let found: Vec<&str> = codes.find_iter(&text).map(|m| m.as_str()).collect();
            assert!(
                found.is_empty(),
                "{} page shows codes {found:?}",
                lang.code()
            );
            next = next_link(&page);
            pages += 1;
        }
        assert!(pages > 1, "every entry is read, over several pages");
    }
}

#[actix_web::test]
async fn a_language_switch_before_sign_in_is_not_an_operation_of_any_seller() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.logout().await;
    let before = app.count("activity_log");
    app.post("/language", &[("language", "vi"), ("next", "/login")])
        .await
        .assert_redirect("/login");
    assert_eq!(app.count("activity_log"), before, "a visitor's cookie only");
}

#[actix_web::test]
async fn visitors_are_sent_to_sign_in() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let visitor = app.browser();
    visitor
        .get("/activity-log?area=stores")
        .await
        .assert_redirect("/login?next=%2Factivity-log%3Farea%3Dstores");
    let csv = visitor.get("/activity-log.csv").await;
    assert!(csv.status.is_redirection());
    assert!(csv.location.unwrap_or_default().starts_with("/login"));
}
