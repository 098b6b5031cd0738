"""Excel import and export of lawyers, appointments and 普法 activities (Chinese column headers)."""

from import_export import fields, widgets

from core.resources import ChoiceLabelWidget, NameForeignKeyWidget, NamesWidget, PortalResource
from directory.models import Organization
from directory.validators import normalize_credit_code

from .models import Activity, ActivityKind, Appointment, Audience, LawFirm, Lawyer
from .validators import normalize_license_no


def text(attribute: str, column: str) -> fields.Field:
    """A text column; an empty cell is stored as an empty string (core.import_widgets.FieldWidget)."""
    return fields.Field(attribute=attribute, column_name=column)


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
        return super().clean(normalize_credit_code(value), row, **kwargs)


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
    start_date = fields.Field(attribute="start_date", column_name="聘期开始")
    end_date = fields.Field(attribute="end_date", column_name="聘期结束")
    fee = fields.Field(attribute="fee", column_name="服务费（元/年）", default=0)
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

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "lawyer")


class ActivityResource(PortalResource):
    title = text("title", "活动名称")
    date = fields.Field(attribute="date", column_name="活动日期")
    kind = fields.Field(
        attribute="kind", column_name="活动类型", widget=ChoiceLabelWidget(ActivityKind.choices, "活动类型")
    )
    audience = fields.Field(
        attribute="audience",
        column_name="主要对象",
        widget=ChoiceLabelWidget(Audience.choices, "活动对象"),
        default=Audience.STUDENTS,
    )
    organizations = fields.Field(
        attribute="organizations", column_name="组织单位", widget=NamesWidget(Organization, "组织单位")
    )
    sessions = fields.Field(attribute="sessions", column_name="场次", default=1)
    participants = fields.Field(attribute="participants", column_name="参加人数")
    winners = fields.Field(attribute="winners", column_name="获奖人数")
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

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        column = self.fields["organizations"].column_name
        if not str(row.get(column) or "").strip():
            self.add_problem(f"{column}：请填写至少一个组织单位（多个用“、”分隔）。")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("organizations")
