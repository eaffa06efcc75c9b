field-username = Nombre de usuario
field-display-name = Nombre visible
field-email = Correo electrónico
field-password = Contraseña
field-password-confirm = Confirma la contraseña
password-rules-hint = Al menos 8 caracteres, y distinta de tu nombre de usuario.

setup-title = Configurar Sellerdesk
setup-intro = Crea la cuenta principal de tu tienda. Después podrás agregar tiendas y subcuentas para tu equipo.
setup-username-hint = De 3 a 32 letras minúsculas, dígitos, puntos, guiones o guiones bajos. Tu equipo iniciará sesión como username:member.
setup-submit = Crear cuenta principal
setup-done = Tu cuenta principal está lista. ¡Te damos la bienvenida a Sellerdesk!

login-title = Iniciar sesión
login-username-hint = Cuenta principal: tu nombre de usuario. Subcuenta: main:member, por ejemplo chenshop:jiajia.
login-submit = Iniciar sesión
login-error-missing = Ingresa tu nombre de usuario y tu contraseña.
login-error-invalid = El nombre de usuario o la contraseña son incorrectos.
login-error-throttled = Demasiados intentos fallidos de inicio de sesión. Espera 15 minutos e inténtalo de nuevo.
login-error-disabled = Esta cuenta fue desactivada. Comunícate con tu cuenta principal.
logout-done = Cerraste sesión.

error-username-invalid = Usa de 3 a 32 letras minúsculas, dígitos, puntos, guiones o guiones bajos, comenzando con una letra o un dígito.
error-display-name-required = Ingresa un nombre visible.
error-display-name-invalid = El nombre visible debe tener como máximo 64 caracteres, sin caracteres de control.
error-email-required = Ingresa una dirección de correo electrónico.
error-email-invalid = Ingresa una dirección de correo electrónico válida, como name@example.com.
error-password-too-short = La contraseña debe tener al menos 8 caracteres.
error-password-too-long = La contraseña es demasiado larga (máximo 72 bytes; menos caracteres en alfabetos no latinos).
error-password-is-username = La contraseña no puede ser igual al nombre de usuario.
error-password-mismatch = Las dos contraseñas no coinciden.
