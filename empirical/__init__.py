"""memcap's empirical package."""
