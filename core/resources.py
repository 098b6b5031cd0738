"""The base of every Excel import (django-import-export, configured and wrapped, not replaced).

What a PortalResource adds to a ModelResource:
- plain columns read their cells like the model form (core.import_widgets.FieldWidget), so a blank
  optional cell is blank ("" for text), never NULL, and bad values get the form's Chinese message;
- every problem of a row is listed at once: cells that cannot be read, rules across rows of the file
  (`add_problem`, e.g. a duplicate key) and the model's own validation;
- a row equal to the stored record is 未变 (`skip_unchanged`, `report_skipped`), so the portal's own
  export imports back as "新增0条，更新0条，未变N条";
- rows are attributed to the importing user, and, with `Meta.use_bulk`, written in bulk.
"""

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone
from import_export import resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from .history import record_bulk
from .import_widgets import ChoiceLabelWidget, FieldWidget, NameForeignKeyWidget, NamesWidget
from .imports import FORMULA_MESSAGE, FORMULA_WITHOUT_VALUE

__all__ = ["ChoiceLabelWidget", "NameForeignKeyWidget", "NamesWidget", "PortalResource"]

PROGRESS_EVERY = 500  # rows between two progress reports
IMPORT_REASON = "Excel导入"

# Widgets of django-import-export whose messages are English or Python ("Value could not be parsed
# using defined formats.", decimal.ConversionSyntax): such a column is read by FieldWidget instead.
LIBRARY_WIDGETS = (
    widgets.Widget,
    widgets.CharWidget,
    widgets.IntegerWidget,
    widgets.DecimalWidget,
    widgets.FloatWidget,
    widgets.DateWidget,
)


