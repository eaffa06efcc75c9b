//! Browser journeys in headless Chromium through WebDriver: a seller's day, end to end,
//! with a screenshot of every page under `target/screenshots/` and axe-core's
//! accessibility check on each. Without a chromedriver these tests say so and pass;
//! with `SELLERDESK_REQUIRE_BROWSER=1` (as CI sets it) a missing tool is a failure.

#[path = "../common/mod.rs"]
mod common;
mod webdriver;

use std::path::PathBuf;

use common::{INITIAL_PASSWORD, PASSWORD, TestApp, spawn_app};
use diesel::prelude::*;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::db::schema::{conversations, stores};
use sellerdesk::i18n::{Lang, tr};
use webdriver::{Browser, Driver, Tools};

/// The browsers of one journey, the screenshots they take and what axe finds.
struct Kit {
    driver: Driver,
    profiles: tempfile::TempDir,
    axe: Option<String>,
    shots: PathBuf,
    step: usize,
    violations: Vec<String>,
}

fn required() -> bool {
    std::env::var_os("SELLERDESK_REQUIRE_BROWSER").is_some_and(|v| v != "0")
}

fn axe_source() -> Result<String, String> {
    let path = std::env::var_os("SELLERDESK_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).map_err(|e| format!("no axe-core at {}: {e}", path.display()))
}

impl Kit {
    /// `None` (after saying why) when this machine cannot run browser tests.
    async fn start(journey: &str) -> Option<Kit> {
        let tools = match Tools::find() {
            Ok(tools) => tools,
            Err(why) if !required() => {
                eprintln!("browser tests skipped: {why}");
                return None;
            }
            Err(why) => panic!("browser tests required but {why}"),
        };
        let axe = match axe_source() {
            Ok(source) => Some(source),
            Err(why) if !required() => {
                eprintln!("accessibility checks skipped: {why}");
                None
            }
            Err(why) => panic!("accessibility checks required but {why}"),
        };
        let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target/screenshots")
            .join(journey);
        let _ = std::fs::remove_dir_all(&shots);
        Some(Kit {
            driver: Driver::start(&tools).await,
            profiles: tempfile::tempdir().expect("profiles folder"),
            axe,
            shots,
            step: 0,
            violations: Vec::new(),
        })
    }

    async fn browser(&self, name: &str) -> Browser {
        self.driver.browser(&self.profiles.path().join(name)).await
    }

    /// A screenshot of the page, and axe-core's serious and critical findings on it.
    async fn check(&mut self, browser: &Browser, name: &str) {
        self.step += 1;
        let file = self.shots.join(format!("{:02}-{name}.png", self.step));
        browser.screenshot(&file).await;
        let Some(axe) = &self.axe else { return };
        browser.script(&format!("{axe}\n;return true;")).await;
        let found = browser
            .async_script(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                       + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));",
            )
            .await;
        let url = browser.current_url().await;
        for v in found.as_array().into_iter().flatten() {
            self.violations.push(format!(
                "{name} ({url}): {}",
                v.as_str().unwrap_or_default()
            ));
        }
    }

    fn assert_accessible(&self) {
        assert!(
            self.violations.is_empty(),
            "serious or critical accessibility violations:\n{}",
            self.violations.join("\n")
        );
    }
}

/// The id at the end of the browser's current address (`/account/stores/12`).
async fn id_in_url(browser: &Browser) -> i64 {
    let url = browser.current_url().await;
    url.split(['/', '?', '#'])
        .rev()
        .find_map(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no id in {url}"))
}

/// The cells of the Performance Data row that starts with `name`.
fn performance_row(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("<th scope=\"row\">{name} "))
        .unwrap_or_else(|| panic!("no Performance Data row for {name}"));
    let end = start + source[start..].find("</tr>").unwrap_or(0);
    let cell = regex::Regex::new(r"<td>([^<]*)</td>").expect("regex");
    cell.captures_iter(&source[start..end])
        .map(|c| c[1].to_string())
        .collect()
}

