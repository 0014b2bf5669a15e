"""An action's (key project's) page: its update in every period, and its history."""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.web.pages.history import Event, timeline
from scorecard.web.plans import changes
from scorecard.web.plans.models import Action, ActionUpdate


@dataclass(frozen=True, slots=True)
class ActionPage:
    action: Action
    updates: list[ActionUpdate]  # newest first
    history: list[Event]


def action_page(action: Action) -> ActionPage:
    updates = list(ActionUpdate.objects.filter(action=action).select_related("period").order_by("-period__start"))
    records = {(changes.record_type(Action), action.pk): "The action"}
    records |= {(changes.record_type(ActionUpdate), u.pk): f"Update for {u.period.label}" for u in updates}
    return ActionPage(action, updates, timeline(records))
