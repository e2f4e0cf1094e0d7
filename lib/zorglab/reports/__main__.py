"""``python -m zorglab.reports``: see ``zorglab.reports.cli``."""

import sys

from .cli import main

sys.exit(main())
