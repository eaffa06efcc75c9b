//! Just enough of the W3C WebDriver protocol to drive Chromium through chromedriver:
//! sessions, navigation, elements, scripts and screenshots. Each call is one JSON
//! request, so the whole client is this file and reqwest.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long a step may wait for the page to show what it expects.
const PATIENCE: Duration = Duration::from_secs(15);

/// The programs the browser tests need, or why they cannot run.
pub struct Tools {
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
}

fn from_env_or(var: &str, candidates: &[&str]) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .into_iter()
        .chain(candidates.iter().map(PathBuf::from))
        .find(|p| p.is_file())
}

impl Tools {
    pub fn find() -> Result<Tools, String> {
        let chromedriver = from_env_or(
            "SELLERDESK_CHROMEDRIVER",
            &["/usr/bin/chromedriver", "/usr/local/bin/chromedriver"],
        )
        .ok_or("no chromedriver found (install Debian's chromium-driver)")?;
        let chromium = from_env_or(
            "SELLERDESK_CHROMIUM",
            &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
        )
        .ok_or("no Chromium found (install Debian's chromium)")?;
        Ok(Tools {
            chromedriver,
            chromium,
        })
    }
}

/// A chromedriver process on a free port, stopped when dropped.
pub struct Driver {
    process: Child,
    pub url: String,
    chromium: PathBuf,
    http: reqwest::Client,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Driver {
    pub async fn start(tools: &Tools) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let process = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            process,
            url: format!("http://127.0.0.1:{port}"),
            chromium: tools.chromium.clone(),
            http: reqwest::Client::new(),
        };
        let started = Instant::now();
        loop {
            let ready = driver
                .http
                .get(format!("{}/status", driver.url))
                .send()
                .await
                .ok()
                .filter(|r| r.status().is_success());
            if ready.is_some() {
                return driver;
            }
            assert!(started.elapsed() < PATIENCE, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A new headless browser with its own profile (so its own cookies).
    pub async fn browser(&self, profile: &Path) -> Browser {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--window-size=1280,900",
            &format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": self.chromium, "args": args},
        }}});
        let response: Value = self
            .http
            .post(format!("{}/session", self.url))
            .json(&caps)
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .expect("session JSON");
        let id = response["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {response}"))
            .to_string();
        let browser = Browser {
            base: format!("{}/session/{id}", self.url),
            http: self.http.clone(),
        };
        // axe-core takes a few seconds on a large page.
        browser
            .post("/timeouts", json!({"script": 60_000, "pageLoad": 30_000}))
            .await;
        browser
    }
}

/// One browser window.
pub struct Browser {
    base: String,
    http: reqwest::Client,
}

#[derive(Clone)]
pub struct Element(String);

impl Browser {
    /// One command; WebDriver's own errors (a stale element while a page loads, say)
    /// come back as `Err` for the waiting helpers to retry.
    async fn try_call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response: Value = request
            .send()
            .await
            .expect("WebDriver answers")
            .json()
            .await
            .expect("WebDriver JSON");
        match response["value"]["error"].as_str() {
            Some(error) => Err(format!("{path}: {error}: {}", response["value"]["message"])),
            None => Ok(response["value"].clone()),
        }
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.try_call(reqwest::Method::POST, path, Some(body))
            .await
            .unwrap_or_else(|e| panic!("WebDriver {e}"))
    }

    async fn get(&self, path: &str) -> Value {
        self.try_call(reqwest::Method::GET, path, None)
            .await
            .unwrap_or_else(|e| panic!("WebDriver {e}"))
    }

    pub async fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url })).await;
    }

    pub async fn current_url(&self) -> String {
        self.get("/url")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn source(&self) -> String {
        self.get("/source")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The elements matching a CSS selector now (none while a page is loading).
    pub async fn all(&self, css: &str) -> Vec<Element> {
        let found = self
            .try_call(
                reqwest::Method::POST,
                "/elements",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await
            .unwrap_or_default();
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|id| Element(id.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Some(e) = self.all(css).await.into_iter().next() {
                return e;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "no element {css} on {}",
                self.current_url().await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        let e = self.find(css).await;
        self.post(&format!("/element/{}/click", e.0), json!({}))
            .await;
    }

    /// Replaces the field's text.
    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        self.post(&format!("/element/{}/clear", e.0), json!({}))
            .await;
        self.post(&format!("/element/{}/value", e.0), json!({ "text": text }))
            .await;
    }

    /// Types `text` at the end of the field (keys such as Enter included).
    pub async fn fill_more(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        self.post(&format!("/element/{}/value", e.0), json!({ "text": text }))
            .await;
    }

    /// Picks the option with `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"))
            .await;
    }

    /// Waits until the visible text of `css` contains `needle`, without reloading.
    pub async fn wait_for_text(&self, css: &str, needle: &str) {
        let started = Instant::now();
        loop {
            for e in self.all(css).await {
                let text = self
                    .try_call(
                        reqwest::Method::GET,
                        &format!("/element/{}/text", e.0),
                        None,
                    )
                    .await
                    .unwrap_or_default();
                if text.as_str().is_some_and(|t| t.contains(needle)) {
                    return;
                }
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{css} never showed {needle:?} on {}",
                self.current_url().await
            );
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits until `condition`, a script's body, returns `true` (page loads and script
    /// errors in between count as "not yet").
    pub async fn wait_until(&self, condition: &str, what: &str) {
        let started = Instant::now();
        loop {
            let answer = self
                .try_call(
                    reqwest::Method::POST,
                    "/execute/sync",
                    Some(json!({"script": condition, "args": []})),
                )
                .await;
            if answer.is_ok_and(|v| v.as_bool() == Some(true)) {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "never {what} on {}",
                self.current_url().await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens a new tab in this session (same profile, same cookies) and switches to it;
    /// returns its handle.
    pub async fn new_tab(&self) -> String {
        let opened = self.post("/window/new", json!({"type": "tab"})).await;
        let handle = opened["handle"]
            .as_str()
            .unwrap_or_else(|| panic!("no window handle: {opened}"))
            .to_string();
        self.switch_to(&handle).await;
        handle
    }

    /// The handle of the tab commands now go to.
    pub async fn window(&self) -> String {
        self.get("/window")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Sends the next commands to the tab `handle`.
    pub async fn switch_to(&self, handle: &str) {
        self.post("/window", json!({ "handle": handle })).await;
    }

    /// Resizes the window (a phone's 390 × 844, say).
    pub async fn set_window_size(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .await;
    }

    pub async fn script(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
            .await
    }

    pub async fn async_script(&self, script: &str) -> Value {
        self.post("/execute/async", json!({"script": script, "args": []}))
            .await
    }

    pub async fn screenshot(&self, path: &Path) {
        let data = self.get("/screenshot").await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .expect("PNG data");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, png).expect("screenshot written");
    }

    pub async fn quit(self) {
        let _ = self.http.delete(&self.base).send().await;
    }
}
