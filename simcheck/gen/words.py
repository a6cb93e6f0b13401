#!/usr/bin/python3
"""Writes words.txt, the generator's vocabulary, from jieba's dictionary.

jieba (https://github.com/fxsjy/jieba, Debian package python3-jieba) is
MIT-licensed (Expat), copyright 2012-2017 Sun Junyi; its dict.txt lists words
with a frequency and a part of speech. We keep the most frequent words of a
few parts of speech, two to four ideographs long, excluding names.

    /usr/bin/python3 simcheck/gen/words.py > simcheck/gen/words.txt
"""
import re

DICT = "/usr/lib/python3/dist-packages/jieba/dict.txt"
# part of speech -> how many of its most frequent words to keep
KEEP = {"n": 3000, "v": 1500, "vn": 300, "a": 500, "d": 250, "i": 300}

words = {p: [] for p in KEEP}
with open(DICT, encoding="utf-8") as f:
    for line in f:
        w, freq, pos = line.split()
        if pos in KEEP and re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", w):
            if pos == "i" and len(w) != 4:
                continue
            words[pos].append((-int(freq), w))
print("# Vocabulary of the synthetic statement generator: the most frequent words of")
print("# jieba's dictionary (dict.txt, https://github.com/fxsjy/jieba, MIT licence,")
print("# copyright 2012-2017 Sun Junyi) by part of speech: n noun, v verb, vn verbal")
print("# noun, a adjective, d adverb, i idiom. Regenerate with gen/words.py.")
for pos, n in KEEP.items():
    for _, w in sorted(words[pos])[:n]:
        print(pos, w)
