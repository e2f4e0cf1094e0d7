"""Read data files through a schema so a bad file names its file, row, column and reason."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from zorglab.core.errors import DataValidationError

HEADER_ROW = "header"


def _problems_from_schema_errors(err: pa.errors.SchemaErrors, row_offset: int) -> list[tuple[object, str, str]]:
    problems: list[tuple[object, str, str]] = []
    cases = err.failure_cases
    for rec in cases.to_dict("records"):
        index = rec.get("index")
        column = rec.get("column")
        check = str(rec.get("check"))
        failure = rec.get("failure_case")
        if index is None or (isinstance(index, float) and pd.isna(index)):
            row: object = HEADER_ROW
            if column is None or (isinstance(column, float) and pd.isna(column)):
                column = str(failure)
            reason = f"{check} (got {failure!r})"
        else:
            row = int(index) + row_offset
            reason = f"value {failure!r} fails {check}"
        problems.append((row, str(column), reason))
    return problems


def validate_frame(df: pd.DataFrame, schema: pa.DataFrameSchema, path: Path | str, row_offset: int = 2) -> pd.DataFrame:
    """Validate lazily (collect every failure); rows are reported as file line numbers."""
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataValidationError(path, _problems_from_schema_errors(err, row_offset)) from None


def read_csv_validated(path: Path | str, schema: pa.DataFrameSchema, **read_kwargs) -> pd.DataFrame:
    """Read a CSV and validate it; a malformed line is reported with its line number too."""
    path = Path(path)
    if not path.exists():
        raise DataValidationError(path, [("-", "-", "file not found")])
    try:
        df = pd.read_csv(path, **read_kwargs)
    except pd.errors.ParserError as err:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(err))
        if match:
            expected, line, seen = match.groups()
            reason = f"expected {expected} fields but found {seen} (unquoted separator?)"
            raise DataValidationError(path, [(int(line), "-", reason)]) from None
        raise DataValidationError(path, [("-", "-", f"cannot parse CSV: {err}")]) from None
    except (UnicodeDecodeError, ValueError) as err:
        raise DataValidationError(path, [("-", "-", f"cannot read file: {err}")]) from None
    return validate_frame(df, schema, path)
