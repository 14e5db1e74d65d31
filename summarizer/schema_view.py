"""How a prompt version shows the record's JSON schema to the model.

The schema sent with a request is prompt, and with llama.cpp it is also the grammar that decoding
must follow. A prompt version may restate it: fields in the order the model should fill them, every
field required (llama.cpp's grammar lets a model close an object after its required fields, so
optional lists are where a small model stops), and only the descriptions the prompt gives — no
titles or defaults, which cost tokens and say nothing. Parsing and validation are unchanged: the
view is a subclass of ``ArticleSummary`` whose only difference is the schema it reports.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from summarizer.errors import ConfigError
from summarizer.schema import ArticleSummary

ROOT = "ArticleSummary"


class SchemaView(BaseModel):
    """The ``schema:`` block of a prompt file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    order: tuple[str, ...] = Field(default=(), description="Top-level fields in the order the model fills them.")
    require_all: bool = Field(default=True, description="Mark every property required.")
    descriptions: dict[str, str] = Field(
        default_factory=dict, description="'Model' or 'Model.field' → description; everything else has none."
    )
    omit: tuple[str, ...] = Field(
        default=(), description="'Model.field' left out of the schema; it takes its default on validation."
    )
    plain_nullables: bool = Field(
        default=False, description="Write an optional string or number as {type: [T, null]}, without bounds."
    )

    def __hash__(self) -> int:
        fields = (self.order, self.require_all, tuple(sorted(self.descriptions.items())), self.omit)
        return hash((*fields, self.plain_nullables))


def _drop_noise(node: Any) -> None:
    """Remove titles and defaults at every depth (property names already say what titles say)."""
    if isinstance(node, dict):
        node.pop("title", None)
        node.pop("default", None)
        for value in node.values():
            _drop_noise(value)
    elif isinstance(node, list):
        for value in node:
            _drop_noise(value)


def _plain(prop: dict[str, Any]) -> dict[str, Any]:
    """``anyOf: [{type: T, bounds...}, {type: null}]`` → ``{type: [T, null]}``: a third of the tokens."""
    options = prop.get("anyOf")
    if not options or len(options) != 2 or {"type": "null"} not in options:
        return prop
    other = next(o for o in options if o != {"type": "null"})
    if other.get("type") not in ("string", "number", "integer") or "pattern" in other:
        return prop
    return {"type": [other["type"], "null"], **({"description": prop["description"]} if "description" in prop else {})}


def _describe(node: dict[str, Any], owner: str, view: SchemaView) -> None:
    node.pop("description", None)
    if owner in view.descriptions:
        node["description"] = view.descriptions[owner]
    for name in [n for n in node.get("properties", {}) if f"{owner}.{n}" in view.omit]:
        del node["properties"][name]
    for name, prop in node.get("properties", {}).items():
        if view.plain_nullables:
            node["properties"][name] = prop = _plain(prop)
        prop.pop("description", None)
        if f"{owner}.{name}" in view.descriptions:
            prop["description"] = view.descriptions[f"{owner}.{name}"]
    if view.require_all and "properties" in node:
        node["required"] = list(node["properties"])


def render(view: SchemaView) -> dict[str, Any]:
    """The JSON schema of ``ArticleSummary`` as ``view`` restates it."""
    schema = copy.deepcopy(ArticleSummary.model_json_schema())
    defs: dict[str, Any] = schema.get("$defs", {})
    known = {ROOT, *defs} | {f"{ROOT}.{p}" for p in schema["properties"]}
    known |= {f"{name}.{p}" for name, node in defs.items() for p in node.get("properties", {})}
    unknown = sorted((set(view.descriptions) | set(view.omit)) - known)
    if unknown or set(view.order) - set(schema["properties"]):
        raise ConfigError(f"prompt schema view names unknown fields: {', '.join(unknown or view.order)}")
    for field in view.omit:
        owner, name = field.split(".", 1)
        if name in (schema if owner == ROOT else defs[owner]).get("required", []):
            raise ConfigError(f"prompt schema view omits {field}, which has no default")
    _drop_noise(schema)
    schema["title"] = ROOT  # instructor names the tool after the root title
    for owner, node in [(ROOT, schema), *defs.items()]:
        _describe(node, owner, view)
    rest = [p for p in schema["properties"] if p not in view.order]
    schema["properties"] = {p: schema["properties"][p] for p in (*view.order, *rest)}
    if view.require_all:
        schema["required"] = list(schema["properties"])
    return schema


@cache
def response_model(view: SchemaView | None) -> type[ArticleSummary]:
    """``ArticleSummary`` itself, or a subclass reporting the schema ``view`` describes."""
    if view is None:
        return ArticleSummary
    schema = render(view)

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        return copy.deepcopy(schema)

    doc = view.descriptions.get(ROOT, "The record of one news article.")
    return type(ROOT, (ArticleSummary,), {"model_json_schema": classmethod(model_json_schema), "__doc__": doc})
