chat-assignment-intro = Escolha uma loja para definir quais grupos da sua equipe recebem os chats dos compradores dela.
chat-assignment-no-stores = Ainda não há lojas que você possa gerenciar. As lojas são adicionadas em Minha conta → Lojas.
chat-assignment-groups = Grupos
chat-assignment-members = Membros
chat-assignment-view-details = Ver detalhes
chat-assignment-back = Voltar para todas as lojas
chat-assignment-store-sections = Seções da loja
chat-assignment-assigned-groups = Grupos atribuídos

groups-empty = Nenhum grupo ainda. Crie um grupo para definir quem responde aos chats desta loja.
groups-create-now = Criar agora
groups-create-new = Criar novo grupo
groups-create = Criar grupo
groups-edit = Editar
groups-edit-title = Grupo “{ $name }”
groups-rename = Renomear
groups-modify-members = Alterar membros
groups-change-sources = Alterar origens de chat
groups-close = Fechar
groups-reopen = Reabrir
groups-sources = Origens de chat
groups-sources-hint = Os chats que este grupo recebe, de acordo com onde o comprador os iniciou.
groups-members-hint = Somente subcontas com acesso a esta loja (permissão de Webchat) podem ser membros.
groups-no-eligible = Nenhuma subconta tem acesso a esta loja ainda. Conceda o acesso em Minha conta → Subcontas.
groups-no-members = Nenhum membro
groups-field-name = Nome do grupo
group-created = O grupo foi criado.
group-saved = O grupo foi salvo.
group-closed = O grupo foi fechado. Ele mantém as configurações e não recebe novos chats.
group-reopened = O grupo foi reaberto.
group-deleted = O grupo foi excluído.
group-delete = Excluir
group-delete-title = Excluir este grupo?
group-delete-message = O grupo “{ $name }” será excluído com seus membros e origens de chat. Os chats abertos dele voltarão a ser distribuídos. Esta ação não pode ser desfeita.
error-group-name-required = Informe um nome para o grupo.
error-group-name-invalid = O nome do grupo deve ter no máximo 40 caracteres.
error-group-name-taken = Esta loja já tem um grupo com este nome.
error-group-sources-required = Escolha pelo menos uma origem de chat.
error-group-source-invalid = Escolha as origens de chat da lista.
error-group-member-ineligible = Somente subcontas com acesso a esta loja podem ser membros.

source-product-page = Página do produto
source-shop-page = Página da loja
source-order = Pedido
source-after-sales = Pós-venda (devolução/reembolso)
source-livestream = Transmissão ao vivo
source-campaign = Campanha/anúncios
source-other = Outra

auto-reply-title = Resposta automática
auto-reply-hint = Enviada a um comprador no máximo uma vez a cada 24 horas, quando ele escreve. Também é a mensagem pública da loja na página de chat do comprador.
auto-reply-enabled = Enviar a resposta automática
auto-reply-text = Mensagem
auto-reply-preview = Prévia, como o comprador vê
auto-reply-saved = A resposta automática foi salva.
off-work-title = Resposta automática fora do expediente
off-work-hint = Enviada no lugar da resposta automática fora do horário de atendimento. Os horários seguem o fuso horário da loja ({ $zone }).
off-work-enabled = Enviar esta resposta fora do horário de atendimento
off-work-saved = A resposta fora do expediente e o horário de atendimento foram salvos.
working-hours = Horário de atendimento
working-hours-hint = Por dia, um ou mais intervalos de horário, como 09:00-12:00, 13:00-18:00. Deixe o dia em branco quando a equipe não trabalhar.
error-reply-too-long = A mensagem deve ter no máximo 600 caracteres.
error-reply-required = Informe a mensagem a ser enviada ou desative a resposta.
error-hours-format = Escreva os intervalos de horário como 09:00-12:00, separados por vírgulas.
error-hours-empty-slot = Cada intervalo de horário deve terminar depois de começar.
error-hours-overlap = Os intervalos de horário de um mesmo dia não podem se sobrepor.
error-hours-required = Informe o horário de atendimento de pelo menos um dia.

weekday-monday = Segunda-feira
weekday-tuesday = Terça-feira
weekday-wednesday = Quarta-feira
weekday-thursday = Quinta-feira
weekday-friday = Sexta-feira
weekday-saturday = Sábado
weekday-sunday = Domingo

quick-replies-title = Respostas rápidas
quick-replies-hint = Respostas prontas que a sua equipe pode inserir no Webchat, até { $max } por loja.
quick-replies-empty = Nenhuma resposta rápida ainda.
quick-reply-shortcut = Atalho
quick-reply-text = Texto
quick-reply-add = Adicionar resposta rápida
quick-reply-saved = A resposta rápida foi salva.
quick-reply-deleted = A resposta rápida foi excluída.
quick-reply-delete = Excluir
quick-reply-delete-title = Excluir esta resposta rápida?
quick-reply-delete-message = A resposta rápida “{ $shortcut }” será excluída. Esta ação não pode ser desfeita.
error-quick-shortcut-required = Informe um atalho.
error-quick-shortcut-invalid = O atalho deve ter no máximo 30 caracteres.
error-quick-shortcut-taken = Esta loja já tem uma resposta rápida com este atalho.
error-quick-text-required = Informe o texto da resposta rápida.
error-quick-limit = Esta loja já atingiu o número máximo de respostas rápidas.

