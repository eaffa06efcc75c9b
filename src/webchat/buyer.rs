//! The buyer chat page `/chat/{store_key}`: an anonymous buyer, remembered by the
//! session cookie and asked for a display name once, writes to the store.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;

use super::events::{Audience, StreamGuard, last_event_id, sse_response, sse_stream};
use super::fragments::{BuyerClosedView, BuyerLine, BuyerLineView, Inline, html};
use super::images;
use super::live::{LiveEvent, View};
use crate::app::AppState;
use crate::chat_assignment::settings;
use crate::chat_assignment::sources::ChatSource;
use crate::conversations::{
    ConversationStatus, CoreError, EventKind, Image, Incoming, MAX_COMMENT_CHARS, Origin, Rater,
    Rating, Sender, awaits_rating, parse_text_with_image, rate, receive,
};
use crate::db::DbConnection;
use crate::db::schema::{buyers, chat_ratings, conversations, messages, stores};
use crate::i18n::{Fmt, TimeZoneName};
use crate::stores::model::{Store, random_key};
use crate::web::page::request_lang;
use crate::web::upload::{Submission, Upload, read_form};
use crate::web::{AppError, AppResult, PageCtx, render, see_other};

const BUYER_TOKEN: &str = "buyer_token";
const BUYER_NAME: &str = "buyer_name";
/// The file input of the message form.
const IMAGE_FIELD: &str = "image";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SourceQuery {
    pub source: String,
}

fn source_of(code: &str) -> ChatSource {
    ChatSource::from_code(code).unwrap_or(ChatSource::Other)
}

#[derive(Template)]
#[template(path = "webchat/buyer.html")]
struct BuyerPage {
    ctx: PageCtx,
    store: Store,
    store_key: String,
    source: &'static str,
    public_message: Option<String>,
    buyer_name: Option<String>,
    lines: Vec<BuyerLine>,
    /// The buyer's last chat was closed: writing again opens it anew.
    closed: bool,
    error: Option<String>,
    rating_error: Option<String>,
    /// The newest event this page shows: its live updates start after it.
    live_after: i64,
    /// After a chat is closed: the rating form, or thanks for the rating given.
    rating: Option<RatingState>,
    /// The comment as sent, when the rating was refused.
    rating_comment: String,
    max_comment: usize,
}

/// What the buyer page offers about the latest closing of the chat.
pub enum RatingState {
    Ask,
    Given(i32),
}

impl BuyerPage {
    fn line<'a>(&'a self, line: &'a BuyerLine) -> Inline<BuyerLineView<'a>> {
        Inline(BuyerLineView {
            f: self.ctx.fmt(),
            line,
            buyer_name: self.buyer_name.as_deref().unwrap_or_default(),
            store_name: &self.store.name,
        })
    }

    /// A refused rating's reason when there is no form to show it beside (the chat
    /// was reopened, or rated already).
    fn rating_notice(&self) -> Option<&str> {
        match self.rating {
            Some(RatingState::Ask) => None,
            _ => self.rating_error.as_deref(),
        }
    }

    fn closed_notice(&self) -> String {
        html(&BuyerClosedView {
            f: self.ctx.fmt(),
            invite: false,
        })
    }
}

