"""The Workspace's second-evaluator checks and audit-trail queries, as a mixin.

`Workspace` inherits these methods (they live here because models/workspace.py is at its
size limit); edits run as one committed, audited transaction in `_writing()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager

from models import agreement, audit_query
from models.agreement import AgreementCheck, AgreementRow, Pair
from models.audit import Actor
from models.audit_query import AuditFilter, AuditRow, IdArray


class Checks:
    """Second-evaluator checks (models.agreement) and the filtered audit trail."""

    def _reading(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self) -> AbstractContextManager[tuple[sqlite3.Connection, str]]:
        raise NotImplementedError

    # ------------------------------------------------------------ checks

    def create_check(self, campaign_id: int, name: str, size: int, seed: int, actor: Actor) -> int:
        """Sample `size` filled cells (seeded) for a blind second entry; returns the id."""
        with self._writing() as (conn, now):
            return agreement.create_check(conn, campaign_id, name, size, seed, actor, now)

    def checks(self, campaign_id: int) -> list[AgreementCheck]:
        with self._reading() as conn:
            return agreement.load_checks(conn, campaign_id)

    def check(self, campaign_id: int, check_id: int) -> AgreementCheck:
        with self._reading() as conn:
            found = agreement.load_checks(conn, campaign_id, check_id)
        if not found:
            raise LookupError(f"no check with id {check_id}")
        return found[0]

    def enter_check_value(
        self, check_id: int, city_id: int, indicator_id: int, value: object, actor: Actor
    ) -> bool:
        """The second evaluator's value of a sampled cell (None clears it)."""
        with self._writing() as (conn, now):
            return agreement.enter_value(conn, check_id, city_id, indicator_id, value, actor, now)

    def check_pairs(self, check: AgreementCheck) -> list[Pair]:
        with self._reading() as conn:
            return agreement.pairs_of(conn, check)

    def agreement_report(self, check: AgreementCheck) -> list[AgreementRow]:
        return agreement.report(self.check_pairs(check))

    def first_evaluators(self, campaign_id: int, city_id: int, indicator_id: int) -> set[str]:
        with self._reading() as conn:
            return agreement.first_evaluators(conn, campaign_id, city_id, indicator_id)

    # ------------------------------------------------------------ audit trail

    def audit_ids(self, flt: AuditFilter) -> IdArray:
        with self._reading() as conn:
            return audit_query.audit_ids(conn, flt)

    def audit_rows(self, ids: Sequence[int] | IdArray) -> list[AuditRow]:
        with self._reading() as conn:
            return audit_query.audit_rows(conn, ids)

    def audit_evaluators(self) -> list[str]:
        with self._reading() as conn:
            return audit_query.audit_evaluators(conn)

    def audit_teams(self) -> list[str]:
        with self._reading() as conn:
            return audit_query.audit_teams(conn)
