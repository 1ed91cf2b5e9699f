"""Pretrained word knowledge for the claim model: WordLlama's token embeddings.

WordLlama (MIT) ships its tokenizer and a 32,000 x 256 token-embedding table
inside its wheel, so nothing is downloaded, ever. The files are read from the
installed package without importing it (its import pulls in its whole
toolkit, and its own loader looks for the tokenizer in the wrong folder and
then tries the network).

A text's embedding is the mean of its tokens' vectors, not rescaled to unit
length: a linear model over that mean is the mean of one number per token
(the vector times the model's weights), so at run time the model keeps those
32,000 numbers and screening needs only the tokenizer. The table itself is
read only to train.
"""

import importlib.util
from functools import cache, lru_cache
from pathlib import Path

import numpy
from safetensors.numpy import load_file
from tokenizers import Tokenizer

NAME = "wordllama l2_supercat 256"
_TOKENIZER_FILE = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_WEIGHTS_FILE = Path("weights") / "l2_supercat_256.safetensors"
_TENSOR = "embedding.weight"


class Unavailable(RuntimeError):
    """WordLlama's files are not installed."""


def _package_file(relative: Path) -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise Unavailable("wordllama is not installed: pip install -r requirements.txt")
    path = Path(spec.submodule_search_locations[0]) / relative
    if not path.is_file():
        raise Unavailable(f"wordllama's {relative} is missing from {path.parent}")
    return path


@cache
def _tokenizer():
    tokenizer = Tokenizer.from_file(str(_package_file(_TOKENIZER_FILE)))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def token_ids(text: str) -> list[int]:
    """The tokens WordLlama reads in a text (normalised text, as the model sees it)."""
    return tokens_with_offsets(text)[0]


# Line breaks and tabs are read as spaces. The labelled rows are one line each, so the model never
# learnt the line-break token, whose vector happens to weigh as much as a strong claim word: read
# as it is, "hello" on two lines scored as a claim. One character for one keeps the offsets.
_AS_SPACES = str.maketrans({character: " " for character in "\n\r\t\v\f\x85\u2028\u2029"})


@lru_cache(maxsize=8)
def tokens_with_offsets(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The tokens of a text and where each stands in it; the last few texts are remembered,
    since screening one post reads its tokens for the whole, its passages and its weighing."""
    if not text:
        return [], []
    encoding = _tokenizer().encode(text.translate(_AS_SPACES), add_special_tokens=False)
    return encoding.ids, encoding.offsets


def token_lists(texts: list[str]) -> list[list[int]]:
    """token_ids of many texts at once (the tokenizer batches them)."""
    texts = [text.translate(_AS_SPACES) for text in texts]
    return [encoding.ids for encoding in _tokenizer().encode_batch(texts, add_special_tokens=False)]


@cache
def table() -> numpy.ndarray:
    """The token-embedding table (vocabulary x 256, float32); read to train, not to screen."""
    return load_file(str(_package_file(_WEIGHTS_FILE)))[_TENSOR].astype(numpy.float32)


def mean_vectors(texts: list[str]) -> numpy.ndarray:
    """Each text's mean token vector (zeros for a text without tokens)."""
    vectors = table()
    rows = numpy.zeros((len(texts), vectors.shape[1]), dtype=numpy.float32)
    for row, ids in enumerate(token_lists(texts)):
        if ids:
            rows[row] = vectors[numpy.clip(ids, 0, len(vectors) - 1)].mean(axis=0)
    return rows


def vocabulary_size() -> int:
    return _tokenizer().get_vocab_size()