error-message-empty = Escreva uma mensagem primeiro.
error-message-too-long = A mensagem é longa demais (no máximo 2.000 caracteres).

agent-status-label = Meu status
agent-status-online = Online
agent-status-idle = Ocupado
agent-status-offline = Offline
agent-status-saved = Seu status foi atualizado.
webchat-conversations = Conversas
webchat-tab-mine = Minhas
webchat-tab-queue = Fila
webchat-tab-all = Todas
webchat-filter-store = Loja
webchat-all-stores = Todas as lojas
webchat-empty = Nenhuma conversa aqui.
webchat-unread = { $count ->
    [one] { $count } não lida
   *[other] { $count } não lidas
}
webchat-auto-reply = Resposta automática
webchat-take = Assumir este chat
webchat-reply = Responder
webchat-send = Enviar
webchat-close = Encerrar conversa
webchat-reopen = Reabrir
webchat-pick = Escolha uma conversa para ler e responder.
conversation-taken = O chat agora é seu.
conversation-closed = A conversa foi encerrada.
conversation-reopened = A conversa foi reaberta.
webchat-transfer-to = Transferir para
webchat-transfer = Transferir
conversation-transferred = A conversa foi transferida.
buyer-store-says = A loja diz
buyer-your-name = Seu nome
buyer-start-chat = Começar a conversar
buyer-message = Sua mensagem
buyer-start = Escreva sua pergunta e a equipe da loja responderá aqui.
capacity-title = Capacidade do Webchat
capacity-label = Máximo de chats abertos por atendente
capacity-hint = Chats novos vão para o membro online com mais espaço; acima deste número o atendente não recebe novos chats desta loja.
capacity-saved = A capacidade foi salva.
error-capacity-invalid = Informe um número inteiro de 1 a 100.

conversation-conflict-taken = { $name } assumiu este chat agora há pouco.
conversation-conflict-moved = Este chat passou para { $name } agora há pouco; nada foi alterado.
conversation-conflict-returned = Este chat voltou para a fila agora há pouco; nada foi alterado.
conversation-conflict-closed = Este chat foi encerrado agora há pouco; nada foi alterado.
conversation-conflict-buyer-open = Este comprador tem um chat aberto mais recente com a loja; responda por lá.
error-transfer-target = Esse colega ou grupo não pode mais receber este chat. Escolha outro.
webchat-older = Conversas mais antigas
webchat-unsent-draft = Sua resposta, não enviada:
error-hours-too-many = Um dia pode ter no máximo 6 intervalos de horário.

## Quem fez o quê
webchat-owner = Responsável: { $name }
webchat-owner-none = Aguardando na fila
webchat-group = Grupo: { $name }
webchat-note = Nota interna
webchat-note-hint = Somente sua equipe vê as notas; o comprador nunca as vê.
webchat-note-add = Adicionar nota
webchat-note-by = Nota de { $name } (somente para a equipe)
webchat-note-added = Nota adicionada. Somente sua equipe pode vê-la.
webchat-transfer-note = Nota para o próximo atendente (opcional)
webchat-line-assigned = Atribuído a { $target }
webchat-line-taken = { $actor } assumiu o chat
webchat-line-transferred = { $actor } transferiu o chat para { $target }
webchat-line-returned = O chat voltou para a fila
webchat-line-closed-by = { $actor } encerrou o chat
webchat-line-closed = O chat foi encerrado
webchat-line-reopened-by = { $actor } reabriu o chat
webchat-line-reopened = O comprador escreveu de novo: o chat foi reaberto

## Fila e busca
webchat-search = Buscar
webchat-search-hint = Comprador, mensagem ou número do pedido
webchat-search-empty = Nenhuma conversa corresponde a esta busca.
webchat-waiting-minutes = { $minutes ->
    [one] aguardando há { $minutes } minuto
   *[other] aguardando há { $minutes } minutos
}
webchat-waiting-hours = { $hours ->
    [one] aguardando há { $hours } hora
   *[other] aguardando há { $hours } horas
}
webchat-waiting-days = { $days ->
    [one] aguardando há { $days } dia
   *[other] aguardando há { $days } dias
}

buyer-chat-closed = A loja encerrou este chat. Escreva de novo para iniciar um novo.

