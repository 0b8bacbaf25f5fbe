"""``python -m smartlead_async ...``: the command line (see :mod:`smartlead_async.cli`)."""

from smartlead_async.cli import main

if __name__ == "__main__":  # not when a spawned worker process imports this module
    raise SystemExit(main())
