"""Rules: the base types, the registry, and one package per pack."""
