//! Sub-accounts and roles: creation, first sign-in, disabling, resets, grants,
//! custom roles and their limits, through HTTP.

mod common;

use common::{INITIAL_PASSWORD, PASSWORD, spawn_app};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{accounts, activity_log, store_grants};

#[actix_web::test]
async fn a_new_sub_account_must_change_its_password_at_first_sign_in() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    app.add_sub_account("jiajia", "builtin:customer_service", &[store])
        .await;

    let jiajia = app.browser();
    jiajia
        .login("chenshop:jiajia", INITIAL_PASSWORD)
        .await
        .assert_redirect("/home");
    jiajia
        .get("/home")
        .await
        .assert_redirect("/account/password");
    jiajia
        .get("/settings")
        .await
        .assert_redirect("/account/password");
    let page = jiajia.get("/account/password").await;
    page.assert_contains("Please choose a new password before you continue.");
    let same = jiajia
        .post(
            "/account/password",
            &[
                ("current_password", INITIAL_PASSWORD),
                ("password", INITIAL_PASSWORD),
                ("password_confirm", INITIAL_PASSWORD),
            ],
        )
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    same.assert_contains("must be different from the current one");
    jiajia
        .post(
            "/account/password",
            &[
                ("current_password", INITIAL_PASSWORD),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await
        .assert_redirect("/home");
    assert_eq!(jiajia.get("/home").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn sub_account_creation_validates_and_grants_stores() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let my = app.add_store("Chen MY", "MY").await;
    app.get("/account/sub-accounts/new").await;
    let bad = app
        .post(
            "/account/sub-accounts",
            &[
                ("member_name", "j"),
                ("display_name", ""),
                ("email", "nope"),
                ("phone", "0812"),
                ("role", "builtin:overlord"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        "Use 2–32 lower-case letters",
        "Enter a display name.",
        "Enter a valid email",
        "international form",
        "Choose one of the offered roles.",
        "at least 8 characters",
    ] {
        bad.assert_contains(text);
    }
    assert_eq!(app.count("accounts"), 1);

    let id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    let grants: Vec<i64> = app.with_db(|c| {
        store_grants::table
            .filter(store_grants::account_id.eq(id))
            .select(store_grants::store_id)
            .load(c)
            .unwrap()
    });
    assert_eq!(grants, vec![thai]);
    let page = app.get(&format!("/account/sub-accounts/{id}")).await;
    page.assert_contains("chenshop:jiajia");
    page.assert_contains("Must change password");

    // The same member name, or an email another account uses, is refused.
    let dup = app
        .post(
            "/account/sub-accounts",
            &[
                ("member_name", "JiaJia"),
                ("display_name", "Dup"),
                ("email", "CHENSHOP@example.com"),
                ("role", "builtin:customer_service"),
                ("password", INITIAL_PASSWORD),
                ("password_confirm", INITIAL_PASSWORD),
            ],
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("already exists") || dup.body.contains("already uses this email"));
    assert_eq!(app.count("accounts"), 2);

    // Grants change store by store, each recorded.
    app.post(
        &format!("/account/sub-accounts/{id}/stores"),
        &[("stores", &my.to_string())],
    )
    .await;
    let grants: Vec<i64> = app.with_db(|c| {
        store_grants::table
            .filter(store_grants::account_id.eq(id))
            .select(store_grants::store_id)
            .load(c)
            .unwrap()
    });
    assert_eq!(grants, vec![my]);
    let actions: Vec<String> = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::store_id.is_not_null())
            .filter(activity_log::object_type.eq("account"))
            .order(activity_log::id)
            .select(activity_log::action)
            .load(c)
            .unwrap()
    });
    assert_eq!(actions, vec!["granted", "granted", "revoked"]);
}

#[actix_web::test]
async fn a_forged_grant_of_another_sellers_store_is_refused() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[])
        .await;
    let other = app.other_seller("othershop").await;
    other.get("/account/stores/new").await;
    let foreign = other
        .post(
            "/account/stores",
            &[("name", "Other store"), ("market", "SG")],
        )
        .await
        .redirect_id();
    let page = app
        .post(
            &format!("/account/sub-accounts/{id}/stores"),
            &[("stores", &foreign.to_string())],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("store_grants"), 0);
}

