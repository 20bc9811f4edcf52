"""Table comments come from model docstrings, and Tortoise's SQLite migrations split scripts
on semicolons: a semicolon in a docstring breaks `make migrate`."""

from __future__ import annotations

import importlib
import inspect

from tortoise.models import Model

from backend import db


def test_no_model_docstring_has_a_semicolon() -> None:
    models = [
        value
        for name in db.MODEL_MODULES
        for value in vars(importlib.import_module(name)).values()
        if inspect.isclass(value) and issubclass(value, Model) and value is not Model
    ]
    assert len(models) >= 10
    for model in models:
        assert ";" not in (model.__doc__ or ""), model.__name__
