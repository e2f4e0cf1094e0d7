"""Per-region evaluation reports: a parameterised notebook run by papermill, exported by nbconvert.

``python -m zorglab.services.reports --all`` (or ``zorglab-reports``) builds every region report; the notebook
``notebooks/regional_evaluation.ipynb`` calls ``RegionalReport`` section by section.
"""

from zorglab.services.reports.export import record, write_exports
from zorglab.services.reports.params import SCENARIOS, ReportParams, check_params
from zorglab.services.reports.report import RegionalReport
from zorglab.services.reports.sections import SECTIONS

__all__ = ["SCENARIOS", "SECTIONS", "RegionalReport", "ReportParams", "check_params", "record", "write_exports"]
