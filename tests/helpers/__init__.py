"""Plain helpers shared by the test modules (fixtures live in the ``conftest.py`` files)."""
