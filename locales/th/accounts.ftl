field-username = Username
field-display-name = Display name
field-email = Email
field-password = Password
field-password-confirm = Password again
password-rules-hint = At least 8 characters, and not your username.

setup-title = Set up Sellerdesk
setup-intro = Create the main account of your shop. You can add stores and staff sub-accounts after this.
setup-username-hint = 3–32 lower-case letters, digits, dots, dashes or underscores. Your staff will sign in as username:member.
setup-submit = Create main account
setup-done = Your main account is ready. Welcome to Sellerdesk!

login-title = Sign in
login-username-hint = Main account: your username. Sub-account: main:member, for example chenshop:jiajia.
login-submit = Sign in
login-error-missing = Enter your username and password.
login-error-invalid = The username or password is incorrect.
login-error-throttled = Too many failed sign-in attempts. Please wait 15 minutes and try again.
login-error-disabled = This account has been disabled. Contact your main account.
logout-done = You have signed out.

error-username-invalid = Use 3–32 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.
error-display-name-required = Enter a display name.
error-display-name-invalid = The display name must be at most 64 characters, without control characters.
error-email-required = Enter an email address.
error-email-invalid = Enter a valid email address, such as name@example.com.
error-password-too-short = The password must have at least 8 characters.
error-password-too-long = The password is too long (at most 72 bytes; fewer characters for non-Latin scripts).
error-password-is-username = The password must not be the same as the username.
error-password-mismatch = The two passwords do not match.
