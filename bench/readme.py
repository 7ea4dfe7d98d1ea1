#!/usr/bin/env python3
"""Replaces the text between the benchmark markers in README.md with bench/results.md."""
import sys

results, readme = sys.argv[1], sys.argv[2]
start, end = "<!-- bench:start -->", "<!-- bench:end -->"
text = open(readme).read()
table = open(results).read().strip()
if start in text and end in text:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    text = head + start + "\n" + table + "\n" + end + tail
else:
    text = text.rstrip() + "\n\n" + start + "\n" + table + "\n" + end + "\n"
open(readme, "w").write(text)
