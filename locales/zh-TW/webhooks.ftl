# Webhook：我的帳號 → 商店 → 某個商店 → Webhook
webhooks-title = Webhook
webhooks-intro = 此商店發生事件（客服回覆、自動回覆、分配、轉接、結束及重新開啟對話）時，Sellerdesk 會立即將其傳送至您整合系統的網址，並以端點的密鑰簽章。內部備註一律不會傳送。
webhooks-empty = 尚無 Webhook 端點。請在下方新增。
webhooks-back-to-store = 返回商店
webhooks-back = 返回 Webhook 列表
webhooks-manage = { $count ->
    [0] 設定 Webhook
   *[other] 管理 { $count } 個 Webhook 端點
}
webhooks-gave-up-count = { $count ->
   *[other] 有 { $count } 個 Webhook 端點因持續傳送失敗而遭到暫停。請檢查後恢復。
}
webhook-title = Webhook 端點
webhook-add = 新增端點
webhook-edit = 編輯端點
webhook-field-url = URL
webhook-url-hint = 須為 https:// 網址。進行本機開發時，也接受指向本機（localhost 或 127.0.0.1）的 http:// 網址。
webhook-field-events = 事件
webhook-events-hint = 請至少勾選一項。內部備註一律不會傳送。
webhook-event-message-created = 回覆或自動回覆
webhook-event-conversation-assigned = 對話已分配
webhook-event-conversation-returned = 對話已回到排隊中
webhook-event-conversation-transferred = 對話已轉接
webhook-event-conversation-closed = 對話已結束
webhook-event-conversation-reopened = 對話已重新開啟
webhook-event-test = 測試事件
webhook-status-paused = 已暫停
webhook-status-gave-up = 因失敗已暫停
webhook-status-retrying = 重試中
webhook-secret-shown-once = 這是此端點的簽章密鑰，只會顯示一次：請立即複製到您的整合系統，整合系統會用它驗證 Sellerdesk-Signature 標頭。
webhook-paused-notice = 此端點已暫停：事件會先等候，待您恢復後依序傳送。
webhook-gave-up-notice = 此端點長時間持續傳送失敗，Sellerdesk 已將其暫停。請修正接收端後再恢復：等候中的事件將依序傳送。
webhook-retrying-notice = 上一次傳送失敗。Sellerdesk 將於 { $time } 重試；在成功送達之前，後續事件會繼續等候。
webhook-pause = 暫停
webhook-resume = 恢復
webhook-send-test = 傳送測試事件
webhook-delete = 刪除
webhook-delete-title = 刪除此 Webhook 端點？
webhook-delete-message = { $url } 將不再收到任何事件，其傳送紀錄也會一併刪除。此操作無法復原。
webhook-deliveries = 傳送紀錄
webhook-deliveries-hint = 最近 50 次傳送，依時間由新到舊排列，並附上接收端的回應。
webhook-deliveries-empty = 尚未傳送任何內容至此端點。
webhook-delivery-time = 時間
webhook-delivery-event = 事件
webhook-delivery-attempts = 嘗試次數
webhook-delivery-answer = 回應
webhook-delivery-delivered = 已送達
webhook-delivery-retrying = 重試中
webhook-delivery-failed = 失敗
webhook-delivery-next = 下次重試：{ $time }
webhook-resend = 重新傳送
webhook-created = 端點已新增。
webhook-saved = 端點已儲存。
webhook-paused = 端點已暫停。
webhook-resumed = 端點已恢復：正在傳送等候中的事件。
webhook-deleted = 端點已刪除。
webhook-test-delivered = 測試事件已送達。
webhook-test-failed = 測試事件未送達：{ $reason }
webhook-resend-delivered = 事件已重新送達。
webhook-resend-failed = 事件未送達：{ $reason }
webhook-answered = 接收端回應了狀態碼 { $status }
error-webhook-url-required = 請輸入接收事件的 URL。
error-webhook-url-invalid = 請輸入完整的網址，例如 https://erp.example.com/sellerdesk，且不可包含使用者名稱或密碼。
error-webhook-url-https = 請使用 https://。一般的 http:// 僅適用於本機（localhost 或 127.0.0.1）。
error-webhook-url-self = 這是 Sellerdesk 本身的網址：請輸入您整合系統的網址。
error-webhook-events-required = 請至少勾選一個事件。
