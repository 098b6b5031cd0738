"""Drafting, review and publication of the annual report.

Every change to a report's text or status goes through here, inside a transaction that locks the
report row, checks the version the editor loaded (a stale save is refused, nothing written), and logs
who did it. Publication freezes the report in a ReportSnapshot that is never written again.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from core.services import check_version
from directory.models import Organization, OrgKind
from documents.renderer import sha256

from .. import chips, rendering, sentences
from .. import figures as fig
from ..drafting import default_title, draft_blocks, seed_blocks
from ..events import district_name
from ..models import (
    Block,
    BlockKind,
    BlockOrigin,
    Report,
    ReportAction,
    ReportEvent,
    ReportSnapshot,
    ReportStatus,
    SchoolReportForm,
)
from ..numbering import level_jumps
from ..roles import APPROVERS, DRAFTERS
from ..selectors import split_sections


def _require(user, roles, what: str) -> None:
    if not (user.is_authenticated and user.is_active and user.role in roles):
        raise PermissionDenied(f"只有{what}可以执行此操作。")


def _lock(report: Report, expected_version: int | None = None) -> Report:
    """The report row, locked for this transaction; refused if it changed since `expected_version`."""
    current = Report.objects.select_for_update().select_related("issuer").get(pk=report.pk)
    if expected_version is not None:
        check_version(current, expected_version)
    return current


def _touch(report: Report, user, *fields: str) -> None:
    report.version += 1
    report.updated_by = user
    report.full_clean()
    report.save(update_fields=["version", "updated_by", "updated_at", *fields])


def _log(report: Report, user, action: str, *, from_status: str = "", to_status: str = "", note: str = "") -> None:
    ReportEvent.objects.create(
        report=report, actor=user, action=action, from_status=from_status, to_status=to_status, note=note[:500]
    )


def report_issuer(credit_code: str = "") -> Organization:
    """The 发文机关 of the annual report: the education bureau whose credit code is given, by default the
    deployment's own (settings.BUREAU_CREDIT_CODE); where the registry does not hold that one, its only
    (or first) bureau. The web pages and `manage.py annual_report` both ask here."""
    bureaus = Organization.objects.filter(kind=OrgKind.BUREAU).order_by("pk")
    issuer = bureaus.filter(credit_code=credit_code or settings.BUREAU_CREDIT_CODE).first()
    if issuer is None and credit_code:
        raise ValidationError(f"机构名录中没有统一社会信用代码为{credit_code}的教育行政部门。")
    issuer = issuer or bureaus.first()
    if issuer is None:
        raise ValidationError("机构名录中没有教育行政部门，无法确定发文机关。")
    return issuer


def next_serial(issuer, index_year: int) -> int:
    last = Report.objects.filter(issuer=issuer, index_year=index_year).aggregate(m=Max("serial"))["m"]
    return (last or 0) + 1


def first_draft(year: int, issuer, *, include_school_forms: bool = False, other_matters: bool = False):
    """The draft blocks of `year`: from the issuer's published report of the year before, else the built-in text."""
    previous = Report.objects.filter(issuer=issuer, year=year - 1, status=ReportStatus.PUBLISHED).first()
    return draft_blocks(
        year,
        include_school_forms=include_school_forms,
        other_matters=other_matters,
        previous=list(previous.blocks.all()) if previous else None,
        district=district_name(issuer.name),
    )


def year_has_data(year: int) -> bool:
    """Whether any record of the year exists (an inspection, a plan, a 普法 activity, a 营转非 case, a school form)."""
    import datetime as dt

    from conversions.models import ConversionCase
    from inspections.models import Inspection, Plan
    from legalaid.models import Activity

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        Inspection.objects.filter(inspected_on__range=(first, last)).exists()
        or Plan.objects.filter(starts_on__range=(first, last)).exists()
        or Activity.objects.filter(date__range=(first, last)).exists()
        or ConversionCase.objects.filter(opened_on__range=(first, last)).exists()
        or SchoolReportForm.objects.filter(year=year).exists()
    )