/// An active store by its public key; anything else is a 404.
pub(super) fn active_store(c: &mut DbConnection, key: &str) -> Result<Store, AppError> {
    stores::table
        .filter(stores::public_key.eq(key))
        .filter(stores::active.eq(true))
        .select(Store::as_select())
        .first(c)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// This browser's buyer key, if it has one already (reads never create one).
pub(super) fn existing_buyer_key(session: &Session) -> Option<String> {
    let token = session.get::<String>(BUYER_TOKEN).ok().flatten()?;
    Some(format!("web:{token}"))
}

/// This browser's buyer identity (created on first use).
fn buyer_token(session: &Session) -> AppResult<String> {
    if let Some(token) = session.get::<String>(BUYER_TOKEN).ok().flatten() {
        return Ok(token);
    }
    let token = random_key(18);
    session.insert(BUYER_TOKEN, &token)?;
    Ok(token)
}

/// The buyer's latest conversation with the store: its lines (never the team's notes)
/// and whether it was closed.
fn lines(
    c: &mut DbConnection,
    store: &Store,
    buyer_key: &str,
) -> QueryResult<(Vec<BuyerLine>, Option<RatingState>)> {
    let store_id = store.id;
    let conversation: Option<(i64, String)> = conversations::table
        .inner_join(buyers::table)
        .filter(buyers::store_id.eq(store_id))
        .filter(buyers::buyer_key.eq(buyer_key))
        .order(conversations::id.desc())
        .select((conversations::id, conversations::status))
        .first(c)
        .optional()?;
    let Some((conversation, status)) = conversation else {
        return Ok((vec![], None));
    };
    let rating = if status == ConversationStatus::Closed.code() {
        Some(rating_state(c, conversation)?)
    } else {
        None
    };
    let lines = messages::table
        .filter(messages::conversation_id.eq(conversation))
        // The team's private notes are never the buyer's to see.
        .filter(messages::sender.ne(Sender::Note.code()))
        .order(messages::id.asc())
        .select((
            messages::id,
            messages::sender,
            messages::body,
            messages::created_at,
        ))
        .load::<(i64, String, String, NaiveDateTime)>(c)?;
    let ids: Vec<i64> = lines.iter().map(|l| l.0).collect();
    let base = format!("/chat/{}/images", store.public_key);
    let mut images = images::shown(c, &base, &ids)?;
    let lines = lines
        .into_iter()
        .map(|(id, sender, body, at)| BuyerLine {
            id,
            from_buyer: sender == Sender::Buyer.code(),
            automatic: sender == Sender::Auto.code(),
            body,
            image: images.remove(&id),
            at,
        })
        .collect();
    Ok((lines, rating))
}

/// The rating of the conversation's latest closing, if given; else the form.
fn rating_state(c: &mut DbConnection, conversation: i64) -> QueryResult<RatingState> {
    if awaits_rating(c, conversation)? {
        return Ok(RatingState::Ask);
    }
    let score: i32 = chat_ratings::table
        .filter(chat_ratings::conversation_id.eq(conversation))
        .order(chat_ratings::id.desc())
        .select(chat_ratings::score)
        .first(c)?;
    Ok(RatingState::Given(score))
}

/// The buyer's latest conversation with the store and the buyer's id, when this browser
/// has written to it.
fn latest_conversation(
    c: &mut DbConnection,
    store: &Store,
    buyer_key: &str,
) -> QueryResult<Option<(i64, i64)>> {
    conversations::table
        .inner_join(buyers::table)
        .filter(buyers::store_id.eq(store.id))
        .filter(buyers::buyer_key.eq(buyer_key))
        .order(conversations::id.desc())
        .select((conversations::id, buyers::id))
        .first(c)
        .optional()
}

/// What a refused submission puts back into the page: the message's error, or the
/// rating's error with the comment as sent.
#[derive(Default)]
struct Refusal {
    error: Option<String>,
    rating_error: Option<String>,
    rating_comment: String,
}

async fn page(
    ctx: PageCtx,
    state: &AppState,
    session: &Session,
    store_key: String,
    source: ChatSource,
    refusal: Refusal,
) -> AppResult<BuyerPage> {
    let buyer_key = format!("web:{}", buyer_token(session)?);
    let buyer_name = session.get::<String>(BUYER_NAME).ok().flatten();
    let key = store_key.clone();
    let live_after = state.events.last();
    let (store, public_message, (lines, rating)) = state
        .db(move |c| {
            let store = active_store(c, &key)?;
            let chat = settings::load(c, store.id)?;
            let public_message = chat.auto_reply_enabled.then_some(chat.auto_reply_text);
            let lines = lines(c, &store, &buyer_key)?;
            Ok((store, public_message, lines))
        })
        .await?;
    // The greeting once: at the top until the store's automatic reply is in the chat.
    let public_message = public_message.filter(|_| !lines.iter().any(|l| l.automatic));
    let mut ctx = ctx;
    // Times as the store's buyers live them.
    if let Some(zone) = TimeZoneName::parse(&store.time_zone) {
        ctx.zone = zone;
    }
    Ok(BuyerPage {
        closed: rating.is_some(),
        rating,
        rating_comment: refusal.rating_comment,
        rating_error: refusal.rating_error,
        max_comment: MAX_COMMENT_CHARS,
        error: refusal.error,
        ctx,
        store,
        store_key,
        source: source.code(),
        public_message,
        buyer_name,
        lines,
        live_after,
    })
}

pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    query: web::Query<SourceQuery>,
) -> AppResult<HttpResponse> {
    let source = source_of(&query.source);
    let page = page(
        ctx,
        &state,
        &session,
        path.into_inner(),
        source,
        Refusal::default(),
    )
    .await?;
    Ok(render(&page, StatusCode::OK))
}

