"""Versions of the claim model where the site runs: the active one for screening, retraining as a
task, and switching between versions (rollback included), each switch audited."""

import logging
from functools import lru_cache

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from moderation.models import AuditEntry, ClaimModel
from moderation.screening.model import Model, as_version, trained
from moderation.services.audit import record_action
from core.refusals import Refused

ACTIVE_CACHE_KEY = "moderation:active-claim-model"
logger = logging.getLogger(__name__)


def active_model() -> Model:
    """The model screening uses: the active version, loaded once per process and version.

    Every app server reads which version is active from the shared cache, so a
    switch reaches all of them with the next post.
    """
    active = cache.get(ACTIVE_CACHE_KEY)
    if active is None:
        row = ClaimModel.objects.filter(is_active=True).values_list("pk", "is_shipped", "requested_at").first()
        active = (row[0], row[1], row[2].isoformat()) if row else (None, True, "")
        cache.set(ACTIVE_CACHE_KEY, active, timeout=None)
    return _loaded(*active)


def loaded(version: ClaimModel) -> Model:
    """A version's model, loaded once per process."""
    return _loaded(version.pk, version.is_shipped, version.requested_at.isoformat())


@lru_cache(maxsize=2)
def _loaded(version: int | None, is_shipped: bool, requested_at: str) -> Model:
    # requested_at tells apart two rows that reused a number (a test database rolled back between them).
    if not is_shipped:
        try:
            return Model(ClaimModel.objects.values_list("weights", flat=True).get(pk=version), version=version)
        except (ClaimModel.DoesNotExist, ValueError, KeyError, TypeError):
            # A version this release cannot read (the embeddings changed): screen with the shipped one.
            logger.exception("Claim model version %s cannot be loaded; screening with the shipped model", version)
    return as_version(trained(), version if is_shipped else None)


def forget_active_model() -> None:
    cache.delete(ACTIVE_CACHE_KEY)


def request_retrain(*, actor) -> ClaimModel:
    """Start training a new version as a task, from the labelled files and every decision so far.

    Only one version trains at a time. The new version is compared, on the same
    folds, with the version active now; it becomes active only when staff switch to it.
    """
    try:
        with transaction.atomic():
            compared_with = ClaimModel.objects.filter(is_active=True).first()
            version = ClaimModel.objects.create(requested_by=actor, compared_with=compared_with,
                                                decisions_until=timezone.now())
            record_action(actor=actor, action=AuditEntry.Action.MODEL_TRAIN, subject=f"Claim model {version}",
                          after={"version": version.pk, "compared_with": compared_with and compared_with.pk})
            retrain_claim_model.enqueue(version_id=version.pk)
    except IntegrityError:
        raise Refused("A new version is already being trained; wait for it to finish.", 409) from None
    return version


@task()
def retrain_claim_model(*, version_id: int) -> None:
    # Training needs scikit-learn and the embedding table (a second and 100 MB): only the task worker loads them.
    import_string("moderation.learning.retraining.train_version")(version_id)


def switch_claim_model(*, version: ClaimModel, actor) -> ClaimModel:
    """Make a trained version the one screening uses from the next post on, and keep the switch in the audit log."""
    with transaction.atomic():
        version = ClaimModel.objects.select_for_update().get(pk=version.pk)
        if not version.is_ready:
            raise Refused("Only a version that finished training can be used.", 409)
        current = ClaimModel.objects.select_for_update().filter(is_active=True).first()
        if current == version:
            raise Refused(f"{version} is already the one in use.", 409)
        if current is not None:
            ClaimModel.objects.filter(pk=current.pk).update(is_active=False)
        ClaimModel.objects.filter(pk=version.pk).update(is_active=True)
        record_action(actor=actor, action=AuditEntry.Action.MODEL_SWITCH,
                      subject=f"Claim model: {current or 'none'} to {version}",
                      before={"version": current and current.pk}, after={"version": version.pk})
        transaction.on_commit(forget_active_model)
    version.is_active = True
    return version
