#!/usr/bin/env python3
"""Print the literal triggers of calque's phrase rules, one per line.

The PHRASES file of the benchmarks: `grep -c -i -F -f PHRASES corpus.txt`
is the fixed-string baseline calque is measured against
(scripts/bench.sh, scripts/bench-peers.sh).

    scripts/phrases.py [RULES_DIR] > PHRASES
"""
import glob
import sys
import tomllib


def main() -> None:
    rules = sys.argv[1] if len(sys.argv) > 1 else "rules"
    seen = set()
    for path in sorted(glob.glob(rules + "/*.toml")):
        with open(path, "rb") as fh:
            for rule in tomllib.load(fh).get("rule", []):
                phrases = rule.get("phrases")
                # A list of phrases, or a table of phrase → replacement.
                for phrase in phrases if isinstance(phrases, list) else list(phrases or {}):
                    if phrase.lower() not in seen:
                        seen.add(phrase.lower())
                        print(phrase)


if __name__ == "__main__":
    main()
