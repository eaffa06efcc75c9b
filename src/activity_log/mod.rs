//! The Activity Log: typed areas, actions and objects, recorded in the same transaction
//! as the change, stored as codes and parameters so it renders in any language later.

mod csv;
pub mod filters;
pub mod pages;
pub mod query;
mod record;
pub mod view;

pub use record::{Actor, record_activity};

use serde_json::{Value, json};

use crate::codes::coded;

coded!(Area {
    Accounts => "accounts", "area-accounts";
    Stores => "stores", "area-stores";
    ChatAssignment => "chat_assignment", "area-chat-assignment";
    Webchat => "webchat", "area-webchat";
    Settings => "settings", "area-settings";
    Performance => "performance", "area-performance";
    ActivityLog => "activity_log", "area-activity-log";
});

coded!(ActionKind {
    Created => "created", "action-created";
    Updated => "updated", "action-updated";
    Deleted => "deleted", "action-deleted";
    Enabled => "enabled", "action-enabled";
    Disabled => "disabled", "action-disabled";
    Closed => "closed", "action-closed";
    Reopened => "reopened", "action-reopened";
    StatusChanged => "status_changed", "action-status-changed";
    Transferred => "transferred", "action-transferred";
    Granted => "granted", "action-granted";
    Revoked => "revoked", "action-revoked";
    PasswordChanged => "password_changed", "action-password-changed";
    PasswordReset => "password_reset", "action-password-reset";
    SignedIn => "signed_in", "action-signed-in";
    SignedOut => "signed_out", "action-signed-out";
    SignInFailed => "sign_in_failed", "action-sign-in-failed";
    Exported => "exported", "action-exported";
    Taken => "taken", "action-taken";
    TwoFactorEnabled => "two_factor_enabled", "action-two-factor-enabled";
    TwoFactorDisabled => "two_factor_disabled", "action-two-factor-disabled";
    TwoFactorReset => "two_factor_reset", "action-two-factor-reset";
    RecoveryCodesRenewed => "recovery_codes_renewed", "action-recovery-codes-renewed";
    TwoFactorRequired => "two_factor_required", "action-two-factor-required";
    TwoFactorOptional => "two_factor_optional", "action-two-factor-optional";
    SessionsEnded => "sessions_ended", "action-sessions-ended";
    ChatLinkRotated => "chat_link_rotated", "action-chat-link-rotated";
    TestSent => "test_sent", "action-test-sent";
    Resent => "resent", "action-resent";
    Reassigned => "reassigned", "action-reassigned";
});

coded!(ObjectType {
    Account => "account", "object-account";
    Store => "store", "object-store";
    ApiToken => "api_token", "object-api-token";
    Webhook => "webhook", "object-webhook";
    Role => "role", "object-role";
    ChatGroup => "chat_group", "object-chat-group";
    QuickReply => "quick_reply", "object-quick-reply";
    Conversation => "conversation", "object-conversation";
    Report => "report", "object-report";
});

/// Why a sign-in failed (a detail of a failed sign-in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInFailure {
    WrongPassword,
    UnknownMember,
    Disabled,
    /// The password was right; the second-factor code was not.
    WrongCode,
}

impl SignInFailure {
    pub fn code(self) -> &'static str {
        match self {
            SignInFailure::WrongPassword => "wrong_password",
            SignInFailure::UnknownMember => "unknown_member",
            SignInFailure::Disabled => "disabled",
            SignInFailure::WrongCode => "wrong_code",
        }
    }
}

/// One field's change, for "before → after" details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// Collects the fields that differ between the stored and the submitted values.
#[derive(Debug, Default)]
pub struct Changes(Vec<Change>);

impl Changes {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn field(
        mut self,
        field: &'static str,
        before: impl ToString,
        after: impl ToString,
    ) -> Self {
        let (before, after) = (before.to_string(), after.to_string());
        if before != after {
            self.0.push(Change {
                field,
                before,
                after,
            });
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn to_json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|c| json!({"field": c.field, "before": c.before, "after": c.after}))
                .collect(),
        )
    }
}

/// The object an entry is about, with its name at the time.
#[derive(Debug, Clone)]
pub struct Object {
    pub kind: ObjectType,
    pub id: Option<i64>,
    pub name: String,
}

/// One operation to record. Built by the constructors below, one per operation of the
/// product, so every call site names what happened rather than assembling codes.
#[derive(Debug, Clone)]
pub struct Activity {
    pub area: Area,
    pub action: ActionKind,
    pub object: Object,
    pub store_id: Option<i64>,
    pub details: Value,
}

