from .campus import BASE_SYSTEMS, OPTIONAL_SYSTEMS, SCORE_SHEET, VETO_ITEMS, Grade, SafetyAssessment, SmartCampus
from .checklists import Checklist, ChecklistItem, ChecklistStatus
from .combined import CombinedStatus, CombinedVisit
from .common import Answer, Area, StatusChange
from .draws import Draw, DrawnEntity, DrawStatus
from .hazards import (
    Hazard,
    HazardEvidence,
    HazardExtension,
    HazardSource,
    HazardStatus,
    Severity,
    WarningNotice,
)
from .notices import ApprovalKind, ApprovalStatus, CheckApproval, CheckNotice, Recusal, RecusalStatus
from .officers import ExamineeCategory, LawExam, Officer
from .plans import Plan, PlanKind
from .records import Conclusion, DocumentCounter, Inspection, InspectionAttachment, Substitution
from .regulation import RULES_FROM, CheckMatter, CheckMethod, FrequencyRule, VisitApproval
from .selfchecks import SelfCheck, SelfCheckAttachment, SelfCheckStatus, Term
from .signatures import RecordSupplement, Signature, SignerRole
from .visit_codes import RATING_DAYS, VisitCode, VisitRating, VisitScan

__all__ = [
    "ApprovalKind",
    "ApprovalStatus",
    "CheckApproval",
    "CheckNotice",
    "Recusal",
    "RecusalStatus",
    "Answer",
    "Area",
    "BASE_SYSTEMS",
    "CheckMatter",
    "CheckMethod",
    "Checklist",
    "CombinedStatus",
    "CombinedVisit",
    "ChecklistItem",
    "ChecklistStatus",
    "Conclusion",
    "DocumentCounter",
    "Draw",
    "FrequencyRule",
    "DrawStatus",
    "DrawnEntity",
    "ExamineeCategory",
    "Grade",
    "Hazard",
    "HazardEvidence",
    "HazardExtension",
    "HazardSource",
    "HazardStatus",
    "Inspection",
    "InspectionAttachment",
    "LawExam",
    "OPTIONAL_SYSTEMS",
    "Officer",
    "Plan",
    "RULES_FROM",
    "PlanKind",
    "SCORE_SHEET",
    "SafetyAssessment",
    "RecordSupplement",
    "SelfCheck",
    "SelfCheckAttachment",
    "SelfCheckStatus",
    "Severity",
    "Signature",
    "SignerRole",
    "SmartCampus",
    "StatusChange",
    "Substitution",
    "Term",
    "VETO_ITEMS",
    "VisitApproval",
    "RATING_DAYS",
    "VisitCode",
    "VisitRating",
    "VisitScan",
    "WarningNotice",
]
