# Webhooks: Minha conta → Lojas → loja → Webhooks
webhooks-title = Webhooks
webhooks-intro = O Sellerdesk envia os eventos desta loja (respostas dos atendentes, respostas automáticas, atribuições, transferências, encerramentos e reaberturas) para o endereço da sua integração assim que acontecem, assinados com o segredo do endpoint. Notas internas nunca são enviadas.
webhooks-empty = Nenhum endpoint de webhook ainda. Adicione um abaixo.
webhooks-back-to-store = Voltar para a loja
webhooks-back = Voltar para os webhooks
webhooks-manage = { $count ->
    [0] Configurar webhooks
    [one] Gerenciar { $count } endpoint de webhook
   *[other] Gerenciar { $count } endpoints de webhook
}
webhooks-gave-up-count = { $count ->
    [one] { $count } endpoint de webhook foi pausado porque continuava falhando. Verifique-o e retome-o.
   *[other] { $count } endpoints de webhook foram pausados porque continuavam falhando. Verifique-os e retome-os.
}
webhook-title = Endpoint de webhook
webhook-add = Adicionar um endpoint
webhook-edit = Alterar o endpoint
webhook-field-url = URL
webhook-url-hint = Um endereço https://. Para desenvolvimento local, também é aceito http:// para esta máquina (localhost ou 127.0.0.1).
webhook-field-events = Eventos
webhook-events-hint = Marque pelo menos um. Notas internas nunca são enviadas.
webhook-event-message-created = Resposta ou resposta automática
webhook-event-conversation-assigned = Chat atribuído
webhook-event-conversation-returned = Chat devolvido à fila
webhook-event-conversation-transferred = Chat transferido
webhook-event-conversation-closed = Chat encerrado
webhook-event-conversation-reopened = Chat reaberto
webhook-event-test = Evento de teste
webhook-status-paused = Pausado
webhook-status-gave-up = Pausado após falhas
webhook-status-retrying = Tentando novamente
webhook-secret-shown-once = Este é o segredo de assinatura do endpoint. Ele é exibido uma única vez: copie-o agora para a sua integração, que o usa para verificar o cabeçalho Sellerdesk-Signature.
webhook-paused-notice = Este endpoint está pausado: os eventos ficam aguardando e são enviados, em ordem, quando você o retomar.
webhook-gave-up-notice = O Sellerdesk pausou este endpoint porque as entregas falharam por tempo demais. Corrija o receptor e depois retome o endpoint: os eventos em espera serão enviados em ordem.
webhook-retrying-notice = A última entrega falhou. O Sellerdesk tentará novamente em { $time }; os eventos seguintes aguardam até que ela seja concluída.
webhook-pause = Pausar
webhook-resume = Retomar
webhook-send-test = Enviar um evento de teste
webhook-delete = Excluir
webhook-delete-title = Excluir este endpoint de webhook?
webhook-delete-message = { $url } não receberá mais eventos, e o registro de entregas dele será excluído. Esta ação não pode ser desfeita.
webhook-deliveries = Registro de entregas
webhook-deliveries-hint = As 50 entregas mais recentes, das mais novas para as mais antigas, com a resposta do receptor.
webhook-deliveries-empty = Nada foi entregue a este endpoint ainda.
webhook-delivery-time = Horário
webhook-delivery-event = Evento
webhook-delivery-attempts = Tentativas
webhook-delivery-answer = Resposta
webhook-delivery-delivered = Entregue
webhook-delivery-retrying = Tentando novamente
webhook-delivery-failed = Falhou
webhook-delivery-next = próxima tentativa em { $time }
webhook-resend = Reenviar
webhook-created = Endpoint adicionado.
webhook-saved = Endpoint salvo.
webhook-paused = Endpoint pausado.
webhook-resumed = Endpoint retomado: os eventos em espera estão sendo enviados.
webhook-deleted = Endpoint excluído.
webhook-test-delivered = O evento de teste foi entregue.
webhook-test-failed = O evento de teste não foi entregue: { $reason }
webhook-resend-delivered = O evento foi entregue novamente.
webhook-resend-failed = O evento não foi entregue: { $reason }
webhook-answered = o receptor respondeu com o código { $status }
error-webhook-url-required = Informe a URL para onde os eventos serão enviados.
error-webhook-url-invalid = Informe um endereço web completo, como https://erp.example.com/sellerdesk, sem nome de usuário nem senha.
error-webhook-url-https = Use https://. http:// simples só é aceito para esta máquina (localhost ou 127.0.0.1).
error-webhook-url-self = Este é o endereço do próprio Sellerdesk: informe o endereço da sua integração.
error-webhook-events-required = Marque pelo menos um evento.
webhook-event-conversation-rating-requested = Chat encerrado: pedir uma avaliação ao comprador
webhook-event-conversation-rated = O comprador avaliou o chat