async fn submit(browser: &Browser, form: &str) {
    browser.click(&format!("{form} button[type=submit]")).await;
}

/// Waits until the page's title starts with `prefix`, without reloading.
async fn wait_for_title(browser: &Browser, prefix: &str) {
    for _ in 0..100 {
        let title = browser.script("return document.title").await;
        if title.as_str().is_some_and(|t| t.starts_with(prefix)) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the title never started with {prefix:?}");
}

async fn add_store(main: &Browser, base: &str, name: &str, market: &str) -> i64 {
    main.goto(&format!("{base}/account/stores/new")).await;
    main.fill("#name", name).await;
    main.select("#market", market).await;
    submit(main, "form[action='/account/stores']").await;
    main.wait_for_text("main", name).await;
    id_in_url(main).await
}

/// Signs `username` in through the login page.
async fn sign_in(browser: &Browser, base: &str, username: &str) {
    browser.goto(&format!("{base}/login")).await;
    browser.fill("#username", username).await;
    browser.fill("#password", PASSWORD).await;
    submit(browser, "form[action='/login']").await;
    browser.find(".who").await;
}

/// A first-run main account `chenshop` with one Thai store, set up over HTTP (the
/// journey that does it in the browser is `a_sellers_day`); returns the store.
async fn seller_with_store(app: &TestApp) -> i64 {
    app.setup("chenshop").await;
    app.add_store("Chen Thai", "TH").await
}

/// A mark on the page that only a page load removes, and where the resources loaded
/// so far end.
const MARK_PAGE: &str = "window.sellerdeskStayed = true;
    window.sellerdeskResources = performance.getEntriesByType('resource').length;
    return true;";

/// Asserts the page was not loaded again since `MARK_PAGE`, nor fetched the inbox
/// itself in the background.
async fn assert_no_refetch(browser: &Browser, tab: usize) {
    let stayed = browser
        .script("return window.sellerdeskStayed === true")
        .await;
    assert_eq!(stayed.as_bool(), Some(true), "tab {tab} loaded a page");
    let fetched = browser
        .script(
            "return performance.getEntriesByType('resource')
               .slice(window.sellerdeskResources).map(e => e.name)
               .filter(n => n.includes('/webchat?') || n.endsWith('/webchat'));",
        )
        .await;
    assert_eq!(
        fetched.as_array().map(Vec::len),
        Some(0),
        "tab {tab} fetched the inbox again: {fetched}"
    );
}

/// Asserts the page does not scroll sideways.
async fn assert_fits(browser: &Browser, screen: &str) {
    let sizes = browser
        .script(
            "return [document.documentElement.scrollWidth, window.innerWidth,
                     document.body.scrollWidth];",
        )
        .await;
    let width = |i: usize| sizes[i].as_i64().unwrap_or(i64::MAX);
    assert!(
        width(0) <= width(1) && width(2) <= width(1),
        "{screen} scrolls sideways: [page, window, body] = {sizes}"
    );
}

/// True when the history is scrolled to its end and its last line is in view.
const AT_NEWEST: &str = "const h = document.getElementById('history');
    const box = h.getBoundingClientRect();
    const last = h.lastElementChild.getBoundingClientRect();
    return h.scrollHeight - h.scrollTop - h.clientHeight < 2
      && last.top >= box.top - 1 && last.bottom <= box.bottom + 1;";

fn store_key(app: &TestApp, id: i64) -> String {
    app.with_db(|c| {
        stores::table
            .find(id)
            .select(stores::public_key)
            .first(c)
            .expect("store key")
    })
}