fn account(id: Option<i64>, username: &str) -> Object {
    Object {
        kind: ObjectType::Account,
        id,
        name: username.to_string(),
    }
}

fn group(id: i64, name: &str) -> Object {
    Object {
        kind: ObjectType::ChatGroup,
        id: Some(id),
        name: name.to_string(),
    }
}

fn store(id: i64, name: &str) -> Object {
    Object {
        kind: ObjectType::Store,
        id: Some(id),
        name: name.to_string(),
    }
}

impl Activity {
    fn new(area: Area, action: ActionKind, object: Object) -> Self {
        Self {
            area,
            action,
            object,
            store_id: None,
            details: json!({}),
        }
    }

    fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    fn in_store(mut self, store_id: i64) -> Self {
        self.store_id = Some(store_id);
        self
    }

    fn with_changes(self, changes: &Changes) -> Self {
        self.with_details(json!({"changes": changes.to_json()}))
    }

    pub fn setup_completed(account_id: i64, username: &str) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::Created,
            account(Some(account_id), username),
        )
        .with_details(json!({"event": "setup"}))
    }

    pub fn signed_in(account_id: i64, username: &str) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::SignedIn,
            account(Some(account_id), username),
        )
    }

    /// Signed in with a recovery code instead of the app's code.
    pub fn signed_in_with_recovery_code(account_id: i64, username: &str, left: i64) -> Self {
        Self::signed_in(account_id, username)
            .with_details(json!({"method": "recovery_code", "codes_left": left}))
    }

    /// Two-factor sign-in turned on (`TwoFactorEnabled`), off by the account itself
    /// (`TwoFactorDisabled`) or by a manager (`TwoFactorReset`), or new recovery codes.
    pub fn two_factor(action: ActionKind, account_id: i64, username: &str) -> Self {
        Self::new(Area::Accounts, action, account(Some(account_id), username))
    }

    /// The main account required (or stopped requiring) a second factor of everyone.
    pub fn two_factor_required(account_id: i64, username: &str, required: bool) -> Self {
        let action = if required {
            ActionKind::TwoFactorRequired
        } else {
            ActionKind::TwoFactorOptional
        };
        Self::new(Area::Accounts, action, account(Some(account_id), username))
    }

    /// The account signed out its other sessions.
    pub fn sessions_ended(account_id: i64, username: &str, ended: usize) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::SessionsEnded,
            account(Some(account_id), username),
        )
        .with_details(json!({"sessions": ended}))
    }

    pub fn signed_out(account_id: i64, username: &str) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::SignedOut,
            account(Some(account_id), username),
        )
    }

    /// `account_id` is the account the attempt named, when it exists.
    pub fn sign_in_failed(account_id: Option<i64>, username: &str, reason: SignInFailure) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::SignInFailed,
            account(account_id, username),
        )
        .with_details(json!({"reason": reason.code()}))
    }

    pub fn settings_updated(account_id: i64, username: &str, changes: &Changes) -> Self {
        Self::new(
            Area::Settings,
            ActionKind::Updated,
            account(Some(account_id), username),
        )
        .with_changes(changes)
    }

    pub fn profile_updated(account_id: i64, username: &str, changes: &Changes) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::Updated,
            account(Some(account_id), username),
        )
        .with_changes(changes)
    }

    pub fn password_changed(account_id: i64, username: &str) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::PasswordChanged,
            account(Some(account_id), username),
        )
    }

    pub fn sub_account_created(account_id: i64, username: &str, role: &str) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::Created,
            account(Some(account_id), username),
        )
        .with_details(json!({"role": role}))
    }

    pub fn sub_account_updated(account_id: i64, username: &str, changes: &Changes) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::Updated,
            account(Some(account_id), username),
        )
        .with_changes(changes)
    }

    pub fn sub_account_enabled(account_id: i64, username: &str, enabled: bool) -> Self {
        let action = if enabled {
            ActionKind::Enabled
        } else {
            ActionKind::Disabled
        };
        Self::new(Area::Accounts, action, account(Some(account_id), username))
    }

    pub fn sub_account_password_reset(account_id: i64, username: &str) -> Self {
        Self::new(
            Area::Accounts,
            ActionKind::PasswordReset,
            account(Some(account_id), username),
        )
    }

    pub fn store_granted(
        account_id: i64,
        username: &str,
        store_id: i64,
        store_name: &str,
        granted: bool,
    ) -> Self {
        let action = if granted {
            ActionKind::Granted
        } else {
            ActionKind::Revoked
        };
        Self::new(Area::Accounts, action, account(Some(account_id), username))
            .in_store(store_id)
            .with_details(json!({"store": store_name}))
    }

    pub fn role_created(role_id: i64, name: &str, permissions: &str) -> Self {
        let object = Object {
            kind: ObjectType::Role,
            id: Some(role_id),
            name: name.to_string(),
        };
        Self::new(Area::Accounts, ActionKind::Created, object)
            .with_details(json!({"permissions": permissions}))
    }

    pub fn role_updated(role_id: i64, name: &str, changes: &Changes) -> Self {
        let object = Object {
            kind: ObjectType::Role,
            id: Some(role_id),
            name: name.to_string(),
        };
        Self::new(Area::Accounts, ActionKind::Updated, object).with_changes(changes)
    }

    pub fn role_deleted(role_id: i64, name: &str) -> Self {
        let object = Object {
            kind: ObjectType::Role,
            id: Some(role_id),
            name: name.to_string(),
        };
        Self::new(Area::Accounts, ActionKind::Deleted, object)
    }

    pub fn store_created(store_id: i64, name: &str, market: &str) -> Self {
        Self::new(Area::Stores, ActionKind::Created, store(store_id, name))
            .in_store(store_id)
            .with_details(json!({"market": market}))
    }

    pub fn store_updated(store_id: i64, name: &str, changes: &Changes) -> Self {
        Self::new(Area::Stores, ActionKind::Updated, store(store_id, name))
            .in_store(store_id)
            .with_changes(changes)
    }

    pub fn store_enabled(store_id: i64, name: &str, active: bool) -> Self {
        let action = if active {
            ActionKind::Enabled
        } else {
            ActionKind::Disabled
        };
        Self::new(Area::Stores, action, store(store_id, name)).in_store(store_id)
    }

    /// The buyer chat link got a new key; the old link stops working.
    pub fn chat_link_rotated(store_id: i64, name: &str) -> Self {
        Self::new(
            Area::Stores,
            ActionKind::ChatLinkRotated,
            store(store_id, name),
        )
        .in_store(store_id)
    }

    /// A change to a store's webhook endpoint (`url` names it).
    pub fn webhook(
        action: ActionKind,
        store_id: i64,
        store_name: &str,
        endpoint_id: i64,
        url: &str,
    ) -> Self {
        let object = Object {
            kind: ObjectType::Webhook,
            id: Some(endpoint_id),
            name: url.to_string(),
        };
        Self::new(Area::Stores, action, object)
            .in_store(store_id)
            .with_details(json!({"store": store_name}))
    }

    /// A webhook endpoint's URL or events changed.
    pub fn webhook_updated(
        store_id: i64,
        store_name: &str,
        endpoint_id: i64,
        url: &str,
        changes: &Changes,
    ) -> Self {
        Self::webhook(ActionKind::Updated, store_id, store_name, endpoint_id, url)
            .with_changes(changes)
    }

    pub fn api_token_created(
        store_id: i64,
        store_name: &str,
        token_id: i64,
        token_name: &str,
    ) -> Self {
        let object = Object {
            kind: ObjectType::ApiToken,
            id: Some(token_id),
            name: token_name.to_string(),
        };
        Self::new(Area::Stores, ActionKind::Created, object)
            .in_store(store_id)
            .with_details(json!({"store": store_name}))
    }

    pub fn api_token_revoked(
        store_id: i64,
        store_name: &str,
        token_id: i64,
        token_name: &str,
    ) -> Self {
        let object = Object {
            kind: ObjectType::ApiToken,
            id: Some(token_id),
            name: token_name.to_string(),
        };
        Self::new(Area::Stores, ActionKind::Revoked, object)
            .in_store(store_id)
            .with_details(json!({"store": store_name}))
    }

    pub fn group_created(
        store_id: i64,
        group_id: i64,
        name: &str,
        members: &str,
        sources: &str,
    ) -> Self {
        Self::new(
            Area::ChatAssignment,
            ActionKind::Created,
            group(group_id, name),
        )
        .in_store(store_id)
        .with_details(json!({"members": members, "sources": sources}))
    }

    pub fn group_updated(store_id: i64, group_id: i64, name: &str, changes: &Changes) -> Self {
        Self::new(
            Area::ChatAssignment,
            ActionKind::Updated,
            group(group_id, name),
        )
        .in_store(store_id)
        .with_changes(changes)
    }

    pub fn group_opened(store_id: i64, group_id: i64, name: &str, active: bool) -> Self {
        let action = if active {
            ActionKind::Reopened
        } else {
            ActionKind::Closed
        };
        Self::new(Area::ChatAssignment, action, group(group_id, name)).in_store(store_id)
    }

    pub fn group_deleted(store_id: i64, group_id: i64, name: &str) -> Self {
        Self::new(
            Area::ChatAssignment,
            ActionKind::Deleted,
            group(group_id, name),
        )
        .in_store(store_id)
    }

    /// Automatic replies and working hours of a store.
    pub fn chat_settings_updated(store_id: i64, store_name: &str, changes: &Changes) -> Self {
        Self::new(
            Area::ChatAssignment,
            ActionKind::Updated,
            store(store_id, store_name),
        )
        .in_store(store_id)
        .with_changes(changes)
    }

    pub fn quick_reply_changed(
        store_id: i64,
        reply_id: i64,
        shortcut: &str,
        action: ActionKind,
        changes: &Changes,
    ) -> Self {
        let object = Object {
            kind: ObjectType::QuickReply,
            id: Some(reply_id),
            name: shortcut.to_string(),
        };
        Self::new(Area::ChatAssignment, action, object)
            .in_store(store_id)
            .with_changes(changes)
    }

    /// A report (Performance Data, Activity Log) downloaded as CSV, with its filters.
    pub fn report_exported(area: Area, store_id: Option<i64>, filters: Value) -> Self {
        let object = Object {
            kind: ObjectType::Report,
            id: None,
            name: area.code().to_string(),
        };
        let activity = Self::new(area, ActionKind::Exported, object)
            .with_details(json!({ "filters": filters }));
        match store_id {
            Some(id) => activity.in_store(id),
            None => activity,
        }
    }

    /// An agent switched between Online, Idle and Offline.
    pub fn agent_status_changed(
        account_id: i64,
        username: &str,
        before: &str,
        after: &str,
    ) -> Self {
        Self::new(
            Area::Webchat,
            ActionKind::StatusChanged,
            account(Some(account_id), username),
        )
        .with_changes(&Changes::new().field("status", before, after))
    }

    /// A dialogue closed (`open` false) or reopened by an agent.
    pub fn conversation_closed(
        store_id: i64,
        conversation_id: i64,
        buyer: &str,
        open: bool,
    ) -> Self {
        let object = Object {
            kind: ObjectType::Conversation,
            id: Some(conversation_id),
            name: buyer.to_string(),
        };
        let action = if open {
            ActionKind::Reopened
        } else {
            ActionKind::Closed
        };
        Self::new(Area::Webchat, action, object).in_store(store_id)
    }

    /// An agent took a waiting conversation from the queue.
    pub fn conversation_taken(store_id: i64, conversation_id: i64, buyer: &str) -> Self {
        let object = Object {
            kind: ObjectType::Conversation,
            id: Some(conversation_id),
            name: buyer.to_string(),
        };
        Self::new(Area::Webchat, ActionKind::Taken, object).in_store(store_id)
    }

    /// A conversation handed to another agent or group.
    pub fn conversation_transferred(
        store_id: i64,
        conversation_id: i64,
        buyer: &str,
        to: &str,
    ) -> Self {
        let object = Object {
            kind: ObjectType::Conversation,
            id: Some(conversation_id),
            name: buyer.to_string(),
        };
        Self::new(Area::Webchat, ActionKind::Transferred, object)
            .in_store(store_id)
            .with_details(json!({"to": to}))
    }

    /// The response guard took a chat from an agent who left the buyer unanswered for
    /// `minutes` and gave it to another member.
    pub fn conversation_reassigned(
        store_id: i64,
        conversation_id: i64,
        buyer: &str,
        (from, to): (&str, &str),
        minutes: i32,
    ) -> Self {
        let object = Object {
            kind: ObjectType::Conversation,
            id: Some(conversation_id),
            name: buyer.to_string(),
        };
        Self::new(Area::Webchat, ActionKind::Reassigned, object)
            .in_store(store_id)
            .with_details(json!({"from": from, "to": to, "unanswered_minutes": minutes}))
    }
}
