"""JSON API controllers: thin handlers that call a use case and return Structs."""
