area-accounts = 帳號
area-settings = 設定

action-created = 已建立
action-updated = 已更新
action-signed-in = 已登入
action-signed-out = 已登出
action-sign-in-failed = 登入失敗
