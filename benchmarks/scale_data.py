"""Province-scale synthetic data for the benchmarks (`manage.py seed_scale`).

The Wucheng demo district (`load_demo`) is loaded first, so that the personas, the checklist, the
material templates and the published 2021 report exist; then about 90 synthetic districts' worth of
townships, organizations, plans, officers, inspections, hazards, counsel appointments, 普法
activities and 营转非 cases are streamed into PostgreSQL with COPY. Audit history tables are not
filled for these rows. Names are plainly synthetic ("杭州市第03区…").

Distributions, so that the pages have real work:
- organizations: kinds roughly as in a province (half schools and kindergartens, half training
  institutions), spread unevenly over districts and townships;
- inspections: 2019 to today, growing by year, in each district's plans (term-start checks, routine
  patrols, joint and random checks …), many per organization (log-normal weights), two officers each;
- hazards: from the inspections ordered to rectify, skewed to a few areas (fire, food, security) and
  to a few townships; older ones mostly closed, a share of the pending ones past their deadline;
- counsel: a chain of one- or two-year appointments per school, most covering today, some ending
  within 60 days, some schools without counsel; services, evaluations;
- conversions: most subject-class institutions have a case (mostly completed, some open and overdue).
"""

import io
import json
import math
import random
import time
from bisect import bisect
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from itertools import accumulate

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

CITIES = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"]
PLACES = [
    "城东街道",
    "城西街道",
    "城南街道",
    "城北街道",
    "江南街道",
    "新城街道",
    "开发区街道",
    "东山镇",
    "西湖镇",
    "南溪镇",
    "北岭镇",
    "清溪镇",
    "白沙镇",
    "石门镇",
    "安仁乡",
]
WORDS = ["阳光", "启明", "育才", "实验", "明德", "新星", "春蕾", "博雅", "致远", "求是"]
WORDS += ["文渊", "晨曦", "蓝天", "七彩", "童心", "智慧", "书香", "青蓝", "鸿志", "弘毅"]
KIND_WEIGHTS = [
    ("public_primary", 12, "小学"),
    ("public_junior", 5, "初级中学"),
    ("public_nine_year", 2, "九年一贯制学校"),
    ("public_senior", 2, "高级中学"),
    ("public_kindergarten", 10, "幼儿园"),
    ("private_kindergarten", 14, "幼儿园"),
    ("private_school", 3, "学校"),
    ("subject_training", 12, "培训学校"),
    ("nonsubject_training", 40, "艺术培训中心"),
]
PUBLIC = {"public_primary", "public_junior", "public_nine_year", "public_senior", "public_kindergarten"}
SCHOOLS = PUBLIC | {"private_kindergarten", "private_school"}
SCHOOL_ONLY_AREAS = {"traffic", "drowning", "mental", "bullying"}
# Hazards are skewed to a few areas.
AREA_WEIGHTS = [
    ("fire", 28),
    ("food", 18),
    ("security", 14),
    ("traffic", 9),
    ("surroundings", 8),
    ("drowning", 6),
    ("organization", 6),
    ("education", 5),
    ("bullying", 3),
    ("mental", 3),
]
# (kind, name, months (start, end), partner count, weight of inspections, target kinds or None = all)
PLAN_KINDS = [
    ("term_start", "春季开学核验", (2, 3), 1, 14, None),
    ("routine", "日常巡查", (3, 12), 0, 30, None),
    ("special", "校外培训机构专项检查", (6, 7), 1, 10, ["subject_training", "nonsubject_training"]),
    ("random", "双随机抽查", (4, 5), 2, 6, None),
    ("joint", "秋季联合检查", (9, 10), 2, 18, ["subject_training", "nonsubject_training"]),
    ("annual", "幼儿园年检", (10, 12), 0, 12, ["public_kindergarten", "private_kindergarten"]),
    ("epidemic", "疫情防控检查", (11, 11), 0, 10, None),
    ("follow_up", "隐患整改回头看", (12, 12), 0, 5, None),
]
AREA_LABELS = {
    "organization": "组织建设",
    "security": "校园安保",
    "fire": "消防安全",
    "food": "食品安全",
    "traffic": "交通安全",
    "drowning": "防溺水",
    "surroundings": "周边环境",
    "bullying": "校园欺凌防诈骗",
    "education": "安全教育",
    "mental": "心理健康",
}
NOTES = {True: "现场检查，资料台账齐全。", False: "现场检查发现问题，已出具整改要求。"}
FIRST_YEAR = 2019
PASSWORD = "Wucheng@2021"
MARKER = "wucheng seed_scale"


# --- COPY helpers -----------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, (dict, list)):
        return _text(json.dumps(value, ensure_ascii=False))
    return str(value)  # int, Decimal, date, datetime (ISO with offset)


