chat-assignment-intro = Choose a store to decide which groups of your team receive its buyers' chats.
chat-assignment-no-stores = There are no stores you can manage yet. Stores are added under My Account → Stores.
chat-assignment-groups = Groups
chat-assignment-members = Members
chat-assignment-view-details = View Details
chat-assignment-back = Back to all stores
chat-assignment-store-sections = Store sections
chat-assignment-assigned-groups = Assigned Groups

groups-empty = No groups yet. Create a group to decide who answers this store's chats.
groups-create-now = Create Now
groups-create-new = Create New Group
groups-create = Create group
groups-edit = Edit
groups-edit-title = Group “{ $name }”
groups-rename = Rename
groups-modify-members = Modify members
groups-change-sources = Change chat sources
groups-close = Close
groups-reopen = Reopen
groups-sources = Chat sources
groups-sources-hint = The chats this group takes, by where the buyer started them.
groups-members-hint = Only sub-accounts granted this store (Webchat permission) can be members.
groups-no-eligible = No sub-account is granted this store yet. Grant it under My Account → Sub-accounts.
groups-no-members = No members
groups-field-name = Group name
group-created = The group has been created.
group-saved = The group has been saved.
group-closed = The group has been closed. It keeps its settings and receives no new chats.
group-reopened = The group has been reopened.
group-deleted = The group has been deleted.
group-delete = Delete
group-delete-title = Delete this group?
group-delete-message = The group “{ $name }” will be deleted with its members and chat sources. Its open chats go back to routing. This cannot be undone.
error-group-name-required = Enter a group name.
error-group-name-invalid = The group name must be at most 40 characters.
error-group-name-taken = This store already has a group with this name.
error-group-sources-required = Choose at least one chat source.
error-group-source-invalid = Choose chat sources from the list.
error-group-member-ineligible = Only sub-accounts granted this store can be members.

source-product-page = Product page
source-shop-page = Shop page
source-order = Order
source-after-sales = After-sales (return/refund)
source-livestream = Livestream
source-campaign = Campaign/ads
source-other = Other

auto-reply-title = Automatic reply
auto-reply-hint = Sent to a buyer at most once every 24 hours when they write. It is also the store's public message on the buyer chat page.
auto-reply-enabled = Send the automatic reply
auto-reply-text = Message
auto-reply-preview = Preview, as the buyer sees it
auto-reply-saved = The automatic reply has been saved.
off-work-title = Off-work automatic reply
off-work-hint = Sent instead of the automatic reply outside working hours. Hours are in the store's time zone ({ $zone }).
off-work-enabled = Send the off-work reply outside working hours
off-work-saved = The off-work reply and working hours have been saved.
working-hours = Working hours
working-hours-hint = Per day, one or more time slots such as 09:00-12:00, 13:00-18:00. Leave a day empty when the team is off.
error-reply-too-long = The message must be at most 600 characters.
error-reply-required = Enter the message to send, or switch the reply off.
error-hours-format = Write time slots as 09:00-12:00, separated by commas.
error-hours-empty-slot = Each time slot must end after it starts.
error-hours-overlap = Time slots of one day must not overlap.
error-hours-required = Enter working hours for at least one day.

weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday

quick-replies-title = Quick replies
quick-replies-hint = Ready-made answers your team can insert in Webchat, up to { $max } per store.
quick-replies-empty = No quick replies yet.
quick-reply-shortcut = Shortcut
quick-reply-text = Text
quick-reply-add = Add quick reply
quick-reply-saved = The quick reply has been saved.
quick-reply-deleted = The quick reply has been deleted.
quick-reply-delete = Delete
quick-reply-delete-title = Delete this quick reply?
quick-reply-delete-message = The quick reply “{ $shortcut }” will be deleted. This cannot be undone.
error-quick-shortcut-required = Enter a shortcut.
error-quick-shortcut-invalid = The shortcut must be at most 30 characters.
error-quick-shortcut-taken = This store already has a quick reply with this shortcut.
error-quick-text-required = Enter the text of the quick reply.
error-quick-limit = This store already has the maximum number of quick replies.

error-message-empty = Write a message first.
error-message-too-long = The message is too long (at most 2,000 characters).
# API errors: English only, in this file alone. Integrations match on the stable
# `code`; the message is for the developer reading the answer (docs/openapi.json).
api-error-unauthorized = A valid store API token is required: Authorization: Bearer <token>.
api-error-store-deactivated = This store is deactivated and accepts no messages.
api-error-invalid-json = The body must be a JSON object with external_id, buyer_id, buyer_name, source, text and image, and no other fields.
api-error-unknown-source = Unknown source. Use product_page, shop_page, order, after_sales, livestream, campaign or other.
api-error-invalid-buyer = buyer_id must be 1 to 100 characters.
api-error-invalid-external-id = external_id must be at most 200 characters.
api-error-body-too-large = The request body is too large.
api-error-not-found = No such conversation for this store.
api-error-internal = Something went wrong on our side. Please retry.

