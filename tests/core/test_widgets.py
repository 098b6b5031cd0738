"""core.widgets.FastSelect: the markup of a Django Select, without a template per option."""

from django import forms

from core.widgets import FastSelect


def test_fast_select_renders_like_select_and_escapes():
    choices = [("", "全部"), ("1", "城东<街道>"), ("2", "城西街道")]
    html = FastSelect(choices=choices).render("township", "2", attrs={"id": "id_township"})
    assert html.startswith('<select name="township" id="id_township">') or html.startswith(
        '<select id="id_township" name="township">'
    )
    assert '<option value="2" selected>城西街道</option>' in html
    assert '<option value="1">城东&lt;街道&gt;</option>' in html
    assert html.count("selected") == 1


def test_fast_select_in_a_form_keeps_the_chosen_value():
    class F(forms.Form):
        township = forms.ChoiceField(choices=[("", "全部"), ("7", "琅琊镇")], required=False, widget=FastSelect)

    html = str(F({"township": "7"})["township"])
    assert '<option value="7" selected>琅琊镇</option>' in html


def test_fast_select_reads_model_choices_as_pairs(db):
    from directory.models import Township

    towns = [Township.objects.create(name=f"镇{n}", sort_order=n) for n in range(3)]

    class F(forms.Form):
        township = forms.ModelChoiceField(
            Township.objects.all(), required=False, empty_label="全部乡镇", widget=FastSelect(label="name")
        )

    html = str(F({"township": str(towns[1].pk)})["township"])
    assert '<option value="">全部乡镇</option>' in html
    assert f'<option value="{towns[1].pk}" selected>镇1</option>' in html


def test_fast_select_formats_several_fields_as_the_model_str_does(db):
    from legalaid.filters import AppointmentFilter
    from tests.legalaid.factories import LawyerFactory

    lawyer = LawyerFactory(name="王律师", firm__name="浙江某某律师事务所")
    html = str(AppointmentFilter({"lawyer": str(lawyer.pk)}).form["lawyer"])
    assert f'<option value="{lawyer.pk}" selected>{lawyer}</option>' in html
    assert str(lawyer) == "王律师（浙江某某律师事务所）"


def test_fast_select_menu_follows_changes_and_escapes_names(db, django_assert_num_queries):
    """The options are cached, but a renamed or added township shows at once, its name escaped."""
    from directory.models import Township

    town = Township.objects.create(name="琅琊镇", sort_order=1)

    class F(forms.Form):
        township = forms.ModelChoiceField(Township.objects.all(), required=False, widget=FastSelect(label="name"))

    assert "琅琊镇" in str(F()["township"])
    with django_assert_num_queries(0):  # the options and the data version come from the cache
        assert "琅琊镇" in str(F()["township"])
    town.name = "白龙桥镇<b>"  # a rename in the Django admin: no new row, only its history
    town.save()
    html = str(F({"township": str(town.pk)})["township"])
    assert f'<option value="{town.pk}" selected>白龙桥镇&lt;b&gt;</option>' in html and "琅琊镇" not in html
    Township.objects.create(name="汤溪镇", sort_order=2)
    assert "汤溪镇" in str(F()["township"])


def test_filter_menus_render_fast_with_the_chosen_value_kept(db):
    """Every register's menus go through FastSelect (core.filters.PortalFilterSet), same markup."""
    from inspections.filters import PlanFilter
    from inspections.models import PlanKind

    form = PlanFilter({"kind": PlanKind.RANDOM, "ordering": "-start"}).form
    assert all(isinstance(form.fields[name].widget, FastSelect) for name in ("kind", "year"))
    kind = str(form["kind"])
    assert kind.startswith('<select id="id_kind" name="kind">')
    assert '<option value="">全部类型</option>' in kind
    assert f'<option value="{PlanKind.RANDOM.value}" selected>{PlanKind.RANDOM.label}</option>' in kind
    assert 'value="-start" selected>' in str(form["ordering"])


def _django_markup(widget, name, value, attrs):
    """What Django's own template renders for `widget` (the reference the fast widgets must match)."""
    return forms.Widget.render(widget, name, value, attrs)


def test_python_rendered_inputs_match_djangos_markup():
    import datetime

    from core.widgets import python_rendered

    cases = [
        (forms.TextInput(attrs={"placeholder": '名称或"代码"'}), "q", "阳光<幼儿园>", {"id": "id_q", "required": True}),
        (forms.TextInput(), "q", None, {"id": "id_q", "disabled": False}),
        (forms.NumberInput(attrs={"min": 2000}), "year", 2021, {"id": "id_year"}),
        (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "day", datetime.date(2021, 5, 1), {}),
        (forms.EmailInput(), "mail", "a&b@example.cn", {"id": "id_mail"}),
    ]
    for widget, name, value, attrs in cases:
        expected = _django_markup(widget, name, value, attrs)
        fast = python_rendered(widget)
        assert type(fast).__name__.startswith("PythonRendered")
        assert fast.render(name, value, attrs) == expected


