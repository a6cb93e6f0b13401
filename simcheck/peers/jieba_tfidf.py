#!/usr/bin/python3
"""Peer for 查重: the usual Chinese approach, jieba segmentation + TF-IDF cosine.

Reads the corpus that `TestWriteCorpus` writes (docs/*.txt and plants.json),
indexes it with scikit-learn's TfidfVectorizer over jieba tokens and, for each
host statement holding planted passages, ranks all other statements by cosine
similarity. A plant counts as found at k when its source statement ranks in the
host's top k. Document-level cosine cannot say WHERE the copied passage is, nor
tell a copied 50-character passage from shared vocabulary: it only ranks whole
statements.

    JINGZI_SIMCHECK_CORPUS_DIR=/tmp/jzcorpus go test -run TestWriteCorpus ./simcheck/
    /usr/bin/python3 simcheck/peers/jieba_tfidf.py /tmp/jzcorpus --max-docs 300
"""
import argparse
import json
import logging
import os
import time

import jieba
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--max-docs", type=int, default=0,
                    help="index only N statements, hosts and sources of plants first")
    args = ap.parse_args()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()

    names = sorted(os.listdir(os.path.join(args.corpus, "docs")))
    with open(os.path.join(args.corpus, "plants.json"), encoding="utf-8") as f:
        all_plants = json.load(f)
    if args.max_docs:
        # keep whole plants (host and source) first, then fill with other statements
        keep = []
        for p in all_plants:
            pair = [p["host"] + ".txt", p["source"] + ".txt"]
            if len(set(keep) | set(pair)) <= args.max_docs:
                keep.extend(n for n in pair if n not in keep)
        rest = [n for n in names if n not in set(keep)]
        names = sorted(keep + rest[:args.max_docs - len(keep)])
    ids = [n[:-4] for n in names]
    texts = []
    for n in names:
        with open(os.path.join(args.corpus, "docs", n), encoding="utf-8") as f:
            texts.append(f.read())
    chars = sum(len(t) for t in texts)
    pos = {d: i for i, d in enumerate(ids)}
    plants = [p for p in all_plants if p["host"] in pos and p["source"] in pos]

    t0 = time.perf_counter()
    tokens = [" ".join(jieba.lcut(t)) for t in texts]
    t1 = time.perf_counter()
    vec = TfidfVectorizer(token_pattern=r"(?u)\S+", sublinear_tf=True)
    m = vec.fit_transform(tokens)
    t2 = time.perf_counter()

    hosts = sorted({p["host"] for p in plants})
    ranks = {}
    t3 = time.perf_counter()
    for h in hosts:
        sims = linear_kernel(m[pos[h]], m).ravel()
        sims[pos[h]] = -1
        order = sims.argsort()[::-1]
        ranks[h] = {ids[j]: r for r, j in enumerate(order[:50])}
    t4 = time.perf_counter()

    found = {k: sum(1 for p in plants if ranks[p["host"]].get(p["source"], 99) < k) for k in (1, 5, 10)}
    n = max(1, len(plants))
    print(f"statements {len(texts)}  characters {chars}  plants {len(plants)}  hosts {len(hosts)}")
    print(f"segment (jieba): {t1 - t0:.1f} s  = {chars / (t1 - t0) / 1e6:.2f} M chars/s")
    print(f"tf-idf fit: {t2 - t1:.1f} s;  index total {t2 - t0:.1f} s")
    print(f"query (cosine vs all, excluding segmentation): {1000 * (t4 - t3) / max(1, len(hosts)):.2f} ms per statement")
    print(f"query including segmenting the statement: {1000 * ((t1 - t0) / len(texts) + (t4 - t3) / max(1, len(hosts))):.2f} ms")
    for k, v in found.items():
        print(f"source in host's top {k}: {v}/{len(plants)} = {v / n:.3f}")
    print("passage positions: not available (document-level similarity only)")


if __name__ == "__main__":
    main()
