chat-assignment-intro = Elige una tienda para decidir qué grupos de tu equipo reciben los chats de sus compradores.
chat-assignment-no-stores = Aún no hay tiendas que puedas administrar. Las tiendas se agregan en Mi cuenta → Tiendas.
chat-assignment-groups = Grupos
chat-assignment-members = Miembros
chat-assignment-view-details = Ver detalles
chat-assignment-back = Volver a todas las tiendas
chat-assignment-store-sections = Secciones de la tienda
chat-assignment-assigned-groups = Grupos asignados

groups-empty = Aún no hay grupos. Crea un grupo para decidir quién responde los chats de esta tienda.
groups-create-now = Crear ahora
groups-create-new = Crear nuevo grupo
groups-create = Crear grupo
groups-edit = Editar
groups-edit-title = Grupo “{ $name }”
groups-rename = Cambiar nombre
groups-modify-members = Modificar miembros
groups-change-sources = Cambiar orígenes de chat
groups-close = Cerrar
groups-reopen = Reabrir
groups-sources = Orígenes de chat
groups-sources-hint = Los chats que recibe este grupo, según dónde los inició el comprador.
groups-members-hint = Solo las subcuentas con acceso a esta tienda (permiso de Webchat) pueden ser miembros.
groups-no-eligible = Aún no hay ninguna subcuenta con acceso a esta tienda. Otórgalo en Mi cuenta → Subcuentas.
groups-no-members = Sin miembros
groups-field-name = Nombre del grupo
group-created = Se creó el grupo.
group-saved = Se guardó el grupo.
group-closed = Se cerró el grupo. Conserva su configuración y no recibe chats nuevos.
group-reopened = Se reabrió el grupo.
group-deleted = Se eliminó el grupo.
group-delete = Eliminar
group-delete-title = ¿Eliminar este grupo?
group-delete-message = Se eliminará el grupo “{ $name }” junto con sus miembros y orígenes de chat. Sus chats abiertos volverán a distribuirse. Esta acción no se puede deshacer.
error-group-name-required = Ingresa un nombre para el grupo.
error-group-name-invalid = El nombre del grupo debe tener como máximo 40 caracteres.
error-group-name-taken = Esta tienda ya tiene un grupo con este nombre.
error-group-sources-required = Elige al menos un origen de chat.
error-group-source-invalid = Elige los orígenes de chat de la lista.
error-group-member-ineligible = Solo las subcuentas con acceso a esta tienda pueden ser miembros.

source-product-page = Página del producto
source-shop-page = Página de la tienda
source-order = Pedido
source-after-sales = Posventa (devolución/reembolso)
source-livestream = Transmisión en vivo
source-campaign = Campaña/anuncios
source-other = Otro

auto-reply-title = Respuesta automática
auto-reply-hint = Se envía a un comprador como máximo una vez cada 24 horas, cuando escribe. También es el mensaje público de la tienda en la página de chat para compradores.
auto-reply-enabled = Enviar la respuesta automática
auto-reply-text = Mensaje
auto-reply-preview = Vista previa, tal como la ve el comprador
auto-reply-saved = Se guardó la respuesta automática.
off-work-title = Respuesta automática fuera de horario
off-work-hint = Se envía en lugar de la respuesta automática fuera del horario de atención. Los horarios están en la zona horaria de la tienda ({ $zone }).
off-work-enabled = Enviar esta respuesta fuera del horario de atención
off-work-saved = Se guardaron la respuesta fuera de horario y el horario de atención.
working-hours = Horario de atención
working-hours-hint = Por día, una o más franjas horarias, como 09:00-12:00, 13:00-18:00. Deja vacío un día cuando el equipo no trabaje.
error-reply-too-long = El mensaje debe tener como máximo 600 caracteres.
error-reply-required = Ingresa el mensaje que se enviará o desactiva la respuesta.
error-hours-format = Escribe las franjas horarias como 09:00-12:00, separadas por comas.
error-hours-empty-slot = Cada franja horaria debe terminar después de comenzar.
error-hours-overlap = Las franjas horarias de un mismo día no deben superponerse.
error-hours-required = Ingresa el horario de atención de al menos un día.

weekday-monday = Lunes
weekday-tuesday = Martes
weekday-wednesday = Miércoles
weekday-thursday = Jueves
weekday-friday = Viernes
weekday-saturday = Sábado
weekday-sunday = Domingo

quick-replies-title = Respuestas rápidas
quick-replies-hint = Respuestas predefinidas que tu equipo puede insertar en Webchat, hasta { $max } por tienda.
quick-replies-empty = Aún no hay respuestas rápidas.
quick-reply-shortcut = Atajo
quick-reply-text = Texto
quick-reply-add = Agregar respuesta rápida
quick-reply-saved = Se guardó la respuesta rápida.
quick-reply-deleted = Se eliminó la respuesta rápida.
quick-reply-delete = Eliminar
quick-reply-delete-title = ¿Eliminar esta respuesta rápida?
quick-reply-delete-message = Se eliminará la respuesta rápida “{ $shortcut }”. Esta acción no se puede deshacer.
error-quick-shortcut-required = Ingresa un atajo.
error-quick-shortcut-invalid = El atajo debe tener como máximo 30 caracteres.
error-quick-shortcut-taken = Esta tienda ya tiene una respuesta rápida con este atajo.
error-quick-text-required = Ingresa el texto de la respuesta rápida.
error-quick-limit = Esta tienda ya tiene la cantidad máxima de respuestas rápidas.

