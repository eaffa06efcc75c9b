//! Live updates across app instances on PostgreSQL. Every transaction that writes to the
//! event log sends a `NOTIFY` with it (delivered at commit); each instance keeps one
//! listening connection and wakes its hub on any notification, and the hub reads the
//! rows itself. A notification is only a wake-up: when one is lost, or the listening
//! connection drops, the hub's regular read still finds the rows, and on reconnecting
//! the hub is woken at once.

use std::sync::Weak;
use std::time::Duration;

use diesel::pg::PgConnection;
use diesel::{Connection, RunQueryDsl};

use super::events::EventHub;
use crate::conversations::log::CHANNEL;

/// How often the listening connection looks for notifications.
const POLL: Duration = Duration::from_millis(20);
/// How long to wait before connecting again after losing the database.
const RETRY: Duration = Duration::from_secs(1);
/// The listening connection's `application_name`, so an operator can find it.
pub const APPLICATION_NAME: &str = "sellerdesk_listener";

/// Starts the listener for the database at `url`; it stops when the hub is dropped.
pub fn listen(url: &str, hub: Weak<EventHub>) {
    let url = with_application_name(url);
    let started = std::thread::Builder::new()
        .name("sellerdesk-listen".into())
        .spawn(move || listen_loop(&url, &hub));
    if let Err(e) = started {
        log::error!("live updates: cannot start the listener: {e}");
    }
}

fn with_application_name(url: &str) -> String {
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}application_name={APPLICATION_NAME}")
}

fn listen_loop(url: &str, hub: &Weak<EventHub>) {
    while hub.strong_count() > 0 {
        let mut conn = match PgConnection::establish(url) {
            Ok(conn) => conn,
            Err(e) => {
                log::warn!("live updates: cannot connect to hear other instances: {e}");
                std::thread::sleep(RETRY);
                continue;
            }
        };
        if let Err(e) = diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn) {
            log::warn!("live updates: LISTEN failed: {e}");
            std::thread::sleep(RETRY);
            continue;
        }
        // Whatever was committed while nobody listened.
        if let Some(hub) = hub.upgrade() {
            hub.wake();
        }
        'connected: loop {
            let mut heard = false;
            for notification in conn.notifications_iter() {
                if notification.is_err() {
                    log::warn!("live updates: lost the listening connection; reconnecting");
                    break 'connected;
                }
                heard = true;
            }
            match hub.upgrade() {
                Some(hub) if heard => hub.wake(),
                Some(_) => {}
                None => return,
            }
            std::thread::sleep(POLL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listener_names_itself() {
        assert_eq!(
            with_application_name("postgres://u@h/db"),
            "postgres://u@h/db?application_name=sellerdesk_listener"
        );
        assert_eq!(
            with_application_name("postgres://u@h/db?sslmode=disable"),
            "postgres://u@h/db?sslmode=disable&application_name=sellerdesk_listener"
        );
    }
}
