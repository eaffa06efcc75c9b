//! Chat Assignment through HTTP: stores overview, the group life cycle, eligibility,
//! validation, automatic replies, working hours, quick replies and permissions.

mod common;

use common::{Browser, Route, TestApp, spawn_app};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::conversations::routing_candidates;
use sellerdesk::db::schema::{activity_log, chat_group_members, chat_group_sources, chat_groups};

struct Shop {
    app: TestApp,
    thai: i64,
    my: i64,
    jiajia: i64,
    amy: i64,
}

/// chenshop with a Thai and a Malaysian store; jiajia granted Thai, amy granted both.
async fn shop() -> Shop {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let my = app.add_store("Chen MY", "MY").await;
    let jiajia = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    let amy = app
        .add_sub_account("amy", "builtin:customer_service", &[thai, my])
        .await;
    Shop {
        app,
        thai,
        my,
        jiajia,
        amy,
    }
}

fn groups_url(store: i64) -> String {
    format!("/chat-assignment/stores/{store}")
}

async fn create_group(
    b: &Browser,
    store: i64,
    name: &str,
    members: &[i64],
    sources: &[&str],
) -> reqwest::StatusCode {
    let ids: Vec<String> = members.iter().map(i64::to_string).collect();
    let mut fields: Vec<(&str, &str)> = vec![("name", name)];
    fields.extend(ids.iter().map(|id| ("members", id.as_str())));
    fields.extend(sources.iter().map(|s| ("sources", *s)));
    b.post(&format!("{}/groups", groups_url(store)), &fields)
        .await
        .status
}

