"""The report editor: one part (section) at a time, block by block, with the figure picker.

Saving sends the version of the report the editor loaded; if someone saved in between, the save is
refused and the page comes back with the editor's own text still in the form.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import access
from core import stats
from core.forms import form_status, save_form

from .. import chips, rendering, selectors, sentences, services
from .. import figures as fig
from ..forms import BlockForm, BlockFormSet, SectionAddForm, VersionForm
from ..roles import DRAFTERS
from ..selectors import split_sections
from .common import flash_errors


def figure_picker(report, blocks) -> list[fig.Figure]:
    """Every registered statistic with its value for the report's year, for the picker beside the editor
    (cached until their data changes); first the ones the report's `blocks` cite that are not
    registered, shown as missing."""
    registered = stats.all_statistics()
    cited = {key.partition("@")[0] for block in blocks for key in fig.keys_in(block.text)}
    missing = [fig.compute(name, report.year) for name in sorted(cited - set(registered))]
    return missing + fig.registered(report.year)


def _initial(blocks, figures) -> list[dict]:
    """The section's paragraphs as the editor shows them: figures as chips with their values (reports.chips)."""
    return [
        {"order": i + 1, "kind": b.kind, "level": b.level, "text": chips.to_chips(b.text, figures)}
        for i, b in enumerate(blocks)
    ]


def _rows(formset) -> list[dict]:
    """The blocks the editor kept, in the order they gave (blank extra rows and deleted rows dropped)."""
    kept = []
    for position, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE") or not (data.get("text") or "").strip():
            continue
        order = data.get("order")
        kept.append(((order if order is not None else 10_000 + position), position, data))
    return [
        {"kind": d["kind"], "level": d["level"], "text": d["text"]} for _, _, d in sorted(kept, key=lambda k: k[:2])
    ]


def _figures(report, blocks, shown) -> tuple[list, dict]:
    """The picker's figures and, by key, every figure the `shown` blocks cite (previous years too)."""
    picker = figure_picker(report, blocks)
    figures = {f.name: f for f in picker}  # cached until their data changes; previous years' computed here
    for block in shown:
        for key in fig.keys_in(block.text):
            if key not in figures:
                figures[key] = fig.compute(key, report.year)
    return picker, figures


def _mark(report, shown, figures) -> None:
    """Each of the `shown` blocks gets its badges and its 待核实 sentences (index, start, note)."""
    document = rendering.build(report, shown, figures=figures)
    rendered = dict(zip([b.pk for b in shown], document.blocks, strict=True))
    for block in shown:
        flags = rendered[block.pk].flags
        block.badges = sentences.badges(block, flags)
        parts = sentences.split(block.text)
        block.flag_rows = [(parts.index(f.sentence), f.start(document.figures), f.note) for f in flags]


@access(DRAFTERS)
def block_edit(request, pk, block_pk):
    """One paragraph (or heading) edited on its own page: its text with figures as chips, the picker."""
    report = selectors.get_report_for_user(request.user, pk, write=True)
    block = selectors.get_block_for_report(report, block_pk)
    if not report.is_draft:
        messages.error(request, f"报告当前状态为“{report.get_status_display()}”，不能修改。")
        return redirect(report)
    blocks = list(report.blocks.all())
    section = next(s for s in split_sections(blocks) if any(b.pk == block.pk for b in s.blocks))
    block = next(b for b in section.blocks if b.pk == block.pk)
    picker, figures = _figures(report, blocks, [block])
    conflict = False
    if request.method == "POST":
        form, version = BlockForm(request.POST), VersionForm(request.POST)
        if form.is_valid() and version.is_valid():
            if not form.cleaned_data["text"]:
                form.add_error("text", "内容不能为空。要删除本段，请在“编辑本部分”中勾选“删除”。")
            else:
                # Saved as its section with this one paragraph changed: the same checks and the same rule
                # for what stays 沿用上年表述 as when the whole section is edited.
                rows = [
                    {"kind": b.kind, "level": b.level, "text": b.text}
                    if b.pk != block.pk
                    else {key: form.cleaned_data[key] for key in ("kind", "level", "text")}
                    for b in section.blocks
                ]
                try:
                    services.section_save(
                        report=report,
                        index=section.index,
                        rows=rows,
                        user=request.user,
                        expected_version=version.cleaned_data["expected_version"],
                    )
                except ValidationError as exc:
                    conflict = getattr(exc, "code", "") == "stale"
                    for message in exc.messages:
                        form.add_error(None, message)
                else:
                    messages.success(request, "已保存本段。")
                    return redirect(f"{reverse('reports:report_detail', args=[report.pk])}#section-{section.index}")
    else:
        initial = {"kind": block.kind, "level": block.level, "text": chips.to_chips(block.text, figures)}
        form, version = BlockForm(initial=initial), VersionForm(initial={"expected_version": report.version})
    form.fields["text"].widget.attrs["rows"] = 10  # one paragraph: room to read it whole
    _mark(report, [block], figures)
    context = {
        "report": report,
        "section": section,
        "paragraph": block,  # not "block": the template engine names {% block %} so
        "number": section.blocks.index(block) + 1,
        "form": form,
        "version_form": version,
        "picker": picker,
        "conflict": conflict,
    }
    status = (409 if conflict else 400) if request.method == "POST" else 200
    return render(request, "reports/block_edit.html", context, status=status)


