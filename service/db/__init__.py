"""The database room: the pool and its connection types, migrations, the embedded server, and the
reference tables. Nothing above service.runtime opens a pool or migrates by itself."""

from service.db.pool import Conn, DatabaseSettings, Executor, create_pool, database_url_for

__all__ = ["Conn", "DatabaseSettings", "Executor", "create_pool", "database_url_for"]
