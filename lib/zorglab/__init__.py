"""zorglab: funding models, effectencalculator, agreement statistics and synthetic cases for the
Dutch social domain (Wmo 2015, Jeugdwet, Zvw, Wlz, Participatiewet). All case data is synthetic."""

from zorglab.core.errors import DataValidationError, ParameterRangeError, UnknownRegionError, ZorglabError
from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.agreement import (
    agreement_per_case,
    agreement_summary,
    fleiss_kappa,
    simulate_assessments,
    spread,
)
from zorglab.domain.cases import Case, cases_for_region, cases_frame, get_case, load_cases, support_frame
from zorglab.domain.catalogue import harmonise, harmonised_products, price_list, products
from zorglab.domain.cbs import youth_care_indicators
from zorglab.domain.cbs_files import normalise_cbsodata, read_statline_csv
from zorglab.domain.effects import EffectCalculator, effectenarena
from zorglab.domain.funding import MODELS, FundingModel, compare_models, make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.regions import get_region, regions

__version__ = "0.1.0"

__all__ = [
    "Case", "DataValidationError", "EffectCalculator", "FundingModel", "MODELS", "ParameterRangeError",
    "UnknownRegionError", "ZorglabError", "agreement_per_case", "agreement_summary", "cases_for_region",
    "cases_frame", "compare_models", "effectenarena", "fleiss_kappa", "format_eur", "format_number", "format_pct",
    "generate_caseload", "get_case", "get_region", "harmonise", "harmonised_products", "load_cases",
    "make_model", "normalise_cbsodata", "price_list", "products", "read_statline_csv", "regions",
    "simulate_assessments", "spread", "support_frame", "youth_care_indicators",
]