agent-status-label = My status
agent-status-online = Online
agent-status-idle = Idle
agent-status-offline = Offline
agent-status-saved = Your status has been updated.
webchat-conversations = Conversations
webchat-tab-mine = Mine
webchat-tab-queue = Queue
webchat-tab-all = All
webchat-filter-store = Store
webchat-all-stores = All stores
webchat-empty = No conversations here.
webchat-unread = { $count } unread
webchat-auto-reply = Automatic reply
webchat-take = Take this chat
webchat-reply = Reply
webchat-send = Send
webchat-close = Close dialogue
webchat-reopen = Reopen
webchat-pick = Choose a conversation to read and answer it.
conversation-taken = The chat is yours now.
conversation-closed = The dialogue has been closed.
conversation-reopened = The dialogue has been reopened.
webchat-transfer-to = Transfer to
webchat-transfer = Transfer
conversation-transferred = The conversation has been transferred.
buyer-store-says = The store says
buyer-your-name = Your name
buyer-start-chat = Start chatting
buyer-message = Your message
buyer-start = Write your question and the store's team will answer here.
capacity-title = Webchat capacity
capacity-label = Open chats per agent at most
capacity-hint = New chats go to the Online member with the most room; above this number an agent gets no new chats in this store.
capacity-saved = The capacity has been saved.
error-capacity-invalid = Enter a whole number from 1 to 100.

conversation-conflict-taken = { $name } took this chat a moment ago.
conversation-conflict-moved = This chat went to { $name } a moment ago; nothing was changed.
conversation-conflict-returned = This chat went back to the queue a moment ago; nothing was changed.
conversation-conflict-closed = This chat was closed a moment ago; nothing was changed.
conversation-conflict-buyer-open = This buyer has a newer open chat with the store; answer them there.
error-transfer-target = That colleague or group can no longer take this chat. Choose another.
webchat-older = Older conversations
webchat-unsent-draft = Your reply, not sent:
api-error-busy = The service is busy. Please retry in a moment.
api-error-rate-limited = Too many requests. Retry after the number of seconds in the Retry-After header.
api-error-invalid-query = The query string accepts only after, limit and wait, as whole numbers.
api-error-invalid-after = after must be an event id of 0 or more.
api-error-invalid-limit = limit must be between 1 and 100.
api-error-invalid-wait = wait must be between 0 and 30 seconds.
api-error-after-beyond-log = after is beyond the newest event. Start from 0 or from next_after of an earlier answer.
error-hours-too-many = A day may have at most 6 time slots.

## Who and what happened
webchat-owner = Owner: { $name }
webchat-owner-none = Waiting in the queue
webchat-group = Group: { $name }
webchat-note = Private note
webchat-note-hint = Only your team sees notes; the buyer never does.
webchat-note-add = Add note
webchat-note-by = Note by { $name } (team only)
webchat-note-added = Note added. Only your team sees it.
webchat-transfer-note = Note for the next agent (optional)
webchat-line-assigned = Assigned to { $target }
webchat-line-taken = { $actor } took the chat
webchat-line-transferred = { $actor } transferred the chat to { $target }
webchat-line-returned = Back in the queue
webchat-line-closed-by = { $actor } closed the chat
webchat-line-closed = The chat was closed
webchat-line-reopened-by = { $actor } reopened the chat
webchat-line-reopened = The buyer wrote again: the chat reopened

## Queue and search
webchat-search = Search
webchat-search-hint = Buyer, message or order number
webchat-search-empty = No conversation matches this search.
webchat-waiting-minutes = { $minutes ->
    [one] waiting { $minutes } minute
   *[other] waiting { $minutes } minutes
}
webchat-waiting-hours = { $hours ->
    [one] waiting { $hours } hour
   *[other] waiting { $hours } hours
}
webchat-waiting-days = { $days ->
    [one] waiting { $days } day
   *[other] waiting { $days } days
}

## Buyer page
buyer-chat-closed = The store closed this chat. Write again to start a new one.

## Team panel
team-title = Team
team-back = Back to the inbox
team-intro = Who of the members answering your stores' chats is Online, Idle or Offline, since when, and how many open chats each has. An agent with no Webchat page open for a while is set Offline.
team-empty = No member answers chats in your stores yet. Add members to Assigned Groups in Chat Assignment.
team-since = Since
team-open-chats = Open chats

## Phones
webchat-back-to-list = Back to the conversations
webchat-earlier = Earlier messages
webchat-new-messages = New messages ↓
webchat-newest = Newest messages

