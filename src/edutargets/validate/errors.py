"""The catalogue of problems validation can report: one class per kind of problem.

Each class names the problem (slug, title), says what is wrong (message template) and how to
fix it (hint), as frictionless does in ``frictionless/errors``. Validation code creates
``Problem`` records with ``SomeError.at(path, line, field, **params)``; it never raises them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    slug: str
    title: str
    path: str
    line: int | None
    field: str | None
    message: str
    hint: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ErrorType:
    """Base of the catalogue; subclasses only set the four class attributes."""

    slug: ClassVar[str]
    title: ClassVar[str]
    template: ClassVar[str]
    hint: ClassVar[str]

    @classmethod
    def at(cls, path: str, line: int | None = None, field: str | None = None, **params: Any) -> Problem:
        return Problem(
            slug=cls.slug,
            title=cls.title,
            path=path,
            line=line,
            field=field,
            message=cls.template.format(**params),
            hint=cls.hint.format(**params),
        )


# --- Files and descriptors ---------------------------------------------------------


class PackageNotFoundError(ErrorType):
    slug = "package-not-found"
    title = "No data package here"
    template = "no datapackage.json found"
    hint = "Pass a folder that contains datapackage.json, or the datapackage.json file itself."


class DescriptorJsonError(ErrorType):
    slug = "descriptor-json"
    title = "datapackage.json is not valid JSON"
    template = "invalid JSON: {detail}"
    hint = "Fix the JSON syntax at that line (a missing comma or quote is the usual cause)."


class DescriptorError(ErrorType):
    slug = "descriptor"
    title = "Descriptor does not follow the Data Package standard"
    template = "{detail}"
    hint = "Compare the descriptor with the Data Package v2 specification (datapackage.org)."


class UnsafePathError(ErrorType):
    slug = "unsafe-path"
    title = "Resource path leaves the package"
    template = "resource path {resource_path!r} is {reason}"
    hint = "Use a relative path to a file inside the package folder, such as 'outcomes.csv'."


class MissingFileError(ErrorType):
    slug = "missing-file"
    title = "Data file missing"
    template = "file {resource_path!r} named by resource {resource!r} does not exist"
    hint = "Create the file, or correct the resource's path in datapackage.json."


class EmptyFileError(ErrorType):
    slug = "empty-file"
    title = "Empty file"
    template = "the file is empty; it needs at least a header row"
    hint = "Write the header row: {header}"


class EncodingError(ErrorType):
    slug = "encoding"
    title = "File is not UTF-8"
    template = "the file is not UTF-8 (byte {offset} cannot be decoded){guess}"
    hint = (
        "Re-save it as UTF-8: in Excel choose 文件 > 另存为 > 'CSV UTF-8(逗号分隔)(*.csv)'; "
        "in WPS choose UTF-8 encoding; or run: iconv -f GB18030 -t UTF-8 FILE > FILE.utf8"
    )


class CsvSyntaxError(ErrorType):
    slug = "csv-syntax"
    title = "File cannot be read as CSV"
    template = "the file cannot be read as CSV: {detail}"
    hint = (
        "Save it as CSV with Windows (CRLF) or Unix (LF) line endings: in Excel for Mac choose "
        "'CSV UTF-8 (逗号分隔)', not 'CSV (Macintosh)'."
    )


# --- Table structure (mapped from frictionless) -----------------------------------


class HeaderError(ErrorType):
    slug = "header"
    title = "Header row does not match the schema"
    template = "{detail}"
    hint = "The header must be exactly: {header}"


class RowShapeError(ErrorType):
    slug = "row-shape"
    title = "Row has the wrong number of cells"
    template = "{detail}"
    hint = "Check for a missing or extra comma; quote cells that contain commas with double quotes."


class CellTypeError(ErrorType):
    slug = "type"
    title = "Cell has the wrong type"
    template = "{cell!r} is not a valid {type}"
    hint = "Write {example}."


class RequiredError(ErrorType):
    slug = "required"
    title = "Required cell is empty"
    template = "{field_name} is required but the cell is empty"
    hint = "Fill in {field_name}; if the figure is unknown, leave the whole row out."


class ConstraintError(ErrorType):
    slug = "constraint"
    title = "Cell breaks a schema constraint"
    template = "{cell!r} {detail}"
    hint = "{fix}"


class DuplicateKeyError(ErrorType):
    slug = "duplicate-key"
    title = "Duplicate row key"
    template = "duplicate {key_names} {key_values}: line {first_line} has the same"
    hint = "Each {key_names} may appear only once; delete one row or correct its key."


class ForeignKeyError(ErrorType):
    slug = "foreign-key"
    title = "Reference to a row that does not exist"
    template = "{value!r} is not found in {ref_resource}.{ref_field}"
    hint = "Add a row for {value!r} to {ref_resource}.csv, or correct the reference."


class ExcelCodeError(ErrorType):
    slug = "excel-code"
    title = "Code mangled by a spreadsheet"
    template = "{cell!r} looks like a code that Excel turned into a number ({how})"
    hint = (
        "Type it as the six-digit text code {suggestion}; in Excel, format the column as 文本 (Text) "
        "before typing or pasting codes."
    )


# --- Domain rules -------------------------------------------------------------------


class PercentRangeError(ErrorType):
    slug = "percent-range"
    title = "Percentage out of range"
    template = "{value} is outside 0..100 for percentage indicator {indicator}"
    hint = (
        "Check the figure; a percentage above 100 is allowed only for gross ratios (may_exceed_100 in indicators.csv)."
    )


class TargetYearError(ErrorType):
    slug = "target-year"
    title = "Target year before the plan's period"
    template = "target year {year} is before the period of source {source} ({start}-{end})"
    hint = "A plan sets goals for years within or after its period; check target_year or the source's period."


class OutcomeYearError(ErrorType):
    slug = "outcome-year"
    title = "Outcome year after its source was published"
    template = "year {year} is after source {source} was published ({published})"
    hint = "year is the year the figure describes; a document cannot report a later year. Check year or the source."


class ValueNotInQuoteError(ErrorType):
    slug = "value-not-in-quote"
    title = "Value does not appear in its quote"
    template = "{value} does not appear in the quote {quote!r} (it states {stated})"
    hint = "Copy the figure exactly as the sentence states it ({unit}; digits or Chinese numerals), or quote the sentence that states it."


class ParentChainError(ErrorType):
    slug = "parent-chain"
    title = "Region's parent chain does not end at the nation"
    template = "{detail}"
    hint = "Each region's parent is the region one level up: county -> prefecture -> province -> 000000 (nation)."


class RegionLevelError(ErrorType):
    slug = "region-level"
    title = "Region code does not fit its level"
    template = "{detail}"
    hint = "GB/T 2260: province codes end in 0000 (330000), prefectures in 00 (330300), counties otherwise (330302); the nation is 000000."


class UrlSchemeError(ErrorType):
    slug = "url-scheme"
    title = "URL is not http or https"
    template = "{cell!r} is not an http or https address"
    hint = "Give the address of the page read, starting with http:// or https://."


class BaselineError(ErrorType):
    slug = "baseline"
    title = "Baseline incomplete or after the target"
    template = "{detail}"
    hint = "Give both baseline_year and baseline_value, with the baseline year before the target year."


class SourceLocationError(ErrorType):
    slug = "source-location"
    title = "Source cannot be opened by a reader"
    template = "{detail}"
    hint = "Give the http(s) address of the page read in url, or put the document's captured text in the package and name it in copy (documents/<id>.txt)."


class ArchivedCopyEncodingError(ErrorType):
    slug = "archived-copy-encoding"
    title = "Archived copy is not UTF-8"
    template = "{detail}"
    hint = (
        "Save the captured text as UTF-8, changing nothing else (for example iconv -f GB18030 -t UTF-8): "
        "the site shows it and offers it for download as it is."
    )


class PeriodError(ErrorType):
    slug = "period"
    title = "Period does not fit the figure"
    template = "{detail}"
    hint = (
        "period_start is only for an amount added up over years (十四五期间新增…): the indicator's measure must be flow, "
        "the target a count, and period_start no later than the last year; leave it empty for a level or a one-year amount."
    )


CATALOGUE: tuple[type[ErrorType], ...] = tuple(ErrorType.__subclasses__())
