"""Import = upload → preview → confirm, all or nothing (django-import-export underneath).

The uploaded file is checked whole in a dry run inside a transaction that is rolled back. The
preview lists every row with what would happen to it (新增 / 更新 / 未变) and, for bad rows, every
reason, each naming its column. Confirming imports exactly the file that was previewed (its
checksum travels in a signed token, docs/imports.md) and only if every row is still valid;
otherwise nothing is written.

Messages a user sees are always ours, in Chinese: a database, Python or library message is logged
and replaced (`_row_messages`, `_file_error`).
"""

import hashlib
import hmac
import io
import logging
import pickle
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import tablib
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction
from import_export import resources
from python_calamine import CalamineWorkbook

from .caching import data_version

logger = logging.getLogger(__name__)

ALLOWED_SUFFIXES = {".xlsx": "xlsx", ".csv": "csv"}
MAX_IMPORT_BYTES = 5 * 1024 * 1024
PENDING_DIR = "private/imports"
IMPORT_TYPE_LABELS = {"new": "新增", "update": "更新", "skip": "未变", "invalid": "有误", "error": "有误"}
REQUIRED = "必填，不能为空。"
ROW_FAILED = "本行无法保存（与系统中已有的记录冲突或数据不符合要求），请核对本行各列后重新上传。"
FILE_FAILED = "导入失败，未写入任何数据。请核对文件后重新上传；如仍失败，请联系系统管理员。"
CONFIRM_SALT = "core.imports.confirm"
CONFIRM_MAX_AGE = 24 * 3600


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong type, empty, missing columns) or was replaced."""


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
    checked: object = field(default=None, repr=False)  # a bulk preview's Checked (see preview_import)

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

    @property
    def unchanged_count(self) -> int:
        return self.count("未变")

    def summary(self) -> str:
        return f"新增{self.new_count}条，更新{self.update_count}条，未变{self.unchanged_count}条"


# Reading the file ----------------------------------------------------------------------------------
class FormulaWithoutValue:
    """A formula cell the file holds no computed value for (a sheet written by a program, not Excel)."""

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""


FORMULA_WITHOUT_VALUE = FormulaWithoutValue()
FORMULA_MESSAGE = "是公式，文件中没有它的计算结果。请在Excel中打开并保存文件，或把公式改为数值后重新上传。"


def read_dataset(name: str, content: bytes) -> tablib.Dataset:
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportFileError("只能导入Excel（.xlsx）或CSV文件。")
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(f"文件过大，最大{MAX_IMPORT_BYTES // 1024 // 1024}MB。")
    try:
        if suffix == ".csv":
            headers, rows = _read_csv(content)
        else:
            headers, rows = _read_xlsx(content)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl and tablib raise many kinds for a corrupt file
        logger.info("unreadable import file %s: %r", name, exc)
        raise ImportFileError("无法读取文件，请确认是从本平台导出的模板填写的Excel文件。") from exc
    # Rows that are entirely empty are dropped (Excel often keeps formatted blank rows).
    rows = [r for r in rows if any(v not in (None, "") and v is not FORMULA_WITHOUT_VALUE for v in r)]
    if not headers or not rows:
        raise ImportFileError("文件中没有数据行。")
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append((list(row) + [None] * width)[:width])
    return dataset


def _read_csv(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("CSV文件须为UTF-8编码，请在Excel中另存为“CSV UTF-8”后重新上传。") from exc
    loaded = tablib.Dataset().load(text, format="csv")
    return [str(h or "").strip() for h in loaded.headers or []], [list(r) for r in loaded]


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _read_xlsx(content: bytes):
    """The first sheet's values: read by calamine, unless the workbook has formulae (decision 0014)."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/") and name.endswith(".xml")]
        has_formulae = any(FORMULA_TAG.search(book.read(name)) for name in sheets)
    if has_formulae:
        return _read_xlsx_with_formulae(content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    rows = [[_number(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
    return _headers_and_rows(rows)


def _number(value):
    # A sheet stores every number as a float: 13800000000.0 is the number a user typed as 13800000000.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _headers_and_rows(rows):
    if not rows:
        return [], []
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    return headers, rows[1:]


def _read_xlsx_with_formulae(content: bytes):
    """A formula cell gives the value Excel computed and saved with it; one saved without a value
    (written by a program) is marked, and the import names its row and column."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    sheet = book.worksheets[0]
    rows, formulae = [], []
    for r, cells in enumerate(sheet.iter_rows()):
        values = []
        for c, cell in enumerate(cells):
            if cell.data_type == "f":
                formulae.append((r, c))
                values.append(None)
            else:
                values.append(cell.value)
        rows.append(values)
    book.close()
    if formulae:
        computed = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        wanted = {r for r, _ in formulae}
        cached = {r: list(v) for r, v in enumerate(computed.iter_rows(values_only=True)) if r in wanted}
        for r, c in formulae:
            value = cached.get(r, [])[c] if c < len(cached.get(r, [])) else None
            rows[r][c] = FORMULA_WITHOUT_VALUE if value is None else value
    return _headers_and_rows(rows)


# Messages -------------------------------------------------------------------------------------------
def _labels(resource: resources.Resource) -> dict[str, str]:
    return {f.attribute: f.column_name for f in resource.get_import_fields() if f.attribute}


def _label(name: str, labels: dict[str, str], model) -> str:
    if name in labels:
        return labels[name]
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _text(error: ValidationError) -> list[str]:
    """Django's own wording for an empty required value ("这个值不能为 null") becomes ours."""
    out = []
    for item in error.error_list:
        if item.code in ("null", "blank", "required"):
            out.append(REQUIRED)
        else:
            out.extend(item.messages)
    return out


def _row_messages(error: ValidationError, labels: dict[str, str], model) -> list[str]:
    if not hasattr(error, "error_dict"):
        return _text(error)
    out = []
    for name, errors in error.error_dict.items():
        for err in errors:
            for msg in _text(err):
                out.append(msg if name == NON_FIELD_ERRORS else f"{_label(name, labels, model)}：{msg}")
    return list(dict.fromkeys(out))


def _check_columns(resource: resources.Resource, dataset: tablib.Dataset) -> None:
    missing = [c for c in resource.required_columns() if c not in dataset.headers]
    if missing:
        raise ImportFileError(f"文件缺少必需的列：{'、'.join(missing)}。请使用导出的模板。")


def _preview_from(result, resource: resources.Resource, dataset: tablib.Dataset) -> Preview:
    # Errors not tied to a row (e.g. a database error while writing) fail the whole file.
    for base_error in result.base_errors:
        logger.error("import failed as a whole: %r", base_error.error, exc_info=base_error.error)
        raise ImportFileError(FILE_FAILED)
    labels = _labels(resource)
    model = resource._meta.model
    rows = []
    for index, (row_result, values) in enumerate(zip(result.rows, dataset, strict=True)):
        errors = []
        if row_result.validation_error is not None:
            errors += _row_messages(row_result.validation_error, labels, model)
        for failure in row_result.errors:
            logger.error("import row %s failed: %r", index + 2, failure.error, exc_info=failure.error)
            errors.append(ROW_FAILED)
        rows.append(
            PreviewRow(
                line=index + 2,
                action=IMPORT_TYPE_LABELS.get(row_result.import_type, row_result.import_type),
                values=["" if v is None else str(v) for v in values],
                errors=errors,
            )
        )
    return Preview(headers=list(dataset.headers), rows=rows)


# The dry run and the write ----------------------------------------------------------------------------
def _bulk(resource) -> bool:
    return bool(getattr(resource._meta, "use_bulk", False))


def preview_import(*, resource: resources.Resource, dataset: tablib.Dataset, user, progress=None) -> Preview:
    """Validate every row in a dry run; nothing is written. `progress(rows)` is called as rows are read.

    For a bulk resource the preview also carries what it validated (`preview.checked`), with the data
    version of the tables its checks read taken before reading them; `keep_checked` stores it beside
    the stashed file so that the confirm can write it without validating again (`run_import`)."""
    _check_columns(resource, dataset)
    resource.progress = progress
    version = data_version(*resource.source_models()) if _bulk(resource) else None
    result = resource.import_data(dataset, dry_run=True, raise_errors=False, use_transactions=True, user=user)
    preview = _preview_from(result, resource, dataset)
    if version is not None and preview.ok:
        preview.checked = Checked(version, *resource.checked_rows())
    return preview


def run_import(
    *, resource: resources.Resource, dataset: tablib.Dataset, user, progress=None, stash: str = ""
) -> Preview:
    """Import in one transaction; if any row is invalid the transaction is rolled back and nothing is
    written. Returns the preview (with the reasons when something was refused).

    When the preview of the stashed file `stash` kept what it checked and no committed write has
    changed the tables its checks read since (their data version is the same), those rows are written
    as they were checked; otherwise every row is validated again."""
    _check_columns(resource, dataset)
    checked = _load_checked(stash) if stash and _bulk(resource) else None
    if checked is not None and checked.version == data_version(*resource.source_models()):
        try:
            with transaction.atomic():
                resource.write_bulk(checked.creates, checked.updates, user)
        except DatabaseError as exc:  # a conflicting row written meanwhile by a transaction not yet committed
            logger.error("import of checked rows failed: %r", exc, exc_info=exc)
            raise ImportFileError(FILE_FAILED) from exc
        if progress is not None:
            progress(len(dataset))
        return checked.preview
    resource.progress = progress
    result = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )
    return _preview_from(result, resource, dataset)


@dataclass
class Checked:
    """What a bulk preview validated, and the data version it was validated against."""

    version: str
    creates: list
    updates: list
    preview: Preview | None = None


def _checked_path(stash: str) -> Path:
    return Path(settings.MEDIA_ROOT) / PENDING_DIR / f"{Path(stash).name}.checked"


def keep_checked(stash: str, preview: Preview) -> None:
    """Store a bulk preview's checked rows beside the stashed file (signed: only this server's own
    pickles are ever loaded)."""
    checked = getattr(preview, "checked", None)
    if checked is None:
        return
    checked.preview = Preview(headers=preview.headers, rows=preview.rows)
    data = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
    _checked_path(stash).write_bytes(_seal(data) + data)


def _seal(data: bytes) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), data, hashlib.sha256).digest()


def _load_checked(stash: str) -> Checked | None:
    try:
        raw = _checked_path(stash).read_bytes()
    except OSError:
        return None
    seal, data = raw[:32], raw[32:]
    if not hmac.compare_digest(seal, _seal(data)):
        return None
    return pickle.loads(data)  # noqa: S301 - written and sealed by this server (keep_checked)


# Keeping the previewed file until it is confirmed ------------------------------------------------------
def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def stash_upload(content: bytes, suffix: str) -> str:
    """Keep an uploaded file between preview and confirm, outside the public static tree."""
    token = uuid.uuid4().hex
    directory = Path(settings.MEDIA_ROOT) / PENDING_DIR
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{token}{suffix}").write_bytes(content)
    return f"{token}{suffix}"


def load_stash(name: str, expected_checksum: str = "") -> bytes | None:
    """The stashed file, or None when it is gone; ImportFileError when it is not the file that was checked."""
    if not name or "/" in name or "\\" in name or ".." in name:
        return None
    path = Path(settings.MEDIA_ROOT) / PENDING_DIR / name
    if not path.is_file():
        return None
    content = path.read_bytes()
    if expected_checksum and checksum(content) != expected_checksum:
        raise ImportFileError("文件与预览时校验的文件不一致，未写入任何数据。请重新上传。")
    return content


def drop_stash(name: str) -> None:
    if not name or "/" in name or "\\" in name or ".." in name:
        return
    path = Path(settings.MEDIA_ROOT) / PENDING_DIR / name
    path.unlink(missing_ok=True)
    _progress_path(name).unlink(missing_ok=True)
    _checked_path(name).unlink(missing_ok=True)


# Progress of a job's rows: a file beside the stash, because the rows are read inside a transaction
# (rolled back for the preview) that a progress column of the job would share.
def _progress_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / PENDING_DIR / f"{Path(name).name}.progress"


def stash_exists(name: str) -> bool:
    return bool(name) and (Path(settings.MEDIA_ROOT) / PENDING_DIR / Path(name).name).is_file()


def write_progress(name: str, rows: int) -> None:
    _progress_path(name).write_text(str(rows))


def read_progress(name: str) -> int:
    try:
        return int(_progress_path(name).read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def confirm_token(*, stash: str, content: bytes, user, path: str) -> str:
    """What the confirm button carries: which stashed file, its checksum, for whom and which import."""
    return signing.dumps({"f": stash, "h": checksum(content), "u": user.pk, "p": path}, salt=CONFIRM_SALT)


def open_confirm_token(token: str, *, user, path: str) -> tuple[str, str]:
    """(stash name, checksum) of a confirm token made for `user` on the import at `path`."""
    try:
        data = signing.loads(token or "", salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ImportFileError("预览已超过24小时，请重新上传文件。") from exc
    except signing.BadSignature as exc:
        raise ImportFileError("确认信息无效，未写入任何数据。请重新上传文件。") from exc
    if data.get("u") != user.pk or data.get("p") != path:
        raise ImportFileError("确认信息无效，未写入任何数据。请重新上传文件。")
    return data["f"], data["h"]
