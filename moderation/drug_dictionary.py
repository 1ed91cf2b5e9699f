"""The drug names screening knows, read from the drug-named-entity-recognition package's dictionary
(development only: `manage.py export_drug_lexicon` writes them to screening/lexicon/drug_names.txt).

The package (MIT, Fast Data Science) links some 20,000 medicines to their names, brands and
synonyms from DrugBank, MeSH, MedlinePlus and the NHS; maintained, where a list of stems or brands
of our own would not be. Kept: every name of a medicine patients meet (MedlinePlus or NHS), and the
one-word names of DrugBank's and MeSH's; left out: chemistry and biology that are not medicines a post tells
readers to stop, and names that are everyday English words.
"""

import bz2
import pickle
import re
from importlib import metadata, resources

PACKAGE = "drug-named-entity-recognition"
# Words of letters and digits (hyphens inside), at most four of them, starting with a letter.
SHAPE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?: [a-z][a-z0-9]*(?:-[a-z0-9]+)*){0,3}")
MIN_LENGTH = 4
# One-word names in the dictionary that a post mostly uses for something else: foods, herbs,
# people's and product names, the body's own chemicals, street drugs. Found by reading every
# one-word name that is a common English word (word frequency of one in a million or more).
EVERYDAY = frozenset({
    "aloe", "alli", "aman", "angelica", "armin", "armour", "bicarbonate", "buffers", "caps", "camila", "carcinogens",
    "cations", "cdna", "citrate", "cloves", "cocaine", "cortisol", "daca", "diamonds", "disulfide", "dona",
    "dopamine", "ecstasy", "endorphins", "fargo", "fertilizers", "gaba", "glutamate", "hana", "herbicides",
    "heroin", "hops", "indicators", "insecticides", "kendrick", "kinases", "licorice", "marijuana", "mdma",
    "methamphetamine", "mirna", "modus", "mrna", "neurotransmitter", "neurotransmitters", "oats", "opium",
    "oregano", "palin", "peppermint", "phosphates", "psychedelic", "pulsar", "reagents", "sarin", "serotonin",
    "sits", "sugarcane", "sulfate", "sunscreen", "tannins", "tetris", "tris", "trna", "vitae",
})
# A name of several words is kept only with a word that says it is a medicine: "flu vaccine",
# "nicotine patch", "vitamin d", not "ears and nose" or "dawn mist".
MEDICINE_WORDS = frozenset({
    "vaccine", "vaccines", "vitamin", "insulin", "pill", "pills", "tablet", "tablets", "capsules", "patch",
    "injection", "injections", "inhaler", "cream", "ointment", "drops", "syrup", "spray", "nicotine",
    "hormone", "estrogen", "testosterone", "contraceptive", "contraceptives", "aspirin", "penicillin",
    "morphine", "antibiotic", "antibiotics",
})


def names() -> tuple[str, list[str]]:
    """The package's version, and the names to match, sorted."""
    path = resources.files("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2"
    with path.open("rb") as raw, bz2.open(raw) as unpacked:
        # The installed package's own data file, as the package itself loads it.
        dictionary = pickle.load(unpacked)  # noqa: S301
    medicines = dictionary["drug_canonical_to_data"]
    for_patients = {name for name, data in medicines.items() if "medline_plus_id" in data or "nhs_url" in data}
    # One-word names from DrugBank and MeSH too: brands such as Synthroid are filed there only.
    known = for_patients | {name for name, data in medicines.items() if "drugbank_id" in data or "mesh_id" in data}
    variants = dictionary["drug_variant_to_canonical"]
    single = {variant for variant, canonical in variants.items()
              if " " not in variant and any(name in known for name in canonical)}
    kept = {variant for variant, canonical in variants.items()
            if _usable(variant) and _kept(variant, canonical, single=single, for_patients=for_patients)}
    return metadata.version(PACKAGE), sorted(kept)


def _usable(variant: str) -> bool:
    return bool(SHAPE.fullmatch(variant)) and len(variant) >= MIN_LENGTH and variant not in EVERYDAY


def _kept(variant: str, canonical, *, single: set[str], for_patients: set[str]) -> bool:
    """A one-word name of a known medicine; a longer one only for a medicine patients are told
    about, and with a word that says it is a medicine."""
    if " " not in variant:
        return variant in single
    return (any(name in for_patients for name in canonical)
            and any(word in MEDICINE_WORDS or word in single for word in variant.split()))
