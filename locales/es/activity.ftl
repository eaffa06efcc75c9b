area-accounts = Cuentas
area-settings = Configuración

action-created = Creado
action-updated = Actualizado
action-signed-in = Inició sesión
action-signed-out = Cerró sesión
action-sign-in-failed = Inicio de sesión fallido
area-stores = Tiendas

action-deleted = Eliminado
action-enabled = Activado
action-disabled = Desactivado
action-granted = Acceso a tienda otorgado
action-revoked = Revocado
action-password-changed = Contraseña cambiada
action-password-reset = Contraseña restablecida

object-account = Cuenta
object-store = Tienda
object-api-token = Token de API
object-role = Rol

area-chat-assignment = Asignación de chats
action-closed = Cerrado
action-reopened = Reabierto
object-chat-group = Grupo de chat
object-quick-reply = Respuesta rápida

area-webchat = Webchat
action-status-changed = Estado cambiado
object-conversation = Conversación
action-transferred = Transferida

area-performance = Datos de rendimiento
area-activity-log = Registro de actividad
action-exported = Exportado
object-report = Informe