class Copier:
    """Streams rows (dicts of attnames, missing ones take the field default) into a model's table."""

    CHUNK = 50_000

    def __init__(self, model, now):
        fields = model._meta.concrete_fields
        self.table = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        defaults = []
        for f in fields:
            if f.attname in ("created_at", "updated_at"):
                defaults.append(now)
            elif f.has_default():
                defaults.append(f.get_default())
            elif f.null:
                defaults.append(None)
            else:
                defaults.append("")
        self.defaults = defaults
        self.count = 0

    def copy(self, rows) -> int:
        buffer, n = [], 0
        pairs = list(zip(self.attnames, self.defaults, strict=True))
        for row in rows:
            buffer.append("\t".join(_text(row.get(a, d)) for a, d in pairs))
            n += 1
            if len(buffer) >= self.CHUNK:
                self._flush(buffer)
                buffer = []
        if buffer:
            self._flush(buffer)
        self.count += n
        return n

    def _flush(self, lines):
        data = io.StringIO("\n".join(lines) + "\n")
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN WITH (FORMAT text)", data
            )


def copy_pairs(table: str, columns: tuple[str, str], rows, start_id: int) -> int:
    """COPY (id, a, b) rows of an M2M table; `rows` yields (a, b)."""
    buffer, n = [], 0
    with connection.cursor() as cursor:
        for a, b in rows:
            buffer.append(f"{start_id + n}\t{a}\t{b}")
            n += 1
            if len(buffer) >= 200_000:
                cursor.cursor.copy_expert(
                    f"COPY {table} (id, {columns[0]}, {columns[1]}) FROM STDIN", io.StringIO("\n".join(buffer) + "\n")
                )
                buffer = []
        if buffer:
            cursor.cursor.copy_expert(
                f"COPY {table} (id, {columns[0]}, {columns[1]}) FROM STDIN", io.StringIO("\n".join(buffer) + "\n")
            )
    return n


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def reset_sequences(tables) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def weighted(rng: random.Random, items, weights, k: int):
    cum = list(accumulate(weights))
    total = cum[-1]
    return [items[bisect(cum, rng.random() * total)] for _ in range(k)]


def lognormal_weights(rng: random.Random, n: int, sigma: float) -> list[float]:
    return [math.exp(rng.gauss(0, sigma)) for _ in range(n)]


# --- the generator ----------------------------------------------------------------------------------


