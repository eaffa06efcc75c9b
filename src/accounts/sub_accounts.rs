//! Sub-accounts: the staff of a seller, signing in as `main:member`.

use chrono::Utc;
use diesel::prelude::*;

use super::model::{Account, NewAccount};
use super::permissions::{Permission, PermissionSet, RoleRef};
use super::profile::{EMAIL_TAKEN, ProfileInput, email_taken};
use super::roles::Role;
use super::sessions;
use crate::activity_log::{Activity, Actor, Changes, record_activity};
use crate::conversations::{Leaving, members_leave};
use crate::db::schema::{accounts, store_grants, stores};
use crate::db::{self, DbConnection, escape_like, lower};
use crate::stores::model::Store;
use crate::web::form::{Invalid, Pagination};
use crate::web::{AppError, CurrentUser};

pub const PER_PAGE: i64 = 20;

/// The member part of `main:member`: 2–32 of a–z, 0–9, `.`, `-`, `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberName(String);

impl MemberName {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim().to_lowercase();
        let valid = (2..=32).contains(&name.len())
            && name.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')
            })
            && name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if valid {
            Ok(Self(name))
        } else {
            Err("error-member-name-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub struct NewSubAccount {
    pub member: MemberName,
    pub profile: ProfileInput,
    pub role: RoleRef,
    pub password_hash: String,
    pub stores: Vec<i64>,
}

/// A sub-account of the user's seller, or 404.
pub fn find(conn: &mut DbConnection, user: &CurrentUser, id: i64) -> Result<Account, AppError> {
    accounts::table
        .filter(accounts::id.eq(id))
        .filter(accounts::seller_id.eq(user.seller_id))
        .filter(accounts::is_main.eq(false))
        .select(Account::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Whether `actor` may manage `target`. The main account manages everyone; anyone
/// else only other accounts with less power (permissions strictly within their own)
/// and stores within their own, so nobody can take over (reset, disable, demote)
/// someone as powerful or more.
pub fn may_manage(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    target: &Account,
) -> QueryResult<bool> {
    if actor.is_main {
        return Ok(true);
    }
    if target.id == actor.account_id || !may_assign(actor, target.permissions(conn)?) {
        return Ok(false);
    }
    if actor.all_stores() {
        return Ok(true);
    }
    let mine = granted_store_ids(conn, actor.account_id)?;
    Ok(granted_store_ids(conn, target.id)?
        .iter()
        .all(|s| mine.contains(s)))
}

/// A sub-account `user` may manage: 404 if not of the seller, 403 if beyond the user.
pub fn find_manageable(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: i64,
) -> Result<Account, AppError> {
    let account = find(conn, user, id)?;
    if may_manage(conn, user, &account)? {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// One page of the seller's sub-accounts matching `search` (username, name or email).
pub fn search(
    conn: &mut DbConnection,
    seller_id: i64,
    search: &str,
    page: Option<i64>,
) -> QueryResult<(Vec<Account>, Pagination)> {
    let pattern = format!("%{}%", escape_like(&search.trim().to_lowercase()));
    let matching = || {
        accounts::table
            .filter(accounts::seller_id.eq(seller_id))
            .filter(accounts::is_main.eq(false))
            .filter(
                lower(accounts::username)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(accounts::display_name)
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(lower(accounts::email).like(pattern.clone()).escape('\\')),
            )
    };
    let total: i64 = matching().count().get_result(conn)?;
    let pagination = Pagination::new(page, PER_PAGE, total);
    let rows = matching()
        .order(accounts::username.asc())
        .limit(pagination.per_page)
        .offset(pagination.offset())
        .select(Account::as_select())
        .load(conn)?;
    Ok((rows, pagination))
}

/// The store ids granted to an account.
pub fn granted_store_ids(conn: &mut DbConnection, account_id: i64) -> QueryResult<Vec<i64>> {
    store_grants::table
        .filter(store_grants::account_id.eq(account_id))
        .select(store_grants::store_id)
        .order(store_grants::store_id.asc())
        .load(conn)
}

/// Whether `actor` may give `role`: the main account may give any; a sub-account only
/// roles with less power than its own (every permission held by the actor, and not
/// all of them), so nobody can raise anyone to their own level or above.
pub fn may_assign(actor: &CurrentUser, permissions: PermissionSet) -> bool {
    actor.is_main
        || (permissions.iter().all(|p| actor.can(p))
            && actor.permissions.iter().any(|p| !permissions.contains(p)))
}

/// The permissions of a role of the seller, or None if it is not the seller's.
pub fn role_permissions(
    conn: &mut DbConnection,
    seller_id: i64,
    role: RoleRef,
) -> QueryResult<Option<PermissionSet>> {
    match role {
        RoleRef::Builtin(b) => Ok(Some(b.permissions())),
        RoleRef::Custom(id) => Ok(Role::find(conn, seller_id, id)?.map(|r| r.permission_set())),
    }
}

/// A name for a role in the Activity Log's details.
fn role_label(
    conn: &mut DbConnection,
    seller_id: i64,
    role: Option<RoleRef>,
) -> QueryResult<String> {
    Ok(match role {
        Some(RoleRef::Builtin(b)) => b.code().to_string(),
        Some(RoleRef::Custom(id)) => Role::find(conn, seller_id, id)?
            .map(|r| r.name)
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// A new member's time zone: that of the first store they are granted, else of the
/// seller's first store (roles that cover every store), else UTC. They change it in
/// Settings.
fn first_store_zone(c: &mut DbConnection, seller_id: i64, granted: &[i64]) -> QueryResult<String> {
    let of_seller = stores::table
        .filter(stores::seller_id.eq(seller_id))
        .order(stores::id.asc())
        .select(stores::time_zone);
    let zone = match of_seller
        .filter(stores::id.eq_any(granted))
        .first::<String>(c)
        .optional()?
    {
        Some(zone) => Some(zone),
        None => of_seller.first::<String>(c).optional()?,
    };
    Ok(zone.unwrap_or_else(|| "UTC".to_string()))
}

const ROLE_INVALID: Invalid = Invalid {
    field: "role",
    key: "error-role-invalid",
};

pub fn create(
    conn: &mut DbConnection,
    actor_user: &CurrentUser,
    actor: &Actor,
    seller_name: &str,
    input: &NewSubAccount,
) -> Result<Result<Account, Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let username = format!("{seller_name}:{}", input.member.as_str());
        if Account::find_by_username(c, &username)?.is_some() {
            return Ok(Err(Invalid {
                field: "member_name",
                key: "error-member-name-taken",
            }));
        }
        if email_taken(c, actor.seller_id, input.profile.email.as_str(), None)? {
            return Ok(Err(EMAIL_TAKEN));
        }
        match role_permissions(c, actor.seller_id, input.role)? {
            Some(perms) if may_assign(actor_user, perms) => {}
            _ => return Ok(Err(ROLE_INVALID)),
        }
        let now = Utc::now().naive_utc();
        let (builtin_role, custom_role_id) = input.role.columns();
        let time_zone = first_store_zone(c, actor.seller_id, &input.stores)?;
        let account = Account::create(
            c,
            &NewAccount {
                seller_id: actor.seller_id,
                member_name: Some(input.member.as_str()),
                username: &username,
                display_name: input.profile.display_name.as_str(),
                email: input.profile.email.as_str(),
                phone: input.profile.phone.as_ref().map(|p| p.as_str()),
                password_hash: &input.password_hash,
                is_main: false,
                must_change_password: true,
                language: None,
                time_zone: &time_zone,
                created_at: now,
                updated_at: now,
                builtin_role,
                custom_role_id,
            },
        )?;
        let role = role_label(c, actor.seller_id, Some(input.role))?;
        record_activity(
            c,
            actor,
            &Activity::sub_account_created(account.id, &account.username, &role),
        )?;
        apply_grants(c, actor_user, actor, &account, &input.stores)?;
        Ok(Ok(account))
    })
}

pub fn update(
    conn: &mut DbConnection,
    actor_user: &CurrentUser,
    actor: &Actor,
    account: &Account,
    profile: &ProfileInput,
    role: RoleRef,
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let perms = match role_permissions(c, actor.seller_id, role)? {
            Some(perms) if may_assign(actor_user, perms) => perms,
            _ => return Ok(Err(ROLE_INVALID)),
        };
        if let Err(invalid) = super::profile::save_profile(c, actor, account, profile)? {
            return Ok(Err(invalid));
        }
        if account.role() != Some(role) {
            let changes = Changes::new().field(
                "role",
                role_label(c, actor.seller_id, account.role())?,
                role_label(c, actor.seller_id, Some(role))?,
            );
            let (builtin_role, custom_role_id) = role.columns();
            diesel::update(accounts::table.filter(accounts::id.eq(account.id)))
                .set((
                    accounts::builtin_role.eq(builtin_role),
                    accounts::custom_role_id.eq(custom_role_id),
                    accounts::access_version.eq(accounts::access_version + 1),
                    accounts::updated_at.eq(Utc::now().naive_utc()),
                ))
                .execute(c)?;
            record_activity(
                c,
                actor,
                &Activity::sub_account_updated(account.id, &account.username, &changes),
            )?;
            if !perms.contains(Permission::Webchat) {
                crate::chat_assignment::groups::remove_member(c, actor, account.id, None)?;
                // Nobody answers chats they can no longer open.
                let now = Utc::now().naive_utc();
                members_leave(
                    c,
                    actor.seller_id,
                    &[(account.id, Leaving::Everything)],
                    now,
                )?;
            }
        }
        Ok(Ok(()))
    })
}

/// Sets the account's grants among the stores the actor may manage; grants of other
/// stores stay as they are. Each grant and revocation is its own entry.
fn apply_grants(
    c: &mut DbConnection,
    actor_user: &CurrentUser,
    actor: &Actor,
    account: &Account,
    wanted: &[i64],
) -> Result<(), AppError> {
    let manageable = Store::visible_to(c, actor_user)?;
    let current = granted_store_ids(c, account.id)?;
    let now = Utc::now().naive_utc();
    let mut revoked = Vec::new();
    for store in &manageable {
        let want = wanted.contains(&store.id);
        let has = current.contains(&store.id);
        if want && !has {
            diesel::insert_into(store_grants::table)
                .values((
                    store_grants::seller_id.eq(actor.seller_id),
                    store_grants::account_id.eq(account.id),
                    store_grants::store_id.eq(store.id),
                    store_grants::created_at.eq(now),
                ))
                .execute(c)?;
        } else if has && !want {
            diesel::delete(
                store_grants::table
                    .filter(store_grants::account_id.eq(account.id))
                    .filter(store_grants::store_id.eq(store.id)),
            )
            .execute(c)?;
            // Without the grant the member may no longer take this store's chats.
            crate::chat_assignment::groups::remove_member(c, actor, account.id, Some(store.id))?;
            revoked.push((account.id, Leaving::Store(store.id)));
        } else {
            continue;
        }
        record_activity(
            c,
            actor,
            &Activity::store_granted(account.id, &account.username, store.id, &store.name, want),
        )?;
    }
    members_leave(c, actor.seller_id, &revoked, now)?;
    if wanted.iter().any(|id| !current.contains(id)) || !revoked.is_empty() {
        sessions::access_changed(c, &[account.id])?;
    }
    // A store id the actor may not manage is refused rather than silently dropped.
    if wanted
        .iter()
        .any(|id| !manageable.iter().any(|s| s.id == *id))
    {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

pub fn set_grants(
    conn: &mut DbConnection,
    actor_user: &CurrentUser,
    actor: &Actor,
    account: &Account,
    wanted: &[i64],
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        apply_grants(c, actor_user, actor, account, wanted)
    })
}

/// Disabling ends the account's sessions at once.
pub fn set_enabled(
    conn: &mut DbConnection,
    actor: &Actor,
    account: &Account,
    enabled: bool,
) -> Result<(), AppError> {
    if account.disabled != enabled {
        return Ok(());
    }
    db::write_transaction(conn, |c| {
        diesel::update(accounts::table.filter(accounts::id.eq(account.id)))
            .set((
                accounts::disabled.eq(!enabled),
                accounts::access_version.eq(accounts::access_version + 1),
                accounts::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(c)?;
        sessions::end_all(c, account.id)?;
        if !enabled {
            // A disabled member receives no chats; its open ones go back to routing.
            let now = Utc::now().naive_utc();
            members_leave(
                c,
                actor.seller_id,
                &[(account.id, Leaving::Everything)],
                now,
            )?;
        }
        record_activity(
            c,
            actor,
            &Activity::sub_account_enabled(account.id, &account.username, enabled),
        )?;
        Ok(())
    })
}

/// Turns the member's second factor off, with its Activity Log entry.
pub fn reset_two_factor(
    conn: &mut DbConnection,
    actor: &Actor,
    account: &Account,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        super::two_factor::disable(c, account.id)?;
        record_activity(
            c,
            actor,
            &Activity::two_factor(
                crate::activity_log::ActionKind::TwoFactorReset,
                account.id,
                &account.username,
            ),
        )?;
        Ok(())
    })
}

/// A new initial password: the member must change it at the next sign-in, and any
/// session it has now ends.
pub fn reset_password(
    conn: &mut DbConnection,
    actor: &Actor,
    account: &Account,
    hash: &str,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        diesel::update(accounts::table.filter(accounts::id.eq(account.id)))
            .set((
                accounts::password_hash.eq(hash),
                accounts::must_change_password.eq(true),
                accounts::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(c)?;
        sessions::end_all(c, account.id)?;
        record_activity(
            c,
            actor,
            &Activity::sub_account_password_reset(account.id, &account.username),
        )?;
        Ok(())
    })
}

/// How many stores each account is granted (for the list).
pub fn grant_counts(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    store_grants::table
        .inner_join(stores::table)
        .filter(store_grants::account_id.eq_any(ids))
        .group_by(store_grants::account_id)
        .select((store_grants::account_id, diesel::dsl::count_star()))
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names() {
        assert_eq!(MemberName::parse(" JiaJia ").unwrap().as_str(), "jiajia");
        assert!(MemberName::parse("j").is_err());
        assert!(MemberName::parse("jia:jia").is_err());
        assert!(MemberName::parse("-jia").is_err());
    }
}
