"""Verification of observations: the allowed status transitions and who may make them.

    draft ──submit──▶ submitted ──verify──▶ verified
      ▲                 │  ▲  └──reject──▶ rejected
      └────withdraw─────┘  └──────reopen───────┘ (verified or rejected → submitted)
    rejected → draft (to correct it)

- Verifying and rejecting are reviews: the reviewer must be someone other than the
  observation's evaluator (four eyes; the names are the ones the users give themselves,
  so this is a working rule, not a security boundary).
- Rejecting needs a reason. Every change is an audited status update whose
  audit row holds the reviewer (who), the device and the reason.
- Any other change (e.g. draft → verified, verified → rejected) is refused: submit or
  reopen first. Merges take a package's statuses as they are (the reviews travel with
  their audit rows); Excel imports bring reviewed rows in as submitted.
- Changing what a reviewer looked at (`REVIEWED_FIELDS`) of a verified observation sends
  it back to submitted, audited; a note does not. Undoing the edit leaves it submitted:
  only a reviewer can verify it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.audit import Actor


@dataclass(frozen=True)
class Rule:
    review: bool  # a review: the actor must not be the observation's evaluator
    needs_reason: bool
    name: str


TRANSITIONS: dict[tuple[str, str], Rule] = {
    ("draft", "submitted"): Rule(False, False, "submit"),
    ("submitted", "draft"): Rule(False, False, "withdraw"),
    ("submitted", "verified"): Rule(True, False, "verify"),
    ("submitted", "rejected"): Rule(True, True, "reject"),
    ("verified", "submitted"): Rule(False, False, "reopen"),
    ("rejected", "submitted"): Rule(False, False, "resubmit"),
    ("rejected", "draft"): Rule(False, False, "correct"),
}


REVIEWED_FIELDS: frozenset[str] = frozenset({"value", "channel", "observed_on", "source", "detail"})


def check_transition(old: str, new: str, evaluator: str, actor: Actor, reason: str) -> Rule:
    """The rule allowing `old` → `new` for `actor`; ValueError saying why not otherwise."""
    rule = TRANSITIONS.get((old, new))
    if rule is None:
        allowed = ", ".join(n for (o, n) in TRANSITIONS if o == old)
        raise ValueError(f"an observation cannot go from {old} to {new} (from {old}: {allowed})")
    if rule.review and actor.evaluator.strip() == evaluator.strip():
        raise ValueError(
            f"you entered this observation ({evaluator}); another person must {rule.name} it"
        )
    if rule.needs_reason and not reason.strip():
        raise ValueError(f"give a reason to {rule.name} an observation")
    return rule


def allowed(old: str, new: str, evaluator: str, actor: Actor, reason: str = "x") -> bool:
    try:
        check_transition(old, new, evaluator, actor, reason)
    except ValueError:
        return False
    return True
