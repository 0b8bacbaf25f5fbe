"""``python -m smartlead_async ...``: the command line (see :mod:`smartlead_async.cli`)."""

from smartlead_async.cli import main

raise SystemExit(main())