error-message-empty = Escribe un mensaje primero.
error-message-too-long = El mensaje es demasiado largo (máximo 2.000 caracteres).

agent-status-label = Mi estado
agent-status-online = En línea
agent-status-idle = Ocupado
agent-status-offline = Desconectado
agent-status-saved = Tu estado se actualizó.
webchat-conversations = Conversaciones
webchat-tab-mine = Mías
webchat-tab-queue = Cola
webchat-tab-all = Todas
webchat-filter-store = Tienda
webchat-all-stores = Todas las tiendas
webchat-empty = No hay conversaciones aquí.
webchat-unread = { $count } sin leer
webchat-auto-reply = Respuesta automática
webchat-take = Tomar este chat
webchat-reply = Responder
webchat-send = Enviar
webchat-close = Cerrar conversación
webchat-reopen = Reabrir
webchat-pick = Elige una conversación para leerla y responderla.
conversation-taken = El chat ahora es tuyo.
conversation-closed = La conversación se cerró.
conversation-reopened = La conversación se reabrió.
webchat-transfer-to = Transferir a
webchat-transfer = Transferir
conversation-transferred = La conversación se transfirió.
buyer-store-says = La tienda dice
buyer-your-name = Tu nombre
buyer-start-chat = Empezar a chatear
buyer-message = Tu mensaje
buyer-start = Escribe tu pregunta y el equipo de la tienda te responderá aquí.
capacity-title = Capacidad del Webchat
capacity-label = Máximo de chats abiertos por agente
capacity-hint = Los chats nuevos van al miembro en línea con más espacio; por encima de este número el agente no recibe chats nuevos de esta tienda.
capacity-saved = La capacidad se guardó.
error-capacity-invalid = Ingresa un número entero del 1 al 100.

conversation-conflict-taken = { $name } tomó este chat hace un momento.
conversation-conflict-moved = Este chat pasó a { $name } hace un momento; no se cambió nada.
conversation-conflict-returned = Este chat volvió a la cola hace un momento; no se cambió nada.
conversation-conflict-closed = Este chat se cerró hace un momento; no se cambió nada.
conversation-conflict-buyer-open = Este comprador tiene un chat abierto más reciente con la tienda; respóndele allí.
error-transfer-target = Ese compañero o grupo ya no puede recibir este chat. Elige otro.
webchat-older = Conversaciones más antiguas
webchat-unsent-draft = Tu respuesta, sin enviar:
error-hours-too-many = Un día puede tener como máximo 6 franjas horarias.

## Quién hizo qué
webchat-owner = Responsable: { $name }
webchat-owner-none = Esperando en la cola
webchat-group = Grupo: { $name }
webchat-note = Nota interna
webchat-note-hint = Solo tu equipo ve las notas; el comprador nunca las ve.
webchat-note-add = Agregar nota
webchat-note-by = Nota de { $name } (solo para el equipo)
webchat-note-added = Se agregó la nota. Solo tu equipo la ve.
webchat-transfer-note = Nota para el siguiente agente (opcional)
webchat-line-assigned = Asignado a { $target }
webchat-line-taken = { $actor } tomó el chat
webchat-line-transferred = { $actor } transfirió el chat a { $target }
webchat-line-returned = El chat volvió a la cola
webchat-line-closed-by = { $actor } cerró el chat
webchat-line-closed = El chat se cerró
webchat-line-reopened-by = { $actor } reabrió el chat
webchat-line-reopened = El comprador volvió a escribir: el chat se reabrió

## Cola y búsqueda
webchat-search = Buscar
webchat-search-hint = Comprador, mensaje o número de pedido
webchat-search-empty = Ninguna conversación coincide con esta búsqueda.
webchat-waiting-minutes = { $minutes ->
    [one] esperando desde hace { $minutes } minuto
   *[other] esperando desde hace { $minutes } minutos
}
webchat-waiting-hours = { $hours ->
    [one] esperando desde hace { $hours } hora
   *[other] esperando desde hace { $hours } horas
}
webchat-waiting-days = { $days ->
    [one] esperando desde hace { $days } día
   *[other] esperando desde hace { $days } días
}

buyer-chat-closed = El chat fue cerrado por la tienda. Vuelve a escribir para iniciar uno nuevo.

