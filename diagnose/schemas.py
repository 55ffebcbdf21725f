"""JSON Schemas generated from the models, committed under schemas/ and kept current by a test."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from diagnose.benchmark_file import BenchmarkFile
from diagnose.bundle import PROJECT_ROOT
from diagnose.questionnaire import ConstructCatalogue, Questionnaire
from diagnose.references import References
from diagnose.responses import ResponseFile
from diagnose.rulebase import RuleFile, RulesetSettings

SCHEMA_DIR = PROJECT_ROOT / "schemas"
MODELS: dict[str, type[BaseModel]] = {
    "questionnaire.schema.json": Questionnaire,
    "constructs.schema.json": ConstructCatalogue,
    "ruleset.schema.json": RulesetSettings,
    "rules.schema.json": RuleFile,
    "references.schema.json": References,
    "response-file.schema.json": ResponseFile,
    "benchmark-file.schema.json": BenchmarkFile,
}


def render_schemas() -> dict[str, str]:
    out = {}
    for name, model in MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / name
