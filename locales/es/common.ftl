# El nombre del idioma en el propio idioma, que se muestra en todos los menús de idioma.
language-native-name = Español
app-name = Sellerdesk
layout-skip-to-content = Ir al contenido
language-menu-label = Idioma
language-menu-apply = Cambiar
nav-label = Navegación principal
nav-home = Inicio
nav-sign-out = Cerrar sesión
form-error-summary = Corrige lo siguiente:

home-title = Inicio
home-welcome = Te damos la bienvenida, { $name }.

error-go-home = Ir a la página de inicio
error-bad-request-title = Hay un problema con la solicitud
error-bad-request-message = No se pudo entender la solicitud. Vuelve atrás e inténtalo de nuevo.
error-too-large-message = Lo que enviaste es demasiado grande. Redúcelo e inténtalo de nuevo.
error-forbidden-title = Acceso denegado
error-forbidden-message = No tienes permiso para abrir esta página. Si necesitas acceso, solicítalo a tu cuenta principal.
error-csrf-message = Este formulario expiró o se envió desde otro sitio. No se modificó nada. Vuelve a cargar la página e inténtalo de nuevo.
error-not-found-title = Página no encontrada
error-not-found-message = La página que buscas no existe o ya no está disponible.
error-unavailable-title = No disponible temporalmente
error-unavailable-message = Sellerdesk no puede conectarse a su base de datos en este momento. Inténtalo de nuevo en unos instantes.
error-internal-title = Algo salió mal
error-internal-message = Se produjo un error inesperado. No se modificó nada más. Inténtalo de nuevo; si el problema continúa, avisa a tu administrador.

nav-my-account = Mi cuenta
nav-settings = Configuración

action-save = Guardar
action-cancel = Cancelar
action-search = Buscar

field-status = Estado
field-created = Fecha de creación
field-actions = Acciones
field-time-zone = Zona horaria

status-active = Activo
status-deactivated = Desactivado
status-disabled = Desactivado
status-revoked = Revocado

pagination-label = Páginas
pagination-previous = Anterior
pagination-next = Siguiente
pagination-page-of = Página { $page } de { $pages }

settings-language = Idioma de la interfaz
settings-time-zone-hint = En todo Sellerdesk, las horas se muestran en esta zona horaria.
settings-saved = Se guardó tu configuración.
error-language-invalid = Elige uno de los idiomas disponibles.
error-time-zone-invalid = Elige una zona horaria de la lista.

nav-chat-assignment = Asignación de chats
status-closed = Cerrado
state-on = Activado
state-off = Desactivado

home-getting-started = Primeros pasos
home-step-store = Agrega tus tiendas de marketplace
home-step-sub-accounts = Crea subcuentas para tu equipo de atención al cliente y dales acceso a las tiendas
home-step-groups = Crea grupos de chat que reciban los chats de cada tienda
home-step-auto-reply = Activa la respuesta automática de una tienda
home-step-done = Listo
home-areas = Adónde ir

error-conflict-title = Modificado al mismo tiempo
error-conflict-message = Otra persona guardó lo mismo en el mismo momento, así que tu cambio no se realizó. Vuelve a cargar la página e inténtalo de nuevo.

nav-webchat = Webchat
action-filter = Filtrar
error-too-many-title = Demasiadas solicitudes
error-too-many-message = Llegaron demasiadas solicitudes desde aquí en poco tiempo. Espera un momento e inténtalo de nuevo.