## Panel del equipo
team-title = Equipo
team-back = Volver a la bandeja de entrada
team-intro = Consulta si cada miembro que responde los chats de tus tiendas está En línea, Ocupado o Desconectado, desde cuándo y cuántos chats abiertos tiene. Si un agente no tiene ninguna página de Webchat abierta durante un rato, pasa a Desconectado.
team-empty = Aún no hay miembros que respondan chats en tus tiendas. Agrega miembros a los Grupos asignados en Asignación de chats.
team-since = Desde
team-open-chats = Chats abiertos

webchat-back-to-list = Volver a las conversaciones

## Avisos y redacción
alert-new-message = Un comprador escribió en uno de tus chats.
alert-new-chat = Hay un chat nuevo esperando en tu cola.
alert-sound-on = Sonido: activado
alert-sound-off = Sonido: desactivado
alert-notifications = Notificaciones de escritorio
webchat-keys = Enter envía; Shift+Enter crea una nueva línea.
webchat-keys-quick = Enter envía; Shift+Enter crea una nueva línea; escribe / para usar las respuestas rápidas.
webchat-earlier = Mensajes anteriores
webchat-new-messages = Mensajes nuevos ↓
webchat-newest = Mensajes más recientes

undelivered-title = No entregadas
undelivered-intro = Respuestas que, según la integración de la tienda, no llegaron al comprador en el marketplace, de la más reciente a la más antigua. Abre el chat para volver a responder.
undelivered-empty = No hay respuestas reportadas como no entregadas.
undelivered-reported = Reportada
undelivered-buyer = Comprador
undelivered-reply = Respuesta
undelivered-reason = Motivo
delivery-delivered = Entregada
delivery-failed = No entregada

guard-title = Control del tiempo de respuesta
guard-hint = Mantiene los chats de esta tienda respondidos a tiempo. Webchat muestra los chats que esperan respuesta, con el plazo más próximo primero.
guard-target-label = Objetivo de primera respuesta (minutos)
guard-target-hint = En cuánto tiempo debe recibir un comprador la primera respuesta. Los chats que lo superen se muestran como atrasados.
guard-reassign-label = Reasignar un chat sin respuesta después de (minutos)
guard-reassign-hint = Un chat cuyo agente no haya respondido al comprador en este tiempo pasa a otro miembro En línea. 0 = nunca.
guard-return-label = Devolver al comprador a su agente dentro de (horas)
guard-return-hint = Un comprador que vuelva a escribir dentro de este tiempo pasa al agente que le respondió por última vez, si ese agente está En línea. 0 = nunca.
guard-saved = Se guardó el control del tiempo de respuesta.
error-guard-target-invalid = Ingresa un número entero de minutos del 1 al 1.440.
error-guard-reassign-invalid = Ingresa un número entero de minutos del 0 al 1.440.
error-guard-return-invalid = Ingresa un número entero de horas del 0 al 720.
rate-rule-title = Tasa de respuesta del marketplace
rate-rule-hint = La regla que usa tu marketplace para evaluar la respuesta a los chats de esta tienda. La predeterminada es la de Shopee: chats nuevos respondidos en un máximo de 12 horas, durante los últimos 90 días, sin contar las respuestas automáticas.
rate-rule-limit-label = Plazo de respuesta (horas)
rate-rule-window-label = Período (días)
rate-rule-auto-label = Las respuestas automáticas cuentan como respuesta
rate-rule-started-hint = Los chats iniciados por el vendedor nunca cuentan: en Sellerdesk todos los chats empiezan con un mensaje del comprador.
rate-rule-saved = Se guardó la regla del marketplace.
error-rate-limit-invalid = Ingresa un número entero de horas del 1 al 168.
error-rate-window-invalid = Ingresa un número entero de días del 1 al 365.
at-risk-title = En riesgo
at-risk-intro = Chats cuyo comprador espera una respuesta, con el plazo más próximo primero. Los tiempos hacen la cuenta regresiva hasta el objetivo de primera respuesta de la tienda y hasta el plazo de respuesta del marketplace.
at-risk-empty = Ningún comprador espera una respuesta. ¡Bien hecho!
at-risk-count = { $count ->
    [one] 1 chat esperando respuesta
   *[other] { $count } chats esperando respuesta
}
at-risk-agent = Agente
at-risk-queue = Esperando en la cola
at-risk-waiting-since = Esperando desde
at-risk-target = Tiempo restante: objetivo
at-risk-limit = Tiempo restante: marketplace
at-risk-late = Atrasado
rating-question = ¿Cómo calificarías este chat?
rating-score-label = { $score ->
    [one] 1 estrella
   *[other] { $score } estrellas
}
rating-comment = ¿Quieres decirle algo a la tienda? (opcional)
rating-send = Enviar calificación
rating-thanks = ¡Gracias! Calificaste este chat con { $score } de 5.
error-rating-score = Elige de 1 a 5 estrellas.
error-rating-comment-too-long = El comentario debe tener como máximo 500 caracteres.
error-rating-open = Este chat se reabrió: podrás calificarlo cuando se cierre.
error-rating-given = Ya calificaste este chat.
rating-invite = Califica este chat
