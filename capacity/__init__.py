"""memcap's capacity package."""