#[actix_web::test]
async fn a_sellers_day() {
    let Some(mut kit) = Kit::start("a_sellers_day").await else {
        return;
    };
    let app = spawn_app().await;
    let base = app.main.address.clone();
    let main = kit.browser("main").await;

    // 1. First run: the setup page, then signed in as chenshop.
    main.goto(&format!("{base}/")).await;
    assert!(main.current_url().await.ends_with("/setup"));
    kit.check(&main, "setup").await;
    main.fill("#username", "chenshop").await;
    main.fill("#display_name", "Chen Jia").await;
    main.fill("#email", "chen@example.com").await;
    main.fill("#password", PASSWORD).await;
    main.fill("#password_confirm", PASSWORD).await;
    submit(&main, "form[action='/setup']").await;
    main.wait_for_text(".who", "Chen Jia").await;
    kit.check(&main, "home").await;

    // 2. Two stores and a customer-service sub-account for the Thai one.
    let thai = add_store(&main, &base, "Chen Thai", "TH").await;
    kit.check(&main, "store").await;
    add_store(&main, &base, "Chen MY", "MY").await;
    main.goto(&format!("{base}/account/sub-accounts/new")).await;
    main.fill("#member_name", "jiajia").await;
    main.fill("#display_name", "Jia Jia").await;
    main.fill("#email", "jiajia@example.com").await;
    main.select("#role", "builtin:customer_service").await;
    main.fill("#password", INITIAL_PASSWORD).await;
    main.fill("#password_confirm", INITIAL_PASSWORD).await;
    main.click(&format!("#store-{thai}")).await;
    kit.check(&main, "new-sub-account").await;
    submit(&main, "form[action='/account/sub-accounts']").await;
    main.wait_for_text("main", "chenshop:jiajia").await;
    let jiajia_id = id_in_url(&main).await;

    // 3. Chat Assignment → Chen Thai → View Details → Create Now.
    main.goto(&format!("{base}/chat-assignment")).await;
    kit.check(&main, "chat-assignment").await;
    main.click(&format!("a[href='/chat-assignment/stores/{thai}']"))
        .await;
    main.wait_for_text(".empty-state", "").await;
    kit.check(&main, "no-groups").await;
    main.click(&format!(
        "a[href='/chat-assignment/stores/{thai}/groups/new']"
    ))
    .await;
    main.fill("#name", "Pre-sales Customer Service").await;
    main.click(&format!("#member-{jiajia_id}")).await;
    main.click("#source-product_page").await;
    main.click("#source-shop_page").await;
    kit.check(&main, "new-group").await;
    submit(
        &main,
        &format!("form[action='/chat-assignment/stores/{thai}/groups']"),
    )
    .await;
    main.wait_for_text(".group-card", "Pre-sales Customer Service")
        .await;
    main.wait_for_text(".group-card", "Jia Jia").await;
    kit.check(&main, "groups").await;
    main.click(".group-card a.btn").await;
    let group = id_in_url(&main).await;
    let group_path = format!("/chat-assignment/stores/{thai}/groups/{group}");
    main.fill("#name", "Pre-sales CS").await;
    submit(&main, &format!("form[action='{group_path}/name']")).await;
    main.wait_for_text("main", "Pre-sales CS").await;
    main.goto(&format!("{base}{group_path}")).await;
    main.click("#source-order").await;
    kit.check(&main, "edit-group").await;
    submit(&main, &format!("form[action='{group_path}/sources']")).await;
    main.goto(&format!("{base}/chat-assignment/stores/{thai}"))
        .await;
    main.wait_for_text(".group-card", "Pre-sales CS").await;
    submit(&main, &format!("form[action='{group_path}/status']")).await;
    main.wait_for_text(".group-card .badge", &tr(Lang::En, "status-closed", None))
        .await;
    kit.check(&main, "group-closed").await;
    submit(&main, &format!("form[action='{group_path}/status']")).await;
    main.wait_for_text(".group-card .badge", &tr(Lang::En, "status-active", None))
        .await;

    // 4. The store's default automatic reply.
    let greeting = "Thanks for writing to Chen Thai! We reply within minutes.";
    main.goto(&format!("{base}/chat-assignment/stores/{thai}/settings"))
        .await;
    main.click("#auto_reply_enabled").await;
    main.fill("#auto_reply_text", greeting).await;
    main.wait_for_text("#auto_reply_preview", greeting).await;
    kit.check(&main, "store-settings").await;
    submit(&main, "form[action$='/settings/auto-reply']").await;
    main.wait_for_text(".flash", "").await;
    // A quick reply the agent will pick with "/".
    main.fill("#shortcut", "ship").await;
    main.fill("#quick_text", "It ships today from Bangkok.")
        .await;
    submit(&main, "form[action$='/quick-replies']").await;
    main.wait_for_text(".flash", "").await;

    // 5. jiajia signs in elsewhere, sets her own password and goes Online.
    let jiajia = kit.browser("jiajia").await;
    jiajia.goto(&format!("{base}/login")).await;
    kit.check(&jiajia, "login").await;
    jiajia.fill("#username", "chenshop:jiajia").await;
    jiajia.fill("#password", INITIAL_PASSWORD).await;
    submit(&jiajia, "form[action='/login']").await;
    jiajia.find("#current_password").await;
    kit.check(&jiajia, "first-password").await;
    jiajia.fill("#current_password", INITIAL_PASSWORD).await;
    jiajia.fill("#password", PASSWORD).await;
    jiajia.fill("#password_confirm", PASSWORD).await;
    submit(&jiajia, "form[action='/account/password']").await;
    jiajia.wait_for_text(".who", "Jia Jia").await;
    jiajia.goto(&format!("{base}/webchat")).await;
    jiajia.click("button[name=status][value=online]").await;
    jiajia
        .find("button[name=status][value=online][aria-pressed=true]")
        .await;
    kit.check(&jiajia, "webchat-online").await;

    // 6. A buyer writes from a product page; the chat reaches jiajia live, and her
    //    reply reaches the buyer live.
    let buyer = kit.browser("buyer").await;
    let key = store_key(&app, thai);
    buyer
        .goto(&format!("{base}/chat/{key}?source=product_page"))
        .await;
    kit.check(&buyer, "buyer-chat").await;
    buyer.fill("#buyer-name", "Somchai").await;
    submit(&buyer, &format!("form[action='/chat/{key}']")).await;
    buyer
        .fill("#buyer-text", "Is the blue kettle in stock?")
        .await;
    submit(&buyer, &format!("form[action='/chat/{key}']")).await;
    buyer.wait_for_text("#history", greeting).await;
    kit.check(&buyer, "buyer-auto-reply").await;
    jiajia.wait_for_text("#inbox-list", "Somchai").await;
    // The tab title counts the chat without a reload.
    wait_for_title(&jiajia, "(1) ").await;
    jiajia.click(".conversation-row").await;
    jiajia
        .wait_for_text("#history", "Is the blue kettle in stock?")
        .await;
    // "/" opens the quick replies; Enter inserts the chosen one for editing, and Enter
    // again sends it (WebDriver's Enter key is U+E007).
    jiajia.fill("#reply-text", "/shi").await;
    jiajia
        .wait_for_text("#quick-picker", "It ships today")
        .await;
    jiajia.fill_more("#reply-text", "\u{E007}").await;
    let typed = jiajia
        .script("return document.getElementById('reply-text').value")
        .await;
    assert_eq!(typed.as_str(), Some("It ships today from Bangkok."));
    jiajia.fill("#reply-text", "Yes, it ships today.").await;
    // A mark on the page survives only if sending does not load a new page.
    jiajia
        .script("window.sellerdeskStayed = true; return true")
        .await;
    jiajia.fill_more("#reply-text", "\u{E007}").await;
    jiajia
        .wait_for_text("#history", "Yes, it ships today.")
        .await;
    let stayed = jiajia
        .script("return window.sellerdeskStayed === true")
        .await;
    assert_eq!(stayed.as_bool(), Some(true), "sent without a page load");
    // The team sees who answered; the buyer sees the store.
    main.goto(&format!("{base}/webchat?tab=all")).await;
    main.click(".conversation-row").await;
    main.wait_for_text("#history", "Jia Jia").await;
    kit.check(&jiajia, "webchat-reply").await;
    buyer
        .wait_for_text("#history", "Yes, it ships today.")
        .await;
    kit.check(&buyer, "buyer-sees-reply").await;

    // 7. jiajia closes the dialogue; the main account sees it in Performance Data and
    //    its own group operations in the Activity Log.
    submit(&jiajia, "form[action$='/close']").await;
    jiajia
        .find("form[action$='/reopen'] button[type=submit]")
        .await;
    // The buyer is invited to rate the chat, live; the page shows the form again.
    buyer.wait_for_text("#history", "Rate this chat").await;
    buyer.click("#chat-closed a").await;
    buyer.find("form#rating").await;
    kit.check(&buyer, "buyer-rating").await;
    buyer.click("label[for='score-4']").await;
    buyer
        .fill("#rating-comment", "Quick answer, thank you")
        .await;
    submit(&buyer, "form#rating").await;
    buyer
        .wait_for_text("#rating", "You rated this chat 4 out of 5.")
        .await;
    main.goto(&format!("{base}/performance?range=today")).await;
    main.wait_for_text("main", "Jia Jia").await;
    let row = performance_row(&main.source().await, "Jia Jia");
    assert_eq!((row[0].as_str(), row[1].as_str()), ("1", "1"), "{row:?}");
    kit.check(&main, "performance").await;
    main.goto(&format!("{base}/performance/satisfaction?range=today"))
        .await;
    main.wait_for_text("#satisfaction", "Quick answer, thank you")
        .await;
    kit.check(&main, "satisfaction").await;
    main.goto(&format!("{base}/performance/marketplace")).await;
    main.wait_for_text("main", "Week by week").await;
    kit.check(&main, "marketplace-rate").await;
    jiajia.goto(&format!("{base}/webchat/at-risk")).await;
    jiajia.wait_for_text("h1", "At risk").await;
    kit.check(&jiajia, "at-risk").await;
    main.goto(&format!("{base}/activity-log")).await;
    main.wait_for_text("main", "Pre-sales CS").await;
    main.wait_for_text("main", "chenshop").await;
    kit.check(&main, "activity-log").await;
    main.goto(&format!("{base}/account/security")).await;
    main.find("img.qr").await;
    main.wait_for_text("main", "Where you are signed in").await;
    kit.check(&main, "security").await;

    // 8. ไทย in Settings: the navigation and Performance Data speak Thai.
    main.goto(&format!("{base}/settings")).await;
    main.select("#language", "th").await;
    submit(&main, "form[action='/settings']").await;
    let thai_nav = tr(Lang::Th, "nav-performance", None);
    main.wait_for_text(".sidenav", &thai_nav).await;
    main.goto(&format!("{base}/performance?range=today")).await;
    main.wait_for_text("h1", &thai_nav).await;
    main.wait_for_text("main", &tr(Lang::Th, "performance-chats-received", None))
        .await;
    kit.check(&main, "performance-thai").await;

    for b in [main, jiajia, buyer] {
        b.quit().await;
    }
    kit.assert_accessible();
}

