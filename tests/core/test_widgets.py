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
    with django_assert_num_queries(1):  # only the data version: the options come from the cache
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
