"""The report document as JSON-ready data, and back.

A publication keeps its document as this data, so a published report can be laid out again (as
Word, say) exactly as it was judged, never judged again. The data is the dataclasses' fields by
name, tuples as lists, enumerations as their values; reading it back follows the classes' type
hints, so a field added later with a default still reads an older publication.
"""

from __future__ import annotations

import dataclasses
import json
import types
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from scorecard.reporting.document import ReportDocument


def document_data(document: ReportDocument) -> dict[str, Any]:
    """The document as JSON-ready data: every status, reason and count as printed."""
    data: dict[str, Any] = json.loads(json.dumps(document, default=_json_ready))
    return data


def _json_ready(value: object) -> object:
    """A dataclass as its fields (what `dataclasses.asdict` gives, without its deep copies), else text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    return str(value)


def document_from_data(data: dict[str, Any]) -> ReportDocument:
    """The document `document_data` gave, as it was."""
    document: ReportDocument = _read(ReportDocument, data)
    return document


def _read(kind: Any, value: Any) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        (kind,) = (option for option in get_args(kind) if option is not type(None))
        return _read(kind, value)
    if origin is tuple:
        item = get_args(kind)[0]
        return tuple(_read(item, element) for element in value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: _read(hints[name], value[name]) for name in hints if name in value})
    if isinstance(kind, type) and issubclass(kind, Enum | float):
        return kind(value)
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    """The types of a dataclass's fields given at construction."""
    hints = get_type_hints(kind)
    return {field.name: hints[field.name] for field in dataclasses.fields(kind) if field.init}
