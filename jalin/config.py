"""Typed settings, read once from `JALIN_*` environment variables."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob Jalin has; the defaults run the embedded store with no configuration."""

    model_config = SettingsConfigDict(env_prefix="JALIN_", env_file=".env", extra="ignore")

    # Where the embedded store keeps its files (append-only log, snapshot, lock).
    data_dir: Path = Path("data")
    # Name of the graph inside the store.
    graph_name: str = "jalin"
    # Address the API listens on.
    host: str = "127.0.0.1"
    port: int = 8000
    # Bearer token that mutations require; with none set, mutations are refused.
    api_token: str | None = None
    # Folder of YAML fixtures that `make run` seeds into an empty store.
    seeds_dir: Path = Path(__file__).resolve().parent.parent / "seeds" / "fixtures"
    # GraphQL guard rails.
    max_query_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings."""
    return Settings()
