"""Base classes for import/export resources (django-import-export)."""

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone
from import_export import resources, widgets
from import_export.instance_loaders import ModelInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .imports import AttributedResourceMixin, DuplicateCheckMixin


class ChoiceLabelWidget(widgets.Widget):
    """Read and write a choice field by its Chinese label (e.g. 公办小学), refusing unknown labels."""

    def __init__(self, choices, what: str, **kwargs):
        super().__init__(**kwargs)
        self.by_label = {str(label): value for value, label in choices}
        self.by_value = {value: str(label) for value, label in choices}
        self.what = what

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return ""
        if text in self.by_label:
            return self.by_label[text]
        if text in self.by_value:
            return text
        raise ValueError(f"未知的{self.what}“{text}”，可选：{'、'.join(self.by_label)}。")

    def render(self, value, obj=None, **kwargs):
        return self.by_value.get(value, value or "")


class NameForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key given by its name, with a Chinese message when nothing matches."""

    def __init__(self, model, field="name", what="", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.what = what or model._meta.verbose_name

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        # One query per distinct value in the file, not one per row.
        if getattr(self, "_cache", None) is None:
            self._cache = {}
        key = str(value).strip()
        if key not in self._cache:
            self._cache[key] = list(self.get_queryset(value, row, **kwargs).filter(**{self.field: key})[:2])
        matches = self._cache[key]
        if not matches:
            raise ValueError(f"未知的{self.what}“{value}”。")
        if len(matches) > 1:
            raise ValueError(f"有多个名为“{key}”的{self.what}，无法确定是哪一个。")
        return matches[0]


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
        if not self.dataset.dict or self.key_field.column_name not in self.dataset.dict[0]:
            self.cache = {}
            return
        values = set()
        for row in self.dataset.dict:
            try:
                value = self.key_field.clean(row)
            except (ValueError, KeyError, ValidationError):
                continue
            if value not in (None, ""):
                values.add(value)
        rows = self.get_queryset().filter(**{f"{self.key_field.attribute}__in": values})
        self.cache = {self.key_field.get_value(instance): instance for instance in rows}

    def get_instance(self, row):
        if self.cache is None:
            return super().get_instance(row)
        return self.cache.get(self.key_field.clean(row))


class PortalResource(DuplicateCheckMixin, AttributedResourceMixin, resources.ModelResource):
    """Base for every import: duplicate rows refused, rows attributed to the importing user.

    By default each row is validated and saved in turn inside one transaction (rolled back for the
    preview), so a rule that compares a row with earlier rows of the same file (e.g. overlapping
    periods) sees them. A resource whose only cross-row rule is its unique key (checked by
    DuplicateCheckMixin) sets `Meta.use_bulk = True` and becomes fast on large files: the preview
    writes nothing, uniqueness is checked against values loaded once, and the confirmed import writes
    in bulk with a history record per row.
    """

    #: column headers that must be present in an uploaded file
    required = ()

    class Meta:
        instance_loader_class = PortalInstanceLoader
        skip_diff = True
        clean_model_instances = True
        use_bulk = False

    def required_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.required]

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._creates, self._updates = [], []
        self._existing_unique = self._load_existing_unique_values(dataset) if self._meta.use_bulk else {}
        if self._meta.use_bulk and any(
            isinstance(f.widget, widgets.ManyToManyWidget) for f in self.get_import_fields()
        ):
            raise ImproperlyConfigured(f"{type(self).__name__}: bulk imports cannot write many-to-many columns")

    def _unique_fields(self):
        model = self._meta.model
        ids = set(self._meta.import_id_fields)
        return [f for f in model._meta.concrete_fields if f.unique and not f.primary_key and f.name not in ids]

    def _load_existing_unique_values(self, dataset) -> dict:
        """For each unique field, the values in the file that already exist in the database (one query each)."""
        found = {}
        columns = {f.attribute: f.column_name for f in self.get_import_fields() if f.attribute}
        for field in self._unique_fields():
            column = columns.get(field.name)
            if column not in (dataset.headers or []):
                continue
            values = {str(v).strip() for v in dataset[column] if v not in (None, "")}
            rows = self._meta.model._default_manager.filter(**{f"{field.name}__in": values})
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

    def save_instance(self, instance, is_create, row, **kwargs):
        if not is_create and hasattr(instance, "version"):
            instance.version += 1
        if not self._meta.use_bulk:
            # Row by row, also in the preview (whose transaction is rolled back), so later rows are
            # validated against earlier ones; history records the importing user.
            instance._change_reason = "Excel导入"
            instance._history_user = kwargs.get("user")
            self.before_save_instance(instance, row, **kwargs)
            self.do_instance_save(instance, is_create)
            self.after_save_instance(instance, row, **kwargs)
            return
        self.before_save_instance(instance, row, **kwargs)
        if not self._is_dry_run(kwargs):
            (self._creates if is_create else self._updates).append(instance)
        self.after_save_instance(instance, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not self._meta.use_bulk or self._is_dry_run(kwargs):
            return
        model = self._meta.model
        user = kwargs.get("user")
        keeps_history = hasattr(model, "history")  # django-simple-history's manager
        if self._creates:
            if keeps_history:
                bulk_create_with_history(
                    self._creates, model, batch_size=500, default_user=user, default_change_reason="Excel导入"
                )
            else:
                model.objects.bulk_create(self._creates, batch_size=500)
        if self._updates:
            fields = [f.attribute for f in self.get_import_fields() if f.attribute and "__" not in f.attribute]
            fields += [name for name in ("updated_by", "updated_at", "version", "kind_rank") if hasattr(model, name)]
            now = timezone.now()
            for instance in self._updates:
                if hasattr(instance, "updated_at"):
                    instance.updated_at = now
            if keeps_history:
                bulk_update_with_history(
                    self._updates, model, fields, batch_size=500, default_user=user, default_change_reason="Excel导入"
                )
            else:
                model.objects.bulk_update(self._updates, fields, batch_size=500)
