"""Filter menus: the chosen value stays chosen, names are escaped, every label is Chinese."""

from django import forms

from core.widgets import FastSelect


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


def test_model_menu_matches_djangos_select_and_escapes_names(db):
    from directory.models import Township

    towns = [Township.objects.create(name=name, sort_order=n) for n, name in enumerate(["琅琊镇", "白龙桥镇<b>"])]

    class F(forms.Form):
        township = forms.ModelChoiceField(Township.objects.order_by("sort_order"), required=False)

    form = F({"township": str(towns[1].pk)})
    django_html = str(form["township"])
    form.fields["township"].widget = FastSelect(label="name")
    form.fields["township"].widget.choices = form.fields["township"].choices
    assert str(form["township"]) == django_html.replace("\n", "").replace("  ", "")
    assert f'<option value="{towns[1].pk}" selected>白龙桥镇&lt;b&gt;</option>' in django_html


def test_the_ledgers_overdue_menu_keeps_the_choice(db):
    from conversions.filters import CaseFilter

    for value, chosen in [("true", "仅逾期"), ("false", "未逾期"), ("", "全部")]:
        html = str(CaseFilter({"overdue": value}).form["overdue"])
        assert html.count(" selected") == 1 and f"selected>{chosen}</option>" in html