/// How long a buyer whose address has too many open chats is asked to wait.
const OPEN_CHATS_RETRY_AFTER: u64 = 300;

/// The buyer's name (asked once) or a message, with or without a photo. Every post
/// counts against the address's and the store's allowance; a message also against its
/// conversation's.
pub async fn post(
    req: actix_web::HttpRequest,
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    let store_key = path.into_inner();
    // The address first: a flood is refused before it costs a query.
    let addr = state.limit_key(&req);
    state.limits.buyer_address(&addr)?;
    let key = store_key.clone();
    let store = state.db(move |c| active_store(c, &key)).await?;
    state.limits.buyer_store(store.id)?;
    let Submission { fields, upload } = read_form(&req, payload, IMAGE_FIELD).await?;
    let source = source_of(fields.get("source"));
    let back = format!("/chat/{store_key}?source={}", source.code());
    let refuse = |ctx: PageCtx, key: &'static str| {
        let refusal = Refusal {
            error: Some(ctx.t(key)),
            ..Refusal::default()
        };
        let (state, session, store_key) = (state.clone(), session.clone(), store_key.clone());
        async move {
            Ok(render(
                &page(ctx, &state, &session, store_key, source, refusal).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    };
    if fields.has("display_name") {
        return match crate::accounts::validation::DisplayName::parse(fields.get("display_name")) {
            Ok(name) => {
                session.insert(BUYER_NAME, name.as_str())?;
                Ok(see_other(&back))
            }
            Err(key) => refuse(ctx, key).await,
        };
    }
    let Some(buyer_name) = session.get::<String>(BUYER_NAME).ok().flatten() else {
        return Ok(see_other(&back));
    };
    let bytes = match upload {
        Upload::None => None,
        Upload::TooLarge => return refuse(ctx, "error-image-too-big").await,
        Upload::File(bytes) => Some(bytes),
    };
    let text = match parse_text_with_image(fields.get("text"), bytes.is_some()) {
        Ok(text) => text,
        Err(key) => return refuse(ctx, key).await,
    };
    let buyer_key = format!("web:{}", buyer_token(&session)?);
    state.limits.buyer_message(store.id, &buyer_key)?;
    // Decoding is CPU work: on the blocking pool, before the write.
    let image = match bytes {
        None => None,
        Some(bytes) => match web::block(move || Image::from_upload(bytes)).await? {
            Ok(image) => Some(image),
            Err(key) => return refuse(ctx, key).await,
        },
    };
    let incoming = Incoming {
        buyer_key,
        buyer_name,
        source,
        text,
        image,
        external_id: None,
        origin: Some(Origin {
            addr,
            max_open: state.limits.open_chats_per_address,
        }),
    };
    let received = state
        .write(move |c| receive(c, &store, &incoming, Utc::now().naive_utc()))
        .await;
    match received {
        Ok(_) => Ok(see_other(&format!("{back}#latest"))),
        Err(CoreError::TooManyOpen) => Err(AppError::TooManyRequests {
            retry_after: OPEN_CHATS_RETRY_AFTER,
        }),
        Err(e) => Err(e.into()),
    }
}

/// `/chat/{store_key}/events`: Server-Sent Events for this buyer's conversation only,
/// saying no more than that something new is there to show.
pub async fn events(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let guard = StreamGuard {
        permit: state.limits.streams.open(None, &state.limit_key(&req))?,
        session: None,
        heartbeat: None,
    };
    let buyer_key = format!("web:{}", buyer_token(&session)?);
    let key = path.into_inner();
    let lang = request_lang(&req);
    let (seller_id, zone, conversations): (i64, String, Vec<i64>) = state
        .db(move |c| {
            let store = active_store(c, &key)?;
            let ids = conversations::table
                .inner_join(buyers::table)
                .filter(buyers::store_id.eq(store.id))
                .filter(buyers::buyer_key.eq(&buyer_key))
                .select(conversations::id)
                .load(c)?;
            Ok((store.seller_id, store.time_zone, ids))
        })
        .await?;
    // Times as the store's buyers live them, as on the page.
    let fmt = Fmt {
        lang,
        zone: TimeZoneName::parse(&zone).unwrap_or_else(TimeZoneName::utc),
    };
    let audience = Audience {
        seller_id,
        render: move |live: &LiveEvent| {
            // Messages (never the team's notes), closing and reopening.
            let shown = matches!(
                live.kind(),
                Some(EventKind::Message | EventKind::Closed | EventKind::Reopened)
            );
            (shown && conversations.contains(&live.event.conversation_id))
                .then(|| live.frame(View::Buyer, fmt))
        },
    };
    let stream = sse_stream(&state.events, audience, last_event_id(&req), guard);
    Ok(sse_response(stream))
}

/// `POST /chat/{store_key}/rating`: the buyer rates their latest chat once it is
/// closed, once per closing. A refused rating shows the page again with the reason.
pub async fn post_rating(
    req: actix_web::HttpRequest,
    ctx: PageCtx,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let store_key = path.into_inner();
    let addr = state.limit_key(&req);
    state.limits.buyer_address(&addr)?;
    let fields = crate::web::form::FormFields::new(form.into_inner());
    let source = source_of(fields.get("source"));
    let back = format!("/chat/{store_key}?source={}", source.code());
    let Some(buyer_key) = existing_buyer_key(&session) else {
        return Ok(see_other(&back));
    };
    let key = store_key.clone();
    let store = state.db(move |c| active_store(c, &key)).await?;
    state.limits.buyer_store(store.id)?;
    let refuse = |ctx: PageCtx, key: &'static str, comment: String| {
        let refusal = Refusal {
            rating_error: Some(ctx.t(key)),
            rating_comment: comment,
            ..Refusal::default()
        };
        let (state, session, store_key) = (state.clone(), session.clone(), store_key.clone());
        async move {
            Ok(render(
                &page(ctx, &state, &session, store_key, source, refusal).await?,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
    };
    let rating = match Rating::parse(fields.get("score"), fields.get("comment")) {
        Ok(rating) => rating,
        Err(key) => return refuse(ctx, key, fields.get("comment").to_string()).await,
    };
    let rated = state
        .write(move |c| {
            let Some((conversation, buyer_id)) = latest_conversation(c, &store, &buyer_key)? else {
                return Err(CoreError::NotFound);
            };
            let rater = Rater {
                seller_id: store.seller_id,
                store_id: store.id,
                buyer_id,
            };
            rate(c, rater, conversation, &rating, Utc::now().naive_utc())
        })
        .await;
    match rated {
        Ok(()) => Ok(see_other(&format!("{back}#rating"))),
        Err(CoreError::Invalid(key)) => refuse(ctx, key, String::new()).await,
        Err(e) => Err(e.into()),
    }
}