## Alerts and composer
alert-new-message = A buyer wrote in one of your chats.
alert-new-chat = A new chat is waiting in your queue.
alert-sound-on = Sound: on
alert-sound-off = Sound: off
alert-notifications = Desktop notifications
webchat-keys = Enter sends; Shift+Enter starts a new line.
webchat-keys-quick = Enter sends; Shift+Enter starts a new line; type / for quick replies.

undelivered-title = Not delivered
undelivered-intro = Replies that the store's integration reported as not reaching the buyer on the marketplace, newest first. Open the chat to answer again.
undelivered-empty = No reply has been reported as not delivered.
undelivered-reported = Reported
undelivered-buyer = Buyer
undelivered-reply = Reply
undelivered-reason = Reason
delivery-delivered = Delivered
delivery-failed = Not delivered
api-error-invalid-delivery-json = The body must be a JSON object with status ("delivered" or "failed") and, for a failed delivery, reason, and no other fields.
api-error-invalid-delivery-status = status must be "delivered" or "failed".
api-error-delivery-reason-required = A failed delivery needs a reason.
api-error-delivery-reason-invalid = reason must be at most 300 characters, on one line.
api-error-reply-not-found = No such reply for this store: only agents' replies and automatic replies of the token's store have a delivery status.
api-error-invalid-image = image must be a JPEG, PNG or WebP photo in standard base64.
api-error-image-not-found = No such photo in this store's chats.
guard-title = Response guard
guard-hint = Keeps this store's chats answered in time. Webchat lists the chats waiting for an answer, soonest deadline first.
guard-target-label = First-response target (minutes)
guard-target-hint = How soon a buyer should get a first answer. Chats past it are shown as late.
guard-reassign-label = Reassign an unanswered chat after (minutes)
guard-reassign-hint = A chat whose agent has not answered the buyer within this time goes to another Online member. 0 = never.
guard-return-label = Return a buyer to their agent within (hours)
guard-return-hint = A buyer who writes again within this time goes to the agent who last answered them, if that agent is Online. 0 = never.
guard-saved = The response guard has been saved.
error-guard-target-invalid = Enter a whole number of minutes from 1 to 1,440.
error-guard-reassign-invalid = Enter a whole number of minutes from 0 to 1,440.
error-guard-return-invalid = Enter a whole number of hours from 0 to 720.
rate-rule-title = Response rate by the marketplace's rule
rate-rule-hint = The rule your marketplace uses to grade this store's chat response. The default is Shopee's: new chats answered within 12 hours, over the last 90 days, automatic replies excluded.
rate-rule-limit-label = Answer limit (hours)
rate-rule-window-label = Window (days)
rate-rule-auto-label = Automatic replies count as an answer
rate-rule-started-hint = Chats started by the seller never count: in Sellerdesk every chat starts with a buyer's message.
rate-rule-saved = The marketplace rule has been saved.
error-rate-limit-invalid = Enter a whole number of hours from 1 to 168.
error-rate-window-invalid = Enter a whole number of days from 1 to 365.
at-risk-title = At risk
at-risk-intro = Chats whose buyer is waiting for an answer, soonest deadline first. The times count down to the store's first-response target and to the marketplace's answer limit.
at-risk-empty = No buyer is waiting for an answer. Well done!
at-risk-count = { $count ->
    [one] 1 chat waiting for an answer
   *[other] { $count } chats waiting for an answer
}
at-risk-agent = Agent
at-risk-queue = Waiting in the queue
at-risk-waiting-since = Waiting since
at-risk-target = Time left: target
at-risk-limit = Time left: marketplace
at-risk-late = Late
api-error-invalid-rating-json = The body must be a JSON object with buyer_id (the buyer's id as your messages gave it), score (a whole number from 1 to 5) and optionally comment, and no other fields.
api-error-rating-score = The score must be a whole number from 1 to 5.
api-error-rating-comment = The comment may have at most 500 characters.
api-error-rating-not-found = No such conversation of this buyer in the token's store.
api-error-rating-open = The conversation is open: a chat is rated after it is closed.
api-error-rating-given = The buyer has already rated this closing of the chat.
rating-question = How was this chat?
rating-score-label = { $score ->
    [one] 1 star
   *[other] { $score } stars
}
rating-comment = Anything you would like to tell the store? (optional)
rating-send = Send rating
rating-thanks = Thank you! You rated this chat { $score } out of 5.
error-rating-score = Choose from 1 to 5 stars.
error-rating-comment-too-long = The comment may have at most 500 characters.
error-rating-open = This chat is open again: you can rate it once it is closed.
error-rating-given = You have already rated this chat.
rating-invite = Rate this chat
