area-accounts = 账号
area-settings = 设置

action-created = 已创建
action-updated = 已更新
action-signed-in = 已登录
action-signed-out = 已退出登录
action-sign-in-failed = 登录失败
area-stores = 店铺

action-deleted = 已删除
action-enabled = 已启用
action-disabled = 已停用
action-granted = 已授予店铺权限
action-revoked = 已撤销
action-password-changed = 已修改密码
action-password-reset = 已重置密码

object-account = 账号
object-store = 店铺
object-api-token = API 令牌
object-role = 角色

area-chat-assignment = 聊天分配
action-closed = 已关闭
action-reopened = 已重新开启
object-chat-group = 聊天群组
object-quick-reply = 快捷回复

area-webchat = 在线客服
action-status-changed = 状态已更改
object-conversation = 对话
action-transferred = 已转接

area-performance = 绩效数据
area-activity-log = 操作日志
action-exported = 已导出
object-report = 报表
