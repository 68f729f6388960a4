"""Formats other tools read: Arrow and Parquet tables, Frictionless packages, Popolo, JSON-LD."""
