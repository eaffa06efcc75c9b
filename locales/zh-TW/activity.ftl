area-accounts = 帳號
area-settings = 設定

action-created = 已建立
action-updated = 已更新
action-signed-in = 已登入
action-signed-out = 已登出
action-sign-in-failed = 登入失敗
area-stores = 商店

action-deleted = 已刪除
action-enabled = 已啟用
action-disabled = 已停用
action-granted = 已授予商店權限
action-revoked = 已撤銷
action-password-changed = 已變更密碼
action-password-reset = 已重設密碼

object-account = 帳號
object-store = 商店
object-api-token = API 權杖
object-role = 角色

area-chat-assignment = 對話分配
action-closed = 已關閉
action-reopened = 已重新開啟
object-chat-group = 聊天群組
object-quick-reply = 快速回覆

area-webchat = 線上客服
action-status-changed = 狀態已變更
object-conversation = 對話
action-transferred = 已轉接

area-performance = 績效數據
area-activity-log = 操作紀錄
action-exported = 已匯出
object-report = 報表
