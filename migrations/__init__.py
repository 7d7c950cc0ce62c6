"""Numbered plain-SQL migrations, shipped as package data and applied in order by service.db.migrate."""