class ScaleSeeder:
    def __init__(self, *, organizations: int, inspections: int, hazards: int, districts: int, seed: int, out):
        self.target_orgs = organizations
        self.target_inspections = inspections
        self.target_hazards = hazards
        self.n_districts = districts
        self.rng = random.Random(seed)
        self.out = out
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.now = timezone.now()
        self.counts: dict[str, int] = {}

    def log(self, message: str, started: float) -> None:
        self.out.write(f"  {message}（{time.monotonic() - started:.1f} 秒）")

    def run(self) -> dict[str, int]:
        from accounts.models import User

        self.admin = User.objects.get(username="admin")
        self.staff = User.objects.get(username="staff")
        steps = [
            self.seed_districts,
            self.seed_users,
            self.seed_organizations,
            self.seed_officers,
            self.seed_plans,
            self.seed_inspections,
            self.seed_counsel,
            self.seed_activities,
            self.seed_conversions,
        ]
        for step in steps:
            started = time.monotonic()
            message = step()
            self.log(message, started)
        reset_sequences(self.touched)
        return self.counts

    touched = [
        "directory_township",
        "directory_organization",
        "accounts_user",
        "inspections_officer",
        "inspections_plan",
        "inspections_plan_partners",
        "inspections_inspection",
        "inspections_inspection_officers",
        "inspections_inspection_partners",
        "inspections_hazard",
        "legalaid_lawfirm",
        "legalaid_lawyer",
        "legalaid_appointment",
        "legalaid_servicerecord",
        "legalaid_evaluation",
        "legalaid_activity",
        "legalaid_activity_organizations",
        "conversions_conversioncase",
        "conversions_track",
        "conversions_materialitem",
        "conversions_caseevent",
        "conversions_visit",
        "conversions_step",
    ]

    # districts and townships
    def seed_districts(self) -> str:
        from directory.models import Township

        rng = self.rng
        self.districts = []  # (index, label, region code)
        start = next_id(Township)
        rows = []
        self.townships = []  # (id, district index)
        for d in range(self.n_districts):
            city = CITIES[d % len(CITIES)]
            label = f"{city}第{d // len(CITIES) + 1:02d}区"
            region = f"33{d % len(CITIES) + 1:02d}{d // len(CITIES) + 1:02d}"
            self.districts.append((d, label, region))
            for p, place in enumerate(PLACES):
                tid = start + len(rows)
                code = f"{region}{p + 1:03d}"
                rows.append({"id": tid, "name": f"{label}{place}", "code": code, "sort_order": 100 + p})
                self.townships.append((tid, d))
        Copier(Township, self.now).copy(rows)
        # Uneven: some townships are much busier (more organizations, more hazards).
        self.township_size = lognormal_weights(rng, len(self.townships), 0.6)
        self.township_risk = lognormal_weights(rng, len(self.townships), 1.0)
        self.counts["townships"] = len(rows)
        return f"{self.n_districts}个区县，乡镇（街道）{len(rows)}个"

    def seed_users(self) -> str:
        from accounts.models import User
        from directory.models import Department

        sections = list(Department.objects.filter(kind="section").values_list("id", flat=True))
        password = make_password(PASSWORD)
        start = next_id(User)
        rows = []
        self.assignees_by_district = {}
        for d, label, _region in self.districts:
            ids = []
            for k in range(2):
                uid = start + len(rows)
                rows.append(
                    {
                        "id": uid,
                        "password": password,
                        "username": f"scale{d + 1:02d}s{k + 1}",
                        "full_name": f"{label}经办人{k + 1}",
                        "role": "bureau_staff",
                        "is_active": True,
                        "date_joined": self.now,
                        "section_id": sections[k % len(sections)],
                    }
                )
                ids.append(uid)
            self.assignees_by_district[d] = ids
        Copier(User, self.now).copy(rows)
        self.counts["users"] = len(rows)
        return f"经办人账号{len(rows)}个（密码 {PASSWORD}）"

    def seed_organizations(self) -> str:
        from core import pinyin
        from directory.models import KIND_RANK, Organization
        from directory.validators import credit_code_check_char

        rng = self.rng
        n = max(0, self.target_orgs - Organization.objects.count())
        kinds = [k for k, _w, _s in KIND_WEIGHTS]
        suffix = {k: s for k, _w, s in KIND_WEIGHTS}
        chosen_kinds = weighted(rng, kinds, [w for _k, w, _s in KIND_WEIGHTS], n)
        chosen_towns = weighted(rng, self.townships, self.township_size, n)
        start = next_id(Organization)
        self.orgs = []  # (id, kind, district, township id, status, established)
        rows = []
        serial_in_town: dict[int, int] = {}
        for i in range(n):
            oid = start + i
            kind = chosen_kinds[i]
            tid, d = chosen_towns[i]
            label = self.districts[d][1]
            region = self.districts[d][2]
            place = PLACES[(tid - self.townships[0][0]) % len(PLACES)]
            serial_in_town[tid] = serial_in_town.get(tid, 0) + 1
            public = kind in PUBLIC
            if public:
                ownership, profit, prefix = "public", "non_profit", "12"
            elif kind in ("subject_training", "nonsubject_training"):
                profit = "for_profit" if rng.random() < (0.8 if kind == "subject_training" else 0.6) else "non_profit"
                ownership, prefix = "private", "91" if profit == "for_profit" else "52"
            else:
                ownership, profit, prefix = "private", "non_profit", "52"
            body = f"{prefix}{region}{oid:09d}"
            roll = rng.random()
            status, status_date = "active", None
            if roll < 0.03:
                status, status_date = "suspended", date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
            elif roll < 0.07:
                status, status_date = "deregistered", date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
            established = date(rng.randint(1960 if kind in SCHOOLS else 2008, 2018), rng.randint(1, 12), 1)
            word = WORDS[rng.randrange(len(WORDS))]
            name = f"{label}{place}{word}{suffix[kind]}{serial_in_town[tid]}"
            rows.append(
                {
                    "id": oid,
                    "name": name,
                    "kind": kind,
                    "ownership": ownership,
                    "profit_status": profit,
                    "credit_code": body + credit_code_check_char(body),
                    "license_no": f"教{region}{oid:08d}" if kind != "nonsubject_training" else "",
                    "township_id": tid,
                    "address": f"{label}{place}示范路{serial_in_town[tid]}号",
                    "principal": f"负责人{oid}",
                    "contact_phone": f"0570-{oid % 10_000_000:07d}",
                    "sites": 2 if public and rng.random() < 0.15 else 1,
                    "status": status,
                    "status_date": status_date,
                    "established_on": established,
                    "kind_rank": KIND_RANK[kind],
                    "name_key": pinyin.sort_key(name),
                    "name_pinyin": pinyin.search_text(name),
                    "created_by_id": self.admin.pk,
                    "updated_by_id": self.admin.pk,
                }
            )
            self.orgs.append((oid, kind, d, tid, status, profit))
        Copier(Organization, self.now).copy(rows)
        self.counts["organizations"] = n
        return f"机构{n}家"

    def seed_officers(self) -> str:
        from directory.models import Department
        from inspections.models import Officer

        rng = self.rng
        sections = list(Department.objects.filter(kind="section").values_list("id", flat=True))
        start = next_id(Officer)
        rows = []
        self.officers_by_district = {}
        for d, label, region in self.districts:
            ids = []
            for k in range(10):
                oid = start + len(rows)
                valid_from = date(rng.randint(2016, 2022), rng.randint(1, 12), 1)
                valid_until = valid_from + timedelta(days=365 * 6)
                rows.append(
                    {
                        "id": oid,
                        "name": f"{label}执法员{k + 1:02d}",
                        "certificate_no": f"浙{region}{oid:07d}",
                        "valid_from": valid_from,
                        "valid_until": valid_until,
                        "section_id": sections[(d + k) % len(sections)],
                        "active": rng.random() > 0.05,
                    }
                )
                ids.append(oid)
            self.officers_by_district[d] = ids
        Copier(Officer, self.now).copy(rows)
        self.counts["officers"] = len(rows)
        return f"执法人员{len(rows)}名"

    def seed_plans(self) -> str:
        from directory.models import Department
        from inspections.models import Checklist, Plan

        rng = self.rng
        self.checklist = Checklist.objects.filter(status="published").order_by("-effective_on").first()
        sections = list(Department.objects.filter(kind="section").values_list("id", flat=True))
        self.partners = list(Department.objects.filter(kind="partner").values_list("id", flat=True))
        start = next_id(Plan)
        rows, links = [], []
        self.plans = {}  # (district, year) -> list of (id, kind, start, end, partner ids, weight, targets)
        last_year = self.today.year
        for d, label, _region in self.districts:
            for year in range(FIRST_YEAR, last_year + 1):
                plans = []
                for kind, name, (m1, m2), n_partners, weight, targets in PLAN_KINDS:
                    if kind == "epidemic" and not 2020 <= year <= 2022:
                        continue
                    starts = date(year, m1, 1)
                    ends = (date(year, m2 + 1, 1) if m2 < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
                    if starts > self.today:
                        continue
                    ends = min(ends, self.today)
                    pid = start + len(rows)
                    partner_ids = rng.sample(self.partners, n_partners) if n_partners else []
                    rows.append(
                        {
                            "id": pid,
                            "name": f"{label}{year}年{name}",
                            "kind": kind,
                            "starts_on": starts,
                            "ends_on": ends,
                            "target_kinds": targets or [k for k, _w, _s in KIND_WEIGHTS],
                            "checklist_id": self.checklist.pk,
                            "lead_section_id": sections[rng.randrange(len(sections))],
                            "description": "按照年度工作要点开展检查，做到检查全覆盖。",
                            "created_by_id": self.staff.pk,
                            "updated_by_id": self.staff.pk,
                        }
                    )
                    links += [(pid, p) for p in partner_ids]
                    plans.append((pid, kind, starts, ends, partner_ids, weight, set(targets) if targets else None))
                self.plans[(d, year)] = plans
        self.plan_rows = {r["id"]: r for r in rows}
        Copier(Plan, self.now).copy(rows)
        copy_pairs("inspections_plan_partners", ("plan_id", "department_id"), links, next_id(Plan.partners.through))
        self.counts["plans"] = len(rows)
        return f"检查行动{len(rows)}项"

    def _answer_templates(self):
        items = list(self.checklist.items.values_list("id", "area"))
        self.items_by_area: dict[str, list[int]] = {}
        for pk, area in items:
            self.items_by_area.setdefault(area, []).append(pk)
        self.answer_base = {
            True: {str(pk): {"r": "pass", "n": ""} for pk, _a in items},
            False: {str(pk): {"r": "na" if a in SCHOOL_ONLY_AREAS else "pass", "n": ""} for pk, a in items},
        }
        self.templates: dict[tuple, int] = {}

    def _template(self, school: bool, failed: tuple = ()) -> int:
        """The id of the answers template for a school or not, with these checklist items failed.

        Every inspection stores the answer to every item (as the app does); the few thousand distinct
        answer sets are written once and copied server-side, so 1,000,000 rows of ~3 KB JSON do not
        cross the wire and get parsed one by one.
        """
        key = (school, failed)
        if key not in self.templates:
            self.templates[key] = len(self.templates) + 1
        return self.templates[key]

    def _write_templates(self) -> None:
        lines = []
        for (school, failed), pk in self.templates.items():
            data = dict(self.answer_base[school])
            for item in failed:
                data[str(item)] = {"r": "fail", "n": "现场检查发现不符合要求，已当场指出。"}
            lines.append(f"{pk}\t{_text(json.dumps(data, ensure_ascii=False))}")
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE scale_answers (id integer PRIMARY KEY, answers jsonb) ON COMMIT DROP")
            cursor.cursor.copy_expert("COPY scale_answers FROM STDIN", io.StringIO("\n".join(lines) + "\n"))

    def seed_inspections(self) -> str:
        from inspections.models import DocumentCounter, Hazard, Inspection

        rng = self.rng
        self._answer_templates()
        active_orgs = [o for o in self.orgs if o[4] == "active"] or self.orgs
        weights = [(1.6 if o[1] in ("subject_training", "nonsubject_training") else 1.0) for o in active_orgs]
        weights = [w * x for w, x in zip(weights, lognormal_weights(rng, len(active_orgs), 0.7), strict=True)]
        risk_by_town = {t[0]: r for t, r in zip(self.townships, self.township_risk, strict=True)}
        mean_risk = sum(w * risk_by_town[o[3]] for w, o in zip(weights, active_orgs, strict=True)) / sum(weights)
        # Rectify orders bring 1–2 hazards (1.4 on average); 90% of the hazards come from inspections.
        base_p = (0.9 * self.target_hazards / 1.4) / max(1, self.target_inspections) / mean_risk
        years = list(range(FIRST_YEAR, self.today.year + 1))
        year_w = [1.0 + 0.08 * i for i in range(len(years))]
        year_w[-1] *= (self.today.timetuple().tm_yday / 365) * 1.1
        per_year = [0] * len(years)
        for y in weighted(rng, list(range(len(years))), year_w, self.target_inspections):
            per_year[y] += 1
        area_names = [a for a, _w in AREA_WEIGHTS]
        area_cum = list(accumulate(w for _a, w in AREA_WEIGHTS))
        # Inspections go to a staging table without the answers, then into the real table joined with
        # the answer templates (see `_template`).
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE scale_inspections (LIKE inspections_inspection) ON COMMIT DROP;"
                "ALTER TABLE scale_inspections DROP COLUMN answers, ADD COLUMN template_id integer"
            )
        insp = Copier(Inspection, self.now)
        columns = list(insp.columns)
        insp.table = "scale_inspections"
        insp.columns = [c if c != "answers" else "template_id" for c in insp.columns]
        insp.attnames = [a if a != "answers" else "template_id" for a in insp.attnames]
        haz = Copier(Hazard, self.now)
        next_inspection, next_hazard = next_id(Inspection), next_id(Hazard)
        officer_links, partner_links = [], []
        hazard_rows: list[dict] = []
        total = 0
        for y_index, year in enumerate(years):
            counter = DocumentCounter.objects.filter(kind="inspection", year=year).first()
            notice_counter = DocumentCounter.objects.filter(kind="notice", year=year).first()
            serial0 = counter.last if counter else 0
            notice = notice_counter.last if notice_counter else 0
            batch = []
            plan_choice = {}
            for org in weighted(rng, active_orgs, weights, per_year[y_index]):
                oid, kind, d, tid, _status, _profit = org
                key = (d, kind)
                if key not in plan_choice:
                    plans = [p for p in self.plans.get((d, year), []) if p[6] is None or kind in p[6]]
                    plan_choice[key] = (plans, list(accumulate(p[5] for p in plans)))
                plans, cum = plan_choice[key]
                if not plans:
                    continue
                plan = plans[bisect(cum, rng.random() * cum[-1])]
                day = plan[2] + timedelta(days=rng.randint(0, (plan[3] - plan[2]).days))
                if day.weekday() >= 5:
                    day = max(plan[2], day - timedelta(days=day.weekday() - 4))
                batch.append((day, oid, kind, d, tid, plan))
            batch.sort(key=lambda b: (b[0], b[1]))
            rows = []
            for serial, (day, oid, kind, d, tid, plan) in enumerate(batch, start=serial0 + 1):
                pk = next_inspection + total
                total += 1
                school = kind in SCHOOLS
                roll = rng.random()
                deadline = notice_serial = None
                conclusion, failed = "passed", ()
                if roll < base_p * risk_by_town[tid] and len(hazard_rows) + haz.count < self.target_hazards:
                    conclusion = "rectify"
                    notice += 1
                    notice_serial = notice
                    deadline = day + timedelta(days=rng.choice((15, 30, 30, 60)))
                    found = {}
                    for _ in range(1 if rng.random() < 0.6 else 2):
                        area = area_names[bisect(area_cum, rng.random() * area_cum[-1])]
                        if not school and area in SCHOOL_ONLY_AREAS:
                            area = "fire"
                        item = rng.choice(self.items_by_area.get(area) or [None])
                        found[item] = area
                    failed = tuple(sorted(i for i in found if i))
                    for item, area in found.items():
                        hazard_rows.append(
                            self._hazard(next_hazard + haz.count + len(hazard_rows), oid, area, item, day, deadline, pk)
                        )
                elif roll < base_p * risk_by_town[tid] * 1.05 and kind in ("subject_training", "nonsubject_training"):
                    conclusion = "referred"
                partner_ids = plan[4]
                rows.append(
                    {
                        "id": pk,
                        "year": year,
                        "serial": serial,
                        "plan_id": plan[0],
                        "organization_id": oid,
                        "organization_kind": kind,
                        "inspected_on": day,
                        "checklist_id": self.checklist.pk,
                        "template_id": self._template(school, failed),
                        "conclusion": conclusion,
                        "rectify_deadline": deadline,
                        "notes": NOTES[conclusion == "passed"],
                        "site_contact": f"负责人{oid}",
                        "notice_serial": notice_serial,
                        "is_joint": bool(partner_ids),
                        "created_by_id": self.staff.pk,
                        "updated_by_id": self.staff.pk,
                        "created_at": datetime.combine(day, dtime(17), self.tz),
                    }
                )
                a, b = rng.sample(self.officers_by_district[d], 2)
                officer_links += [(pk, a), (pk, b)]
                partner_links += [(pk, x) for x in partner_ids]
                if len(hazard_rows) >= 20_000:
                    haz.copy(hazard_rows)
                    hazard_rows = []
            insp.copy(rows)
            DocumentCounter.objects.update_or_create(
                kind="inspection", year=year, defaults={"last": serial0 + len(batch)}
            )
            DocumentCounter.objects.update_or_create(kind="notice", year=year, defaults={"last": notice})
        haz.copy(hazard_rows)
        self._write_templates()
        started = time.monotonic()
        with connection.cursor() as cursor:
            select = ", ".join("t.answers" if c == "answers" else f"s.{c}" for c in columns)
            cursor.execute(
                f"INSERT INTO inspections_inspection ({', '.join(columns)}) "
                f"SELECT {select} FROM scale_inspections s JOIN scale_answers t ON t.id = s.template_id"
            )
        self.out.write(
            f"    检查记录：{len(self.templates)}种逐项结果，写入正式表（{time.monotonic() - started:.1f} 秒）"
        )
        from_inspections = haz.count
        # The rest: found by schools themselves or reported by others (not from an inspection).
        rest = self.target_hazards - haz.count
        if rest > 0:
            orgs = weighted(rng, active_orgs, [risk_by_town[o[3]] for o in active_orgs], rest)
            extra = []
            for org in orgs:
                day = self.today - timedelta(days=rng.randint(0, (self.today - date(FIRST_YEAR, 1, 1)).days))
                area = area_names[bisect(area_cum, rng.random() * area_cum[-1])]
                row = self._hazard(
                    next_hazard + haz.count + len(extra), org[0], area, None, day, day + timedelta(days=30), None
                )
                extra.append(row)
            haz.copy(extra)
        copy_pairs(
            "inspections_inspection_officers",
            ("inspection_id", "officer_id"),
            officer_links,
            next_id(Inspection.officers.through),
        )
        copy_pairs(
            "inspections_inspection_partners",
            ("inspection_id", "department_id"),
            partner_links,
            next_id(Inspection.partners.through),
        )
        self.counts["inspections"] = total
        self.counts["hazards"] = haz.count
        return f"检查记录{total}件，隐患{haz.count}条（其中来自检查{from_inspections}条）"

    def _hazard(self, pk, org, area, item, found, deadline, inspection) -> dict:
        rng = self.rng
        age = (self.today - deadline).days
        roll = rng.random()
        if age > 60:
            status = "closed" if roll < 0.93 else ("submitted", "rectifying", "open", "returned")[int(roll * 100) % 4]
        elif age > 0:
            status = "closed" if roll < 0.6 else ("submitted", "rectifying", "open", "returned")[int(roll * 100) % 4]
        else:
            status = "closed" if roll < 0.25 else ("submitted", "rectifying", "rectifying", "open")[int(roll * 100) % 4]
        planned = status != "open"
        row = {
            "id": pk,
            "organization_id": org,
            "area": area,
            "description": f"{AREA_LABELS[area]}方面：现场检查发现不符合要求，需限期整改。",
            "severity": "major" if area == "fire" and roll < 0.1 else "general",
            "found_on": found,
            "source": "inspection" if inspection else "other",
            "inspection_id": inspection,
            "checklist_item_id": item,
            "status": status,
            "deadline": deadline,
            "measures": "立即组织整改，落实专人跟踪。" if planned else "",
            "responsible_person": "分管负责人" if planned else "",
            "funds": Decimal(rng.choice((0, 500, 1200, 3000, 8000))) if planned else None,
            "prevention": "纳入日常巡查清单，每月自查一次。" if planned else "",
            "created_by_id": self.staff.pk,
            "updated_by_id": self.staff.pk,
            "created_at": datetime.combine(found, dtime(17), self.tz),
            "verified_by_id": self.staff.pk if status == "closed" else None,
            "planned_on": found if planned else None,
        }
        if status in ("submitted", "closed"):
            row["completion_note"] = "已按要求整改到位。"
            row["submitted_on"] = max(found, min(deadline, self.today) - timedelta(days=2))
        if status == "closed":
            row["closed_on"] = max(row["submitted_on"], min(deadline, self.today))
        if status == "returned":
            row["return_reason"] = "整改佐证材料不全，请补充。"
            row["returned_on"] = min(deadline, self.today)
        return row

    def seed_counsel(self) -> str:
        from legalaid.models import Appointment, Evaluation, LawFirm, Lawyer, ServiceRecord

        rng = self.rng
        firm_start, lawyer_start = next_id(LawFirm), next_id(Lawyer)
        firms, lawyers, lawyers_by_district = [], [], {}
        from directory.validators import credit_code_check_char

        for d, label, region in self.districts:
            ids = []
            for f in range(3):
                fid = firm_start + len(firms)
                body = f"31{region}{fid:09d}"
                firms.append(
                    {
                        "id": fid,
                        "name": f"{label}{WORDS[(d + f) % len(WORDS)]}律师事务所{f + 1}",
                        "credit_code": body + credit_code_check_char(body),
                        "created_by_id": self.staff.pk,
                        "updated_by_id": self.staff.pk,
                    }
                )
                for _k in range(3):
                    lid = lawyer_start + len(lawyers)
                    lawyers.append(
                        {
                            "id": lid,
                            "name": f"律师{lid}",
                            "firm_id": fid,
                            "license_no": f"1{region}{lid:010d}",
                            "specialties": "教育法、合同纠纷",
                            "active": True,
                            "created_by_id": self.staff.pk,
                            "updated_by_id": self.staff.pk,
                        }
                    )
                    ids.append(lid)
            lawyers_by_district[d] = ids
        Copier(LawFirm, self.now).copy(firms)
        Copier(Lawyer, self.now).copy(lawyers)
        appointments, services, evaluations = [], [], []
        appt_id, service_id, eval_id = next_id(Appointment), next_id(ServiceRecord), next_id(Evaluation)
        kinds = ["consultation", "contract_review", "rules_review", "mediation", "lecture"]
        for oid, kind, d, _tid, status, _profit in self.orgs:
            if kind not in SCHOOLS or status != "active":
                continue
            roll = rng.random()
            if roll < 0.03:
                continue  # no counsel: the coverage page lists these first
            day = date(rng.randint(2019, 2021), rng.randint(1, 12), 1)
            end_target = self.today + timedelta(days=rng.randint(-30, 700) if roll < 0.08 else rng.randint(61, 700))
            while day <= end_target:
                years = rng.choice((1, 2))
                end = min(date(day.year + years, day.month, 1) - timedelta(days=1), end_target)
                if end < day:
                    break
                pk = appt_id + len(appointments)
                appointments.append(
                    {
                        "id": pk,
                        "organization_id": oid,
                        "lawyer_id": rng.choice(lawyers_by_district[d]),
                        "start_date": day,
                        "end_date": end,
                        "ends_on": end,
                        "fee": Decimal(rng.choice((6000, 8000, 10000, 12000))),
                        "scope": "法律咨询、合同审查、规章制度审核、纠纷调解、法治讲座。",
                        "created_by_id": self.staff.pk,
                        "updated_by_id": self.staff.pk,
                    }
                )
                span = (min(end, self.today) - day).days
                for _ in range(max(0, span // 120)):
                    when = day + timedelta(days=rng.randint(0, max(0, span)))
                    services.append(
                        {
                            "id": service_id + len(services),
                            "appointment_id": pk,
                            "date": when,
                            "kind": rng.choice(kinds),
                            "hours": Decimal(rng.choice(("1.0", "2.0", "3.5"))),
                            "summary": "为学校提供法律服务。",
                            "created_by_id": self.staff.pk,
                            "updated_by_id": self.staff.pk,
                        }
                    )
                for year in range(day.year, min(end.year, self.today.year - 1) + 1):
                    evaluations.append(
                        {
                            "id": eval_id + len(evaluations),
                            "appointment_id": pk,
                            "year": year,
                            "score": rng.randint(70, 99),
                            "comment": "履职认真，服务及时。",
                            "created_by_id": self.staff.pk,
                            "updated_by_id": self.staff.pk,
                        }
                    )
                day = end + timedelta(days=1)
        Copier(Appointment, self.now).copy(appointments)
        Copier(ServiceRecord, self.now).copy(services)
        Copier(Evaluation, self.now).copy(evaluations)
        self.counts.update(appointments=len(appointments), services=len(services), evaluations=len(evaluations))
        return (
            f"律师事务所{len(firms)}家、律师{len(lawyers)}名、聘任{len(appointments)}项、"
            f"服务记录{len(services)}条、年度考核{len(evaluations)}条"
        )

    def seed_activities(self) -> str:
        from legalaid.models import Activity, ActivityKind

        rng = self.rng
        schools = [o for o in self.orgs if o[1] in SCHOOLS]
        kinds = [k for k, _l in ActivityKind.choices if k not in ("contest", "reading")]
        start = next_id(Activity)
        rows, links = [], []
        for i in range(len(schools) * 3):
            pk = start + i
            when = date(rng.randint(FIRST_YEAR, self.today.year), rng.randint(1, 12), rng.randint(1, 28))
            when = min(when, self.today)
            kind = rng.choice(kinds)
            rows.append(
                {
                    "id": pk,
                    "title": f"{when.year}年{dict(ActivityKind.choices)[kind]}活动",
                    "date": when,
                    "kind": kind,
                    "participants": rng.randint(30, 800),
                    "created_by_id": self.staff.pk,
                    "updated_by_id": self.staff.pk,
                }
            )
            for org in rng.sample(schools, rng.choice((1, 1, 1, 2))):
                links.append((pk, org[0]))
        Copier(Activity, self.now).copy(rows)
        copy_pairs(
            "legalaid_activity_organizations",
            ("activity_id", "organization_id"),
            links,
            next_id(Activity.organizations.through),
        )
        self.counts["activities"] = len(rows)
        return f"普法活动{len(rows)}项"

    def seed_conversions(self) -> str:
        from conversions.models import (
            PROCEDURES,
            CaseEvent,
            ConversionCase,
            MaterialItem,
            MaterialTemplate,
            Step,
            Track,
            Visit,
        )
        from directory.models import KIND_RANK

        rng = self.rng
        templates = list(MaterialTemplate.objects.filter(active=True))
        cases, tracks, materials, events, visits, steps = [], [], [], [], [], []
        ids = {m: next_id(m) for m in (ConversionCase, Track, MaterialItem, CaseEvent, Visit, Step)}
        deregistered, converted = [], []
        for oid, kind, d, _tid, status, profit in self.orgs:
            if kind != "subject_training" or status != "active" or rng.random() < 0.15:
                continue
            case_kind = "convert" if profit == "for_profit" and rng.random() < 0.7 else rng.choice(("change", "close"))
            year = rng.choice((2021, 2021, 2021, 2022, 2023, 2024, 2025))
            opened = date(year, rng.randint(1, 12), rng.randint(1, 28))
            roll = rng.random()
            if opened > self.today - timedelta(days=120) or roll < 0.08:
                case_status = "open"
                opened = self.today - timedelta(days=rng.randint(3, 40))
            elif roll < 0.12:
                case_status = "withdrawn"
            else:
                case_status = "completed"
            completed = opened + timedelta(days=rng.randint(3, 14)) if case_status == "completed" else None
            pk = ids[ConversionCase] + len(cases)
            assignee = rng.choice(self.assignees_by_district[d])
            cases.append(
                {
                    "id": pk,
                    "number": f"ZF{opened.year}-{pk:06d}",
                    "organization_id": oid,
                    "kind": case_kind,
                    "assignee_id": assignee,
                    "opened_on": opened,
                    "due_on": opened + timedelta(days=15),
                    "status": case_status,
                    "completed_on": completed,
                    "withdraw_reason": "机构申请撤回" if case_status == "withdrawn" else "",
                    "withdrawn_on": opened + timedelta(days=5) if case_status == "withdrawn" else None,
                    "created_by_id": self.staff.pk,
                    "updated_by_id": self.staff.pk,
                }
            )
            if case_status == "completed":
                (converted if case_kind == "convert" else deregistered).append((oid, case_kind, completed))
            events.append(
                {
                    "id": ids[CaseEvent] + len(events),
                    "case_id": pk,
                    "at": datetime.combine(opened, dtime(9), self.tz),
                    "happened_on": opened,
                    "actor_id": assignee,
                    "kind": "opened",
                    "message": "受理立案",
                }
            )
            for dept, procedure in PROCEDURES[case_kind].items():
                done = case_status == "completed" or (case_status == "open" and rng.random() < 0.4)
                finished = completed or (opened + timedelta(days=2) if done else None)
                tracks.append(
                    {
                        "id": ids[Track] + len(tracks),
                        "case_id": pk,
                        "department": str(dept),
                        "procedure": procedure,
                        "status": "done" if done else ("in_progress" if case_status == "open" else "pending"),
                        "accepted_on": opened if done or case_status == "open" else None,
                        "completed_on": finished if done else None,
                        "created_by_id": self.staff.pk,
                        "updated_by_id": self.staff.pk,
                    }
                )
                if done:
                    events.append(
                        {
                            "id": ids[CaseEvent] + len(events),
                            "case_id": pk,
                            "at": datetime.combine(finished, dtime(15), self.tz),
                            "happened_on": finished,
                            "actor_id": assignee,
                            "kind": "track",
                            "message": f"{procedure}：已办结",
                        }
                    )
                for t in templates:
                    if t.department == dept and t.applies_to(case_kind):
                        verified = case_status == "completed" or rng.random() < 0.5
                        materials.append(
                            {
                                "id": ids[MaterialItem] + len(materials),
                                "case_id": pk,
                                "template_id": t.pk,
                                "department": t.department,
                                "name": t.name,
                                "sort_order": t.sort_order,
                                "status": "verified" if verified else "pending",
                                "status_on": opened if verified else None,
                                "created_by_id": self.staff.pk,
                                "updated_by_id": self.staff.pk,
                            }
                        )
            visits.append(
                {
                    "id": ids[Visit] + len(visits),
                    "case_id": pk,
                    "visited_on": opened,
                    "visitor": f"负责人{oid}",
                    "purpose": "一窗受理，提交全部材料",
                    "created_by_id": self.staff.pk,
                    "updated_by_id": self.staff.pk,
                }
            )
            if completed:
                steps.append(
                    {
                        "id": ids[Step] + len(steps),
                        "case_id": pk,
                        "done_on": completed,
                        "name": "一件事联办：联合审批、同步出证",
                        "departments": "市场监管、教育、民政",
                        "created_by_id": self.staff.pk,
                        "updated_by_id": self.staff.pk,
                    }
                )
                events.append(
                    {
                        "id": ids[CaseEvent] + len(events),
                        "case_id": pk,
                        "at": datetime.combine(completed, dtime(16), self.tz),
                        "happened_on": completed,
                        "actor_id": assignee,
                        "kind": "completed",
                        "message": "案件办结",
                    }
                )
        for model, rows in (
            (ConversionCase, cases),
            (Track, tracks),
            (MaterialItem, materials),
            (CaseEvent, events),
            (Visit, visits),
            (Step, steps),
        ):
            Copier(model, self.now).copy(rows)
        # The registry reflects the completed cases: converted institutions are non-profit, the others
        # changed to non-subject-class or deregistered.
        with connection.cursor() as cursor:
            for oid, case_kind, completed in converted + deregistered:
                if case_kind == "convert":
                    cursor.execute("UPDATE directory_organization SET profit_status='non_profit' WHERE id=%s", [oid])
                elif case_kind == "change":
                    cursor.execute(
                        "UPDATE directory_organization SET kind='nonsubject_training', kind_rank=%s WHERE id=%s",
                        [KIND_RANK["nonsubject_training"], oid],
                    )
                elif case_kind == "close":
                    cursor.execute(
                        "UPDATE directory_organization SET status='deregistered', status_date=%s WHERE id=%s",
                        [completed, oid],
                    )
        self.counts.update(cases=len(cases), materials=len(materials))
        return f"营转非案件{len(cases)}件（材料{len(materials)}项，部门环节{len(tracks)}个）"
