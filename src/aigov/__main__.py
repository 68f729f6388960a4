"""Run the ``aigov`` command line: ``python -m aigov``."""

from aigov._cli import main

raise SystemExit(main())
