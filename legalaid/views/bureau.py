"""The bureau's own legal-affairs items: cadre law-study sessions and normative documents."""

from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.forms import save_form
from core.history import history_rows
from core.listing import list_page

from .. import selectors, services
from ..filters import DocumentFilter, TrainingFilter
from ..forms import DocumentActionForm, DocumentForm, TrainingForm
from ..models import DocumentStatus
from ..services import DOCUMENT_ACTIONS
from .common import form_page


@access(DISTRICT_ROLES)
def training_list(request):
    return list_page(
        request,
        "legalaid/training_list.html",
        TrainingFilter(request.GET, queryset=selectors.trainings_for_user(request.user)),
    )


@access(BUREAU_WRITERS)
def training_create(request):
    form = TrainingForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.training_create(data=form.model_data(), user=request.user),
        success="已登记培训。",
        next_url=reverse("legalaid:training_list"),
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": "登记干部学法用法培训", "back": reverse("legalaid:training_list")},
    )


@access(BUREAU_WRITERS)
def training_edit(request, pk):
    training = selectors.get_training_for_user(request.user, pk, write=True)
    form = TrainingForm(request.POST or None, instance=training)
    done = save_form(
        request,
        form,
        lambda: services.training_update(
            training=training, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
        next_url=reverse("legalaid:training_list"),
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": f"编辑：{training.title}", "back": reverse("legalaid:training_list")},
    )


@access(DISTRICT_ROLES)
def document_list(request):
    return list_page(
        request,
        "legalaid/document_list.html",
        DocumentFilter(request.GET, queryset=selectors.documents_for_user(request.user)),
    )


def _document_page(request, document, action_form=None, status=200):
    actions = [
        (name, label)
        for name, (field, sources, _target, label) in DOCUMENT_ACTIONS.items()
        if getattr(document, field) in sources and (field == "status" or document.status == DocumentStatus.ISSUED)
    ]
    return render(
        request,
        "legalaid/document_detail.html",
        {
            "document": document,
            "actions": actions,
            "action_form": action_form or DocumentActionForm(initial={"expected_version": document.version}),
            "rows": history_rows(document),
        },
        status=status,
    )


@access(DISTRICT_ROLES)
def document_detail(request, pk):
    return _document_page(request, selectors.get_document_for_user(request.user, pk))


@access(BUREAU_WRITERS)
def document_create(request):
    form = DocumentForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.document_create(data=form.model_data(), user=request.user),
        success="已登记规范性文件。",
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": "登记规范性文件", "back": reverse("legalaid:document_list")},
    )


@access(BUREAU_WRITERS)
def document_edit(request, pk):
    document = selectors.get_document_for_user(request.user, pk, write=True)
    form = DocumentForm(request.POST or None, instance=document)
    done = save_form(
        request,
        form,
        lambda: services.document_update(
            document=document, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
    )
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": f"编辑：{document.title}", "back": document.get_absolute_url()},
    )


@access(BUREAU_WRITERS)
def document_advance(request, pk):
    document = selectors.get_document_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return redirect(document)
    form = DocumentActionForm(request.POST)
    action = request.POST.get("action", "")
    done = save_form(
        request,
        form,
        lambda: services.normative_document_advance(
            document=document,
            action=action,
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
            on=form.cleaned_data["on"],
            opinion=form.cleaned_data["opinion"],
            number=form.cleaned_data["number"],
        ),
        success=lambda _: f"已{DOCUMENT_ACTIONS[action][3]}。",  # looked up once the service accepted the action
        next_url=document,
    )
    if done:
        return done
    document.refresh_from_db()
    return _document_page(request, document, form, status=400)
