//! Who is signed in: loaded once per request from the session and the database,
//! then read by the `CurrentUser` extractor and the guard on signed-in pages.

use std::future::{Ready, ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};

use super::errors::AppError;
use super::session::TypedSession;
use crate::accounts::model::Account;
use crate::accounts::permissions::{Permission, PermissionSet};
use crate::accounts::sessions;
use crate::activity_log::Actor;
use crate::app::AppState;
use crate::i18n::{Lang, TimeZoneName};

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub account_id: i64,
    pub seller_id: i64,
    pub username: String,
    pub display_name: String,
    pub is_main: bool,
    pub language: Option<Lang>,
    pub time_zone: TimeZoneName,
    pub must_change_password: bool,
    /// The seller requires a second factor and this account has none yet.
    pub must_set_up_two_factor: bool,
    pub has_two_factor: bool,
    /// For the main account, every permission.
    pub permissions: PermissionSet,
    /// The server-side session this request was signed in with.
    pub session_id: i64,
    /// What the account may see, as of this request (see `accounts::sessions`).
    pub access_version: i64,
}

impl CurrentUser {
    pub fn from_account(a: Account, permissions: PermissionSet, session_id: i64) -> Self {
        Self {
            session_id,
            access_version: a.access_version,
            account_id: a.id,
            seller_id: a.seller_id,
            language: a.language.as_deref().and_then(Lang::from_code),
            time_zone: TimeZoneName::parse(&a.time_zone).unwrap_or_else(TimeZoneName::utc),
            username: a.username,
            display_name: a.display_name,
            is_main: a.is_main,
            must_change_password: a.must_change_password,
            must_set_up_two_factor: false,
            has_two_factor: a.totp_secret.is_some(),
            permissions,
        }
    }

    /// The account acting outside any request (the demo filler, benchmarks): it has no
    /// session, so no live-event stream can be opened under it.
    pub fn without_session(a: Account, permissions: PermissionSet) -> Self {
        Self::from_account(a, permissions, 0)
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.is_main || self.permissions.contains(permission)
    }

    /// Refuses with 403 unless the user holds `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether store-bound work covers every store of the seller, not only granted ones.
    pub fn all_stores(&self) -> bool {
        self.can(Permission::AllStores)
    }

    /// The Activity Log's view of this user acting from `client_addr`.
    pub fn actor(&self, client_addr: String) -> Actor {
        Actor {
            seller_id: self.seller_id,
            account_id: Some(self.account_id),
            name: self.username.clone(),
            client_addr,
        }
    }

    pub fn of(req: &HttpRequest) -> Option<CurrentUser> {
        req.extensions().get::<CurrentUser>().cloned()
    }
}

/// Loads the session's account. A cookie whose server-side session has ended or
/// expired, or whose account is gone or disabled, is cleared: the request continues
/// anonymously.
pub async fn load_current_user(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let session = TypedSession::from_http(req.request());
    if let Some(token) = session.token() {
        let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
            return Ok(req.error_response(AppError::Internal(anyhow::anyhow!("no app state"))));
        };
        let now = chrono::Utc::now().naive_utc();
        let policy = state.config.sessions;
        let found = state
            .read_quick(move |conn| {
                let Some((row, account, required)) =
                    sessions::find_live(conn, &token, policy, now)?
                else {
                    return Ok(None);
                };
                let permissions = account.permissions(conn)?;
                Ok(Some((row, account, permissions, required)))
            })
            .await;
        match found {
            Ok(Some((row, account, permissions, two_factor_required))) => {
                if row.needs_touch(now) {
                    let id = row.id;
                    let touched = state
                        .write(move |c| Ok::<_, AppError>(sessions::touch(c, id, now)?))
                        .await;
                    // The page need not fail for it: the next request tries again.
                    if let Err(e) = touched {
                        log::warn!("cannot note a session's use: {e}");
                    }
                }
                let mut user = CurrentUser::from_account(account, permissions, row.id);
                user.must_set_up_two_factor = two_factor_required && !user.has_two_factor;
                req.extensions_mut().insert(user);
            }
            Ok(None) => session.sign_out(),
            Err(e) => return Ok(req.error_response(e)),
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

pub const PASSWORD_PATH: &str = "/account/password";
pub const SECURITY_PATH: &str = "/account/security";

/// Wraps the signed-in scope: anonymous visitors go to the login page, and come back
/// to the page they asked for after signing in.
pub async fn require_sign_in(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Unknown paths fall through to the 404 page rather than to the login page.
    let known = req.request().resource_map().has_resource(req.path());
    let first_steps = req
        .extensions()
        .get::<CurrentUser>()
        .map(|u| (u.must_change_password, u.must_set_up_two_factor));
    // A first sign-in (or a reset by the main account) must set a new password first;
    // then, where the seller requires it, set up two-factor sign-in.
    let detour = match first_steps {
        Some((true, _)) if req.path() != PASSWORD_PATH => Some(PASSWORD_PATH),
        Some((false, true)) if !req.path().starts_with(SECURITY_PATH) => Some(SECURITY_PATH),
        _ => None,
    };
    if let (Some(to), true) = (detour, known) {
        let res = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, to))
            .finish();
        return Ok(req.into_response(res));
    }
    if !known || first_steps.is_some() {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let location = if req.method() == Method::GET {
        let wanted = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        format!(
            "/login?{}",
            serde_urlencoded::to_string([("next", wanted)]).unwrap_or_default()
        )
    } else {
        "/login".to_string()
    };
    let res = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish();
    Ok(req.into_response(res))
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(CurrentUser::of(req).ok_or(AppError::SignInRequired))
    }
}

/// A local path to return to after a redirect; anything else becomes the home page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        // Browsers drop tabs and newlines from Location, so "/\t/evil" would become
        // "//evil": any whitespace or control character disqualifies the path.
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            p.to_string()
        }
        _ => "/home".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/settings?x=1")), "/settings?x=1");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/home");
        assert_eq!(safe_next(Some("/\n")), "/home");
        assert_eq!(safe_next(Some("/ /evil.example")), "/home");
        assert_eq!(safe_next(Some("//evil.example")), "/home");
        assert_eq!(safe_next(Some("https://evil.example")), "/home");
        assert_eq!(safe_next(Some("/\\evil")), "/home");
        assert_eq!(safe_next(None), "/home");
    }
}
