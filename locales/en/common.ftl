# The language's own name, shown in every language menu.
language-native-name = English
app-name = Sellerdesk
layout-skip-to-content = Skip to content
language-menu-label = Language
language-menu-apply = Change
nav-label = Main navigation
nav-home = Home
nav-sign-out = Sign out
form-error-summary = Please correct the following:

home-title = Home
home-welcome = Welcome, { $name }.

error-go-home = Go to the home page
error-bad-request-title = Something is wrong with the request
error-bad-request-message = The request could not be understood. Please go back and try again.
error-too-large-message = What you sent is too large. Please shorten it and try again.
error-forbidden-title = Access denied
error-forbidden-message = You do not have permission to open this page. Ask your main account for access if you need it.
error-csrf-message = This form has expired or was sent from somewhere else. Nothing was changed. Please reload the page and try again.
error-not-found-title = Page not found
error-not-found-message = The page you are looking for does not exist or is no longer available.
error-unavailable-title = Temporarily unavailable
error-unavailable-message = Sellerdesk cannot reach its database right now. Please try again in a moment.
error-internal-title = Something went wrong
error-internal-message = An unexpected error occurred. Nothing more was changed. Please try again; if it keeps happening, tell your administrator.

nav-my-account = My Account
nav-settings = Settings

action-save = Save
action-cancel = Cancel
action-search = Search

field-status = Status
field-created = Created
field-actions = Actions
field-time-zone = Time zone

status-active = Active
status-deactivated = Deactivated
status-disabled = Disabled
status-revoked = Revoked

pagination-label = Pages
pagination-previous = Previous
pagination-next = Next
pagination-page-of = Page { $page } of { $pages }

settings-language = Interface language
settings-time-zone-hint = Times everywhere in Sellerdesk are shown in this time zone.
settings-saved = Your settings have been saved.
error-language-invalid = Choose one of the offered languages.
error-time-zone-invalid = Choose a time zone from the list.

nav-chat-assignment = Chat Assignment
status-closed = Closed
state-on = On
state-off = Off

home-getting-started = Getting started
home-step-store = Add your marketplace stores
home-step-sub-accounts = Create sub-accounts for your customer-service team and grant them stores
home-step-groups = Create chat groups that receive each store's chats
home-step-auto-reply = Turn on a store's automatic reply
home-step-done = Done
home-areas = Where to go

error-conflict-title = Changed at the same time
error-conflict-message = Someone else saved the same thing at the same moment, so your change was not made. Please reload the page and try again.

nav-webchat = Webchat
action-filter = Filter
error-too-many-title = Too many requests
error-too-many-message = Too many requests came from here in a short time. Please wait a moment and try again.