@transaction.atomic
def report_create(
    *,
    year: int,
    user,
    title: str = "",
    serial: int | None = None,
    other_matters: bool = False,
    own_text: bool = False,
) -> Report:
    """Start `year`'s report of the bureau (report_issuer) with a first draft in the national structure.

    The draft starts from the previous year's published report, or the built-in text when there is
    none (reports.drafting.draft_blocks: carried sentences to confirm, events from the year's records).
    `own_text` takes the built-in text as the bureau's own writing for the year, nothing to confirm
    (the demo's 2021 report, whose text is the bureau's published 2021 text).

    The 信息索引号 is the issuer's credit code, the year the report is issued (the following year) and
    the next 5-digit serial of that issuer and year.
    """
    _require(user, DRAFTERS, "局机关工作人员")
    issuer = report_issuer()
    if Report.objects.filter(issuer=issuer, year=year).exists():
        raise ValidationError({"year": f"{issuer.name}的{year}年度报告已存在。"})
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": f"报告年度应在2000年至{timezone.localdate().year}年之间。"})
    title = title or default_title(year)
    index_year = year + 1
    serial = serial or next_serial(issuer, index_year)
    report = Report(
        year=year,
        issuer=issuer,
        title=title,
        file_name=title,
        publisher=issuer.name,
        index_year=index_year,
        serial=serial,
        index_number=Report.format_index_number(credit_code=issuer.credit_code, year=index_year, serial=serial),
        created_by=user,
        updated_by=user,
    )
    report.full_clean()
    report.save()
    with_forms = SchoolReportForm.objects.filter(year=year).exists()
    if own_text:
        blocks = seed_blocks(year, include_school_forms=with_forms, other_matters=other_matters)
    else:
        blocks = first_draft(year, issuer, include_school_forms=with_forms, other_matters=other_matters)
    Block.objects.bulk_create(
        Block(report=report, position=i, kind=b.kind, level=b.level, text=b.text, origin=b.origin, slot=b.slot)
        for i, b in enumerate(blocks)
    )
    _log(report, user, ReportAction.CREATE, to_status=ReportStatus.DRAFT, note=f"按{year}年度数据生成初稿")
    return report


def _require_draft(report: Report) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(f"报告当前状态为“{report.get_status_display()}”，只有起草中的报告可以修改。")


@transaction.atomic
def report_update_metadata(*, report: Report, data: dict, user, expected_version: int) -> Report:
    """Change the title and publication metadata of a draft (the 信息索引号 stays generated)."""
    _require(user, DRAFTERS, "局机关工作人员")
    report = _lock(report, expected_version)
    _require_draft(report)
    allowed = {"title", "file_name", "publisher", "written_on", "signed_on", "disclosure", "disclosure_reason"}
    changed = [name for name in allowed if name in data and getattr(report, name) != data[name]]
    for name in changed:
        setattr(report, name, data[name])
    _touch(report, user, *changed)
    if changed:
        labels = "、".join(str(Report._meta.get_field(n).verbose_name) for n in sorted(changed))
        _log(report, user, ReportAction.METADATA, note=f"修改了{labels}")
    return report


def _renumber(ordered: list[Block]) -> None:
    """Positions 0, 1, 2 … in the given order; only the blocks whose position changes are written."""
    moved = []
    for i, block in enumerate(ordered):
        if block.position != i:
            block.position = i
            moved.append(block)
    Block.objects.bulk_update(moved, ["position"])


def _positions(report: Report) -> None:
    _renumber(list(report.blocks.order_by("position", "id")))


def _clean_blocks(rows: list[dict], report: Report) -> list[Block]:
    blocks = []
    errors = []
    for n, row in enumerate(rows, start=1):
        block = Block(
            report=report,
            position=0,
            kind=row.get("kind") or BlockKind.PARAGRAPH,
            level=row.get("level") or 1,
            text=(row.get("text") or "").strip(),
        )
        try:
            block.full_clean(exclude=["report", "position"])
        except ValidationError as exc:
            errors += [f"第{n}段：{m}" for m in exc.messages]
        bad = fig.malformed_in(block.text)
        if bad:
            errors.append(f"第{n}段：无法识别的数据占位符“{bad[0]}”，格式应为{{{{模块.指标}}}}。")
        blocks.append(block)
    if errors:
        raise ValidationError(errors)
    return blocks


@transaction.atomic
def section_save(*, report: Report, index: int, rows: list[dict], user, expected_version: int) -> Report:
    """Replace section `index` (a 一级标题 and what follows it) with `rows`, in the given order.

    Each row is {"kind", "level", "text"}; an empty list deletes the section. Refused, with nothing
    written, if the report changed since the editor loaded `expected_version`.
    """
    _require(user, DRAFTERS, "局机关工作人员")
    report = _lock(report, expected_version)
    _require_draft(report)
    sections = split_sections(list(report.blocks.order_by("position", "id")))
    if not 0 <= index < len(sections):
        raise ValidationError("该部分已不存在，请刷新后重新编辑。")
    old = sections[index].blocks
    start = old[0].position if old else 0
    new = _clean_blocks(rows, report)
    # A block saved with its text unchanged keeps where it came from (沿用上年表述 stays to be confirmed);
    # an edited or new one is the staff member's own writing.
    unchanged = {}
    for block in old:
        unchanged.setdefault(chips.canonical(block.text), []).append(block)
    for block in new:
        same = unchanged.get(chips.canonical(block.text))
        if same:
            kept = same.pop(0)
            block.origin, block.confirmed, block.slot = kept.origin, kept.confirmed, kept.slot
    Block.objects.filter(pk__in=[b.pk for b in old]).delete()
    shift = len(new) - len(old)
    if shift:
        for block in report.blocks.filter(position__gte=start).order_by("-position" if shift > 0 else "position"):
            Block.objects.filter(pk=block.pk).update(position=block.position + shift)
    for offset, block in enumerate(new):
        block.position = start + offset
        block.save()
    _positions(report)
    _touch(report, user)
    title = sections[index].title
    _log(report, user, ReportAction.EDIT, note=f"编辑了“{title}”" if title else "编辑了开头部分")
    return report