class PortalInstanceLoader(ModelInstanceLoader):
    """Existing records for the file in one query when the key is a single column; otherwise one
    query per row (ModelInstanceLoader). Cells that cannot be read are left for the row's own error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = self.resource.get_import_id_fields()
        self.cache = None
        if len(ids) != 1:
            return
        self.key_field = self.resource.fields[ids[0]]
        rows = self.dataset.dict  # built anew by tablib on every access
        if not rows or self.key_field.column_name not in rows[0]:
            self.cache = {}
            return
        values = set()
        for row in rows:
            try:
                value = self.key_field.clean(row)
            except (ValueError, KeyError, ValidationError):
                continue
            if value not in (None, ""):
                values.add(value)
        rows = self.get_queryset().filter(**{f"{self.key_field.attribute}__in": values})
        self.cache = {self.key_field.get_value(instance): instance for instance in rows}

    def get_instance(self, row):
        try:
            if self.cache is None:
                return super().get_instance(row)
            return self.cache.get(self.key_field.clean(row))
        except (ValueError, ValidationError):
            return None  # the key cell's own error is reported with the row


class PortalResource(resources.ModelResource):
    """Base for every import: see the module docstring.

    By default each row is validated and saved in turn inside one transaction (rolled back for the
    preview), so a rule that compares a row with earlier rows of the same file (e.g. overlapping
    periods) sees them. A resource whose only cross-row rule is its unique key sets
    `Meta.use_bulk = True` and becomes fast on large files: the preview writes nothing, uniqueness is
    checked against values loaded once, and the confirmed import writes in bulk with a history
    record per row.
    """

    #: column headers that must be present in an uploaded file
    required = ()
    #: called with the number of rows read so far, every PROGRESS_EVERY rows (a job's progress bar)
    progress = None

    class Meta:
        instance_loader_class = PortalInstanceLoader
        skip_diff = True  # no HTML diff; unchanged rows are found by skip_row from a snapshot
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        model = self._meta.model
        for field in self.fields.values():
            if type(field.widget) not in LIBRARY_WIDGETS or not field.attribute or "__" in field.attribute:
                continue
            try:
                model_field = model._meta.get_field(field.attribute)
            except FieldDoesNotExist:
                continue
            if isinstance(model_field, models.Field) and not model_field.is_relation:
                field.widget = FieldWidget(model_field, has_default=field.default is not NOT_PROVIDED)

    def required_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.required]

    def get_import_fields(self):
        # The library builds this list again on every call (several per row); it never changes.
        if getattr(self, "_import_fields", None) is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        number = kwargs.get("row_number") or 0
        if self.progress is not None and number % PROGRESS_EVERY == 0:
            self.progress(number)
        return result

    # Problems of a row ------------------------------------------------------------------------------
    def add_problem(self, message: str) -> None:
        """A problem of the current row that is not one cell's (listed with the cells' problems)."""
        self._problems.append(message)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._creates, self._updates = [], []
        self._seen_keys: dict[tuple, int] = {}
        self._existing_unique = self._load_existing_unique_values(dataset) if self._meta.use_bulk else {}
        if self._meta.use_bulk and any(
            isinstance(f.widget, widgets.ManyToManyWidget) for f in self.get_import_fields()
        ):
            raise ImproperlyConfigured(f"{type(self).__name__}: bulk imports cannot write many-to-many columns")

    def before_import_row(self, row, **kwargs):
        self._problems: list[str] = []
        self._original = None
        super().before_import_row(row, **kwargs)
        self._check_repeated_key(row, kwargs.get("row_number", 0) + 1)

    def _check_repeated_key(self, row, line: int) -> None:
        """A row whose key (Meta.import_id_fields) repeats an earlier row of the same file is refused."""
        fields = [self.fields[name] for name in self._meta.import_id_fields]
        try:
            key = tuple(field.clean(row) for field in fields)
        except (ValueError, KeyError, ValidationError):
            return  # the cell's own error is reported
        if any(value in (None, "") for value in key):
            return
        if key in self._seen_keys:
            shown = "、".join(str(row.get(f.column_name) or "").strip() for f in fields)
            columns = "、".join(f.column_name for f in fields)
            self.add_problem(f"与第{self._seen_keys[key]}行重复（{columns}：{shown}）。")
        else:
            self._seen_keys[key] = line

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute and not field.readonly and row.get(field.column_name) is FORMULA_WITHOUT_VALUE:
            raise ValueError(FORMULA_MESSAGE)
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Read every cell (many-to-many columns too), then add the row's other problems."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    if row.get(field.column_name) is FORMULA_WITHOUT_VALUE:
                        raise ValueError(FORMULA_MESSAGE)
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = [ValidationError(str(exc), code="invalid")]
        if self._problems:
            errors.setdefault("__all__", []).extend(ValidationError(p) for p in self._problems)
        if errors:
            raise ValidationError(errors)

    # Unchanged rows ---------------------------------------------------------------------------------
    def _compared(self):
        return [f for f in self.get_import_fields() if f.attribute and not f.readonly and "__" not in f.attribute]

    def _value(self, field, instance):
        if isinstance(field.widget, widgets.ManyToManyWidget):
            return sorted(o.pk for o in field.get_value(instance).all()) if instance.pk else []
        model_field = instance._meta.get_field(field.attribute)
        if model_field.is_relation:
            return getattr(instance, model_field.attname)
        return field.get_value(instance)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            self._original = {f.column_name: self._value(f, instance) for f in self._compared()}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A row equal to the stored record (every column the file has) is 未变 and not written."""
        if not self._meta.skip_unchanged or import_validation_errors or self._original is None:
            return False
        for field in self._compared():
            if field.column_name not in row:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                current = sorted(o.pk for o in field.clean(row))
            else:
                current = self._value(field, instance)
            if current != self._original[field.column_name]:
                return False
        return True

    # Bulk mode --------------------------------------------------------------------------------------
    def _unique_fields(self):
        model = self._meta.model
        ids = set(self._meta.import_id_fields)
        return [f for f in model._meta.concrete_fields if f.unique and not f.primary_key and f.name not in ids]

    def _load_existing_unique_values(self, dataset) -> dict:
        """For each unique field, the values in the file that already exist in the database (one query each)."""
        found = {}
        columns = {f.attribute: f for f in self.get_import_fields() if f.attribute}
        for field in self._unique_fields():
            column = columns.get(field.name)
            if column is None or column.column_name not in (dataset.headers or []):
                continue
            values = set()
            for value in dataset[column.column_name]:
                try:
                    values.add(column.widget.clean(value))
                except ValueError:
                    continue
            rows = self._meta.model._default_manager.filter(**{f"{field.name}__in": values - {None, ""}})
            found[field.name] = dict(rows.values_list(field.name, "pk"))
        return found

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if not self._meta.use_bulk:
            return super().validate_instance(instance, import_validation_errors, validate_unique)
        # Bulk mode: no query per row. Foreign keys were resolved from the database by their widgets,
        # uniqueness is checked against values loaded once for the whole file.
        errors = dict(import_validation_errors or {})
        resolved = [
            f.name
            for f in instance._meta.concrete_fields
            if f.is_relation and f.name not in errors and getattr(instance, f"{f.name}_id", None) is not None
        ]
        try:
            instance.full_clean(exclude=[*errors.keys(), *resolved], validate_unique=False)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for name, existing in self._existing_unique.items():
            value = getattr(instance, name)
            if value in existing and existing[value] != instance.pk and name not in errors:
                label = instance._meta.get_field(name).verbose_name
                errors[name] = [f"{label}“{value}”已被其他记录使用。"]
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and hasattr(instance, "updated_by"):
            if not instance.pk:
                instance.created_by_id = user.pk
            instance.updated_by_id = user.pk
        super().before_save_instance(instance, row, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        if not is_create and hasattr(instance, "version"):
            instance.version += 1
        if not self._meta.use_bulk:
            # Row by row, also in the preview (whose transaction is rolled back), so later rows are
            # validated against earlier ones; history records the importing user.
            instance._change_reason = IMPORT_REASON
            instance._history_user = kwargs.get("user")
            self.before_save_instance(instance, row, **kwargs)
            self.do_instance_save(instance, is_create)
            self.after_save_instance(instance, row, **kwargs)
            return
        self.before_save_instance(instance, row, **kwargs)
        # Kept in the preview too: a confirm that finds the data unchanged writes these (core.imports).
        (self._creates if is_create else self._updates).append(instance)
        self.after_save_instance(instance, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self._meta.use_bulk and not self._is_dry_run(kwargs):
            self.write_bulk(self._creates, self._updates, kwargs.get("user"))

    def checked_rows(self) -> tuple[list, list]:
        """Bulk mode: the rows the last run validated, (new records, changed records)."""
        return self._creates, self._updates

    def source_models(self) -> tuple:
        """The models a bulk import's checks read: its own and those its columns look up by name. A
        resource whose checks read other tables (a `clean` that queries them) adds those models here, or
        a confirm could write rows checked against data that has changed (core.imports.run_import)."""
        looked_up = [f.widget.model for f in self.get_import_fields() if isinstance(f.widget, widgets.ForeignKeyWidget)]
        return (self._meta.model, *dict.fromkeys(looked_up))

    def write_bulk(self, creates, updates, user) -> None:
        """Write validated rows in bulk, with a history record per row (core.history.record_bulk)."""
        model = self._meta.model
        keeps_history = hasattr(model, "history")  # django-simple-history's manager
        if creates:
            model.objects.bulk_create(creates, batch_size=500)
            if keeps_history:
                record_bulk(model, [o.pk for o in creates], history_type="+", user=user, reason=IMPORT_REASON)
        if updates:
            fields = [f.attribute for f in self.get_import_fields() if f.attribute and "__" not in f.attribute]
            derived = ("updated_by", "updated_at", "version", "kind_rank", "name_key", "name_pinyin")
            fields += [name for name in derived if hasattr(model, name)]
            now = timezone.now()
            for instance in updates:
                if hasattr(instance, "updated_at"):
                    instance.updated_at = now
            model.objects.bulk_update(updates, fields, batch_size=500)
            if keeps_history:
                record_bulk(model, [o.pk for o in updates], history_type="~", user=user, reason=IMPORT_REASON)
