"""Import = upload → preview → confirm, all or nothing (django-import-export underneath).

The uploaded file is checked whole in a dry run inside a transaction that is rolled back. The
preview lists every row with what would happen to it and, for bad rows, every reason. Confirming
re-reads the same file and imports it only if every row is still valid; otherwise nothing is written.
"""

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources

ALLOWED_SUFFIXES = {".xlsx": "xlsx", ".csv": "csv"}
MAX_IMPORT_BYTES = 5 * 1024 * 1024
PENDING_DIR = "private/imports"
IMPORT_TYPE_LABELS = {"new": "新增", "update": "更新", "skip": "跳过", "invalid": "有误", "error": "有误"}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong type, empty, missing columns)."""


@dataclass
class PreviewRow:
    line: int  # the row number as Excel shows it (header is line 1)
    action: str
    values: list[str]
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    headers: list[str]
    rows: list[PreviewRow]

    @property
    def bad_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.bad_rows

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action and not r.errors)

    @property
    def new_count(self) -> int:
        return self.count("新增")

    @property
    def update_count(self) -> int:
        return self.count("更新")


class DuplicateCheckMixin:
    """Refuse rows whose key (Meta.import_id_fields) repeats an earlier row of the same file."""

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._seen_keys: dict[tuple, int] = {}

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        columns = [self.fields[name].column_name for name in self._meta.import_id_fields]
        key = tuple(str(row.get(c) or "").strip().upper() for c in columns)
        if all(key):
            line = kwargs.get("row_number", 0) + 1
            if key in self._seen_keys:
                raise ValidationError(f"与第{self._seen_keys[key]}行重复（{'、'.join(columns)}：{'、'.join(key)}）。")
            self._seen_keys[key] = line


class AttributedResourceMixin:
    """Record the importing user as creator/updater of every row."""

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and hasattr(instance, "updated_by"):
            if not instance.pk:
                instance.created_by = user
            instance.updated_by = user
        super().before_save_instance(instance, row, **kwargs)


def read_dataset(name: str, content: bytes) -> tablib.Dataset:
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportFileError("只能导入Excel（.xlsx）或CSV文件。")
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(f"文件过大，最大{MAX_IMPORT_BYTES // 1024 // 1024}MB。")
    try:
        if suffix == ".csv":
            dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        else:
            dataset = tablib.Dataset().load(content, format="xlsx")
    except Exception as exc:  # tablib raises many kinds for a corrupt file
        raise ImportFileError("无法读取文件，请确认是从本平台导出的模板填写的Excel文件。") from exc
    # Drop rows that are entirely empty (Excel often keeps formatted blank rows).
    blank = [i for i, row in enumerate(dataset) if all(v in (None, "") for v in row)]
    for i in reversed(blank):
        del dataset[i]
    if not dataset.headers or len(dataset) == 0:
        raise ImportFileError("文件中没有数据行。")
    return dataset


def _labels(resource: resources.Resource) -> dict[str, str]:
    return {f.attribute: f.column_name for f in resource.get_import_fields() if f.attribute}


def _messages(error: ValidationError, labels: dict[str, str]) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    out = []
    for name, errs in error.message_dict.items():
        for msg in errs:
            out.append(msg if name == NON_FIELD_ERRORS else f"{labels.get(name, name)}：{msg}")
    return out


def _check_columns(resource: resources.Resource, dataset: tablib.Dataset) -> None:
    missing = [c for c in resource.required_columns() if c not in dataset.headers]
    if missing:
        raise ImportFileError(f"文件缺少必需的列：{'、'.join(missing)}。请使用导出的模板。")


def _preview_from(result, resource: resources.Resource, dataset: tablib.Dataset) -> Preview:
    labels = _labels(resource)
    rows = []
    for index, (row_result, values) in enumerate(zip(result.rows, dataset, strict=True)):
        errors = []
        if row_result.validation_error is not None:
            errors += _messages(row_result.validation_error, labels)
        errors += [str(e.error) for e in row_result.errors]
        rows.append(
            PreviewRow(
                line=index + 2,
                action=IMPORT_TYPE_LABELS.get(row_result.import_type, row_result.import_type),
                values=["" if v is None else str(v) for v in values],
                errors=errors,
            )
        )
    # Errors not tied to a row (e.g. a database error while writing) fail the whole file.
    for base_error in result.base_errors:
        raise ImportFileError(f"导入失败，未写入任何数据：{base_error.error}")
    return Preview(headers=list(dataset.headers), rows=rows)


def preview_import(*, resource: resources.Resource, dataset: tablib.Dataset, user) -> Preview:
    """Validate every row in a dry run; nothing is written."""
    _check_columns(resource, dataset)
    result = resource.import_data(
        dataset, dry_run=True, raise_errors=False, use_transactions=True, collect_failed_rows=True, user=user
    )
    return _preview_from(result, resource, dataset)


def run_import(*, resource: resources.Resource, dataset: tablib.Dataset, user) -> Preview:
    """Import in one transaction; if any row is invalid the transaction is rolled back and nothing is
    written. Returns the preview (with the reasons when something was refused)."""
    _check_columns(resource, dataset)
    result = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        collect_failed_rows=True,
        user=user,
    )
    return _preview_from(result, resource, dataset)


def stash_upload(content: bytes, suffix: str) -> str:
    """Keep an uploaded file between preview and confirm, outside the public static tree."""
    token = uuid.uuid4().hex
    directory = Path(settings.MEDIA_ROOT) / PENDING_DIR
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{token}{suffix}").write_bytes(content)
    return f"{token}{suffix}"


def load_stash(name: str) -> bytes | None:
    if not name or "/" in name or "\\" in name or ".." in name:
        return None
    path = Path(settings.MEDIA_ROOT) / PENDING_DIR / name
    return path.read_bytes() if path.is_file() else None


def drop_stash(name: str) -> None:
    path = Path(settings.MEDIA_ROOT) / PENDING_DIR / name
    path.unlink(missing_ok=True)
