# Webhook：我的账号 → 店铺 → 某个店铺 → Webhook
webhooks-title = Webhook
webhooks-intro = 此店铺发生事件（客服回复、自动回复、分配、转接、结束和重新打开对话）时，Sellerdesk 会立即将其推送到您集成系统的地址，并使用端点的密钥签名。内部备注永远不会发送。
webhooks-empty = 还没有 Webhook 端点。请在下方添加。
webhooks-back-to-store = 返回店铺
webhooks-back = 返回 Webhook 列表
webhooks-manage = { $count ->
    [0] 设置 Webhook
   *[other] 管理 { $count } 个 Webhook 端点
}
webhooks-gave-up-count = { $count ->
   *[other] 有 { $count } 个 Webhook 端点因持续推送失败已被暂停。请检查后恢复。
}
webhook-title = Webhook 端点
webhook-add = 添加端点
webhook-edit = 编辑端点
webhook-field-url = URL
webhook-url-hint = 须为 https:// 地址。本地开发时，也可使用指向本机（localhost 或 127.0.0.1）的 http:// 地址。
webhook-field-events = 事件
webhook-events-hint = 请至少勾选一项。内部备注永远不会发送。
webhook-event-message-created = 回复或自动回复
webhook-event-conversation-assigned = 对话已分配
webhook-event-conversation-returned = 对话已回到排队中
webhook-event-conversation-transferred = 对话已转接
webhook-event-conversation-closed = 对话已结束
webhook-event-conversation-reopened = 对话已重新打开
webhook-event-test = 测试事件
webhook-status-paused = 已暂停
webhook-status-gave-up = 因失败已暂停
webhook-status-retrying = 重试中
webhook-secret-shown-once = 这是该端点的签名密钥，仅显示一次：请立即将其复制到您的集成系统中，集成系统会用它校验 Sellerdesk-Signature 请求头。
webhook-paused-notice = 此端点已暂停：事件会先排队等待，恢复后按顺序发送。
webhook-gave-up-notice = 此端点长时间持续推送失败，Sellerdesk 已将其暂停。请修复接收端后再恢复：等待中的事件将按顺序发送。
webhook-retrying-notice = 上一次推送失败。Sellerdesk 将于 { $time } 重试；在成功送达之前，后续事件会继续等待。
webhook-pause = 暂停
webhook-resume = 恢复
webhook-send-test = 发送测试事件
webhook-delete = 删除
webhook-delete-title = 删除此 Webhook 端点？
webhook-delete-message = { $url } 将不再接收任何事件，其推送记录也将被删除。此操作无法恢复。
webhook-deliveries = 推送记录
webhook-deliveries-hint = 最近 50 次推送，按时间从新到旧排列，并附接收端的响应。
webhook-deliveries-empty = 尚未向此端点推送过任何内容。
webhook-delivery-time = 时间
webhook-delivery-event = 事件
webhook-delivery-attempts = 尝试次数
webhook-delivery-answer = 响应
webhook-delivery-delivered = 已送达
webhook-delivery-retrying = 重试中
webhook-delivery-failed = 失败
webhook-delivery-next = 下次重试：{ $time }
webhook-resend = 重新发送
webhook-created = 端点已添加。
webhook-saved = 端点已保存。
webhook-paused = 端点已暂停。
webhook-resumed = 端点已恢复：正在发送等待中的事件。
webhook-deleted = 端点已删除。
webhook-test-delivered = 测试事件已送达。
webhook-test-failed = 测试事件未送达：{ $reason }
webhook-resend-delivered = 事件已重新送达。
webhook-resend-failed = 事件未送达：{ $reason }
webhook-answered = 接收端返回了状态码 { $status }
error-webhook-url-required = 请输入接收事件推送的 URL。
error-webhook-url-invalid = 请输入完整的网址，例如 https://erp.example.com/sellerdesk，且不要包含用户名或密码。
error-webhook-url-https = 请使用 https://。普通的 http:// 仅适用于本机（localhost 或 127.0.0.1）。
error-webhook-url-self = 这是 Sellerdesk 自身的地址：请输入您集成系统的地址。
error-webhook-events-required = 请至少勾选一个事件。
