"""Every JSON endpoint answers the same shape: ``ok`` always; ``errors`` (a list) when not ok."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jixiao.services import workflow


def _check(response: Any, ok: bool) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["ok"] is ok
    if not ok:
        assert isinstance(data["errors"], list) and all(isinstance(e, str) for e in data["errors"])
        assert response.status_code == 400
    return data


def test_json_shapes(world: Any) -> None:
    client = world.client("owner")
    _check(client.get(reverse("api-target"), {"raw": "≥1人"}), ok=True)
    xhr = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    _check(client.post(reverse("import-upload"), {}, **xhr), ok=False)
    table = world.table()
    workflow.submit(world.users["owner"], table)
    workflow.review(world.users["reviewer"], table, workflow.ReviewInput(approve=True, grade="优"))
    workflow.review(world.users["finance"], table, workflow.ReviewInput(approve=True))
    score = reverse("evaluation-score", args=[table.pk])
    _check(client.post(score, {"budget": "many"}), ok=False)
    _check(client.post(score, {"budget": "1"}), ok=True)
