"""`/docs`: the API reference, rendered on the server from the app's OpenAPI schema (the
usual Swagger page loads its script from a CDN and runs inline script, which the
Content-Security-Policy forbids). The schema itself is `/openapi.json`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from blocs.web.render import render

router = APIRouter()
METHODS = ("get", "post", "put", "patch", "delete")


def _describe(schema: dict[str, Any]) -> str:
    """A parameter schema in a few words: its type and bounds."""
    if "anyOf" in schema:
        return " or ".join(_describe(s) for s in schema["anyOf"] if s.get("type") != "null")
    words = [schema.get("format") or schema.get("type", "")]
    for key, label in (
        ("minimum", "≥"),
        ("maximum", "≤"),
        ("minLength", "length ≥"),
        ("maxLength", "length ≤"),
        ("pattern", "matching"),
    ):
        if key in schema:
            words.append(f"{label} {schema[key]}")
    return " ".join(w for w in words if w)


def api_reference(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation of the schema: method, path, summary, description, parameters."""
    operations = []
    for path, item in openapi.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _describe(p.get("schema", {})),
                            "default": p.get("schema", {}).get("default"),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": "requestBody" in op,
                }
            )
    return operations


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs_page(request: Request) -> HTMLResponse:
    data = {"operations": api_reference(request.app.openapi()), "title": request.app.title}
    return render(request, "docs.html", data)
