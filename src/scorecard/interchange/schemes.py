"""The RAG schemes a run may use: the built-in ones and those the operator names on the command
line. A `scheme` cell in a CSV only ever picks from these; it is never opened as a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from scorecard.core.schemes import BUILT_IN, RagScheme, SchemeError, parse_scheme

MAX_SCHEME_BYTES = 1_000_000  # a scheme is a few dozen lines; anything bigger is the wrong file


def read_scheme_file(path: Path) -> RagScheme:
    """A scheme from a TOML file; raises SchemeError naming the file and what is wrong."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCHEME_BYTES + 1)
    except OSError as error:
        raise SchemeError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_SCHEME_BYTES:
        raise SchemeError(f"{path}: is over {MAX_SCHEME_BYTES:,} bytes, too big to be a scheme file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SchemeError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    try:
        return parse_scheme(text)
    except SchemeError as error:
        raise SchemeError(f"{path}: {error}") from None


def _add(schemes: dict[str, RagScheme], name: str, scheme: RagScheme, origin: str) -> None:
    if name in BUILT_IN:
        raise SchemeError(f"{origin}: {name!r} is a built-in scheme's name; give the scheme another name")
    if name in schemes:
        raise SchemeError(f"{origin}: a scheme called {name!r} is already given; scheme names must be unique")
    schemes[name] = scheme


def operator_schemes(folder: Path | None = None, named: Iterable[tuple[str, Path]] = ()) -> dict[str, RagScheme]:
    """The built-in schemes plus every `*.toml` in `folder` (by the name inside it) and each
    (name, file) pair; raises SchemeError for an unreadable file or a name given twice."""
    given: dict[str, RagScheme] = {}
    if folder is not None:
        if not folder.is_dir():
            raise SchemeError(f"{folder}: no such folder (--scheme-dir)")
        for path in sorted(folder.glob("*.toml")):
            scheme = read_scheme_file(path)
            _add(given, scheme.name, scheme, str(path))
    for name, path in named:
        if not name.strip():
            raise SchemeError(f"--scheme ={path}: a scheme needs a name before the =")
        _add(given, name.strip(), read_scheme_file(path), str(path))
    return {**BUILT_IN, **given}


def unknown_scheme(name: str, schemes: Mapping[str, RagScheme]) -> str:
    """What to say about a scheme name that is not among this run's schemes."""
    return (
        f"{name!r} is not a scheme given to this run; use one of {', '.join(sorted(schemes))}, "
        "or name a scheme file with --scheme NAME=FILE or --scheme-dir"
    )


def with_default(schemes: Mapping[str, RagScheme], name_or_file: str) -> tuple[dict[str, RagScheme], str]:
    """The run's schemes and the default scheme's name: one of `schemes`, or a TOML file the
    operator typed, added under the name inside it."""
    if name_or_file in schemes:
        return dict(schemes), name_or_file
    path = Path(name_or_file)
    if path.suffix.lower() != ".toml" and not path.is_file():
        raise SchemeError(unknown_scheme(name_or_file, schemes))
    scheme = read_scheme_file(path)
    named = dict(schemes)
    _add(named, scheme.name, scheme, str(path))
    return named, scheme.name