/// How many tabs of one browser watch the inbox: more than the six connections a
/// browser opens to one host, so the tabs must share one event stream (with a stream
/// per tab, the seventh tab's page does not even load).
const TABS: usize = 8;

#[actix_web::test]
async fn webchat_live_in_eight_tabs() {
    let Some(mut kit) = Kit::start("webchat_live_in_eight_tabs").await else {
        return;
    };
    let app = spawn_app().await;
    let base = app.main.address.clone();
    let store = seller_with_store(&app).await;
    let main = kit.browser("main").await;
    sign_in(&main, &base, "chenshop").await;

    // The queue in eight tabs of one browser, none counting anything yet.
    let mut tabs = vec![main.window().await];
    for _ in 1..TABS {
        tabs.push(main.new_tab().await);
    }
    for tab in &tabs {
        main.switch_to(tab).await;
        main.goto(&format!("{base}/webchat?tab=queue")).await;
        main.find("#conversation-list").await;
        let title = main.script("return document.title").await;
        assert!(
            title.as_str().is_some_and(|t| !t.starts_with('(')),
            "{title}"
        );
        main.script(MARK_PAGE).await;
    }

    // A buyer writes: every tab shows the new chat and counts it, from the shared
    // stream alone.
    let chat = app.buyer_writes(
        store,
        "Somchai",
        ChatSource::ProductPage,
        "Is the blue kettle in stock?",
    );
    for (n, tab) in tabs.iter().enumerate() {
        main.switch_to(tab).await;
        main.wait_for_text(&format!("#conversation-list #row-{chat}"), "Somchai")
            .await;
        main.wait_for_text(
            &format!("#row-{chat} .row-text"),
            "Is the blue kettle in stock?",
        )
        .await;
        wait_for_title(&main, "(1) ").await;
        assert_no_refetch(&main, n + 1).await;
    }
    kit.check(&main, "queue-live").await;

    main.quit().await;
    kit.assert_accessible();
}

