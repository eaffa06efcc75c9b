//! The left navigation: each area shown only where the viewer may use it.

use super::current_user::CurrentUser;

pub struct NavItem {
    pub href: &'static str,
    pub key: &'static str,
    pub current: bool,
}

pub fn nav_items(_user: &CurrentUser, current_path: &str) -> Vec<NavItem> {
    let areas: [(&'static str, &'static str); 1] = [("/home", "nav-home")];
    areas
        .into_iter()
        .map(|(href, key)| NavItem {
            href,
            key,
            current: current_path.starts_with(href),
        })
        .collect()
}
