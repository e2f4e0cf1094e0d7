"""Per-region evaluation reports: a parameterised notebook run by papermill, exported by nbconvert.

``python -m zorglab.reports --all`` (or ``zorglab-reports``) builds every region report; the notebook
``notebooks/regional_evaluation.ipynb`` calls ``RegionalReport`` section by section.
"""

from .export import record, write_exports
from .params import SCENARIOS, ReportParams, check_params
from .sections import SECTIONS, RegionalReport

__all__ = ["SCENARIOS", "SECTIONS", "RegionalReport", "ReportParams", "check_params", "record", "write_exports"]
