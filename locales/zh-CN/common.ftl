# 该语言的自称，显示在每个语言菜单中。
language-native-name = 简体中文
app-name = Sellerdesk
layout-skip-to-content = 跳到主要内容
language-menu-label = 语言
language-menu-apply = 切换
nav-label = 主导航
nav-home = 首页
nav-sign-out = 退出登录
form-error-summary = 请修正以下问题：

home-title = 首页
home-welcome = 欢迎，{ $name }。

error-go-home = 返回首页
error-bad-request-title = 请求有误
error-bad-request-message = 无法识别该请求。请返回后重试。
error-too-large-message = 提交的内容过大。请精简后重试。
error-forbidden-title = 无权访问
error-forbidden-message = 您没有权限打开此页面。如有需要，请向主账号申请权限。
error-csrf-message = 此表单已过期，或来自其他来源。未做任何更改。请刷新页面后重试。
error-not-found-title = 页面不存在
error-not-found-message = 您访问的页面不存在或已失效。
error-unavailable-title = 暂时无法使用
error-unavailable-message = Sellerdesk 暂时无法连接数据库。请稍后再试。
error-internal-title = 出错了
error-internal-message = 发生意外错误，未做其他更改。请重试；如果问题持续出现，请联系管理员。

nav-my-account = 我的账号
nav-settings = 设置

action-save = 保存
action-cancel = 取消
action-search = 搜索

field-status = 状态
field-created = 创建时间
field-actions = 操作
field-time-zone = 时区

status-active = 已启用
status-deactivated = 已停用
status-disabled = 已停用
status-revoked = 已撤销

pagination-label = 分页
pagination-previous = 上一页
pagination-next = 下一页
pagination-page-of = 第 { $page } 页，共 { $pages } 页

settings-language = 界面语言
settings-time-zone-hint = Sellerdesk 中的所有时间均按此时区显示。
settings-saved = 设置已保存。
error-language-invalid = 请从提供的语言中选择一种。
error-time-zone-invalid = 请从列表中选择时区。

nav-chat-assignment = 聊天分配
status-closed = 已关闭
state-on = 已开启
state-off = 未开启

home-getting-started = 新手入门
home-step-store = 添加您的平台店铺
home-step-sub-accounts = 为客服团队创建子账号，并授予店铺权限
home-step-groups = 创建聊天群组，接待各店铺的聊天
home-step-auto-reply = 开启店铺的自动回复
home-step-done = 已完成
home-areas = 快捷入口

error-conflict-title = 同时被修改
error-conflict-message = 其他人在同一时间保存了相同的内容，因此您的更改未生效。请刷新页面后重试。

nav-webchat = Webchat
action-filter = 筛选
error-too-many-title = 请求过多
error-too-many-message = 短时间内来自此处的请求过多。请稍后重试。
