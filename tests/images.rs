//! Photos in chats: agents and buyers send JPEG, PNG or WebP images (with or without
//! text) through the ordinary forms; anything else, anything too big and anything that
//! would decode to an enormous picture is refused with a translated message and
//! nothing stored; the images are served only to those who may see the chat.

mod common;

use std::io::Cursor;

use common::{Browser, Page, TestApp, spawn_app};
use diesel::prelude::*;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use reqwest::StatusCode;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::db::schema::{message_images, messages, stores};

const BOUNDARY: &str = "----sellerdesk-test-boundary-7c1f";

/// A file part of a multipart form: its name, the type the "browser" declares and
/// the bytes.
struct File<'a> {
    filename: &'a str,
    declared: &'a str,
    bytes: &'a [u8],
}

/// A `multipart/form-data` body as a browser sends it: the text fields, then the file
/// under `image` (an empty part without a name when no file was chosen).
fn multipart(fields: &[(&str, &str)], file: Option<&File<'_>>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (filename, declared, bytes) = match file {
        Some(f) => (f.filename, f.declared, f.bytes),
        None => ("", "application/octet-stream", &[][..]),
    };
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{filename}\"\r\nContent-Type: {declared}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts a form with a file as `b`, with its CSRF token unless `token` is false.
async fn post_file(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<&File<'_>>,
    token: bool,
) -> Page {
    let csrf = b.csrf().await;
    let mut all = fields.to_vec();
    if token {
        all.insert(0, ("csrf_token", &csrf));
    }
    let response = b
        .client
        .post(b.url(path))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&all, file))
        .send()
        .await
        .expect("POST");
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.text().await.expect("body");
    Page {
        status,
        body,
        location,
    }
}

/// A response to a plain GET, with its headers and raw bytes.
struct Fetched {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    bytes: Vec<u8>,
}

async fn fetch(b: &Browser, path: &str) -> Fetched {
    let response = b.client.get(b.url(path)).send().await.expect("GET");
    Fetched {
        status: response.status(),
        headers: response.headers().clone(),
        bytes: response.bytes().await.expect("bytes").to_vec(),
    }
}

