"""The claim model learning from labelled rows and moderators' decisions: the rows and their scores
(evaluation.py), fitting and cross-validation (training.py, needs scikit-learn), and a new version
trained where the site runs (retraining.py, in the task worker)."""