#[actix_web::test]
async fn webchat_conversation_view() {
    let Some(mut kit) = Kit::start("webchat_conversation_view").await else {
        return;
    };
    let app = spawn_app().await;
    let base = app.main.address.clone();
    let store = seller_with_store(&app).await;
    let write = |text: &str| app.buyer_writes(store, "Somchai", ChatSource::ProductPage, text);
    let mut chat = 0;
    for n in 1..=30 {
        chat = write(&format!("Question {n} about the kettle"));
    }
    let main = kit.browser("main").await;
    sign_in(&main, &base, "chenshop").await;

    // The chat opens at its newest message.
    main.goto(&format!("{base}/webchat/conversations/{chat}"))
        .await;
    main.wait_for_text("#history", "Question 30 about").await;
    let overflows = main
        .script(
            "const h = document.getElementById('history');
             return h.scrollHeight > h.clientHeight * 2;",
        )
        .await;
    assert_eq!(overflows.as_bool(), Some(true), "30 messages scroll");
    main.wait_until(AT_NEWEST, "opened at the newest message")
        .await;
    kit.check(&main, "conversation").await;

    // Reading older messages, the agent is not pulled down by a new one: a button
    // says it came.
    main.script(
        "const h = document.getElementById('history');
         h.scrollTop = 0;
         window.sellerdeskPlace = [h.scrollTop, window.scrollY,
           h.firstElementChild.getBoundingClientRect().top];
         return true;",
    )
    .await;
    main.wait_until(
        "return document.getElementById('new-messages').hidden;",
        "kept the new-messages button hidden while nothing came",
    )
    .await;
    write("Question 31: still there?");
    main.wait_until(
        "const b = document.getElementById('new-messages');
         return !b.hidden && b.offsetParent !== null && b.getClientRects().length > 0
           && document.getElementById('history').textContent.includes('Question 31');",
        "showed the new-messages button",
    )
    .await;
    let place = main
        .script(
            "const h = document.getElementById('history');
             const now = [h.scrollTop, window.scrollY,
               h.firstElementChild.getBoundingClientRect().top];
             return now.every((v, i) => Math.abs(v - window.sellerdeskPlace[i]) < 1);",
        )
        .await;
    assert_eq!(place.as_bool(), Some(true), "the history did not jump");
    main.click("#new-messages").await;
    main.wait_until(AT_NEWEST, "scrolled to the new message")
        .await;
    main.wait_until(
        "return document.getElementById('history').lastElementChild
           .textContent.includes('Question 31')
           && document.getElementById('new-messages').hidden;",
        "showed Question 31 last and hid the button",
    )
    .await;

    // Shift+Enter starts a new line; Enter sends, without a page load.
    main.script(MARK_PAGE).await;
    main.fill("#reply-text", "Thanks for waiting,").await;
    main.fill_more("#reply-text", "\u{E008}\u{E007}\u{E000}it ships today.")
        .await;
    let typed = main
        .script("return document.getElementById('reply-text').value")
        .await;
    assert_eq!(typed.as_str(), Some("Thanks for waiting,\nit ships today."));
    let sent_early = main
        .script("return document.getElementById('history').textContent.includes('it ships today')")
        .await;
    assert_eq!(sent_early.as_bool(), Some(false), "Shift+Enter sent");
    main.fill_more("#reply-text", "\u{E007}").await;
    main.wait_until(
        "return Array.from(document.querySelectorAll('#history .bubble p'))
           .some(p => p.textContent === 'Thanks for waiting,\\nit ships today.');",
        "showed the two-line reply last",
    )
    .await;
    main.wait_until(AT_NEWEST, "kept the newest message in view")
        .await;
    let stayed = main
        .script(
            "return window.sellerdeskStayed === true
               && document.getElementById('reply-text').value === '';",
        )
        .await;
    assert_eq!(stayed.as_bool(), Some(true), "sent without a page load");
    kit.check(&main, "conversation-replied").await;

    main.quit().await;
    kit.assert_accessible();
}

