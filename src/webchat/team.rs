//! The team panel (`/webchat/team`): for the main account and supervisors, who of the
//! members answering their stores' chats is Online, Idle or Offline, since when, and how
//! many open chats each has.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::inbox::sees_all;
use crate::app::AppState;
use crate::conversations::{AgentStatus, ConversationStatus};
use crate::db::DbConnection;
use crate::db::schema::{accounts, agent_presence, chat_group_members, conversations};
use crate::stores::model::Store;
use crate::web::{AppError, AppResult, CurrentUser, PageCtx, render};

pub struct Member {
    pub display_name: String,
    pub username: String,
    pub status: AgentStatus,
    /// When the status was last set (none: never).
    pub since: Option<NaiveDateTime>,
    pub open_chats: i64,
}

/// The members of the chat groups of the stores `user` may see, Online first, then
/// Idle, then Offline, by name.
pub fn members(c: &mut DbConnection, user: &CurrentUser) -> Result<Vec<Member>, AppError> {
    if !sees_all(user) {
        return Err(AppError::Forbidden);
    }
    let stores: Vec<i64> = Store::visible_to(c, user)?.iter().map(|s| s.id).collect();
    let people: Vec<(i64, String, String)> = chat_group_members::table
        .inner_join(accounts::table)
        .filter(chat_group_members::seller_id.eq(user.seller_id))
        .filter(chat_group_members::store_id.eq_any(&stores))
        .filter(accounts::disabled.eq(false))
        .select((accounts::id, accounts::display_name, accounts::username))
        .distinct()
        .load(c)?;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let presence: BTreeMap<i64, (String, NaiveDateTime)> = agent_presence::table
        .filter(agent_presence::account_id.eq_any(&ids))
        .select((
            agent_presence::account_id,
            agent_presence::status,
            agent_presence::updated_at,
        ))
        .load::<(i64, String, NaiveDateTime)>(c)?
        .into_iter()
        .map(|(id, status, at)| (id, (status, at)))
        .collect();
    let open: BTreeMap<i64, i64> = conversations::table
        .filter(conversations::assignee_id.eq_any(ids.iter().map(|id| Some(*id))))
        .filter(conversations::status.eq(ConversationStatus::Open.code()))
        .group_by(conversations::assignee_id)
        .select((conversations::assignee_id, diesel::dsl::count_star()))
        .load::<(Option<i64>, i64)>(c)?
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect();
    let mut members: Vec<Member> = people
        .into_iter()
        .map(|(id, display_name, username)| {
            let (status, since) = match presence.get(&id) {
                Some((status, at)) => (AgentStatus::from_stored(status), Some(*at)),
                None => (AgentStatus::Offline, None),
            };
            Member {
                display_name,
                username,
                status,
                since,
                open_chats: open.get(&id).copied().unwrap_or(0),
            }
        })
        .collect();
    let rank = |s: AgentStatus| match s {
        AgentStatus::Online => 0,
        AgentStatus::Idle => 1,
        AgentStatus::Offline => 2,
    };
    members.sort_by(|a, b| {
        (rank(a.status), a.display_name.to_lowercase())
            .cmp(&(rank(b.status), b.display_name.to_lowercase()))
    });
    Ok(members)
}

#[derive(Template)]
#[template(path = "webchat/team.html")]
struct TeamPage {
    ctx: PageCtx,
    members: Vec<Member>,
}

pub async fn show(
    ctx: PageCtx,
    user: CurrentUser,
    state: web::Data<AppState>,
) -> AppResult<HttpResponse> {
    let members = state.db(move |c| members(c, &user)).await?;
    Ok(render(&TeamPage { ctx, members }, StatusCode::OK))
}