#[actix_web::test]
async fn disabled_accounts_cannot_sign_in_and_are_signed_out_at_once() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[])
        .await;
    let jiajia = app.sub_account_browser("chenshop:jiajia").await;
    app.get(&format!("/account/sub-accounts/{id}")).await;
    app.post(
        &format!("/account/sub-accounts/{id}/status"),
        &[("enabled", "false")],
    )
    .await;
    jiajia
        .get("/home")
        .await
        .assert_redirect("/login?next=%2Fhome");
    let refused = jiajia.login("chenshop:jiajia", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    refused.assert_contains("This account has been disabled.");
    app.post(
        &format!("/account/sub-accounts/{id}/status"),
        &[("enabled", "true")],
    )
    .await;
    jiajia
        .login("chenshop:jiajia", PASSWORD)
        .await
        .assert_redirect("/home");
}

#[actix_web::test]
async fn a_password_change_ends_every_other_session() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let laptop = app.browser();
    laptop.login("chenshop", PASSWORD).await;
    assert_eq!(laptop.get("/home").await.status, StatusCode::OK);

    app.get("/account/password").await;
    let wrong = app
        .post(
            "/account/password",
            &[
                ("current_password", "wrong"),
                ("password", "new password 1"),
                ("password_confirm", "new password 1"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    wrong.assert_contains("The current password is incorrect.");
    app.post(
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("password", "new password 1"),
            ("password_confirm", "new password 1"),
        ],
    )
    .await
    .assert_redirect("/account/password");
    // This browser stays signed in, the other one is signed out.
    assert_eq!(app.get("/home").await.status, StatusCode::OK);
    laptop
        .get("/home")
        .await
        .assert_redirect("/login?next=%2Fhome");
    laptop
        .login("chenshop", "new password 1")
        .await
        .assert_redirect("/home");
    let entry: String = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("password_changed"))
            .select(activity_log::object_name)
            .first(c)
            .unwrap()
    });
    assert_eq!(entry, "chenshop");
}

#[actix_web::test]
async fn a_password_reset_forces_a_new_password_and_signs_the_member_out() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[])
        .await;
    let jiajia = app.sub_account_browser("chenshop:jiajia").await;
    app.get(&format!("/account/sub-accounts/{id}")).await;
    let bad = app
        .post(
            &format!("/account/sub-accounts/{id}/password"),
            &[("password", "x"), ("password_confirm", "x")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.post(
        &format!("/account/sub-accounts/{id}/password"),
        &[
            ("password", "reset pass 99"),
            ("password_confirm", "reset pass 99"),
        ],
    )
    .await;
    jiajia
        .get("/home")
        .await
        .assert_redirect("/login?next=%2Fhome");
    jiajia.login("chenshop:jiajia", "reset pass 99").await;
    jiajia
        .get("/home")
        .await
        .assert_redirect("/account/password");
}

#[actix_web::test]
async fn editing_a_sub_account_records_before_and_after() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[])
        .await;
    app.get(&format!("/account/sub-accounts/{id}")).await;
    app.post(
        &format!("/account/sub-accounts/{id}"),
        &[
            ("display_name", "Jia Jia"),
            ("email", "jiajia@example.com"),
            ("phone", "+66 81 234 5678"),
            ("role", "builtin:supervisor"),
        ],
    )
    .await
    .assert_redirect(&format!("/account/sub-accounts/{id}"));
    let (name, phone, role): (String, Option<String>, Option<String>) = app.with_db(|c| {
        accounts::table
            .filter(accounts::id.eq(id))
            .select((
                accounts::display_name,
                accounts::phone,
                accounts::builtin_role,
            ))
            .first(c)
            .unwrap()
    });
    assert_eq!(
        (name.as_str(), phone.as_deref(), role.as_deref()),
        ("Jia Jia", Some("+66812345678"), Some("supervisor"))
    );
    let details: Vec<String> = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("updated"))
            .order(activity_log::id)
            .select(activity_log::details)
            .load(c)
            .unwrap()
    });
    assert!(
        details
            .iter()
            .any(|d| d.contains("\"before\":\"jiajia\"") && d.contains("\"after\":\"Jia Jia\"")),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.contains("\"before\":\"customer_service\"")
                && d.contains("\"after\":\"supervisor\"")),
        "{details:?}"
    );
}

