"""Training a new version of the claim model where the site runs, with figures beside the active one's.

Run by the task worker (moderation.services.claim_models.retrain_claim_model).
Both versions are measured the same way: cross-validated on the same folds of
the labelled files, and on the moderators' newest decisions after training on
the older ones, so staff compare like with like before they switch.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from moderation.learning import training
from moderation.learning.evaluation import read_labelled, sha256
from moderation.models import ClaimModel
from moderation.screening.model import Model
from moderation.services.claim_models import loaded
from moderation.services.screening import file_examples, moderators_decisions

# The newest share of the moderators' decisions is held out: each version is fitted on the
# older ones and scored on these, as a new version will meet the next posts.
NEWEST_SHARE = 0.2
MIN_DECISIONS_TO_SPLIT = 5
logger = logging.getLogger(__name__)


def train_version(version_id: int) -> None:
    """Train the version requested, store its weights and figures, or its error; never activate it."""
    version = ClaimModel.objects.filter(pk=version_id, state=ClaimModel.State.TRAINING).first()
    if version is None:  # already finished (a retried task)
        return
    try:
        weights, provenance, comparison = _train(version)
    except Exception as error:  # the version page shows why; the active version goes on screening
        logger.exception("Training claim model version %s failed", version_id)
        ClaimModel.objects.filter(pk=version_id).update(state=ClaimModel.State.FAILED, error=str(error)[:2000],
                                                        finished_at=timezone.now())
        return
    ClaimModel.objects.filter(pk=version_id, state=ClaimModel.State.TRAINING).update(
        state=ClaimModel.State.READY, weights=weights, provenance=provenance, comparison=comparison,
        finished_at=timezone.now())


def _train(version: ClaimModel) -> tuple[dict, dict, dict]:
    files = [Path(name) for name in settings.MODERATION_TRAINING_FILES]
    found = [path for path in files if path.is_file()]
    if not found:
        raise ValueError("None of the labelled files in MODERATION_TRAINING_FILES can be read: "
                         + ", ".join(map(str, files)))
    examples = file_examples(found)
    flag = settings.MODERATION_FLAG_THRESHOLD
    decisions, decided_at = moderators_decisions(until=version.decisions_until)
    cut = _newest_start(len(decisions))
    older, newest = decisions[:cut], decisions[cut:]
    baseline = version.compared_with

    result = training.cross_validate(examples, flag_threshold=flag, always=decisions)
    fitted = training.choose(examples, flag_threshold=flag, always=decisions)
    provenance = training.provenance(
        fitted, result, decisions=len(decisions), trained_at=timezone.now().isoformat(timespec="seconds"),
        files=[{"name": path.name, "rows": len(read_labelled(path)), "sha256": sha256(path)} for path in found],
    )
    provenance["missing_files"] = [str(path) for path in files if path not in found]
    if newest:
        held_out = Model(training.choose(examples, flag_threshold=flag, always=older).data)
        provenance["newest_decisions"] = _newest(held_out, newest, flag, seen=0)

    comparison = {}
    if baseline is not None:
        # The baseline's own recipe on the same folds: the files, and the decisions it was trained with.
        # Decisions are oldest first, so the baseline's are the ones up to its own cut-off.
        learnt = [] if baseline.is_shipped else decisions[:sum(at <= baseline.decisions_until for at in decided_at)]
        comparison["cross_validated"] = training.cross_validated(
            training.cross_validate(examples, flag_threshold=flag, always=learnt))
        if newest:
            # A baseline trained after some of these decisions has seen them: said beside its figures.
            seen = 0 if baseline.is_shipped else sum(at <= baseline.decisions_until for at in decided_at[cut:])
            comparison["newest_decisions"] = _newest(loaded(baseline), newest, flag, seen=seen)
    return fitted.data, provenance, comparison


def _newest_start(count: int) -> int:
    """Where the newest decisions start (oldest first); with too few to split, all are older."""
    if count < MIN_DECISIONS_TO_SPLIT:
        return count
    return count - max(1, round(count * NEWEST_SHARE))


def _newest(model: Model, newest: list, flag: float, *, seen: int) -> dict:
    return {"count": len(newest), "seen_in_training": seen,
            **training.figures(training.score(model, newest, flag_threshold=flag))}

