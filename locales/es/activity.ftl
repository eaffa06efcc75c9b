area-accounts = Accounts
area-settings = Settings

action-created = Created
action-updated = Updated
action-signed-in = Signed in
action-signed-out = Signed out
action-sign-in-failed = Sign-in failed
