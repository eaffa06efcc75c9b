# O nome do idioma no próprio idioma, exibido em todos os menus de idioma.
language-native-name = Português (Brasil)
app-name = Sellerdesk
layout-skip-to-content = Pular para o conteúdo
language-menu-label = Idioma
language-menu-apply = Alterar
nav-label = Navegação principal
nav-home = Início
nav-sign-out = Sair
form-error-summary = Corrija os seguintes itens:

home-title = Início
home-welcome = Boas-vindas, { $name }.

error-go-home = Ir para a página inicial
error-bad-request-title = Há algo errado com a solicitação
error-bad-request-message = Não foi possível entender a solicitação. Volte e tente novamente.
error-too-large-message = O conteúdo enviado é grande demais. Reduza o tamanho e tente novamente.
error-forbidden-title = Acesso negado
error-forbidden-message = Você não tem permissão para abrir esta página. Se precisar de acesso, peça à sua conta principal.
error-csrf-message = Este formulário expirou ou foi enviado de outro lugar. Nada foi alterado. Recarregue a página e tente novamente.
error-not-found-title = Página não encontrada
error-not-found-message = A página que você está procurando não existe ou não está mais disponível.
error-unavailable-title = Temporariamente indisponível
error-unavailable-message = O Sellerdesk não consegue acessar o banco de dados no momento. Tente novamente em instantes.
error-internal-title = Algo deu errado
error-internal-message = Ocorreu um erro inesperado. Nada mais foi alterado. Tente novamente; se o problema continuar, avise o seu administrador.

nav-my-account = Minha conta
nav-settings = Configurações

action-save = Salvar
action-cancel = Cancelar
action-search = Buscar

field-status = Status
field-created = Criado em
field-actions = Ações
field-time-zone = Fuso horário

status-active = Ativo
status-deactivated = Desativado
status-disabled = Desativado
status-revoked = Revogado

pagination-label = Páginas
pagination-previous = Anterior
pagination-next = Próxima
pagination-page-of = Página { $page } de { $pages }

settings-language = Idioma da interface
settings-time-zone-hint = Todos os horários no Sellerdesk são exibidos neste fuso horário.
settings-saved = Suas configurações foram salvas.
error-language-invalid = Escolha um dos idiomas disponíveis.
error-time-zone-invalid = Escolha um fuso horário da lista.

nav-chat-assignment = Atribuição de chats
status-closed = Fechado
state-on = Ativado
state-off = Desativado

home-getting-started = Primeiros passos
home-step-store = Adicione as suas lojas de marketplace
home-step-sub-accounts = Crie subcontas para a sua equipe de atendimento ao cliente e conceda a elas acesso às lojas
home-step-groups = Crie grupos de chat que recebam os chats de cada loja
home-step-auto-reply = Ative a resposta automática de uma loja
home-step-done = Concluído
home-areas = Aonde ir

error-conflict-title = Alterado ao mesmo tempo
error-conflict-message = Outra pessoa salvou a mesma coisa no mesmo momento, por isso sua alteração não foi feita. Recarregue a página e tente novamente.

nav-webchat = Webchat
action-filter = Filtrar
error-too-many-title = Muitas solicitações
error-too-many-message = Muitas solicitações foram feitas daqui em pouco tempo. Aguarde um momento e tente novamente.
