"""The committed model2vec static embeddings, without BERTopic.

Why a module of its own: the theme tagger embeds every note with this model, and importing
BERTopic (with UMAP, HDBSCAN and numba) to get its `BaseEmbedder` base class cost each batch
worker about 19 s of start-up under load. The tagger uses `StaticVectors`; topic discovery uses
`voice.themes.embeddings.StaticEmbedder`, the same class with BERTopic's base added.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from voice.errors import UserError

REPO = Path(__file__).resolve().parents[2]
DEFAULT_MODEL = REPO / "models" / "embeddings" / "m2v-minilm-l6-v2-256"


class StaticVectors:
    """model2vec static embeddings loaded from a local folder, never from a hub."""

    name = "model2vec"

    def __init__(self, path: str | Path = DEFAULT_MODEL) -> None:
        from model2vec import StaticModel

        path = Path(path)
        if not (path / "model.safetensors").is_file():
            raise UserError(f"no static embedding model at {relative(path)}",
                            hint="Restore models/embeddings/ from git or run scripts/distil_embeddings.py.")
        self.embedding_model = StaticModel.from_pretrained(str(path))
        self.path = path

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """Mean-pooled token vectors as float32 (float16 storage would upset UMAP and cosine maths)."""
        vectors = self.embedding_model.encode(list(documents), show_progress_bar=verbose, use_multiprocessing=False)
        return np.asarray(vectors, dtype=np.float32)

    def describe(self) -> dict:
        """What to record in a model card so a loaded topic model gets the same embeddings back."""
        return {"backend": self.name, "path": relative(self.path)}


def relative(path: Path) -> str:
    """Repo-relative path for cards and logs, so cards do not leak machine layouts."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)