fn group_id(app: &TestApp, name: &str) -> i64 {
    app.with_db(|c| {
        chat_groups::table
            .filter(chat_groups::name.eq(name))
            .select(chat_groups::id)
            .first(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn the_overview_lists_manageable_stores_with_their_state() {
    let s = shop().await;
    let page = s.app.get("/chat-assignment").await;
    page.assert_contains("Chen Thai");
    page.assert_contains("Chen MY");
    page.assert_contains("View Details");
    create_group(
        &s.app,
        s.thai,
        "Pre-sales",
        &[s.jiajia, s.amy],
        &["product_page"],
    )
    .await;
    let page = s.app.get("/chat-assignment").await;
    let row = &page.body[page.body.find("Chen Thai").unwrap()..];
    let cells: Vec<&str> = row.split("<td>").skip(1).take(3).collect();
    assert!(
        cells[0].starts_with('1') && cells[1].starts_with('2'),
        "{cells:?}"
    );
}

#[actix_web::test]
async fn the_whole_group_life_cycle() {
    let s = shop().await;
    let app = &s.app;
    let empty = app.get(&groups_url(s.thai)).await;
    empty.assert_contains("No groups yet.");
    empty.assert_contains("Create Now");

    let form = app.get(&format!("{}/groups/new", groups_url(s.thai))).await;
    form.assert_contains("jiajia");
    form.assert_contains("Product page");
    let status = create_group(
        app,
        s.thai,
        "Pre-sales Customer Service",
        &[s.jiajia],
        &["product_page", "shop_page"],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = app.get(&groups_url(s.thai)).await;
    page.assert_contains("The group has been created.");
    page.assert_contains("Pre-sales Customer Service");
    page.assert_contains("Shop page");
    page.assert_contains("Create New Group");
    let id = group_id(app, "Pre-sales Customer Service");
    let base = format!("{}/groups/{id}", groups_url(s.thai));

    app.get(&base).await.assert_contains("Rename");
    app.post(&format!("{base}/name"), &[("name", "Pre-sales")])
        .await
        .assert_redirect(&groups_url(s.thai));
    let amy = s.amy.to_string();
    let jiajia = s.jiajia.to_string();
    app.post(
        &format!("{base}/members"),
        &[("members", &jiajia), ("members", &amy)],
    )
    .await;
    app.post(
        &format!("{base}/sources"),
        &[("sources", "order"), ("sources", "after_sales")],
    )
    .await;
    app.post(&format!("{base}/status"), &[("active", "false")])
        .await;
    let page = app.get(&groups_url(s.thai)).await;
    page.assert_contains("Pre-sales");
    page.assert_contains("Closed");
    page.assert_contains("Reopen");
    // Closed groups keep their settings.
    let (members, sources): (i64, i64) = app.with_db(|c| {
        (
            chat_group_members::table
                .filter(chat_group_members::group_id.eq(id))
                .count()
                .get_result(c)
                .unwrap(),
            chat_group_sources::table
                .filter(chat_group_sources::group_id.eq(id))
                .count()
                .get_result(c)
                .unwrap(),
        )
    });
    assert_eq!((members, sources), (2, 2));
    app.post(&format!("{base}/status"), &[("active", "true")])
        .await;

    // A store has many groups.
    create_group(app, s.thai, "After-sales", &[s.amy], &["after_sales"]).await;
    assert_eq!(app.count("chat_groups"), 2);

    let ask = app.post(&format!("{base}/delete"), &[]).await;
    ask.assert_contains("Delete this group?");
    assert_eq!(app.count("chat_groups"), 2);
    app.post(&format!("{base}/delete"), &[("confirm", "yes")])
        .await
        .assert_redirect(&groups_url(s.thai));
    assert_eq!(app.count("chat_groups"), 1);
    let orphans: i64 = app.with_db(|c| {
        chat_group_members::table
            .filter(chat_group_members::group_id.eq(id))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(orphans, 0);

    let actions: Vec<(String, String)> = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::area.eq("chat_assignment"))
            .order(activity_log::id)
            .select((activity_log::action, activity_log::details))
            .load(c)
            .unwrap()
    });
    let codes: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "created", "updated", "updated", "updated", "closed", "reopened", "created", "deleted"
        ]
    );
    assert!(
        actions[1]
            .1
            .contains("\"before\":\"Pre-sales Customer Service\""),
        "{}",
        actions[1].1
    );
    assert!(
        actions[2].1.contains("chenshop:amy, chenshop:jiajia"),
        "{}",
        actions[2].1
    );
    assert!(
        actions[3]
            .1
            .contains("\"before\":\"product_page, shop_page\""),
        "{}",
        actions[3].1
    );
}

#[actix_web::test]
async fn only_sub_accounts_granted_the_store_can_be_members() {
    let s = shop().await;
    let app = &s.app;
    let outsider = app
        .add_sub_account("outsider", "builtin:customer_service", &[s.my])
        .await;
    let form = app.get(&format!("{}/groups/new", groups_url(s.thai))).await;
    form.assert_lacks("outsider");
    // A forged request naming someone without the grant is refused and changes nothing.
    let page = app
        .post(
            &format!("{}/groups", groups_url(s.thai)),
            &[
                ("name", "Forged"),
                ("members", &outsider.to_string()),
                ("sources", "order"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Only sub-accounts granted this store can be members.");
    assert_eq!(app.count("chat_groups"), 0);
    // Nor can the main account or another seller's account be smuggled in.
    let other = app.other_seller("othershop").await;
    other.get("/account/sub-accounts/new").await;
    let foreign = other
        .post(
            "/account/sub-accounts",
            &[
                ("member_name", "spy"),
                ("display_name", "Spy"),
                ("email", "spy@example.com"),
                ("role", "builtin:customer_service"),
                ("password", common::INITIAL_PASSWORD),
                ("password_confirm", common::INITIAL_PASSWORD),
            ],
        )
        .await
        .redirect_id();
    for forged in [1, foreign] {
        let status = create_group(app, s.thai, "Forged", &[forged], &["order"]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    create_group(app, s.thai, "Real", &[s.jiajia], &["order"]).await;
    let id = group_id(app, "Real");
    let page = app
        .post(
            &format!("{}/groups/{id}/members", groups_url(s.thai)),
            &[("members", &outsider.to_string())],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("chat_group_members"), 1);
}

#[actix_web::test]
async fn group_names_are_validated_and_unique_per_store_ignoring_case() {
    let s = shop().await;
    let app = &s.app;
    app.get(&format!("{}/groups/new", groups_url(s.thai))).await;
    let page = app
        .post(&format!("{}/groups", groups_url(s.thai)), &[("name", " ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Enter a group name.");
    page.assert_contains("Choose at least one chat source.");
    let long = "x".repeat(41);
    let page = app
        .post(
            &format!("{}/groups", groups_url(s.thai)),
            &[("name", &long), ("sources", "order")],
        )
        .await;
    page.assert_contains("at most 40 characters");
    let page = app
        .post(
            &format!("{}/groups", groups_url(s.thai)),
            &[("name", "Sales"), ("sources", "fax")],
        )
        .await;
    page.assert_contains("Choose chat sources from the list.");
    assert_eq!(
        create_group(app, s.thai, "Sales", &[], &["order"]).await,
        StatusCode::SEE_OTHER
    );
    let page = app
        .post(
            &format!("{}/groups", groups_url(s.thai)),
            &[("name", "SALES"), ("sources", "order")],
        )
        .await;
    page.assert_contains("This store already has a group with this name.");
    // Another store may use the same name.
    assert_eq!(
        create_group(app, s.my, "Sales", &[], &["order"]).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.count("chat_groups"), 2);
}

#[actix_web::test]
async fn revoking_a_grant_removes_the_member_from_that_stores_groups() {
    let s = shop().await;
    let app = &s.app;
    create_group(app, s.thai, "Thai team", &[s.amy, s.jiajia], &["order"]).await;
    create_group(app, s.my, "MY team", &[s.amy], &["order"]).await;
    // amy keeps MY, loses Thai.
    app.post(
        &format!("/account/sub-accounts/{}/stores", s.amy),
        &[("stores", &s.my.to_string())],
    )
    .await;
    let thai_members: Vec<i64> = app.with_db(|c| {
        chat_group_members::table
            .filter(chat_group_members::store_id.eq(s.thai))
            .select(chat_group_members::account_id)
            .load(c)
            .unwrap()
    });
    assert_eq!(thai_members, vec![s.jiajia]);
    assert_eq!(app.count("chat_group_members"), 2);
    let entry: String = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::object_type.eq("chat_group"))
            .filter(activity_log::action.eq("updated"))
            .select(activity_log::details)
            .first(c)
            .unwrap()
    });
    assert!(
        entry.contains("\"before\":\"chenshop:amy, chenshop:jiajia\"")
            && entry.contains("\"after\":\"chenshop:jiajia\""),
        "{entry}"
    );
}

#[actix_web::test]
async fn routing_candidates_come_from_one_query_over_active_groups_and_eligible_members() {
    let s = shop().await;
    let app = &s.app;
    create_group(
        app,
        s.thai,
        "Pre-sales",
        &[s.jiajia, s.amy],
        &["product_page", "shop_page"],
    )
    .await;
    create_group(app, s.thai, "Orders", &[s.amy], &["order"]).await;
    let pre = group_id(app, "Pre-sales");
    let candidates = |source| {
        app.with_db(|c| routing_candidates(c, s.thai, source).unwrap())
            .into_iter()
            .map(|m| (m.group_id, m.account_id))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        candidates(ChatSource::ProductPage),
        vec![(pre, s.jiajia.min(s.amy)), (pre, s.jiajia.max(s.amy))]
    );
    assert_eq!(candidates(ChatSource::Livestream), vec![]);
    // Closing the group, disabling a member or revoking a grant each take effect.
    app.post(
        &format!("/account/sub-accounts/{}/status", s.jiajia),
        &[("enabled", "false")],
    )
    .await;
    assert_eq!(candidates(ChatSource::ShopPage), vec![(pre, s.amy)]);
    app.post(
        &format!("{}/groups/{pre}/status", groups_url(s.thai)),
        &[("active", "false")],
    )
    .await;
    assert_eq!(candidates(ChatSource::ShopPage), vec![]);
    let orders = group_id(app, "Orders");
    assert_eq!(candidates(ChatSource::Order), vec![(orders, s.amy)]);
    app.post(&format!("/account/sub-accounts/{}/stores", s.amy), &[])
        .await;
    assert_eq!(candidates(ChatSource::Order), vec![]);
}

#[actix_web::test]
async fn automatic_replies_are_limited_and_previewed() {
    let s = shop().await;
    let app = &s.app;
    let url = format!("{}/settings", groups_url(s.thai));
    let page = app.get(&url).await;
    page.assert_contains("Automatic reply");
    page.assert_contains("auto_reply_count\">0</span> / 600");
    let too_long = "ก".repeat(601);
    let page = app
        .post(
            &format!("{url}/auto-reply"),
            &[("enabled", "on"), ("text", &too_long)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("at most 600 characters");
    app.post(
        &format!("{url}/off-work"),
        &[("text", "Back at 9am."), ("day0", "09:00-18:00")],
    )
    .await;
    let page = app
        .post(
            &format!("{url}/auto-reply"),
            &[("enabled", "on"), ("text", " ")],
        )
        .await;
    page.assert_contains("Enter the message to send");
    // The other section keeps what was saved.
    page.assert_contains("Back at 9am.");
    page.assert_contains("value=\"09:00-18:00\"");
    let text = "สวัสดีค่ะ! We reply within 5 minutes.";
    app.post(
        &format!("{url}/auto-reply"),
        &[("enabled", "on"), ("text", text)],
    )
    .await
    .assert_redirect(&format!("{url}#autoreply"));
    let page = app.get(&url).await;
    page.assert_contains(&format!(
        "auto_reply_count\">{}</span> / 600",
        text.chars().count()
    ));
    page.assert_contains("id=\"auto_reply_preview\">สวัสดีค่ะ!");
    page.assert_contains("/static/reply-preview.js");
    app.get("/chat-assignment")
        .await
        .assert_contains("badge-ok\">On");
}

#[actix_web::test]
async fn working_hours_are_validated_and_saved_per_weekday() {
    let s = shop().await;
    let app = &s.app;
    let url = format!("{}/settings", groups_url(s.thai));
    app.get(&url).await;
    let post = |day0: &'static str, day1: &'static str| {
        let url = format!("{url}/off-work");
        async move {
            app.post(
                &url,
                &[
                    ("enabled", "on"),
                    ("text", "We are closed now."),
                    ("day0", day0),
                    ("day1", day1),
                ],
            )
            .await
        }
    };
    let page = post("09:00-12:00, 11:00-13:00", "").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("must not overlap");
    page.assert_contains("value=\"09:00-12:00, 11:00-13:00\"");
    post("12:00-09:00", "")
        .await
        .assert_contains("must end after it starts");
    post("9h-12h", "")
        .await
        .assert_contains("Write time slots as 09:00-12:00");
    post("", "")
        .await
        .assert_contains("Enter working hours for at least one day.");
    assert_eq!(app.count("store_working_hours"), 0);
    post("13:00-18:00, 09:00-12:00", "10:00-16:00")
        .await
        .assert_redirect(&format!("{url}#offwork"));
    assert_eq!(app.count("store_working_hours"), 3);
    let page = app.get(&url).await;
    page.assert_contains("value=\"09:00-12:00, 13:00-18:00\"");
    page.assert_contains("Asia/Bangkok");
}

#[actix_web::test]
async fn quick_replies_are_added_changed_and_deleted() {
    let s = shop().await;
    let app = &s.app;
    let url = format!("{}/quick-replies", groups_url(s.thai));
    app.get(&format!("{}/settings", groups_url(s.thai))).await;
    let page = app.post(&url, &[("shortcut", ""), ("text", "")]).await;
    page.assert_contains("Enter a shortcut.");
    page.assert_contains("Enter the text of the quick reply.");
    app.post(
        &url,
        &[
            ("shortcut", "/thanks"),
            ("text", "Thank you for shopping with us!"),
        ],
    )
    .await;
    let dup = app
        .post(&url, &[("shortcut", "/THANKS"), ("text", "Again")])
        .await;
    dup.assert_contains("already has a quick reply with this shortcut");
    let id: i64 = app.with_db(|c| {
        use sellerdesk::db::schema::quick_replies;
        quick_replies::table
            .select(quick_replies::id)
            .first(c)
            .unwrap()
    });
    app.post(
        &format!("{url}/{id}"),
        &[("shortcut", "/ty"), ("text", "Thanks!")],
    )
    .await;
    app.get(&format!("{}/settings", groups_url(s.thai)))
        .await
        .assert_contains("value=\"/ty\"");
    app.post(&format!("{url}/{id}/delete"), &[])
        .await
        .assert_contains("Delete this quick reply?");
    app.post(&format!("{url}/{id}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(app.count("quick_replies"), 0);
    for i in 0..50 {
        app.post(&url, &[("shortcut", &format!("/q{i}")), ("text", "Hello")])
            .await;
    }
    let page = app
        .post(&url, &[("shortcut", "/q50"), ("text", "Hello")])
        .await;
    page.assert_contains("maximum number of quick replies");
    assert_eq!(app.count("quick_replies"), 50);
}

fn routes(store: i64, group: i64, reply: i64) -> Vec<Route> {
    let base = groups_url(store);
    vec![
        ("GET", "/chat-assignment".into(), vec![]),
        ("GET", base.clone(), vec![]),
        ("GET", format!("{base}/groups/new"), vec![]),
        (
            "POST",
            format!("{base}/groups"),
            vec![("name", "Another"), ("sources", "other")],
        ),
        ("GET", format!("{base}/groups/{group}"), vec![]),
        (
            "POST",
            format!("{base}/groups/{group}/name"),
            vec![("name", "Team")],
        ),
        ("POST", format!("{base}/groups/{group}/members"), vec![]),
        (
            "POST",
            format!("{base}/groups/{group}/sources"),
            vec![("sources", "order")],
        ),
        (
            "POST",
            format!("{base}/groups/{group}/status"),
            vec![("active", "true")],
        ),
        ("GET", format!("{base}/settings"), vec![]),
        (
            "POST",
            format!("{base}/settings/auto-reply"),
            vec![("text", "Hi")],
        ),
        (
            "POST",
            format!("{base}/settings/off-work"),
            vec![("text", ""), ("day0", "09:00-17:00")],
        ),
        (
            "POST",
            format!("{base}/settings/capacity"),
            vec![("capacity", "12")],
        ),
        (
            "POST",
            format!("{base}/quick-replies"),
            vec![("shortcut", "/hi"), ("text", "Hi")],
        ),
        (
            "POST",
            format!("{base}/quick-replies/{reply}"),
            vec![("shortcut", "/hello"), ("text", "Hello")],
        ),
        (
            "POST",
            format!("{base}/quick-replies/{reply}/delete"),
            vec![],
        ),
        ("POST", format!("{base}/groups/{group}/delete"), vec![]),
    ]
}

#[actix_web::test]
async fn permissions_owner_supervisor_customer_service_and_another_seller() {
    let s = shop().await;
    let app = &s.app;
    create_group(app, s.thai, "Team", &[s.jiajia], &["order"]).await;
    create_group(app, s.my, "MY team", &[], &["order"]).await;
    app.post(
        &format!("{}/quick-replies", groups_url(s.thai)),
        &[("shortcut", "/x"), ("text", "X")],
    )
    .await;
    app.post(
        &format!("{}/quick-replies", groups_url(s.my)),
        &[("shortcut", "/x"), ("text", "X")],
    )
    .await;
    let ids = |store: i64| {
        app.with_db(|c| {
            use sellerdesk::db::schema::quick_replies;
            let g = chat_groups::table
                .filter(chat_groups::store_id.eq(store))
                .select(chat_groups::id)
                .first::<i64>(c)
                .unwrap();
            let r = quick_replies::table
                .filter(quick_replies::store_id.eq(store))
                .select(quick_replies::id)
                .first::<i64>(c)
                .unwrap();
            (g, r)
        })
    };
    let (thai_group, thai_reply) = ids(s.thai);
    let (my_group, my_reply) = ids(s.my);
    app.add_sub_account("boss", "builtin:supervisor", &[s.thai])
        .await;
    let supervisor = app.sub_account_browser("chenshop:boss").await;
    let agent = app.sub_account_browser("chenshop:jiajia").await;
    let other = app.other_seller("othershop").await;

    async fn request(
        b: &Browser,
        method: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::StatusCode {
        if method == "GET" {
            b.get(path).await.status
        } else {
            b.post(path, fields).await.status
        }
    }
    let ok =
        |status: reqwest::StatusCode| status == StatusCode::OK || status == StatusCode::SEE_OTHER;

    for (method, path, fields) in routes(s.thai, thai_group, thai_reply) {
        assert_eq!(
            request(&agent, method, &path, &fields).await,
            StatusCode::FORBIDDEN,
            "agent {method} {path}"
        );
        let status = request(&other, method, &path, &fields).await;
        if path == "/chat-assignment" {
            assert!(ok(status));
        } else {
            assert_eq!(
                status,
                StatusCode::NOT_FOUND,
                "other seller {method} {path}"
            );
        }
        assert!(
            ok(request(&supervisor, method, &path, &fields).await),
            "supervisor {method} {path}"
        );
    }
    for (method, path, fields) in routes(s.my, my_group, my_reply) {
        if path == "/chat-assignment" {
            continue;
        }
        assert_eq!(
            request(&supervisor, method, &path, &fields).await,
            StatusCode::FORBIDDEN,
            "supervisor {method} {path}"
        );
        assert!(
            ok(request(&app.main, method, &path, &fields).await),
            "owner {method} {path}"
        );
    }
    let overview = supervisor.get("/chat-assignment").await;
    overview.assert_contains("Chen Thai");
    overview.assert_lacks("Chen MY");
    other
        .get("/chat-assignment")
        .await
        .assert_lacks("Chen Thai");
}

#[actix_web::test]
async fn members_need_the_webchat_permission() {
    let s = shop().await;
    let app = &s.app;
    let role = app.create_role("Analyst", &["team_performance"]).await;
    let analyst = app
        .add_sub_account("analyst", &format!("custom:{role}"), &[s.thai])
        .await;
    app.get(&format!("{}/groups/new", groups_url(s.thai)))
        .await
        .assert_lacks("analyst");
    let status = create_group(app, s.thai, "Numbers", &[analyst], &["order"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[actix_web::test]
async fn losing_the_webchat_permission_takes_a_member_out_of_groups() {
    let s = shop().await;
    let app = &s.app;
    let role = app.create_role("Helpers", &["webchat"]).await;
    let helper = app
        .add_sub_account("helper", &format!("custom:{role}"), &[s.thai])
        .await;
    create_group(app, s.thai, "Team", &[s.jiajia, helper], &["order"]).await;
    let members = || app.count("chat_group_members");
    assert_eq!(members(), 2);
    // The role loses Webchat: its holder leaves the group.
    app.post(
        &format!("/account/roles/{role}"),
        &[("name", "Helpers"), ("permissions", "team_performance")],
    )
    .await;
    assert_eq!(members(), 1);
    // A member given a role without Webchat leaves too.
    app.post(
        &format!("/account/sub-accounts/{}", s.jiajia),
        &[
            ("display_name", "jiajia"),
            ("email", "jiajia@example.com"),
            ("role", &format!("custom:{role}")),
        ],
    )
    .await;
    assert_eq!(members(), 0);
    let entries: i64 = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::object_type.eq("chat_group"))
            .filter(activity_log::action.eq("updated"))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(entries, 2);
}
