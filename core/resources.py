"""Base classes for import/export resources (django-import-export)."""

from import_export import resources, widgets

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
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(f"未知的{self.what}“{value}”。") from None


class PortalResource(DuplicateCheckMixin, AttributedResourceMixin, resources.ModelResource):
    """Base for every import: duplicate rows refused, rows attributed to the importing user."""

    #: column headers that must be present in an uploaded file
    required = ()

    def required_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.required]