@transaction.atomic
def section_add(*, report: Report, heading: str, user, expected_version: int) -> Report:
    """Append a new part (一级标题) at the end of the report."""
    _require(user, DRAFTERS, "局机关工作人员")
    report = _lock(report, expected_version)
    _require_draft(report)
    block = Block(report=report, position=report.blocks.count(), kind=BlockKind.HEADING, level=1, text=heading.strip())
    block.full_clean()
    block.save()
    _touch(report, user)
    _log(report, user, ReportAction.EDIT, note=f"新增部分“{block.text}”")
    return report


@transaction.atomic
def block_move(*, report: Report, block: Block, direction: str, user, expected_version: int) -> Report:
    """Swap a block with its neighbour above ("up") or below ("down")."""
    _require(user, DRAFTERS, "局机关工作人员")
    report = _lock(report, expected_version)
    _require_draft(report)
    ordered = list(report.blocks.order_by("position", "id"))
    index = next((i for i, b in enumerate(ordered) if b.pk == block.pk), None)
    if index is None:
        raise ValidationError("该段落已不存在，请刷新页面。")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        raise ValidationError("已经在最前面了。" if direction == "up" else "已经在最后面了。")
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)
    _touch(report, user)
    _log(report, user, ReportAction.EDIT, note=f"{'上移' if direction == 'up' else '下移'}“{block.text[:20]}”")
    return report


@transaction.atomic
def block_confirm(*, report: Report, block: Block, user, expected_version: int) -> Report:
    """确认沿用: a staff member keeps a carried sentence as this year's text."""
    _require(user, DRAFTERS, "局机关工作人员")
    report = _lock(report, expected_version)
    _require_draft(report)
    block = Block.objects.select_for_update().get(pk=block.pk, report=report)
    if not block.needs_confirmation:
        raise ValidationError("该段落不是待确认的沿用上年表述。")
    block.confirmed = True
    block.save(update_fields=["confirmed"])
    _touch(report, user)
    _log(report, user, ReportAction.EDIT, note=f"确认沿用“{block.text[:20]}”")
    return report


@transaction.atomic
def sentence_delete(*, report: Report, block: Block, sentence: int, user, expected_version: int) -> Report:
    """删除 a 待核实 sentence (the `sentence`-th of the block, from 0); a block left empty is deleted."""
    _require(user, DRAFTERS, "局机关工作人员")
    report = _lock(report, expected_version)
    _require_draft(report)
    block = Block.objects.select_for_update().get(pk=block.pk, report=report)
    parts = sentences.split(block.text)
    if not 0 <= sentence < len(parts):
        raise ValidationError("该句已不存在，请刷新页面。")
    removed = parts.pop(sentence)
    text = "".join(parts).strip()
    if text:
        block.text = text
        block.origin = BlockOrigin.WRITTEN if block.origin == BlockOrigin.CARRIED else block.origin
        block.save(update_fields=["text", "origin"])
    else:
        block.delete()
        _positions(report)
    _touch(report, user)
    _log(report, user, ReportAction.EDIT, note=f"删除待核实语句“{removed[:20]}”")
    return report


@dataclass
class Issue:
    """Something in the text that stops approval: where it is, what it says, and a link to fix it."""

    section: str
    start: str
    problem: str
    url: str
    block_pk: int | None = None

    @property
    def message(self) -> str:
        where = f"“{self.start}”" if self.start else ""
        return f"{self.section}{where}：{self.problem}"


def report_issues(report: Report, document=None, blocks=None) -> list[Issue]:
    """Every 待核实 sentence (a figure zero, missing or empty) and every unconfirmed 沿用上年表述 paragraph,
    in the order of the text, named by section and the start of the sentence, with the link to edit it."""
    blocks = list(report.blocks.all()) if blocks is None else blocks
    document = document or rendering.build(report, blocks)
    rendered = dict(zip([b.pk for b in blocks], document.blocks, strict=True))
    issues = []
    for section in split_sections(blocks):
        title = section.title or "开头部分"
        for block in section.blocks:
            anchor = reverse("reports:block_edit", args=[report.pk, block.pk])
            for flag in rendered[block.pk].flags:
                issues.append(Issue(title, flag.start(document.figures), f"待核实（{flag.note}）", anchor, block.pk))
            if block.needs_confirmation:
                start = sentences.Flag(block.text, []).start(document.figures)
                issues.append(Issue(title, start, "沿用上年表述，尚未确认", anchor, block.pk))
    return issues