#[actix_web::test]
async fn webchat_on_a_phone() {
    let Some(mut kit) = Kit::start("webchat_on_a_phone").await else {
        return;
    };
    let app = spawn_app().await;
    let base = app.main.address.clone();
    let store = seller_with_store(&app).await;
    let key = store_key(&app, store);
    // A long link does not widen a bubble past the screen.
    let link = "https://shop.example.com/products/blue-kettle-1-7-litre-stainless-steel-with-temperature-control";

    // The buyer, on a phone, starts the chat.
    let buyer = kit.browser("buyer").await;
    buyer.set_window_size(390, 844).await;
    let width = buyer.script("return window.innerWidth").await;
    assert_eq!(width.as_i64(), Some(390), "a phone-wide window");
    buyer
        .goto(&format!("{base}/chat/{key}?source=product_page"))
        .await;
    assert_fits(&buyer, "the buyer's name form").await;
    buyer.fill("#buyer-name", "Somchai").await;
    submit(&buyer, &format!("form[action='/chat/{key}']")).await;
    buyer
        .fill("#buyer-text", &format!("Is this one in stock? {link}"))
        .await;
    submit(&buyer, &format!("form[action='/chat/{key}']")).await;
    buyer
        .wait_for_text("#history", "Is this one in stock?")
        .await;
    assert_fits(&buyer, "the buyer chat").await;
    kit.check(&buyer, "phone-buyer-chat").await;

    // The agent, on a phone: list → chat → back to the list.
    let main = kit.browser("main").await;
    main.set_window_size(390, 844).await;
    sign_in(&main, &base, "chenshop").await;
    main.goto(&format!("{base}/webchat?tab=queue")).await;
    let chat: i64 = app.with_db(|c| {
        conversations::table
            .filter(conversations::store_id.eq(store))
            .select(conversations::id)
            .first(c)
            .expect("the buyer's chat")
    });
    let row = format!("#row-{chat} a.conversation-row");
    main.wait_for_text(&row, "Somchai").await;
    assert_fits(&main, "the conversation list").await;
    kit.check(&main, "phone-list").await;

    main.click(&row).await;
    main.wait_for_text("#history", "Is this one in stock?")
        .await;
    main.wait_until(
        "return document.getElementById('inbox-list').offsetParent === null;",
        "hid the list beside the open chat",
    )
    .await;
    assert_fits(&main, "a conversation").await;
    kit.check(&main, "phone-conversation").await;

    main.click(".back-to-list a").await;
    main.wait_until(
        &format!(
            "const row = document.querySelector('#row-{chat}');
             return !!row && row.offsetParent !== null
               && !document.getElementById('history');"
        ),
        "went back to the list",
    )
    .await;
    assert_fits(&main, "the list again").await;

    // Performance Data on a phone: the chart shrinks, its labels still read.
    main.goto(&format!("{base}/performance")).await;
    main.find(".chart .tick").await;
    assert_fits(&main, "Performance Data").await;
    let label = main
        .script(
            "return Math.min(...[...document.querySelectorAll('.chart .tick:not(.tick-minor)')]
               .map(t => t.getBoundingClientRect().height));",
        )
        .await;
    assert!(
        label.as_f64().unwrap_or(0.0) >= 11.0,
        "chart labels {label} px high on a phone"
    );
    main.script("document.querySelector('.chart').scrollIntoView(); return 0;")
        .await;
    kit.check(&main, "phone-performance").await;

    for b in [main, buyer] {
        b.quit().await;
    }
    kit.assert_accessible();
}