impl Fetched {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// A small picture with some detail, encoded as `format`.
fn picture(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let pixels = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 7 % 256) as u8, (y * 5 % 256) as u8, 120])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(pixels)
        .write_to(&mut out, format)
        .expect("encode");
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid little PNG whose header claims 30000×30000 pixels: decoding it would take
/// gigabytes (a decompression bomb).
fn bomb_png() -> Vec<u8> {
    let mut png = picture(ImageFormat::Png, 1, 1);
    // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
    png[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

/// The smallest GIF: a real image, of a type that is not accepted.
const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

const SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>";

struct Chat {
    app: TestApp,
    store: i64,
    store_key: String,
    conversation: i64,
}

/// A seller with a store and a buyer's chat waiting in it.
async fn chat() -> Chat {
    let app = spawn_app().await;
    app.setup("chenshop").await;
    let store = app.add_store("Chen Thai", "TH").await;
    let store_key: String = app.with_db(|c| {
        stores::table
            .find(store)
            .select(stores::public_key)
            .first(c)
            .expect("store key")
    });
    let conversation = app.buyer_writes(
        store,
        "somchai",
        ChatSource::ProductPage,
        "Does it come in red?",
    );
    Chat {
        app,
        store,
        store_key,
        conversation,
    }
}

fn newest_message(app: &TestApp) -> (i64, String) {
    app.with_db(|c| {
        messages::table
            .order(messages::id.desc())
            .select((messages::id, messages::body))
            .first(c)
            .expect("a message")
    })
}

#[actix_web::test]
async fn an_agent_sends_png_jpeg_and_webp_and_sees_them_in_the_history() {
    let Chat {
        app, conversation, ..
    } = chat().await;
    let reply = format!("/webchat/conversations/{conversation}/reply");
    let page = format!("/webchat/conversations/{conversation}");
    for (format, declared, filename, text) in [
        (
            ImageFormat::Png,
            "image/png",
            "red.png",
            "Here it is in red.",
        ),
        (ImageFormat::Jpeg, "image/jpeg", "red.jpg", ""),
        (ImageFormat::WebP, "image/webp", "red.webp", "And the back."),
    ] {
        let bytes = picture(format, 640, 480);
        app.get(&page).await;
        let sent = post_file(
            &app,
            &reply,
            &[("text", text)],
            Some(&File {
                filename,
                declared,
                bytes: &bytes,
            }),
            true,
        )
        .await;
        sent.assert_redirect(&format!("{page}#reply"));
        let (id, body) = newest_message(&app);
        assert_eq!(body, text);
        let (content_type, stored): (String, Vec<u8>) = app.with_db(|c| {
            message_images::table
                .find(id)
                .select((message_images::content_type, message_images::data))
                .first(c)
                .expect("the image is stored with its message")
        });
        assert_eq!(content_type, declared);
        assert_eq!(stored, bytes, "the original is kept byte for byte");

        let thumb = fetch(&app, &format!("/webchat/images/{id}/thumb")).await;
        assert_eq!(thumb.status, StatusCode::OK);
        assert_eq!(thumb.header("content-type"), "image/jpeg");
        assert_eq!(thumb.header("x-content-type-options"), "nosniff");
        assert_eq!(
            thumb.header("content-security-policy"),
            "default-src 'none'; sandbox"
        );
        assert_eq!(thumb.header("cache-control"), "private, max-age=86400");
        assert_eq!(thumb.header("content-disposition"), "inline");
        let small = image::load_from_memory(&thumb.bytes).expect("a thumbnail");
        assert_eq!((small.width(), small.height()), (320, 240));

        let full = fetch(&app, &format!("/webchat/images/{id}")).await;
        assert_eq!(full.status, StatusCode::OK);
        assert_eq!(full.header("content-type"), declared);
        assert_eq!(full.bytes, bytes);

        let history = app.get(&page).await;
        history.assert_contains(&format!(
            "<a href=\"/webchat/images/{id}\" class=\"chat-image\"><img src=\"/webchat/images/{id}/thumb\" width=\"320\" height=\"240\" alt=\"Photo sent in the chat (opens full size)\" loading=\"lazy\"></a>"
        ));
    }
    assert_eq!(app.count("message_images"), 3);
    // The reply form sends files, and says what it takes.
    let page = app.get(&page).await;
    page.assert_contains("enctype=\"multipart/form-data\"");
    page.assert_contains("accept=\"image/jpeg,image/png,image/webp\"");
    page.assert_contains("<label for=\"reply-image\">Photo (optional)</label>");
    // A plain form with text only still works, as API clients and scripts post it.
    app.post(&reply, &[("text", "Anything else?")])
        .await
        .assert_redirect(&format!("/webchat/conversations/{conversation}#reply"));
    assert_eq!(app.count("message_images"), 3);
}

#[actix_web::test]
async fn a_buyer_sends_a_photo_from_the_chat_page_and_sees_the_stores() {
    let Chat { app, store_key, .. } = chat().await;
    let url = format!("/chat/{store_key}?source=order");
    let buyer = app.browser();
    buyer.get(&url).await;
    buyer
        .post(
            &format!("/chat/{store_key}"),
            &[("display_name", "Ploy"), ("source", "order")],
        )
        .await
        .assert_redirect(&url);
    let page = buyer.get(&url).await;
    page.assert_contains("enctype=\"multipart/form-data\"");
    page.assert_contains("<label for=\"buyer-image\">Photo (optional)</label>");
    let bytes = picture(ImageFormat::Jpeg, 300, 200);
    let sent = post_file(
        &buyer,
        &format!("/chat/{store_key}"),
        &[("source", "order"), ("text", "")],
        Some(&File {
            filename: "IMG_0001.JPG",
            declared: "image/jpeg",
            bytes: &bytes,
        }),
        true,
    )
    .await;
    sent.assert_redirect(&format!("{url}#latest"));
    let (id, body) = newest_message(&app);
    assert_eq!(body, "", "a photo alone is a message");
    let thumb_url = format!("/chat/{store_key}/images/{id}/thumb");
    buyer.get(&url).await.assert_contains(&format!(
        "<img src=\"{thumb_url}\" width=\"300\" height=\"200\""
    ));
    let thumb = fetch(&buyer, &thumb_url).await;
    assert_eq!(thumb.status, StatusCode::OK);
    assert_eq!(thumb.header("x-content-type-options"), "nosniff");
    let full = fetch(&buyer, &format!("/chat/{store_key}/images/{id}")).await;
    assert_eq!(full.bytes, bytes);

    // The team sees it, with "Photo" as the chat's preview in the list.
    let conversation: i64 = app.with_db(|c| {
        messages::table
            .find(id)
            .select(messages::conversation_id)
            .first(c)
            .expect("conversation")
    });
    let inbox = app.get("/webchat?tab=queue").await;
    inbox.assert_contains("<span class=\"row-text\">Photo</span>");
    app.get(&format!("/webchat/conversations/{conversation}"))
        .await
        .assert_contains(&format!("<img src=\"/webchat/images/{id}/thumb\""));
    // The store answers with a photo; the buyer sees it on the chat page.
    let answer = picture(ImageFormat::Png, 50, 40);
    post_file(
        &app,
        &format!("/webchat/conversations/{conversation}/reply"),
        &[("text", "This one?")],
        Some(&File {
            filename: "shelf.png",
            declared: "image/png",
            bytes: &answer,
        }),
        true,
    )
    .await
    .assert_redirect(&format!("/webchat/conversations/{conversation}#reply"));
    let (reply_id, _) = newest_message(&app);
    let page = buyer.get(&url).await;
    page.assert_contains("This one?");
    page.assert_contains(&format!(
        "<img src=\"/chat/{store_key}/images/{reply_id}/thumb\" width=\"50\" height=\"40\""
    ));
    let answer_back = fetch(&buyer, &format!("/chat/{store_key}/images/{reply_id}")).await;
    assert_eq!(answer_back.status, StatusCode::OK);
    assert_eq!(answer_back.header("content-type"), "image/png");
}

#[actix_web::test]
async fn refused_uploads_say_why_and_change_nothing() {
    let Chat {
        app,
        conversation,
        store_key,
        ..
    } = chat().await;
    let reply = format!("/webchat/conversations/{conversation}/reply");
    let page = format!("/webchat/conversations/{conversation}");
    let mut too_big = picture(ImageFormat::Png, 8, 8);
    too_big.resize(5 * 1024 * 1024 + 1, 0);
    let bomb = bomb_png();
    let refused: [(&str, &str, &[u8], &str); 6] = [
        (
            "big.png",
            "image/png",
            &too_big,
            "The photo is larger than 5 MB.",
        ),
        (
            "cat.gif",
            "image/gif",
            GIF,
            "Only JPEG, PNG and WebP photos can be sent.",
        ),
        (
            "logo.svg",
            "image/svg+xml",
            SVG,
            "Only JPEG, PNG and WebP photos can be sent.",
        ),
        (
            "photo.jpg",
            "image/jpeg",
            b"just some text, not a picture",
            "Only JPEG, PNG and WebP photos can be sent.",
        ),
        (
            "empty.jpg",
            "image/jpeg",
            b"",
            "Only JPEG, PNG and WebP photos can be sent.",
        ),
        (
            "bomb.png",
            "image/png",
            &bomb,
            "at most 8,000 pixels on each side",
        ),
    ];
    let before = app.count("messages");
    for (filename, declared, bytes, says) in refused {
        app.get(&page).await;
        let sent = post_file(
            &app,
            &reply,
            &[("text", "Look at this")],
            Some(&File {
                filename,
                declared,
                bytes,
            }),
            true,
        )
        .await;
        assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY, "{filename}");
        sent.assert_contains(says);
        // The typed text is kept for another try.
        sent.assert_contains(">Look at this</textarea>");
    }
    // Neither text nor photo.
    app.get(&page).await;
    let empty = post_file(&app, &reply, &[("text", "  ")], None, true).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Write a message first.");
    // No CSRF token: refused before anything is read into the chat.
    let bytes = picture(ImageFormat::Png, 8, 8);
    let forged = post_file(
        &app,
        &reply,
        &[("text", "forged")],
        Some(&File {
            filename: "a.png",
            declared: "image/png",
            bytes: &bytes,
        }),
        false,
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("messages"), before);
    assert_eq!(app.count("message_images"), 0);

    // The buyer page refuses the same way.
    let url = format!("/chat/{store_key}?source=order");
    let buyer = app.browser();
    buyer.get(&url).await;
    buyer
        .post(
            &format!("/chat/{store_key}"),
            &[("display_name", "Ploy"), ("source", "order")],
        )
        .await;
    buyer.get(&url).await;
    let gif = post_file(
        &buyer,
        &format!("/chat/{store_key}"),
        &[("source", "order"), ("text", "")],
        Some(&File {
            filename: "cat.gif",
            declared: "image/gif",
            bytes: GIF,
        }),
        true,
    )
    .await;
    assert_eq!(gif.status, StatusCode::UNPROCESSABLE_ENTITY);
    gif.assert_contains("Only JPEG, PNG and WebP photos can be sent.");
    buyer.get(&url).await;
    let nothing = post_file(
        &buyer,
        &format!("/chat/{store_key}"),
        &[("source", "order"), ("text", "")],
        None,
        true,
    )
    .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    nothing.assert_contains("Write a message first.");
    assert_eq!(app.count("messages"), before);
    assert_eq!(app.count("message_images"), 0);
}

#[actix_web::test]
async fn only_those_who_may_open_the_chat_get_its_images() {
    let Chat {
        app,
        store,
        store_key,
        conversation,
    } = chat().await;
    let other_store = app.add_store("Chen Vietnam", "VN").await;
    let url = format!("/chat/{store_key}?source=order");
    let buyer = app.browser();
    buyer.get(&url).await;
    buyer
        .post(
            &format!("/chat/{store_key}"),
            &[("display_name", "Ploy"), ("source", "order")],
        )
        .await;
    buyer.get(&url).await;
    let bytes = picture(ImageFormat::Png, 40, 40);
    post_file(
        &buyer,
        &format!("/chat/{store_key}"),
        &[("source", "order"), ("text", "Broken on arrival")],
        Some(&File {
            filename: "box.png",
            declared: "image/png",
            bytes: &bytes,
        }),
        true,
    )
    .await
    .assert_redirect(&format!("{url}#latest"));
    let (buyer_image, _) = newest_message(&app);
    // The agent's photo in the other chat (Somchai's), which the main account takes.
    app.get(&format!("/webchat/conversations/{conversation}"))
        .await;
    post_file(
        &app,
        &format!("/webchat/conversations/{conversation}/reply"),
        &[("text", "")],
        Some(&File {
            filename: "a.png",
            declared: "image/png",
            bytes: &bytes,
        }),
        true,
    )
    .await
    .assert_redirect(&format!("/webchat/conversations/{conversation}#reply"));
    let (agent_image, _) = newest_message(&app);

    let paths = |id: i64| {
        [
            format!("/webchat/images/{id}"),
            format!("/webchat/images/{id}/thumb"),
        ]
    };
    for id in [buyer_image, agent_image] {
        for path in paths(id) {
            assert_eq!(fetch(&app, &path).await.status, StatusCode::OK, "{path}");
        }
    }

    let other_seller = app.other_seller("othershop").await;
    app.add_sub_account("viet", "builtin:supervisor", &[other_store])
        .await;
    let no_grant = app.sub_account_browser("chenshop:viet").await;
    app.add_sub_account("lead", "builtin:supervisor", &[store])
        .await;
    let supervisor = app.sub_account_browser("chenshop:lead").await;
    app.add_sub_account("amy", "builtin:customer_service", &[store])
        .await;
    let colleague = app.sub_account_browser("chenshop:amy").await;
    for id in [buyer_image, agent_image] {
        for path in paths(id) {
            assert_eq!(
                fetch(&other_seller, &path).await.status,
                StatusCode::NOT_FOUND
            );
            assert_eq!(fetch(&no_grant, &path).await.status, StatusCode::NOT_FOUND);
            // A supervisor of the store sees all of its chats.
            assert_eq!(fetch(&supervisor, &path).await.status, StatusCode::OK);
            let anonymous = fetch(&app.browser(), &path).await;
            assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
            assert!(anonymous.header("location").starts_with("/login"));
        }
    }
    // The main account's own chat is not a colleague's to look into.
    for path in paths(agent_image) {
        assert_eq!(fetch(&colleague, &path).await.status, StatusCode::NOT_FOUND);
    }
    // No image, or no such message: the same answer.
    let (text_only, _) = app.with_db(|c| {
        messages::table
            .filter(messages::body.eq("Does it come in red?"))
            .select((messages::id, messages::body))
            .first::<(i64, String)>(c)
            .expect("text message")
    });
    for id in [text_only, 999_999] {
        for path in paths(id) {
            assert_eq!(fetch(&app, &path).await.status, StatusCode::NOT_FOUND);
        }
    }

    // The buyer side: this browser's conversation only.
    let own = format!("/chat/{store_key}/images/{buyer_image}");
    assert_eq!(fetch(&buyer, &own).await.status, StatusCode::OK);
    assert_eq!(
        fetch(
            &buyer,
            &format!("/chat/{store_key}/images/{agent_image}/thumb")
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "another buyer's chat"
    );
    let other_buyer = app.browser();
    other_buyer.get(&url).await;
    assert_eq!(
        fetch(&other_buyer, &own).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        fetch(&app.browser(), &format!("{own}/thumb")).await.status,
        StatusCode::NOT_FOUND
    );
    let other_key: String = app.with_db(|c| {
        stores::table
            .find(other_store)
            .select(stores::public_key)
            .first(c)
            .expect("key")
    });
    assert_eq!(
        fetch(&buyer, &format!("/chat/{other_key}/images/{buyer_image}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn the_api_says_which_messages_carry_a_photo() {
    let Chat {
        app,
        store,
        conversation,
        ..
    } = chat().await;
    let token = app.api_token(store, "Marketplace").await;
    app.get(&format!("/webchat/conversations/{conversation}"))
        .await;
    let bytes = picture(ImageFormat::WebP, 30, 30);
    post_file(
        &app,
        &format!("/webchat/conversations/{conversation}/reply"),
        &[("text", "")],
        Some(&File {
            filename: "x.webp",
            declared: "image/webp",
            bytes: &bytes,
        }),
        true,
    )
    .await
    .assert_redirect(&format!("/webchat/conversations/{conversation}#reply"));
    let listed: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/conversations/{conversation}/messages")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("json");
    let flags: Vec<(String, bool)> = listed["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap_or_default().to_string(),
                m["image"].as_bool().expect("image flag"),
            )
        })
        .collect();
    assert_eq!(
        flags,
        vec![
            ("Does it come in red?".to_string(), false),
            (String::new(), true)
        ]
    );
}

/// Posts a buyer's message with `image` (base64 text) through the API.
async fn api_post(
    app: &TestApp,
    token: &str,
    external_id: &str,
    image: &str,
) -> (StatusCode, serde_json::Value) {
    let body = serde_json::json!({"external_id": external_id, "buyer_id": "B-9", "buyer_name": "Mali",
        "source": "after_sales", "text": "", "image": image});
    let response = app
        .client
        .post(app.url("/api/v1/messages"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or_default())
}

async fn api_get(app: &TestApp, token: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[actix_web::test]
async fn photos_travel_through_the_api_both_ways() {
    let Chat { app, store, .. } = chat().await;
    let token = app.api_token(store, "ERP").await;
    // A buyer's photo of what they received, with no text.
    let sent = picture(ImageFormat::Jpeg, 800, 600);
    let (status, body) = api_post(&app, &token, "p-1", &base64(&sent)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let conversation = body["conversation_id"].as_i64().unwrap();
    let listed: serde_json::Value = api_get(
        &app,
        Some(&token),
        &format!("/api/v1/conversations/{conversation}/messages"),
    )
    .await
    .json()
    .await
    .unwrap();
    let photo = &listed["messages"][0];
    assert_eq!(photo["image"], true);
    let url = photo["image_url"].as_str().unwrap().to_string();
    let fetched = api_get(&app, Some(&token), &url).await;
    assert_eq!(fetched.status(), StatusCode::OK);
    assert_eq!(fetched.headers()["content-type"], "image/jpeg");
    assert_eq!(fetched.headers()["x-content-type-options"], "nosniff");
    assert_eq!(fetched.bytes().await.unwrap().as_ref(), sent.as_slice());
    // The team sees it in the chat.
    app.get(&format!("/webchat/conversations/{conversation}"))
        .await
        .assert_contains("/webchat/images/");

    // The agent answers with a photo: the feed says where the integration fetches it.
    let reply_photo = picture(ImageFormat::Png, 300, 300);
    app.get(&format!("/webchat/conversations/{conversation}"))
        .await;
    post_file(
        &app,
        &format!("/webchat/conversations/{conversation}/reply"),
        &[("text", "Here is the right one.")],
        Some(&File {
            filename: "right.png",
            declared: "image/png",
            bytes: &reply_photo,
        }),
        true,
    )
    .await;
    let feed: serde_json::Value = api_get(&app, Some(&token), "/api/v1/events")
        .await
        .json()
        .await
        .unwrap();
    let reply = feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "message.created")
        .expect("the reply");
    assert_eq!(reply["message"]["text"], "Here is the right one.");
    let url = reply["message"]["image_url"].as_str().unwrap();
    let fetched = api_get(&app, Some(&token), url).await;
    assert_eq!(fetched.headers()["content-type"], "image/png");
    assert_eq!(
        fetched.bytes().await.unwrap().as_ref(),
        reply_photo.as_slice()
    );

    // Only with a token of this store.
    assert_eq!(
        api_get(&app, None, url).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let other_store = app.add_store("Chen Malaysia", "MY").await;
    let other_token = app.api_token(other_store, "MY ERP").await;
    assert_eq!(
        api_get(&app, Some(&other_token), url).await.status(),
        StatusCode::NOT_FOUND
    );
    let other = app.other_seller("otherseller").await;
    let their_store = other.add_store("Other Shop", "TH").await;
    let their_token = other.api_token(their_store, "ERP").await;
    assert_eq!(
        api_get(&app, Some(&their_token), url).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn bad_photos_through_the_api_are_refused_and_store_nothing() {
    let Chat { app, store, .. } = chat().await;
    let token = app.api_token(store, "ERP").await;
    let before = app.count("messages");
    let renamed_text = base64(b"just some text, not a photo at all");
    let huge = base64(&vec![0xff; 5 * 1024 * 1024 + 1]);
    let cases = [
        (
            "not base64 at all!".to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_image",
        ),
        (renamed_text, StatusCode::UNPROCESSABLE_ENTITY, "image_type"),
        (
            base64(&bomb_png()),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_image",
        ),
        (huge, StatusCode::PAYLOAD_TOO_LARGE, "image_too_large"),
    ];
    for (n, (image, status, code)) in cases.into_iter().enumerate() {
        let (got, body) = api_post(&app, &token, &format!("bad-{n}"), &image).await;
        assert_eq!(got, status, "{code}");
        assert_eq!(body["error"]["code"], code);
    }
    // A body beyond any photo's size is refused before it is read to the end.
    let (got, body) = api_post(&app, &token, "bad-big", &"A".repeat(8 * 1024 * 1024)).await;
    assert_eq!(got, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "body_too_large");
    assert_eq!(app.count("messages"), before);
}
