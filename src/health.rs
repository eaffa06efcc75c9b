//! `/healthz`: liveness and database reachability, for load balancers and monitors.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::app::AppState;
use crate::db;

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let backend = state.backend.name();
    match state.db(|c| Ok(db::ping(c)?)).await {
        Ok(()) => {
            HttpResponse::Ok().json(json!({"status": "ok", "database": "ok", "backend": backend}))
        }
        Err(e) => {
            log::warn!("health check: database unreachable: {e}");
            HttpResponse::ServiceUnavailable()
                .json(json!({"status": "error", "database": "unreachable", "backend": backend}))
        }
    }
}
