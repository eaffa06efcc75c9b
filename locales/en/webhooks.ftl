# Webhooks: My Account → Stores → store → Webhooks.
webhooks-title = Webhooks
webhooks-intro = Sellerdesk posts this store's events (agents' replies, automatic replies, assignments, transfers, closes and reopens) to your integration's address as they happen, signed with the endpoint's secret. Private notes are never sent.
webhooks-empty = No webhook endpoints yet. Add one below.
webhooks-back-to-store = Back to the store
webhooks-back = Back to the webhooks
webhooks-manage = { $count ->
    [0] Set up webhooks
    [one] Manage { $count } webhook endpoint
   *[other] Manage { $count } webhook endpoints
}
webhooks-gave-up-count = { $count ->
    [one] { $count } webhook endpoint was paused because it kept failing. Check it and resume it.
   *[other] { $count } webhook endpoints were paused because they kept failing. Check them and resume them.
}
webhook-title = Webhook endpoint
webhook-add = Add an endpoint
webhook-edit = Change the endpoint
webhook-field-url = URL
webhook-url-hint = An https:// address. For local development, http:// to this machine (localhost or 127.0.0.1) is accepted too.
webhook-field-events = Events
webhook-events-hint = Tick at least one. Private notes are never sent.
webhook-event-message-created = Reply or automatic reply
webhook-event-conversation-assigned = Chat assigned
webhook-event-conversation-returned = Chat returned to the queue
webhook-event-conversation-transferred = Chat transferred
webhook-event-conversation-closed = Chat closed
webhook-event-conversation-reopened = Chat reopened
webhook-event-conversation-rating-requested = Chat closed: ask the buyer for a rating
webhook-event-conversation-rated = Buyer rated the chat
webhook-event-test = Test event
webhook-status-paused = Paused
webhook-status-gave-up = Paused after failing
webhook-status-retrying = Retrying
webhook-secret-shown-once = This is the endpoint's signing secret. It is shown only once: copy it now into your integration, which uses it to check the Sellerdesk-Signature header.
webhook-paused-notice = This endpoint is paused: events wait and are sent, in order, when you resume it.
webhook-gave-up-notice = Sellerdesk paused this endpoint because its deliveries kept failing for too long. Fix the receiver, then resume: the waiting events are sent in order.
webhook-retrying-notice = The last delivery failed. Sellerdesk tries again at { $time }; later events wait until it gets through.
webhook-pause = Pause
webhook-resume = Resume
webhook-send-test = Send a test event
webhook-delete = Delete
webhook-delete-title = Delete this webhook endpoint?
webhook-delete-message = { $url } will receive no more events, and its delivery log is deleted. This cannot be undone.
webhook-deliveries = Delivery log
webhook-deliveries-hint = The latest 50 deliveries, newest first, with the receiver's answer.
webhook-deliveries-empty = Nothing has been delivered to this endpoint yet.
webhook-delivery-time = Time
webhook-delivery-event = Event
webhook-delivery-attempts = Attempts
webhook-delivery-answer = Answer
webhook-delivery-delivered = Delivered
webhook-delivery-retrying = Retrying
webhook-delivery-failed = Failed
webhook-delivery-next = next try at { $time }
webhook-resend = Resend
webhook-created = Endpoint added.
webhook-saved = Endpoint saved.
webhook-paused = Endpoint paused.
webhook-resumed = Endpoint resumed: waiting events are being sent.
webhook-deleted = Endpoint deleted.
webhook-test-delivered = The test event was delivered.
webhook-test-failed = The test event was not delivered: { $reason }
webhook-resend-delivered = The event was delivered again.
webhook-resend-failed = The event was not delivered: { $reason }
webhook-answered = the receiver answered { $status }
error-webhook-url-required = Enter the URL to post events to.
error-webhook-url-invalid = Enter a full web address, such as https://erp.example.com/sellerdesk, without a user name or password.
error-webhook-url-https = Use https://. Plain http:// is accepted only for this machine (localhost or 127.0.0.1).
error-webhook-url-self = This is Sellerdesk's own address: enter your integration's address.
error-webhook-events-required = Tick at least one event.