def report_problems(report: Report, document=None) -> list[str]:
    """What stands in the way of publishing, in Chinese (an empty list when nothing does)."""
    blocks = list(report.blocks.all())
    problems = []
    if not blocks:
        problems.append("报告没有正文。")
    problems += level_jumps(blocks)
    for block in blocks:
        for bad in fig.malformed_in(block.text):
            problems.append(f"无法识别的数据占位符“{bad}”。")
    document = document or rendering.build(report, blocks)
    for figure in document.missing:
        cited = f"（报告引用的是{figure.year}年的数值）" if figure.key != figure.name else ""
        problems.append(f"{figure.missing}{cited}。")
    problems += [issue.message for issue in report_issues(report, document, blocks)]
    return problems


def _transition(report: Report, user, *, expected: tuple, to: str, action: str, note: str = "") -> Report:
    if report.status not in expected:
        raise ValidationError(f"报告当前状态为“{report.get_status_display()}”，不能{ReportAction(action).label}。")
    before = report.status
    report.status = to
    _touch(report, user, "status", "return_reason", "written_on", "published_on")
    _log(report, user, action, from_status=before, to_status=to, note=note)
    return report


@transaction.atomic
def report_submit(*, report: Report, user, expected_version: int | None = None) -> Report:
    """Staff hand a draft to the leaders for review."""
    _require(user, DRAFTERS, "局机关工作人员")
    report = _lock(report, expected_version)
    blocks = list(report.blocks.all())
    if not blocks:
        raise ValidationError("报告没有正文，不能提交。")
    jumps = level_jumps(blocks)
    if jumps:
        raise ValidationError(jumps)
    report.return_reason = ""
    return _transition(report, user, expected=(ReportStatus.DRAFT,), to=ReportStatus.SUBMITTED, action="submit")


@transaction.atomic
def report_approve(
    *, report: Report, user, written_on: datetime.date | None = None, expected_version: int | None = None
) -> Report:
    """A leader approves a submitted report; its 成文日期 is the approval date unless already set."""
    _require(user, APPROVERS, "局领导")
    report = _lock(report, expected_version)
    if report.status == ReportStatus.SUBMITTED:
        problems = report_problems(report)
        if problems:
            raise ValidationError(["无法审核通过，请先退回修改以下内容：", *problems])
    report.written_on = written_on or report.written_on or timezone.localdate()
    return _transition(report, user, expected=(ReportStatus.SUBMITTED,), to=ReportStatus.APPROVED, action="approve")


@transaction.atomic
def report_return(*, report: Report, user, reason: str, expected_version: int | None = None) -> Report:
    """A leader sends a submitted or approved report back to the drafters, with the reason."""
    _require(user, APPROVERS, "局领导")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写退回理由。"})
    report = _lock(report, expected_version)
    report.return_reason = reason
    return _transition(
        report,
        user,
        expected=(ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        to=ReportStatus.DRAFT,
        action="return",
        note=reason,
    )


@transaction.atomic
def report_publish(
    *, report: Report, user, published_on: datetime.date | None = None, expected_version: int | None = None
) -> Report:
    """A leader publishes an approved report and freezes it: text, figures, PDF bytes and SHA-256.

    Refused while any figure does not resolve (a statistic not registered yet, or without data), with
    a message naming it. The frozen PDF is never rendered again.
    """
    _require(user, APPROVERS, "局领导")
    report = _lock(report, expected_version)
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(f"报告当前状态为“{report.get_status_display()}”，审核通过后才能发布。")
    if ReportSnapshot.objects.filter(report=report).exists():
        raise ValidationError("该报告已有发布版本，不能重新生成。")
    empty = [
        str(Report._meta.get_field(name).verbose_name)
        for name in ("file_name", "publisher", "written_on")
        if not getattr(report, name)
    ]
    if empty:
        raise ValidationError(f"发布信息不完整：{'、'.join(empty)}未填写。")
    document = rendering.build(report)
    problems = report_problems(report, document)
    if problems:
        raise ValidationError(["无法发布：", *problems])
    report.published_on = published_on or timezone.localdate()
    pdf = rendering.final_pdf(document)
    ReportSnapshot.objects.create(
        report=report,
        html=rendering.body_html(document),
        figures={key: figure.as_json() for key, figure in document.figures.items()},
        pdf=pdf,
        sha256=sha256(pdf),
        created_by=user,
    )
    return _transition(
        report,
        user,
        expected=(ReportStatus.APPROVED,),
        to=ReportStatus.PUBLISHED,
        action="publish",
        note=f"SHA-256 {sha256(pdf)}",
    )
