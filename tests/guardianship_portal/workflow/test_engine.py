"""The transition engine is ground: applications and complaints import it, it imports
neither (nor any other app of the portal), and both declare themselves to it."""

import ast
from pathlib import Path

import guardianship_portal.workflow.engine as engine
from applications.actions import APPLICATION_WORKFLOW
from applications.models import ApplicationEvent
from complaints.actions import COMPLAINT_WORKFLOW
from complaints.models import ComplaintEvent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_engine_imports_no_app_of_the_portal():
    roots = {name.split(".")[0] for name in imported_modules(Path(engine.__file__))}
    assert roots <= {
        "__future__",
        "collections",
        "dataclasses",
        "datetime",
        "functools",
        "typing",
        "django",
        "django_fsm",
    }


def test_applications_and_complaints_are_workflows_of_the_one_engine():
    assert isinstance(APPLICATION_WORKFLOW, engine.Workflow)
    assert isinstance(COMPLAINT_WORKFLOW, engine.Workflow)
    assert APPLICATION_WORKFLOW.audit.model is ApplicationEvent
    assert COMPLAINT_WORKFLOW.audit.model is ComplaintEvent


def test_audit_data_is_stored_as_json_can_hold_it():
    from datetime import date

    assert engine.jsonable({"on": date(2026, 3, 2), "items": ["a"], "n": 1}) == {
        "on": "2026-03-02",
        "items": ["a"],
        "n": 1,
    }
