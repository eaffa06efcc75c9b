//! Two-factor sign-in: setting it up with the QR code, signing in with a code or a
//! recovery code (each good once), the main account requiring it of everyone, and a
//! manager resetting it for a member who lost their phone.

mod common;

use common::{PASSWORD, TestApp, shown_secret, spawn_app, totp_code};
use diesel::prelude::*;
use reqwest::StatusCode;
use sellerdesk::db::schema::{accounts, activity_log};

/// Sets two-factor sign-in up for the signed-in main browser; returns the secret and
/// the recovery codes shown once.
async fn enrol(app: &TestApp) -> (String, Vec<String>) {
    let page = app.get("/account/security").await;
    page.assert_contains("Two-factor sign-in is off.");
    page.assert_contains("data:image/svg+xml;base64,");
    let secret = shown_secret(&page.body);
    // The same key however often the page is shown, until it is confirmed.
    assert_eq!(
        shown_secret(&app.get("/account/security").await.body),
        secret
    );
    let wrong = app
        .post(
            "/account/security/two-factor/enable",
            &[("password", PASSWORD), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A stolen session cannot bind another phone: the password is asked for.
    let thief = app
        .post(
            "/account/security/two-factor/enable",
            &[
                ("password", "not the password"),
                ("code", &totp_code(&secret, 0)),
            ],
        )
        .await;
    assert_eq!(thief.status, StatusCode::UNPROCESSABLE_ENTITY);
    thief.assert_contains("Two-factor sign-in is off.");
    app.post(
        "/account/security/two-factor/enable",
        &[("password", PASSWORD), ("code", &totp_code(&secret, 0))],
    )
    .await
    .assert_redirect("/account/security");
    let page = app.get("/account/security").await;
    page.assert_contains("Two-factor sign-in is on.");
    page.assert_contains("10 recovery codes left.");
    let codes = recovery_codes(&page.body);
    assert_eq!(codes.len(), 10);
    // Shown once only.
    assert!(recovery_codes(&app.get("/account/security").await.body).is_empty());
    (secret, codes)
}

fn recovery_codes(html: &str) -> Vec<String> {
    html.split("<li><code>")
        .skip(1)
        .filter_map(|part| part.split("</code>").next())
        .map(str::to_string)
        .collect()
}

fn entries(app: &TestApp, action: &str) -> i64 {
    app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq(action))
            .count()
            .get_result(c)
            .unwrap()
    })
}

#[actix_web::test]
async fn sign_in_asks_for_the_code_and_each_code_is_good_once() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (secret, codes) = enrol(&app).await;
    assert_eq!(entries(&app, "two_factor_enabled"), 1);
    app.logout().await;

    // The password alone signs nobody in.
    let page = app.login("chenshop", PASSWORD).await;
    page.assert_redirect("/login/two-factor?next=");
    assert_eq!(app.get("/home").await.status, StatusCode::SEE_OTHER);
    let wrong = app.post("/login/two-factor", &[("code", "123456")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    wrong.assert_contains("That code is not right");
    assert_eq!(entries(&app, "sign_in_failed"), 1);

    // The enabling code's step is used: the app's next code signs in.
    app.post("/login/two-factor", &[("code", &totp_code(&secret, 1))])
        .await
        .assert_redirect("/home");
    assert_eq!(app.get("/home").await.status, StatusCode::OK);

    // The same code again is refused (someone who watched it being typed).
    let thief = app.browser();
    thief.login("chenshop", PASSWORD).await;
    let replay = thief
        .post("/login/two-factor", &[("code", &totp_code(&secret, 1))])
        .await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);

    // A recovery code works once, typed loosely.
    let loose = codes[0].to_uppercase().replace('-', " ");
    thief
        .post("/login/two-factor", &[("code", &loose)])
        .await
        .assert_redirect("/home");
    let again = app.browser();
    again.login("chenshop", PASSWORD).await;
    let used = again
        .post("/login/two-factor", &[("code", &codes[0])])
        .await;
    assert_eq!(used.status, StatusCode::UNAUTHORIZED);
    app.get("/account/security")
        .await
        .assert_contains("9 recovery codes left.");
    let details: String = app.with_db(|c| {
        activity_log::table
            .filter(activity_log::action.eq("signed_in"))
            .order(activity_log::id.desc())
            .select(activity_log::details)
            .first(c)
            .unwrap()
    });
    assert!(details.contains("recovery_code"), "{details}");
}

#[actix_web::test]
async fn the_second_step_cannot_be_skipped_or_kept_for_later() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    enrol(&app).await;
    app.logout().await;
    // Without the password step there is nothing to complete.
    let page = app.get("/login/two-factor").await;
    page.assert_redirect("/login");
    let page = app.post("/login/two-factor", &[("code", "123456")]).await;
    page.assert_redirect("/login");
}