@access(DRAFTERS)
def section_edit(request, pk, index):
    report = selectors.get_report_for_user(request.user, pk, write=True)
    blocks = list(report.blocks.all())
    sections = split_sections(blocks)
    if not 0 <= index < len(sections):
        raise Http404("该部分不存在。")
    section = sections[index]
    conflict = False
    picker, figures = _figures(report, blocks, section.blocks)
    if request.method == "POST":
        formset = BlockFormSet(request.POST, prefix="b")
        version = VersionForm(request.POST)
        if not report.is_draft:
            messages.error(request, f"报告当前状态为“{report.get_status_display()}”，不能修改。")
            return redirect(report)
        if formset.is_valid() and version.is_valid():
            try:
                services.section_save(
                    report=report,
                    index=index,
                    rows=_rows(formset),
                    user=request.user,
                    expected_version=version.cleaned_data["expected_version"],
                )
            except ValidationError as exc:
                conflict = getattr(exc, "code", "") == "stale"
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                messages.success(request, f"已保存“{section.title or '开头部分'}”。")
                target = request.POST.get("next") == "stay"
                if target:
                    return redirect("reports:section_edit", pk=report.pk, index=index)
                return redirect(f"{reverse('reports:report_detail', args=[report.pk])}#section-{index}")
    else:
        if not report.is_draft:
            messages.error(request, f"报告当前状态为“{report.get_status_display()}”，不能修改。")
            return redirect(report)
        formset = BlockFormSet(initial=_initial(section.blocks, figures), prefix="b")
        version = VersionForm(initial={"expected_version": report.version})
    invalid = request.method == "POST"
    _mark(report, section.blocks, figures)
    forms = list(formset.forms)
    entries = [(form, section.blocks[i] if i < len(section.blocks) else None) for i, form in enumerate(forms)]
    return render(
        request,
        "reports/section_edit.html",
        {
            "report": report,
            "section": section,
            "formset": formset,
            "entries": entries,
            "version_form": version,
            "picker": picker,
            "conflict": conflict,
        },
        status=(409 if conflict else 400) if invalid else 200,
    )


@access(DRAFTERS)
def section_add(request, pk):
    report = selectors.get_report_for_user(request.user, pk, write=True)
    form = SectionAddForm(request.POST or None, initial={"expected_version": report.version})

    def save():
        services.section_add(
            report=report,
            heading=form.cleaned_data["heading"],
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
        )
        index = len(split_sections(list(report.blocks.all()))) - 1
        return reverse("reports:section_edit", kwargs={"pk": report.pk, "index": index})  # the new part's editor

    done = save_form(request, form, save, success="已新增部分。")
    return done or render(
        request, "reports/section_add.html", {"form": form, "report": report}, status=form_status(form)
    )


@access(DRAFTERS)
@require_POST
def block_move(request, pk, block_pk):
    report = selectors.get_report_for_user(request.user, pk, write=True)
    block = selectors.get_block_for_report(report, block_pk)
    version = VersionForm(request.POST)
    try:
        if not version.is_valid():
            raise ValidationError("缺少版本信息，请刷新页面后重试。")
        services.block_move(
            report=report,
            block=block,
            direction="up" if request.POST.get("direction") == "up" else "down",
            user=request.user,
            expected_version=version.cleaned_data["expected_version"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect(f"{reverse('reports:report_detail', args=[report.pk])}#block-{block.pk}")


def _block_action(request, pk, block_pk, run, *, back_to_editor: bool):
    report = selectors.get_report_for_user(request.user, pk, write=True)
    block = selectors.get_block_for_report(report, block_pk)
    version = VersionForm(request.POST)
    try:
        if not version.is_valid():
            raise ValidationError("缺少版本信息，请刷新页面后重试。")
        run(report, block, version.cleaned_data["expected_version"])
    except ValidationError as exc:
        flash_errors(request, exc)
    if back_to_editor:
        blocks = list(report.blocks.all())
        for section in split_sections(blocks):
            if any(b.pk == block.pk for b in section.blocks):
                return redirect(f"{reverse('reports:section_edit', args=[report.pk, section.index])}#b-{block.pk}")
    return redirect(f"{reverse('reports:report_detail', args=[report.pk])}#block-{block.pk}")


@access(DRAFTERS)
@require_POST
def block_confirm(request, pk, block_pk):
    """确认沿用: keep a carried paragraph as this year's text."""

    def run(report, block, expected_version):
        services.block_confirm(report=report, block=block, user=request.user, expected_version=expected_version)
        messages.success(request, "已确认沿用该段表述。")

    return _block_action(request, pk, block_pk, run, back_to_editor=request.POST.get("next") == "editor")


@access(DRAFTERS)
@require_POST
def sentence_delete(request, pk, block_pk):
    """删除 a 待核实 sentence of a paragraph."""

    def run(report, block, expected_version):
        try:
            index = int(request.POST.get("sentence", ""))
        except ValueError:
            raise ValidationError("请选择要删除的语句。") from None
        services.sentence_delete(
            report=report, block=block, sentence=index, user=request.user, expected_version=expected_version
        )
        messages.success(request, "已删除该待核实语句。")

    return _block_action(request, pk, block_pk, run, back_to_editor=request.POST.get("next") == "editor")
