"""memcap's constructions package."""
