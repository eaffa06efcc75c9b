//! Security headers on every response; pages are never cached; cookies and HSTS
//! follow the transport.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::web;

use super::client::is_https;
use crate::app::AppState;

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cache-Control", "no-store"))
}

/// A year, as browsers expect of HSTS.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// On requests that arrived over HTTPS (directly or through a trusted proxy): cookies
/// are marked `Secure`, so a browser never sends them over plain HTTP, and with
/// `--hsts` the browser is told to use HTTPS only from now on.
pub async fn transport_security(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let (https, hsts) = req
        .app_data::<web::Data<AppState>>()
        .map(|state| {
            (
                is_https(req.request(), &state.config.trusted_proxies),
                state.config.hsts,
            )
        })
        .unwrap_or((false, false));
    let mut res = next.call(req).await?;
    if https {
        let headers = res.headers_mut();
        let cookies: Vec<HeaderValue> = headers.get_all(header::SET_COOKIE).cloned().collect();
        if !cookies.is_empty() {
            headers.remove(header::SET_COOKIE);
            for cookie in cookies {
                headers.append(header::SET_COOKIE, secure(cookie));
            }
        }
        if hsts {
            headers.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static(HSTS),
            );
        }
    }
    Ok(res)
}

fn secure(cookie: HeaderValue) -> HeaderValue {
    let Ok(text) = cookie.to_str() else {
        return cookie;
    };
    let marked = text
        .split(';')
        .any(|part| part.trim().eq_ignore_ascii_case("secure"));
    if marked {
        return cookie;
    }
    HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(cookie)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_marked_secure_once() {
        let plain = HeaderValue::from_static("a=b; Path=/; HttpOnly");
        assert_eq!(secure(plain), "a=b; Path=/; HttpOnly; Secure");
        let marked = HeaderValue::from_static("a=b; Secure");
        assert_eq!(secure(marked), "a=b; Secure");
    }
}
