#!/usr/bin/env python3
"""Write a synthetic corpus of agency-style copy for benchmarks.

The sentences come from scripts/corpus_templates/*.txt (paragraphs written
for this purpose: `artefact_*` carry machine-translation artefacts, `clean_*`
are native copy). They are shuffled and recombined into stories, each a short
headline line and a few paragraphs, deterministically by seed: the same
arguments always give the same bytes. benches/common/mod.rs implements the
same algorithm (splitmix64), so the Rust benchmarks and this script agree.

    scripts/gen_corpus.py --megabytes 10 --seed 1 > corpus.txt
    scripts/gen_corpus.py --words 5000 --seed 7 > story.txt
"""

import argparse
import pathlib
import re
import sys

MASK = (1 << 64) - 1
SENTENCE_END = re.compile(r"(?<=[.!?])([\"\u201d]?)\s+(?=[A-Z\"\u201c])")


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n


def sentences(paragraph):
    """Split on a stop (and closing quote) followed by space and a capital."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start : m.start() + len(m.group(1))])
        start = m.end()
    out.append(paragraph[start:])
    return [s.strip() for s in out if s.strip()]


def load(templates):
    artefact, clean = [], []
    for path in sorted(templates.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        (artefact if path.name.startswith("artefact") else clean).extend(sentences(text))
    return artefact, clean


def stories(artefact, clean, rng):
    """Endless stories: a headline line, then 3 to 7 paragraphs of 2 to 5 sentences."""
    while True:
        head = clean[rng.below(len(clean))].split()
        head = " ".join(head[: 4 + rng.below(5)]).rstrip(",;:.")
        paras = [head]
        for _ in range(3 + rng.below(5)):
            para = []
            for _ in range(2 + rng.below(4)):
                pool = artefact if rng.below(100) < 35 else clean
                para.append(pool[rng.below(len(pool))])
            paras.append(" ".join(para))
        yield "\n\n".join(paras) + "\n\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--megabytes", type=float, help="stop after this many MB (10^6 bytes)")
    size.add_argument("--words", type=int, help="stop after this many words")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--templates",
        type=pathlib.Path,
        default=pathlib.Path(__file__).resolve().parent / "corpus_templates",
    )
    ap.add_argument("-o", "--output", type=pathlib.Path, help="default: standard output")
    args = ap.parse_args()
    artefact, clean = load(args.templates)
    if not artefact or not clean:
        sys.exit(f"no templates in {args.templates}")
    rng = SplitMix64(args.seed)
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    written = words = 0
    for story in stories(artefact, clean, rng):
        data = story.encode("utf-8")
        out.write(data)
        written += len(data)
        words += len(story.split())
        if args.megabytes is not None and written >= args.megabytes * 1_000_000:
            break
        if args.words is not None and words >= args.words:
            break
    out.flush()


if __name__ == "__main__":
    main()
