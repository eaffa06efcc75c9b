field-username = Nome de usuário
field-display-name = Nome de exibição
field-email = E-mail
field-password = Senha
field-password-confirm = Confirme a senha
password-rules-hint = No mínimo 8 caracteres, e diferente do seu nome de usuário.

setup-title = Configurar o Sellerdesk
setup-intro = Crie a conta principal da sua loja. Depois disso, você poderá adicionar lojas e subcontas para a sua equipe.
setup-username-hint = De 3 a 32 letras minúsculas, números, pontos, hifens ou sublinhados. Sua equipe entrará como username:member.
setup-submit = Criar conta principal
setup-done = Sua conta principal está pronta. Boas-vindas ao Sellerdesk!

login-title = Entrar
login-username-hint = Conta principal: seu nome de usuário. Subconta: main:member, por exemplo chenshop:jiajia.
login-submit = Entrar
login-error-missing = Informe seu nome de usuário e sua senha.
login-error-invalid = Nome de usuário ou senha incorretos.
login-error-throttled = Muitas tentativas de login sem sucesso. Aguarde 15 minutos e tente novamente.
login-error-disabled = Esta conta foi desativada. Entre em contato com a sua conta principal.
logout-done = Você saiu da sua conta.

error-username-invalid = Use de 3 a 32 letras minúsculas, números, pontos, hifens ou sublinhados, começando com uma letra ou um número.
error-display-name-required = Informe um nome de exibição.
error-display-name-invalid = O nome de exibição deve ter no máximo 64 caracteres, sem caracteres de controle.
error-email-required = Informe um endereço de e-mail.
error-email-invalid = Informe um endereço de e-mail válido, como name@example.com.
error-password-too-short = A senha deve ter no mínimo 8 caracteres.
error-password-too-long = A senha é longa demais (no máximo 72 bytes; menos caracteres em alfabetos não latinos).
error-password-is-username = A senha não pode ser igual ao nome de usuário.
error-password-mismatch = As duas senhas não coincidem.
