//! The left navigation and the My Account tabs: each entry shown only where the viewer
//! may use it (the pages check again; hiding a link is a courtesy, not the guard).

use super::current_user::CurrentUser;
use crate::accounts::permissions::Permission;

pub struct NavItem {
    pub href: &'static str,
    pub key: &'static str,
    pub current: bool,
}

struct Entry {
    href: &'static str,
    /// Paths under this prefix mark the entry as the current one.
    prefix: &'static str,
    key: &'static str,
    needs: Option<Permission>,
}

const AREAS: &[Entry] = &[
    Entry {
        href: "/home",
        prefix: "/home",
        key: "nav-home",
        needs: None,
    },
    Entry {
        href: "/webchat",
        prefix: "/webchat",
        key: "nav-webchat",
        needs: Some(Permission::Webchat),
    },
    Entry {
        href: "/chat-assignment",
        prefix: "/chat-assignment",
        key: "nav-chat-assignment",
        needs: Some(Permission::ChatAssignment),
    },
    // Everyone has their own figures; the page shows the team's to those allowed.
    Entry {
        href: "/performance",
        prefix: "/performance",
        key: "nav-performance",
        needs: None,
    },
    Entry {
        href: "/activity-log",
        prefix: "/activity-log",
        key: "nav-activity-log",
        needs: None,
    },
    Entry {
        href: "/account/profile",
        prefix: "/account",
        key: "nav-my-account",
        needs: None,
    },
    Entry {
        href: "/settings",
        prefix: "/settings",
        key: "nav-settings",
        needs: None,
    },
];

const ACCOUNT_TABS: &[Entry] = &[
    Entry {
        href: "/account/profile",
        prefix: "/account/profile",
        key: "account-tab-profile",
        needs: None,
    },
    Entry {
        href: "/account/password",
        prefix: "/account/password",
        key: "account-tab-password",
        needs: None,
    },
    Entry {
        href: "/account/security",
        prefix: "/account/security",
        key: "account-tab-security",
        needs: None,
    },
    Entry {
        href: "/account/stores",
        prefix: "/account/stores",
        key: "account-tab-stores",
        needs: Some(Permission::Stores),
    },
    Entry {
        href: "/account/sub-accounts",
        prefix: "/account/sub-accounts",
        key: "account-tab-sub-accounts",
        needs: Some(Permission::SubAccounts),
    },
    Entry {
        href: "/account/roles",
        prefix: "/account/roles",
        key: "account-tab-roles",
        needs: Some(Permission::Roles),
    },
];

fn visible(entries: &[Entry], user: &CurrentUser, current_path: &str) -> Vec<NavItem> {
    entries
        .iter()
        .filter(|e| e.needs.is_none_or(|p| user.can(p)))
        .map(|e| NavItem {
            href: e.href,
            key: e.key,
            current: current_path.starts_with(e.prefix),
        })
        .collect()
}

pub fn nav_items(user: &CurrentUser, current_path: &str) -> Vec<NavItem> {
    visible(AREAS, user, current_path)
}

pub fn account_tabs(user: &CurrentUser, current_path: &str) -> Vec<NavItem> {
    visible(ACCOUNT_TABS, user, current_path)
}
