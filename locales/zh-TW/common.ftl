# 該語言的自稱，顯示在每個語言選單中。
language-native-name = 繁體中文
app-name = Sellerdesk
layout-skip-to-content = 跳到主要內容
language-menu-label = 語言
language-menu-apply = 切換
nav-label = 主導覽
nav-home = 首頁
nav-sign-out = 登出
form-error-summary = 請修正下列問題：

home-title = 首頁
home-welcome = 歡迎，{ $name }。

error-go-home = 回到首頁
error-bad-request-title = 請求有誤
error-bad-request-message = 無法辨識此請求。請返回後再試一次。
error-too-large-message = 送出的內容過大。請縮減後再試一次。
error-forbidden-title = 拒絕存取
error-forbidden-message = 您沒有開啟此頁面的權限。如有需要，請向主帳號申請權限。
error-csrf-message = 此表單已過期，或來自其他來源。未做任何變更。請重新整理頁面後再試一次。
error-not-found-title = 找不到頁面
error-not-found-message = 您要找的頁面不存在或已無法使用。
error-unavailable-title = 暫時無法使用
error-unavailable-message = Sellerdesk 目前無法連線至資料庫。請稍後再試。
error-internal-title = 發生錯誤
error-internal-message = 發生未預期的錯誤，未做其他變更。請再試一次；若問題持續發生，請聯絡管理員。

nav-my-account = 我的帳號
nav-settings = 設定

action-save = 儲存
action-cancel = 取消
action-search = 搜尋

field-status = 狀態
field-created = 建立時間
field-actions = 操作
field-time-zone = 時區

status-active = 啟用中
status-deactivated = 已停用
status-disabled = 已停用
status-revoked = 已撤銷

pagination-label = 分頁
pagination-previous = 上一頁
pagination-next = 下一頁
pagination-page-of = 第 { $page } 頁，共 { $pages } 頁

settings-language = 介面語言
settings-time-zone-hint = Sellerdesk 中的所有時間皆以此時區顯示。
settings-saved = 設定已儲存。
error-language-invalid = 請從提供的語言中選擇一種。
error-time-zone-invalid = 請從清單中選擇時區。

nav-chat-assignment = 對話分配
status-closed = 已關閉
state-on = 已開啟
state-off = 未開啟

home-getting-started = 開始使用
home-step-store = 新增您的平台商店
home-step-sub-accounts = 為客服團隊建立子帳號，並授予商店權限
home-step-groups = 建立對話群組，接收各商店的對話
home-step-auto-reply = 開啟商店的自動回覆
home-step-done = 已完成
home-areas = 快速前往

error-conflict-title = 同時被修改
error-conflict-message = 其他人在同一時間儲存了相同的內容，因此您的變更未生效。請重新整理頁面後再試一次。

nav-webchat = Webchat
action-filter = 篩選
error-too-many-title = 請求過多
error-too-many-message = 短時間內來自此處的請求過多。請稍候再試一次。