## Painel da equipe
team-title = Equipe
team-back = Voltar para a caixa de entrada
team-intro = Veja se cada membro que responde aos chats das suas lojas está Online, Ocupado ou Offline, desde quando e quantos chats abertos tem. Um atendente sem nenhuma página do Webchat aberta por algum tempo passa para Offline.
team-empty = Nenhum membro responde aos chats das suas lojas ainda. Adicione membros aos Grupos atribuídos em Atribuição de chats.
team-since = Desde
team-open-chats = Chats abertos

webchat-back-to-list = Voltar para as conversas

## Alertas e caixa de resposta
alert-new-message = Um comprador escreveu em um dos seus chats.
alert-new-chat = Um novo chat está aguardando na sua fila.
alert-sound-on = Som: ligado
alert-sound-off = Som: desligado
alert-notifications = Notificações na área de trabalho
webchat-keys = Enter envia; Shift+Enter quebra a linha.
webchat-keys-quick = Enter envia; Shift+Enter quebra a linha; digite / para usar as respostas rápidas.
webchat-earlier = Mensagens anteriores
webchat-new-messages = Novas mensagens ↓
webchat-newest = Mensagens mais recentes

undelivered-title = Não entregues
undelivered-intro = Respostas que a integração da loja informou que não chegaram ao comprador no marketplace, das mais recentes para as mais antigas. Abra o chat para responder de novo.
undelivered-empty = Nenhuma resposta foi informada como não entregue.
undelivered-reported = Informada em
undelivered-buyer = Comprador
undelivered-reply = Resposta
undelivered-reason = Motivo
delivery-delivered = Entregue
delivery-failed = Não entregue

guard-title = Controle do tempo de resposta
guard-hint = Mantém os chats desta loja respondidos a tempo. O Webchat lista os chats que aguardam resposta, com o prazo mais próximo primeiro.
guard-target-label = Meta de primeira resposta (minutos)
guard-target-hint = Em quanto tempo um comprador deve receber a primeira resposta. Chats que passarem desse tempo aparecem como atrasados.
guard-reassign-label = Reatribuir um chat sem resposta após (minutos)
guard-reassign-hint = Um chat cujo atendente não respondeu ao comprador dentro desse tempo vai para outro membro Online. 0 = nunca.
guard-return-label = Devolver o comprador ao seu atendente em até (horas)
guard-return-hint = Um comprador que escrever de novo dentro desse tempo vai para o atendente que o respondeu por último, se esse atendente estiver Online. 0 = nunca.
guard-saved = O controle do tempo de resposta foi salvo.
error-guard-target-invalid = Informe um número inteiro de minutos de 1 a 1.440.
error-guard-reassign-invalid = Informe um número inteiro de minutos de 0 a 1.440.
error-guard-return-invalid = Informe um número inteiro de horas de 0 a 720.
rate-rule-title = Taxa de resposta do marketplace
rate-rule-hint = A regra que o seu marketplace usa para avaliar a resposta aos chats desta loja. O padrão é a regra da Shopee: novos chats respondidos em até 12 horas, nos últimos 90 dias, sem contar as respostas automáticas.
rate-rule-limit-label = Prazo de resposta (horas)
rate-rule-window-label = Período (dias)
rate-rule-auto-label = Respostas automáticas contam como resposta
rate-rule-started-hint = Chats iniciados pelo vendedor nunca contam: no Sellerdesk, todo chat começa com uma mensagem do comprador.
rate-rule-saved = A regra do marketplace foi salva.
error-rate-limit-invalid = Informe um número inteiro de horas de 1 a 168.
error-rate-window-invalid = Informe um número inteiro de dias de 1 a 365.
at-risk-title = Em risco
at-risk-intro = Chats cujo comprador está aguardando resposta, com o prazo mais próximo primeiro. Os tempos fazem a contagem regressiva até a meta de primeira resposta da loja e até o prazo de resposta do marketplace.
at-risk-empty = Nenhum comprador está aguardando resposta. Muito bem!
at-risk-count = { $count ->
    [one] 1 chat aguardando resposta
   *[other] { $count } chats aguardando resposta
}
at-risk-agent = Atendente
at-risk-queue = Aguardando na fila
at-risk-waiting-since = Aguardando desde
at-risk-target = Tempo restante: meta
at-risk-limit = Tempo restante: marketplace
at-risk-late = Atrasado
rating-question = Como foi este chat?
rating-score-label = { $score ->
    [one] 1 estrela
   *[other] { $score } estrelas
}
rating-comment = Quer dizer algo à loja? (opcional)
rating-send = Enviar avaliação
rating-thanks = Obrigado! Você deu nota { $score } de 5 para este chat.
error-rating-score = Escolha de 1 a 5 estrelas.
error-rating-comment-too-long = O comentário deve ter no máximo 500 caracteres.
error-rating-open = Este chat foi reaberto: você poderá avaliá-lo depois que ele for encerrado.
error-rating-given = Você já avaliou este chat.
rating-invite = Avalie este chat
