# Webhooks: Mi cuenta → Tiendas → tienda → Webhooks
webhooks-title = Webhooks
webhooks-intro = Sellerdesk envía los eventos de esta tienda (respuestas de los agentes, respuestas automáticas, asignaciones, transferencias, cierres y reaperturas) a la dirección de tu integración en cuanto ocurren, firmados con el secreto del endpoint. Las notas internas nunca se envían.
webhooks-empty = Aún no hay endpoints de webhook. Agrega uno abajo.
webhooks-back-to-store = Volver a la tienda
webhooks-back = Volver a los webhooks
webhooks-manage = { $count ->
    [0] Configurar webhooks
    [one] Administrar { $count } endpoint de webhook
   *[other] Administrar { $count } endpoints de webhook
}
webhooks-gave-up-count = { $count ->
    [one] Se pausó { $count } endpoint de webhook porque fallaba una y otra vez. Revísalo y reanúdalo.
   *[other] Se pausaron { $count } endpoints de webhook porque fallaban una y otra vez. Revísalos y reanúdalos.
}
webhook-title = Endpoint de webhook
webhook-add = Agregar un endpoint
webhook-edit = Cambiar el endpoint
webhook-field-url = URL
webhook-url-hint = Una dirección https://. Para desarrollo local, también se acepta http:// a este equipo (localhost o 127.0.0.1).
webhook-field-events = Eventos
webhook-events-hint = Marca al menos uno. Las notas internas nunca se envían.
webhook-event-message-created = Respuesta o respuesta automática
webhook-event-conversation-assigned = Chat asignado
webhook-event-conversation-returned = Chat devuelto a la cola
webhook-event-conversation-transferred = Chat transferido
webhook-event-conversation-closed = Chat cerrado
webhook-event-conversation-reopened = Chat reabierto
webhook-event-test = Evento de prueba
webhook-status-paused = Pausado
webhook-status-gave-up = Pausado por fallas
webhook-status-retrying = Reintentando
webhook-secret-shown-once = Este es el secreto de firma del endpoint. Se muestra una sola vez: cópialo ahora en tu integración, que lo usa para verificar el encabezado Sellerdesk-Signature.
webhook-paused-notice = Este endpoint está pausado: los eventos esperan y se envían, en orden, cuando lo reanudes.
webhook-gave-up-notice = Sellerdesk pausó este endpoint porque sus entregas fallaron durante demasiado tiempo. Corrige el receptor y luego reanúdalo: los eventos en espera se enviarán en orden.
webhook-retrying-notice = La última entrega falló. Sellerdesk volverá a intentarlo el { $time }; los eventos posteriores esperan hasta que se entregue.
webhook-pause = Pausar
webhook-resume = Reanudar
webhook-send-test = Enviar un evento de prueba
webhook-delete = Eliminar
webhook-delete-title = ¿Eliminar este endpoint de webhook?
webhook-delete-message = { $url } no recibirá más eventos y se eliminará su registro de entregas. Esta acción no se puede deshacer.
webhook-deliveries = Registro de entregas
webhook-deliveries-hint = Las 50 entregas más recientes, de la más nueva a la más antigua, con la respuesta del receptor.
webhook-deliveries-empty = Aún no se ha entregado nada a este endpoint.
webhook-delivery-time = Hora
webhook-delivery-event = Evento
webhook-delivery-attempts = Intentos
webhook-delivery-answer = Respuesta
webhook-delivery-delivered = Entregada
webhook-delivery-retrying = Reintentando
webhook-delivery-failed = Fallida
webhook-delivery-next = próximo intento el { $time }
webhook-resend = Reenviar
webhook-created = Se agregó el endpoint.
webhook-saved = Se guardó el endpoint.
webhook-paused = Se pausó el endpoint.
webhook-resumed = Se reanudó el endpoint: se están enviando los eventos en espera.
webhook-deleted = Se eliminó el endpoint.
webhook-test-delivered = Se entregó el evento de prueba.
webhook-test-failed = No se entregó el evento de prueba: { $reason }
webhook-resend-delivered = Se volvió a entregar el evento.
webhook-resend-failed = No se entregó el evento: { $reason }
webhook-answered = el receptor respondió con el código { $status }
error-webhook-url-required = Ingresa la URL a la que se enviarán los eventos.
error-webhook-url-invalid = Ingresa una dirección web completa, como https://erp.example.com/sellerdesk, sin nombre de usuario ni contraseña.
error-webhook-url-https = Usa https://. Solo se acepta http:// simple para este equipo (localhost o 127.0.0.1).
error-webhook-url-self = Esta es la dirección del propio Sellerdesk: ingresa la dirección de tu integración.
error-webhook-events-required = Marca al menos un evento.
webhook-event-conversation-rating-requested = Chat cerrado: pedir una calificación al comprador
webhook-event-conversation-rated = El comprador calificó el chat