def test_python_rendered_yes_no_menu_matches_djangos_selection():
    from core.widgets import python_rendered

    widget = forms.NullBooleanSelect()
    widget.choices = [("", "全部"), ("true", "仅逾期"), ("false", "未逾期")]
    fast = python_rendered(widget)
    for value, chosen in [(True, "true"), ("false", "false"), (None, None)]:
        html = fast.render("overdue", value, {"id": "id_overdue"})
        assert html.count(" selected") == (0 if chosen is None else 1)
        if chosen:
            assert f'<option value="{chosen}" selected>' in html
    # Django's own template marked "全部" selected whatever was chosen: it tests `"" in "true"` on the
    # formatted string, and the case ledger's 逾期 menu offers "" for 全部.
    assert '<option value="" selected>全部</option>' in _django_markup(widget, "overdue", True, {})
    assert fast.value_from_datadict({"overdue": "true"}, {}, "overdue") is True


def test_filter_forms_render_without_the_template_engine(db, monkeypatch):
    from django.forms.renderers import BaseRenderer

    from conversions.filters import CaseFilter

    rendered = []
    original = BaseRenderer.render
    monkeypatch.setattr(
        BaseRenderer, "render", lambda self, name, *a, **k: rendered.append(name) or original(self, name, *a, **k)
    )
    form = CaseFilter({"q": "阳光", "overdue": "true", "completed_year": "2021", "ordering": "-due"}).form
    html = "".join(str(field) for field in form)
    assert 'name="q" value="阳光"' in html
    assert 'name="completed_year" value="2021"' in html
    assert '<option value="true" selected>仅逾期</option>' in html
    assert '<option value="-due" selected>办结时限（降序）</option>' in html
    assert '<option value="due">办结时限（升序）</option>' in html and "descending" not in html
    assert rendered == []


def test_the_model_menus_of_a_filter_form_share_one_data_version_read(db, django_assert_num_queries, monkeypatch):
    import django_filters

    from core import caching
    from core.filters import PortalFilterSet
    from directory.models import Department, Organization, Township

    Township.objects.create(name="城东街道", sort_order=1)
    Department.objects.create(name="安全科", short_name="安全科")

    class TwoMenus(PortalFilterSet):
        township = django_filters.ModelChoiceFilter(
            queryset=Township.objects.order_by("sort_order"), widget=FastSelect(label="name")
        )
        section = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), widget=FastSelect(label="name"))

        class Meta:
            model = Organization
            fields = []

    reads = []
    read = caching.data_version
    monkeypatch.setattr(caching, "data_version", lambda *models: reads.append(models) or read(*models))
    with django_assert_num_queries(2):  # each menu's options once
        html = "".join(str(field) for field in TwoMenus({}).form)
    assert "城东街道" in html and "安全科" in html
    with django_assert_num_queries(0):  # cached
        assert "".join(str(field) for field in TwoMenus({}).form) == html
    assert len(reads) == 2  # one version read per form for both menus


def test_every_filter_form_speaks_chinese(db):
    """No register's filter shows Django's "---------" or django-filter's "(descending)"."""
    import importlib

    from core.filters import PortalFilterSet
    from directory.models import Organization

    for app in ("directory", "inspections", "legalaid", "conversions", "reports", "accounts"):
        try:
            importlib.import_module(f"{app}.filters")
        except ModuleNotFoundError:
            continue

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    filtersets = [cls for cls in subclasses(PortalFilterSet) if cls.__module__.split(".")[0] != "tests"]
    assert len(filtersets) >= 10
    for filterset in filtersets:
        model = filterset._meta.model or Organization  # the coverage filter names no model
        html = "".join(str(field) for field in filterset({}, queryset=model._default_manager.none()).form)
        assert "---------" not in html and "descending" not in html, filterset.__name__


def test_widgets_with_their_own_templates_are_left_to_django():
    from core.widgets import python_rendered

    class Custom(forms.TextInput):
        template_name = "custom/widget.html"

    for widget in (Custom(), forms.MultipleHiddenInput(), forms.ClearableFileInput(), forms.Textarea()):
        kind = type(widget)
        assert type(python_rendered(widget)) is kind
