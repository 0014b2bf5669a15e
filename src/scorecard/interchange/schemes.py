"""Finding a RAG scheme by built-in name or by the path of a TOML file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scorecard.core.schemes import BUILT_IN, RagScheme, SchemeError, parse_scheme


@lru_cache(maxsize=64)
def resolve_scheme(name_or_path: str) -> RagScheme:
    """A built-in scheme's name, or a scheme file; raises SchemeError saying which failed."""
    if name_or_path in BUILT_IN:
        return BUILT_IN[name_or_path]
    path = Path(name_or_path)
    if not path.is_file():
        raise SchemeError(
            f"{name_or_path!r} is neither a built-in scheme ({', '.join(sorted(BUILT_IN))}) nor a scheme file"
        )
    try:
        return parse_scheme(path.read_text(encoding="utf-8"))
    except SchemeError as error:
        raise SchemeError(f"{path}: {error}") from None
