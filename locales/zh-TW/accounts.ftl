field-username = 使用者名稱
field-display-name = 顯示名稱
field-email = 電子郵件
field-password = 密碼
field-password-confirm = 確認密碼
password-rules-hint = 至少 8 個字元，且不可與使用者名稱相同。

setup-title = 設定 Sellerdesk
setup-intro = 建立商店的主帳號。之後可以新增商店和員工子帳號。
setup-username-hint = 3–32 個字元，可使用小寫字母、數字、句點、連字號或底線。員工將以 username:member 的格式登入。
setup-submit = 建立主帳號
setup-done = 主帳號已建立。歡迎使用 Sellerdesk！

login-title = 登入
login-username-hint = 主帳號：輸入使用者名稱。子帳號：輸入 main:member，例如 chenshop:jiajia。
login-submit = 登入
login-error-missing = 請輸入使用者名稱和密碼。
login-error-invalid = 使用者名稱或密碼錯誤。
login-error-throttled = 登入失敗次數過多。請等待 15 分鐘後再試一次。
login-error-disabled = 此帳號已停用。請聯絡主帳號。
logout-done = 您已登出。

error-username-invalid = 請使用 3–32 個小寫字母、數字、句點、連字號或底線，且以字母或數字開頭。
error-display-name-required = 請輸入顯示名稱。
error-display-name-invalid = 顯示名稱最多 64 個字元，且不可包含控制字元。
error-email-required = 請輸入電子郵件地址。
error-email-invalid = 請輸入有效的電子郵件地址，例如 name@example.com。
error-password-too-short = 密碼至少需要 8 個字元。
error-password-too-long = 密碼過長（最多 72 位元組；中文等非拉丁文字可輸入的字元數較少）。
error-password-is-username = 密碼不可與使用者名稱相同。
error-password-mismatch = 兩次輸入的密碼不一致。