#[actix_web::test]
async fn the_list_is_paginated_and_searchable() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    for i in 0..23 {
        app.add_sub_account(&format!("agent{i:02}"), "builtin:customer_service", &[])
            .await;
    }
    let first = app.get("/account/sub-accounts").await;
    first.assert_contains("chenshop:agent00");
    first.assert_contains("chenshop:agent19");
    first.assert_lacks("chenshop:agent20");
    first.assert_contains("Page 1 of 2");
    let second = app.get("/account/sub-accounts?q=&page=2").await;
    second.assert_contains("chenshop:agent22");
    second.assert_lacks("chenshop:agent00");
    let found = app.get("/account/sub-accounts?q=agent1").await;
    found.assert_contains("chenshop:agent15");
    found.assert_lacks("chenshop:agent05");
    let none = app.get("/account/sub-accounts?q=%25").await;
    none.assert_contains("No sub-account matches your search.");
    assert_eq!(
        app.get("/account/sub-accounts?page=999").await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn a_custom_roles_permissions_are_honoured() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.get("/account/roles/new").await;
    let empty = app.post("/account/roles", &[("name", "Hiring")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Choose at least one permission.");
    app.post(
        "/account/roles",
        &[("name", "Hiring"), ("permissions", "sub_accounts")],
    )
    .await
    .assert_redirect("/account/roles");
    let dup = app
        .post(
            "/account/roles",
            &[("name", "hiring"), ("permissions", "webchat")],
        )
        .await;
    dup.assert_contains("A role with this name already exists.");
    let role: i64 = app.with_db(|c| {
        use sellerdesk::db::schema::roles;
        roles::table.select(roles::id).first(c).unwrap()
    });
    app.add_sub_account("hr", &format!("custom:{role}"), &[])
        .await;
    let hr = app.sub_account_browser("chenshop:hr").await;
    assert_eq!(hr.get("/account/sub-accounts").await.status, StatusCode::OK);
    assert_eq!(
        hr.get("/account/stores").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(hr.get("/account/roles").await.status, StatusCode::FORBIDDEN);
    // Nobody hands out more than they hold: no Administrator from this role.
    let page = hr.get("/account/sub-accounts/new").await;
    page.assert_lacks("builtin:administrator");
    let forged = hr
        .post(
            "/account/sub-accounts",
            &[
                ("member_name", "sneaky"),
                ("display_name", "Sneaky"),
                ("email", "sneaky@example.com"),
                ("role", "builtin:administrator"),
                ("password", INITIAL_PASSWORD),
                ("password_confirm", INITIAL_PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    forged.assert_contains("Choose one of the offered roles.");

    // The role's permissions change, and so does what the member may do.
    app.post(
        &format!("/account/roles/{role}"),
        &[("name", "Hiring"), ("permissions", "stores")],
    )
    .await;
    assert_eq!(
        hr.get("/account/sub-accounts").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(hr.get("/account/stores").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn a_role_in_use_cannot_be_deleted_and_deleting_asks_first() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let role = app.create_role("Hiring", &["sub_accounts"]).await;
    let id = app
        .add_sub_account("hr", &format!("custom:{role}"), &[])
        .await;
    let ask = app
        .post(&format!("/account/roles/{role}/delete"), &[])
        .await;
    ask.assert_contains("Delete this role?");
    app.post(
        &format!("/account/roles/{role}/delete"),
        &[("confirm", "yes")],
    )
    .await
    .assert_redirect("/account/roles");
    app.get("/account/roles")
        .await
        .assert_contains("This role is still given to sub-accounts.");
    assert_eq!(app.count("roles"), 1);
    app.post(
        &format!("/account/sub-accounts/{id}"),
        &[
            ("display_name", "hr"),
            ("email", "hr@example.com"),
            ("role", "builtin:customer_service"),
        ],
    )
    .await;
    app.post(
        &format!("/account/roles/{role}/delete"),
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(app.count("roles"), 0);
    app.get("/account/roles")
        .await
        .assert_contains("The role has been deleted.");
}

#[actix_web::test]
async fn at_most_thirty_custom_roles() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    for i in 0..30 {
        app.post(
            "/account/roles",
            &[("name", &format!("Role {i}")), ("permissions", "webchat")],
        )
        .await
        .assert_redirect("/account/roles");
    }
    let page = app
        .post(
            "/account/roles",
            &[("name", "One too many"), ("permissions", "webchat")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("maximum number of custom roles");
    assert_eq!(app.count("roles"), 30);
}

#[actix_web::test]
async fn nobody_can_take_over_an_account_more_powerful_than_their_own() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let lead_role = app
        .create_role("Team lead", &["webchat", "sub_accounts"])
        .await;
    let admin = app
        .add_sub_account("admin", "builtin:administrator", &[])
        .await;
    let agent = app
        .add_sub_account("agent", "builtin:customer_service", &[store])
        .await;
    let lead_id = app
        .add_sub_account("lead", &format!("custom:{lead_role}"), &[store])
        .await;
    let lead = app.sub_account_browser("chenshop:lead").await;

    for (path, fields) in [
        (
            format!("/account/sub-accounts/{admin}/password"),
            vec![
                ("password", "taken over 1"),
                ("password_confirm", "taken over 1"),
            ],
        ),
        (
            format!("/account/sub-accounts/{admin}/status"),
            vec![("enabled", "false")],
        ),
        (
            format!("/account/sub-accounts/{admin}"),
            vec![
                ("display_name", "x"),
                ("email", "admin@example.com"),
                ("role", "builtin:customer_service"),
            ],
        ),
        (
            format!("/account/sub-accounts/{lead_id}/status"),
            vec![("enabled", "false")],
        ),
    ] {
        assert_eq!(
            lead.post(&path, &fields).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(
        lead.get(&format!("/account/sub-accounts/{admin}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let (disabled, role): (bool, Option<String>) = app.with_db(|c| {
        accounts::table
            .filter(accounts::id.eq(admin))
            .select((accounts::disabled, accounts::builtin_role))
            .first(c)
            .unwrap()
    });
    assert_eq!((disabled, role.as_deref()), (false, Some("administrator")));
    // A colleague within the lead's own powers can be managed.
    lead.get(&format!("/account/sub-accounts/{agent}")).await;
    let page = lead
        .post(
            &format!("/account/sub-accounts/{agent}/status"),
            &[("enabled", "false")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn nobody_can_rewrite_a_role_above_their_own() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.post(
        "/account/roles",
        &[
            ("name", "Ops"),
            ("permissions", "stores"),
            ("permissions", "all_stores"),
        ],
    )
    .await;
    app.post(
        "/account/roles",
        &[
            ("name", "Role keeper"),
            ("permissions", "roles"),
            ("permissions", "webchat"),
        ],
    )
    .await;
    let ids: Vec<i64> = app.with_db(|c| {
        use sellerdesk::db::schema::roles;
        roles::table
            .order(roles::id)
            .select(roles::id)
            .load(c)
            .unwrap()
    });
    app.add_sub_account("keeper", &format!("custom:{}", ids[1]), &[])
        .await;
    let keeper = app.sub_account_browser("chenshop:keeper").await;
    keeper.get("/account/roles").await;
    let page = keeper
        .post(
            &format!("/account/roles/{}", ids[0]),
            &[("name", "Ops"), ("permissions", "webchat")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = keeper
        .post(
            &format!("/account/roles/{}/delete", ids[0]),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("roles"), 2);
}

#[actix_web::test]
async fn sign_in_never_redirects_off_site() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    app.get("/login?next=%2F%09%2Fevil.example")
        .await
        .assert_redirect("/home");
    app.get("/login?next=%2F%0A").await.assert_redirect("/home");
}

#[actix_web::test]
async fn a_new_member_lives_by_their_first_stores_time_zone() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let my = app.add_store("Chen MY", "MY").await;
    let thai = app.add_store("Chen Thai", "TH").await;
    let zone = |member: &str| -> String {
        let username = format!("chenshop:{member}");
        app.with_db(|c| {
            accounts::table
                .filter(accounts::username.eq(&username))
                .select(accounts::time_zone)
                .first(c)
                .expect("the account")
        })
    };
    app.add_sub_account("jiajia", "builtin:customer_service", &[thai])
        .await;
    assert_eq!(zone("jiajia"), "Asia/Bangkok");
    // Several stores: the first one made. Every store (no grants): the seller's first.
    app.add_sub_account("amy", "builtin:customer_service", &[thai, my])
        .await;
    assert_eq!(zone("amy"), "Asia/Kuala_Lumpur");
    app.add_sub_account("boss", "builtin:administrator", &[])
        .await;
    assert_eq!(zone("boss"), "Asia/Kuala_Lumpur");
}