#[actix_web::test]
async fn codes_are_throttled_like_passwords() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    enrol(&app).await;
    app.logout().await;
    app.login("chenshop", PASSWORD).await;
    let mut last = StatusCode::OK;
    for _ in 0..5 {
        last = app
            .post("/login/two-factor", &[("code", "000000")])
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn the_main_account_can_require_it_of_everyone() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    app.add_sub_account("jiajia", "builtin:customer_service", &[store])
        .await;
    let agent = app.sub_account_browser("chenshop:jiajia").await;

    // Not before the main account has it itself.
    app.post(
        "/account/security/two-factor/required",
        &[("required", "on")],
    )
    .await;
    app.get("/account/security")
        .await
        .assert_contains("Turn on two-factor sign-in for your own account first.");
    enrol(&app).await;
    app.post(
        "/account/security/two-factor/required",
        &[("required", "on")],
    )
    .await
    .assert_redirect("/account/security");
    assert_eq!(entries(&app, "two_factor_required"), 1);

    // The member is sent to set it up before anything else.
    agent
        .get("/webchat")
        .await
        .assert_redirect("/account/security");
    let page = agent.get("/account/security").await;
    page.assert_contains("Your team requires two-factor sign-in.");
    let secret = shown_secret(&page.body);
    agent
        .post(
            "/account/security/two-factor/enable",
            &[("password", PASSWORD), ("code", &totp_code(&secret, 0))],
        )
        .await
        .assert_redirect("/account/security");
    assert_eq!(agent.get("/webchat").await.status, StatusCode::OK);
    // While required, it cannot be turned off.
    agent
        .post(
            "/account/security/two-factor/disable",
            &[("password", PASSWORD), ("code", &totp_code(&secret, 1))],
        )
        .await
        .assert_redirect("/account/security");
    let still: Option<String> = app.with_db(|c| {
        accounts::table
            .filter(accounts::username.eq("chenshop:jiajia"))
            .select(accounts::totp_secret)
            .first(c)
            .unwrap()
    });
    assert!(still.is_some());
    // Only the main account decides.
    let refused = agent
        .post(
            "/account/security/two-factor/required",
            &[("required", "off")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn turning_it_off_needs_the_password_and_a_code() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (secret, _) = enrol(&app).await;
    let wrong = app
        .post(
            "/account/security/two-factor/disable",
            &[
                ("password", "not it at all"),
                ("code", &totp_code(&secret, 1)),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.post(
        "/account/security/two-factor/disable",
        &[("password", PASSWORD), ("code", &totp_code(&secret, 1))],
    )
    .await
    .assert_redirect("/account/security");
    app.get("/account/security")
        .await
        .assert_contains("Two-factor sign-in is off.");
    assert_eq!(entries(&app, "two_factor_disabled"), 1);
    assert_eq!(app.count("recovery_codes"), 0);
}

#[actix_web::test]
async fn a_manager_resets_it_for_a_member_who_lost_their_phone() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let id = app
        .add_sub_account("jiajia", "builtin:customer_service", &[store])
        .await;
    let agent = app.sub_account_browser("chenshop:jiajia").await;
    let secret = shown_secret(&agent.get("/account/security").await.body);
    agent
        .post(
            "/account/security/two-factor/enable",
            &[("password", PASSWORD), ("code", &totp_code(&secret, 0))],
        )
        .await;
    let page = app.get(&format!("/account/sub-accounts/{id}")).await;
    page.assert_contains("Reset two-factor sign-in");
    let confirm = app
        .post(&format!("/account/sub-accounts/{id}/two-factor/reset"), &[])
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    confirm.assert_contains("chenshop:jiajia");
    app.post(
        &format!("/account/sub-accounts/{id}/two-factor/reset"),
        &[("confirm", "yes")],
    )
    .await
    .assert_redirect(&format!("/account/sub-accounts/{id}"));
    assert_eq!(entries(&app, "two_factor_reset"), 1);
    // The member signs in with the password alone again.
    let phone = app.browser();
    phone
        .login("chenshop:jiajia", PASSWORD)
        .await
        .assert_redirect("/home");
}

#[actix_web::test]
async fn guessing_codes_from_many_addresses_does_not_help() {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let (secret, _) = enrol(&app).await;
    app.logout().await;
    let mut last = StatusCode::OK;
    for n in 0..11 {
        // Someone with the password, from a fresh address each time.
        let guesser =
            common::Browser::from_address(app.address.clone(), &format!("127.0.1.{}", n + 1));
        guesser.login("chenshop", PASSWORD).await;
        last = guesser
            .post("/login/two-factor", &[("code", "000000")])
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    // The owner's right code is held up too, but only for the growing wait: the
    // recovery path is the same door, so nothing else opens meanwhile.
    let owner = app.browser();
    owner.login("chenshop", PASSWORD).await;
    let page = owner
        .post("/login/two-factor", &[("code", &totp_code(&secret, 1))])
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}
