"""Adapters hand the core\x27s rendered site to a site engine."""
