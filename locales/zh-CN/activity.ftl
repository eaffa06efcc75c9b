area-accounts = 账号
area-settings = 设置

action-created = 已创建
action-updated = 已更新
action-signed-in = 已登录
action-signed-out = 已退出登录
action-sign-in-failed = 登录失败
