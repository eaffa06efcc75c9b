area-accounts = Contas
area-settings = Configurações

action-created = Criado
action-updated = Atualizado
action-signed-in = Entrou
action-signed-out = Saiu
action-sign-in-failed = Falha no login
area-stores = Lojas

action-deleted = Excluído
action-enabled = Ativado
action-disabled = Desativado
action-granted = Acesso à loja concedido
action-revoked = Revogado
action-password-changed = Senha alterada
action-password-reset = Senha redefinida

object-account = Conta
object-store = Loja
object-api-token = Token de API
object-role = Função

area-chat-assignment = Atribuição de chats
action-closed = Fechado
action-reopened = Reaberto
object-chat-group = Grupo de chat
object-quick-reply = Resposta rápida

area-webchat = Webchat
action-status-changed = Status alterado
object-conversation = Conversa
action-transferred = Transferida

area-performance = Dados de desempenho
area-activity-log = Registro de atividades
action-exported = Exportado
object-report = Relatório
