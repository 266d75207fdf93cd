"""Admin of the news (to be written)."""
