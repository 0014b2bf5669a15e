"""The plans app's models: tenancy, periods, schemes, the plan, targets and returns, narrative,
history, publications and benchmarks. Each module holds one of those."""

from scorecard.web.plans.models.benchmarks import Benchmark, ComparatorKind
from scorecard.web.plans.models.history import Change, ChangeKind
from scorecard.web.plans.models.kept import HistoryKeptError, Versioned
from scorecard.web.plans.models.narrative import (
    GlossaryEntry,
    KeyChallenge,
    Note,
    ReportEdition,
    Reviewed,
    ThemeLead,
    ThemeNarrative,
)
from scorecard.web.plans.models.periods import PeriodKind, ReportingPeriod, period_fields
from scorecard.web.plans.models.plan import Action, Measure, Plan, Theme
from scorecard.web.plans.models.publications import Publication, PublicationScheme
from scorecard.web.plans.models.returns import ActionUpdate, Return, ReturnState, Target
from scorecard.web.plans.models.rounds import CollectionRound, Reminder
from scorecard.web.plans.models.schemes import Scheme, SchemeBand, SchemeVersion
from scorecard.web.plans.models.stamps import DataStamp, data_stamp
from scorecard.web.plans.models.statuses import StoredStatus
from scorecard.web.plans.models.tenancy import (
    Directorate,
    Membership,
    MembershipDirectorate,
    NoOrganisationError,
    Organisation,
    Role,
    TenantModel,
    User,
    active_organisation_id,
    within,
)

__all__ = [
    "Action",
    "ActionUpdate",
    "Benchmark",
    "Change",
    "ChangeKind",
    "CollectionRound",
    "ComparatorKind",
    "DataStamp",
    "Directorate",
    "GlossaryEntry",
    "HistoryKeptError",
    "KeyChallenge",
    "Measure",
    "Membership",
    "MembershipDirectorate",
    "NoOrganisationError",
    "Note",
    "Organisation",
    "PeriodKind",
    "Plan",
    "Publication",
    "PublicationScheme",
    "Reminder",
    "ReportEdition",
    "ReportingPeriod",
    "Return",
    "ReturnState",
    "Reviewed",
    "Role",
    "Scheme",
    "SchemeBand",
    "SchemeVersion",
    "StoredStatus",
    "Target",
    "TenantModel",
    "Theme",
    "ThemeLead",
    "ThemeNarrative",
    "User",
    "Versioned",
    "active_organisation_id",
    "data_stamp",
    "period_fields",
    "within",
]
