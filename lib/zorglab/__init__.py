"""zorglab: funding models, effectencalculator, agreement statistics and synthetic cases for the
Dutch social domain (Wmo 2015, Jeugdwet, Zvw, Wlz, Participatiewet). All case data is synthetic."""

from .agreement import agreement_per_case, agreement_summary, fleiss_kappa, simulate_assessments, spread
from .cases import Case, cases_for_region, cases_frame, get_case, load_cases, support_frame
from .catalogue import harmonise, harmonised_products, price_list, products
from .cbs import normalise_cbsodata, read_statline_csv, youth_care_indicators
from .effects import EffectCalculator, effectenarena, wrong_pocket_summary
from .errors import DataValidationError, ParameterRangeError, UnknownRegionError, ZorglabError
from .formatting import format_eur, format_number, format_pct
from .funding import MODELS, FundingModel, compare_models, make_model
from .generator import generate_caseload
from .regions import get_region, regions

__version__ = "0.1.0"

__all__ = [
    "Case", "DataValidationError", "EffectCalculator", "FundingModel", "MODELS", "ParameterRangeError",
    "UnknownRegionError", "ZorglabError", "agreement_per_case", "agreement_summary", "cases_for_region",
    "cases_frame", "compare_models", "effectenarena", "fleiss_kappa", "format_eur", "format_number", "format_pct",
    "generate_caseload", "get_case", "get_region", "harmonise", "harmonised_products", "load_cases",
    "make_model", "normalise_cbsodata", "price_list", "products", "read_statline_csv", "regions",
    "simulate_assessments", "spread", "support_frame", "wrong_pocket_summary", "youth_care_indicators",
]
