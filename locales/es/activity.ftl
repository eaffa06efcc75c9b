area-accounts = Cuentas
area-settings = Configuración

action-created = Creado
action-updated = Actualizado
action-signed-in = Inició sesión
action-signed-out = Cerró sesión
action-sign-in-failed = Inicio de sesión fallido
