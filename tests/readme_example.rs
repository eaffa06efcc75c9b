//! The README's example integration, run as it is written: it posts a buyer's message,
//! an agent answers in Webchat, and the script receives the reply by webhook with a
//! valid signature.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::spawn_app_with;
use diesel::prelude::*;
use sellerdesk::db::schema::conversations;

/// The script under the README's `<!-- example-integration -->` marker.
fn example() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- example-integration -->")
        .expect("the marker");
    let code = &readme[start..];
    let open = code.find("```python\n").expect("the script") + "```python\n".len();
    let close = code[open..].find("```").expect("its end");
    code[open..open + close].to_string()
}

#[actix_web::test]
async fn the_readme_integration_posts_a_message_and_receives_the_reply() {
    let python = Command::new("python3").arg("--version").output();
    assert!(
        python.is_ok_and(|o| o.status.success()),
        "python3 runs the README's example (.ci/run installs it)"
    );
    let app = spawn_app_with(|args| args.webhook_first_retry_ms = 50).await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let token = app.api_token(store, "ERP").await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let created = app
        .post(
            &format!("/account/stores/{store}/webhooks"),
            &[
                ("url", format!("http://127.0.0.1:{port}/hook").as_str()),
                ("events", "message.created"),
            ],
        )
        .await;
    let endpoint = created.redirect_id();
    let page = app
        .get(&format!("/account/stores/{store}/webhooks/{endpoint}"))
        .await;
    let start = page.body.find("whsec_").unwrap();
    let secret: String = page.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();

    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("integration.py");
    std::fs::write(&script, example()).unwrap();
    let mut child = Command::new("python3")
        .arg(&script)
        .env("SELLERDESK_URL", &app.address)
        .env("SELLERDESK_TOKEN", &token)
        .env("SELLERDESK_WEBHOOK_SECRET", &secret)
        .env("PORT", port.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, said) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let next_line = || async {
        for _ in 0..400 {
            if let Ok(line) = said.try_recv() {
                return line;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the script said nothing for 20 s");
    };
    let posted = next_line().await;
    assert!(posted.starts_with("posted:"), "{posted}");
    let chat: i64 = app.with_db(|c| {
        conversations::table
            .select(conversations::id)
            .first(c)
            .unwrap()
    });
    app.post(
        &format!("/webchat/conversations/{chat}/reply"),
        &[("text", "Yes, 12 left in stock.")],
    )
    .await;
    let reply = next_line().await;
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(reply, "reply: Yes, 12 left in stock.");
}
