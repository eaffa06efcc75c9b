field-username = 用户名
field-display-name = 显示名称
field-email = 邮箱
field-password = 密码
field-password-confirm = 确认密码
password-rules-hint = 至少 8 个字符，且不能与用户名相同。

setup-title = 设置 Sellerdesk
setup-intro = 创建店铺的主账号。之后可以添加店铺和员工子账号。
setup-username-hint = 3–32 个字符，可使用小写字母、数字、点、短横线或下划线。员工将以 username:member 的格式登录。
setup-submit = 创建主账号
setup-done = 主账号已创建。欢迎使用 Sellerdesk！

login-title = 登录
login-username-hint = 主账号：填写用户名。子账号：填写 main:member，例如 chenshop:jiajia。
login-submit = 登录
login-error-missing = 请输入用户名和密码。
login-error-invalid = 用户名或密码错误。
login-error-throttled = 登录失败次数过多。请等待 15 分钟后重试。
login-error-disabled = 此账号已被停用。请联系主账号。
logout-done = 您已退出登录。

error-username-invalid = 请使用 3–32 个小写字母、数字、点、短横线或下划线，且以字母或数字开头。
error-display-name-required = 请输入显示名称。
error-display-name-invalid = 显示名称最多 64 个字符，且不能包含控制字符。
error-email-required = 请输入邮箱地址。
error-email-invalid = 请输入有效的邮箱地址，例如 name@example.com。
error-password-too-short = 密码至少需要 8 个字符。
error-password-too-long = 密码过长（最多 72 字节；中文等非拉丁文字可输入的字符更少）。
error-password-is-username = 密码不能与用户名相同。
error-password-mismatch = 两次输入的密码不一致。
