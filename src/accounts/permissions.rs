//! What an account may do. The main account may do everything; a sub-account gets the
//! permissions of its role, and store-bound work only for its granted stores (unless
//! its role covers all stores).

/// The permission list roles are made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Answer buyers in Webchat (for the account's stores).
    Webchat,
    /// Manage Assigned Groups, chat sources and automatic replies.
    ChatAssignment,
    /// See the whole team's Performance Data (everyone sees their own).
    TeamPerformance,
    /// See everyone's Activity Log entries (everyone sees their own).
    FullActivityLog,
    /// Add and edit stores and their API tokens.
    Stores,
    /// Create and manage sub-accounts and their store grants.
    SubAccounts,
    /// Create and edit custom roles.
    Roles,
    /// Work on every store of the seller, not only granted ones.
    AllStores,
}

impl Permission {
    pub const ALL: [Permission; 8] = [
        Permission::Webchat,
        Permission::ChatAssignment,
        Permission::TeamPerformance,
        Permission::FullActivityLog,
        Permission::Stores,
        Permission::SubAccounts,
        Permission::Roles,
        Permission::AllStores,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Permission::Webchat => "webchat",
            Permission::ChatAssignment => "chat_assignment",
            Permission::TeamPerformance => "team_performance",
            Permission::FullActivityLog => "full_activity_log",
            Permission::Stores => "stores",
            Permission::SubAccounts => "sub_accounts",
            Permission::Roles => "roles",
            Permission::AllStores => "all_stores",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Permission::Webchat => "permission-webchat",
            Permission::ChatAssignment => "permission-chat-assignment",
            Permission::TeamPerformance => "permission-team-performance",
            Permission::FullActivityLog => "permission-full-activity-log",
            Permission::Stores => "permission-stores",
            Permission::SubAccounts => "permission-sub-accounts",
            Permission::Roles => "permission-roles",
            Permission::AllStores => "permission-all-stores",
        }
    }

    pub fn from_code(code: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.code() == code)
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PermissionSet(u16);

impl PermissionSet {
    pub fn all() -> Self {
        Self::of(&Permission::ALL)
    }

    pub fn of(list: &[Permission]) -> Self {
        Self(list.iter().fold(0, |acc, p| acc | p.bit()))
    }

    pub fn contains(self, p: Permission) -> bool {
        self.0 & p.bit() != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::ALL
            .into_iter()
            .filter(move |p| self.contains(*p))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Stored form: codes joined by commas. Unknown codes are ignored.
    pub fn to_codes(self) -> String {
        self.iter()
            .map(Permission::code)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn from_codes(codes: &str) -> Self {
        let list: Vec<Permission> = codes
            .split(',')
            .filter_map(|c| Permission::from_code(c.trim()))
            .collect();
        Self::of(&list)
    }
}

/// The roles every seller has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinRole {
    Administrator,
    Supervisor,
    CustomerService,
}

impl BuiltinRole {
    pub const ALL: [BuiltinRole; 3] = [
        BuiltinRole::Administrator,
        BuiltinRole::Supervisor,
        BuiltinRole::CustomerService,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BuiltinRole::Administrator => "administrator",
            BuiltinRole::Supervisor => "supervisor",
            BuiltinRole::CustomerService => "customer_service",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            BuiltinRole::Administrator => "role-administrator",
            BuiltinRole::Supervisor => "role-supervisor",
            BuiltinRole::CustomerService => "role-customer-service",
        }
    }

    pub fn from_code(code: &str) -> Option<BuiltinRole> {
        BuiltinRole::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn permissions(self) -> PermissionSet {
        match self {
            BuiltinRole::Administrator => PermissionSet::all(),
            BuiltinRole::Supervisor => PermissionSet::of(&[
                Permission::Webchat,
                Permission::ChatAssignment,
                Permission::TeamPerformance,
            ]),
            BuiltinRole::CustomerService => PermissionSet::of(&[Permission::Webchat]),
        }
    }
}

/// A sub-account's role as stored: a built-in one or a custom role's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleRef {
    Builtin(BuiltinRole),
    Custom(i64),
}

impl RoleRef {
    pub fn from_columns(builtin: Option<&str>, custom: Option<i64>) -> Option<RoleRef> {
        match (builtin.and_then(BuiltinRole::from_code), custom) {
            (Some(b), _) => Some(RoleRef::Builtin(b)),
            (None, Some(id)) => Some(RoleRef::Custom(id)),
            (None, None) => None,
        }
    }

    /// The form value: `builtin:supervisor` or `custom:12`.
    pub fn form_value(self) -> String {
        match self {
            RoleRef::Builtin(b) => format!("builtin:{}", b.code()),
            RoleRef::Custom(id) => format!("custom:{id}"),
        }
    }

    pub fn parse_form_value(value: &str) -> Option<RoleRef> {
        let (kind, rest) = value.split_once(':')?;
        match kind {
            "builtin" => BuiltinRole::from_code(rest).map(RoleRef::Builtin),
            "custom" => rest.parse().ok().map(RoleRef::Custom),
            _ => None,
        }
    }

    pub fn columns(self) -> (Option<&'static str>, Option<i64>) {
        match self {
            RoleRef::Builtin(b) => (Some(b.code()), None),
            RoleRef::Custom(id) => (None, Some(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_sets_round_trip_through_codes() {
        let set = PermissionSet::of(&[Permission::Webchat, Permission::Roles]);
        assert_eq!(set.to_codes(), "webchat,roles");
        assert_eq!(PermissionSet::from_codes("webchat,roles,bogus"), set);
        assert!(PermissionSet::from_codes("").is_empty());
    }

    #[test]
    fn built_in_roles_match_the_design() {
        let admin = BuiltinRole::Administrator.permissions();
        assert!(Permission::ALL.iter().all(|p| admin.contains(*p)));
        let sup = BuiltinRole::Supervisor.permissions();
        assert!(sup.contains(Permission::ChatAssignment) && !sup.contains(Permission::AllStores));
        assert!(!sup.contains(Permission::SubAccounts));
        let cs = BuiltinRole::CustomerService.permissions();
        assert_eq!(cs.iter().collect::<Vec<_>>(), vec![Permission::Webchat]);
    }

    #[test]
    fn role_form_values() {
        for r in [
            RoleRef::Builtin(BuiltinRole::Supervisor),
            RoleRef::Custom(7),
        ] {
            assert_eq!(RoleRef::parse_form_value(&r.form_value()), Some(r));
        }
        assert_eq!(RoleRef::parse_form_value("custom:x"), None);
        assert_eq!(RoleRef::parse_form_value("root"), None);
    }
}
