"""``python -m zorglab.services.reports``: see ``zorglab.services.reports.cli``."""

import sys

from zorglab.services.reports.cli import main

sys.exit(main())