#[actix_web::test]
async fn webchat_private_notes() {
    let Some(mut kit) = Kit::start("webchat_private_notes").await else {
        return;
    };
    let app = spawn_app().await;
    let base = app.main.address.clone();
    let store = seller_with_store(&app).await;
    let key = store_key(&app, store);
    let token = app.api_token(store, "Shop integration").await;
    let note = "VIP buyer: refund at once if the parcel is late";
    let reply = "Your parcel left Bangkok this morning.";

    // The buyer writes from the chat page and keeps it open, recording every live
    // event that reaches it.
    let buyer = kit.browser("buyer").await;
    buyer.goto(&format!("{base}/chat/{key}")).await;
    buyer.fill("#buyer-name", "Somchai").await;
    submit(&buyer, &format!("form[action='/chat/{key}']")).await;
    buyer.fill("#buyer-text", "Where is my parcel?").await;
    submit(&buyer, &format!("form[action='/chat/{key}']")).await;
    buyer.wait_for_text("#history", "Where is my parcel?").await;
    buyer
        .script(
            "window.sellerdeskEvents = [];
             document.addEventListener('live:event',
               e => window.sellerdeskEvents.push(JSON.stringify(e.detail.data)));
             return true;",
        )
        .await;

    // The agent adds a note, then answers.
    let main = kit.browser("main").await;
    sign_in(&main, &base, "chenshop").await;
    main.goto(&format!("{base}/webchat?tab=queue")).await;
    main.click(".conversation-row").await;
    main.wait_for_text("#history", "Where is my parcel?").await;
    let chat = id_in_url(&main).await;
    main.fill("#note-text", note).await;
    submit(&main, "form[action$='/note']").await;
    main.wait_for_text("#history .bubble-note", note).await;
    kit.check(&main, "note-added").await;
    main.fill("#reply-text", reply).await;
    submit(&main, "form#reply").await;
    main.wait_for_text("#history", reply).await;

    // The team sees the note, marked as private, on a fresh load too.
    main.goto(&format!("{base}/webchat/conversations/{chat}"))
        .await;
    main.wait_for_text("#history .bubble-note", note).await;

    // The buyer sees the answer live, and never the note: not live, not on reload.
    buyer.wait_for_text("#history", reply).await;
    let events = buyer
        .script("return window.sellerdeskEvents.join('\\n')")
        .await;
    let events = events.as_str().unwrap_or_default();
    assert!(events.contains("Your parcel left"), "{events}");
    assert!(
        !events.contains("VIP buyer"),
        "the note reached the buyer: {events}"
    );
    assert!(!buyer.source().await.contains("VIP buyer"));
    buyer.goto(&format!("{base}/chat/{key}")).await;
    buyer.wait_for_text("#history", reply).await;
    assert!(!buyer.source().await.contains("VIP buyer"));
    kit.check(&buyer, "buyer-without-note").await;

    // Nor does the store's integration.
    let answer = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/conversations/{chat}/messages")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("API answers");
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    let body: serde_json::Value = answer.json().await.expect("JSON");
    let texts: Vec<&str> = body["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert_eq!(texts, ["Where is my parcel?", reply], "{body}");

    for b in [main, buyer] {
        b.quit().await;
    }
    kit.assert_accessible();
}
