area-accounts = Contas
area-settings = Configurações

action-created = Criado
action-updated = Atualizado
action-signed-in = Entrou
action-signed-out = Saiu
action-sign-in-failed = Falha no login
