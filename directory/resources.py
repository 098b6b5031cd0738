"""Excel import and export of the registry, with Chinese column headers."""

from import_export import fields

from core.resources import ChoiceLabelWidget, NameForeignKeyWidget, PortalResource

from .models import Organization, OrgKind, OrgStatus, Ownership, ProfitStatus, Township


class OrganizationResource(PortalResource):
    name = fields.Field(attribute="name", column_name="机构名称")
    kind = fields.Field(attribute="kind", column_name="机构类型", widget=ChoiceLabelWidget(OrgKind.choices, "机构类型"))
    ownership = fields.Field(
        attribute="ownership", column_name="办学性质", widget=ChoiceLabelWidget(Ownership.choices, "办学性质")
    )
    profit_status = fields.Field(
        attribute="profit_status",
        column_name="营利属性",
        widget=ChoiceLabelWidget(ProfitStatus.choices, "营利属性"),
        default=ProfitStatus.NON_PROFIT,
    )
    credit_code = fields.Field(attribute="credit_code", column_name="统一社会信用代码")
    license_no = fields.Field(attribute="license_no", column_name="办学许可证号")
    township = fields.Field(
        attribute="township", column_name="乡镇（街道）", widget=NameForeignKeyWidget(Township, what="乡镇（街道）")
    )
    address = fields.Field(attribute="address", column_name="地址")
    principal = fields.Field(attribute="principal", column_name="法定代表人/校长")
    contact_phone = fields.Field(attribute="contact_phone", column_name="联系电话")
    sites = fields.Field(attribute="sites", column_name="办学点数", default=1)
    status = fields.Field(
        attribute="status",
        column_name="办学状态",
        widget=ChoiceLabelWidget(OrgStatus.choices, "办学状态"),
        default=OrgStatus.ACTIVE,
    )
    status_date = fields.Field(attribute="status_date", column_name="状态变更日期")

    required = ("name", "kind", "ownership", "credit_code", "township")

    class Meta:
        model = Organization
        import_id_fields = ("credit_code",)
        # Its only cross-row rule is the unique credit code (a repeated code is refused by
        # PortalResource), so the registry imports in bulk: 10,000 rows in seconds.
        use_bulk = True
        fields = (
            "name",
            "kind",
            "ownership",
            "profit_status",
            "credit_code",
            "license_no",
            "township",
            "address",
            "principal",
            "contact_phone",
            "sites",
            "status",
            "status_date",
        )
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("township")
