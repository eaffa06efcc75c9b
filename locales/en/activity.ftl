area-accounts = Accounts
area-settings = Settings

action-created = Created
action-updated = Updated
action-signed-in = Signed in
action-signed-out = Signed out
action-sign-in-failed = Sign-in failed
area-stores = Stores

action-deleted = Deleted
action-enabled = Enabled
action-disabled = Disabled
action-granted = Store granted
action-revoked = Revoked
action-password-changed = Password changed
action-password-reset = Password reset

object-account = Account
object-store = Store
object-api-token = API token
object-role = Role

area-chat-assignment = Chat Assignment
action-closed = Closed
action-reopened = Reopened
object-chat-group = Chat group
object-quick-reply = Quick reply

area-webchat = Webchat
action-status-changed = Status changed
object-conversation = Conversation
action-transferred = Transferred

area-performance = Performance Data
area-activity-log = Activity Log
action-exported = Exported
object-report = Report
