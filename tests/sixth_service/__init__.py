"""A sixth, test-only state service: proof that a service is one app and nothing else.

It is installed only for its own tests (``conftest.py``) and lives entirely in this
folder: its definition with its own checklist and stages, its workflow as a proxy of
Application, its own document template. Nothing outside this folder names it.
"""
