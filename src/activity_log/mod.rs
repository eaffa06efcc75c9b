//! The Activity Log: a typed list of what can happen, recorded in the same transaction
//! as the change, stored as codes and parameters so it renders in any language later.

mod record;

pub use record::{Actor, record_activity};

use serde_json::{Value, json};

/// The product area an entry belongs to (stored as its code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Accounts,
    Settings,
}

impl Area {
    pub fn code(self) -> &'static str {
        match self {
            Area::Accounts => "accounts",
            Area::Settings => "settings",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Area::Accounts => "area-accounts",
            Area::Settings => "area-settings",
        }
    }
}

/// The kind of operation (stored as its code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    Created,
    Updated,
    SignedIn,
    SignedOut,
    SignInFailed,
}

impl ActionKind {
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Created => "created",
            ActionKind::Updated => "updated",
            ActionKind::SignedIn => "signed_in",
            ActionKind::SignedOut => "signed_out",
            ActionKind::SignInFailed => "sign_in_failed",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ActionKind::Created => "action-created",
            ActionKind::Updated => "action-updated",
            ActionKind::SignedIn => "action-signed-in",
            ActionKind::SignedOut => "action-signed-out",
            ActionKind::SignInFailed => "action-sign-in-failed",
        }
    }
}

/// What kind of thing an entry is about (stored as its code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectType {
    Account,
}

impl ObjectType {
    pub fn code(self) -> &'static str {
        match self {
            ObjectType::Account => "account",
        }
    }
}

/// Why a sign-in failed (a detail of `SignInFailed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInFailure {
    WrongPassword,
    UnknownMember,
    Disabled,
    Throttled,
}

impl SignInFailure {
    pub fn code(self) -> &'static str {
        match self {
            SignInFailure::WrongPassword => "wrong_password",
            SignInFailure::UnknownMember => "unknown_member",
            SignInFailure::Disabled => "disabled",
            SignInFailure::Throttled => "throttled",
        }
    }
}

/// Every operation the app records. Each variant knows its area, action, object and
/// details; adding an operation means adding a variant here.
#[derive(Debug, Clone)]
pub enum Activity {
    /// The first main account was created on the setup page.
    SetupCompleted {
        account_id: i64,
        username: String,
    },
    SignedIn {
        account_id: i64,
        username: String,
    },
    SignedOut {
        account_id: i64,
        username: String,
    },
    /// `account_id` is the account the attempt named, when it exists.
    SignInFailed {
        account_id: Option<i64>,
        username: String,
        reason: SignInFailure,
    },
    LanguageChanged {
        account_id: i64,
        username: String,
        before: Option<String>,
        after: String,
    },
}

impl Activity {
    pub fn area(&self) -> Area {
        match self {
            Activity::LanguageChanged { .. } => Area::Settings,
            _ => Area::Accounts,
        }
    }

    pub fn action(&self) -> ActionKind {
        match self {
            Activity::SetupCompleted { .. } => ActionKind::Created,
            Activity::SignedIn { .. } => ActionKind::SignedIn,
            Activity::SignedOut { .. } => ActionKind::SignedOut,
            Activity::SignInFailed { .. } => ActionKind::SignInFailed,
            Activity::LanguageChanged { .. } => ActionKind::Updated,
        }
    }

    /// The object: its type, id and name at the time.
    pub fn object(&self) -> (ObjectType, Option<i64>, &str) {
        match self {
            Activity::SetupCompleted {
                account_id,
                username,
            }
            | Activity::SignedIn {
                account_id,
                username,
            }
            | Activity::SignedOut {
                account_id,
                username,
            }
            | Activity::LanguageChanged {
                account_id,
                username,
                ..
            } => (ObjectType::Account, Some(*account_id), username),
            Activity::SignInFailed {
                account_id,
                username,
                ..
            } => (ObjectType::Account, *account_id, username),
        }
    }

    /// What changed, as codes and values: `{"field": {"before": …, "after": …}}`.
    pub fn details(&self) -> Value {
        match self {
            Activity::SetupCompleted { .. } => json!({"event": "setup"}),
            Activity::SignedIn { .. } | Activity::SignedOut { .. } => json!({}),
            Activity::SignInFailed { reason, .. } => json!({"reason": reason.code()}),
            Activity::LanguageChanged { before, after, .. } => {
                json!({"language": {"before": before, "after": after}})
            }
        }
    }

    /// The store an entry concerns, for the store filter.
    pub fn store_id(&self) -> Option<i64> {
        None
    }
}
