"""Excel import and export of lawyers, appointments and 普法 activities (Chinese column headers)."""

from import_export import fields, widgets

from core.resources import ChoiceLabelWidget, NameForeignKeyWidget, PortalResource
from directory.models import Organization

from .models import Activity, ActivityKind, Appointment, Audience, LawFirm, Lawyer
from .validators import normalize_license_no

SEPARATOR = "、"


def text(attribute: str, column: str) -> fields.Field:
    """A text column; an empty cell is stored as an empty string."""
    return fields.Field(attribute=attribute, column_name=column, widget=widgets.CharWidget(allow_blank=True))


class BooleanLabelWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text in ("", "是", "在册", "1", "True", "TRUE"):
            return True
        if text in ("否", "不在册", "0", "False", "FALSE"):
            return False
        raise ValueError(f"“{text}”应填“是”或“否”。")

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class CodeForeignKeyWidget(NameForeignKeyWidget):
    """A foreign key given by a code column (信用代码, 执业证号), normalized before lookup."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        return super().clean(str(value).strip().upper().replace(" ", ""), row, **kwargs)


class OrganizationsWidget(widgets.ManyToManyWidget):
    """Organizations by name, separated by 、; an unknown name is an error, not silently dropped."""

    def __init__(self):
        super().__init__(Organization, separator=SEPARATOR, field="name")

    def clean(self, value, row=None, **kwargs):
        names = [n.strip() for n in str(value or "").replace("，", SEPARATOR).split(SEPARATOR) if n.strip()]
        if not names:
            return Organization.objects.none()
        found = Organization.objects.filter(name__in=names)
        unknown = sorted(set(names) - set(found.values_list("name", flat=True)))
        if unknown:
            raise ValueError(f"机构名录中没有：{SEPARATOR.join(unknown)}。")
        return found

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(o.name for o in value.all()) if value is not None else ""


class LawyerResource(PortalResource):
    name = text("name", "姓名")
    firm = fields.Field(
        attribute="firm", column_name="律师事务所", widget=NameForeignKeyWidget(LawFirm, what="律师事务所")
    )
    license_no = text("license_no", "执业证号")
    phone = text("phone", "联系电话")
    specialties = text("specialties", "擅长领域")
    active = fields.Field(attribute="active", column_name="在册", widget=BooleanLabelWidget())

    required = ("name", "firm", "license_no")

    class Meta:
        model = Lawyer
        import_id_fields = ("license_no",)
        fields = ("name", "firm", "license_no", "phone", "specialties", "active")
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True
        skip_diff = True

    def before_import_row(self, row, **kwargs):
        column = self.fields["license_no"].column_name
        row[column] = normalize_license_no(row.get(column))
        super().before_import_row(row, **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("firm")


class AppointmentResource(PortalResource):
    organization_name = fields.Field(attribute="organization__name", column_name="学校名称", readonly=True)
    organization = fields.Field(
        attribute="organization",
        column_name="学校统一社会信用代码",
        widget=CodeForeignKeyWidget(Organization, field="credit_code", what="学校（统一社会信用代码）"),
    )
    lawyer_name = fields.Field(attribute="lawyer__name", column_name="律师姓名", readonly=True)
    lawyer = fields.Field(
        attribute="lawyer",
        column_name="律师执业证号",
        widget=CodeForeignKeyWidget(Lawyer, field="license_no", what="律师（执业证号）"),
    )
    start_date = fields.Field(attribute="start_date", column_name="聘期开始", widget=widgets.DateWidget())
    end_date = fields.Field(attribute="end_date", column_name="聘期结束", widget=widgets.DateWidget())
    fee = fields.Field(attribute="fee", column_name="服务费（元/年）", widget=widgets.DecimalWidget())
    scope = text("scope", "服务范围")

    required = ("organization", "lawyer", "start_date", "end_date", "scope")

    class Meta:
        model = Appointment
        import_id_fields = ("organization", "lawyer", "start_date")
        fields = (
            "organization_name",
            "organization",
            "lawyer_name",
            "lawyer",
            "start_date",
            "end_date",
            "fee",
            "scope",
        )
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True
        skip_diff = True

    def before_import_row(self, row, **kwargs):
        column = self.fields["fee"].column_name
        if column in row and row[column] in (None, ""):
            row[column] = 0
        super().before_import_row(row, **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "lawyer")


class ActivityResource(PortalResource):
    title = text("title", "活动名称")
    date = fields.Field(attribute="date", column_name="活动日期", widget=widgets.DateWidget())
    kind = fields.Field(
        attribute="kind", column_name="活动类型", widget=ChoiceLabelWidget(ActivityKind.choices, "活动类型")
    )
    audience = fields.Field(
        attribute="audience", column_name="主要对象", widget=ChoiceLabelWidget(Audience.choices, "活动对象")
    )
    organizations = fields.Field(attribute="organizations", column_name="组织单位", widget=OrganizationsWidget())
    sessions = fields.Field(attribute="sessions", column_name="场次", widget=widgets.IntegerWidget())
    participants = fields.Field(attribute="participants", column_name="参加人数", widget=widgets.IntegerWidget())
    winners = fields.Field(attribute="winners", column_name="获奖人数", widget=widgets.IntegerWidget())
    description = text("description", "活动内容")

    required = ("title", "date", "kind", "organizations", "participants")

    class Meta:
        model = Activity
        import_id_fields = ("title", "date")
        fields = (
            "title",
            "date",
            "kind",
            "audience",
            "organizations",
            "sessions",
            "participants",
            "winners",
            "description",
        )
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True
        skip_diff = True

    def before_import_row(self, row, **kwargs):
        for column, default in (("主要对象", "学生"), ("场次", 1)):
            if column in row and row[column] in (None, ""):
                row[column] = default
        column = self.fields["organizations"].column_name
        if not str(row.get(column) or "").strip():
            from django.core.exceptions import ValidationError

            raise ValidationError("组织单位：请填写至少一个组织单位（多个用“、”分隔）。")
        super().before_import_row(row, **kwargs)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("organizations")
