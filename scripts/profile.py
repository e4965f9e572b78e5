#!/usr/bin/env python3
"""Reads `perf report --stdio --no-children --sort sym` on stdin and prints, as Markdown, the share of
the samples each crate (or the kernel, or libc) took and the top functions. Used by bench.sh with
PROFILE=1. Standard library only.

    perf report -i perf.data --stdio --no-children --sort sym | python3 scripts/profile.py [TOP]
"""
import re
import sys

TOP = int(sys.argv[1]) if len(sys.argv) > 1 else 12
LINE = re.compile(r"^\s*([\d.]+)%\s+\[(.)\]\s+(.*)$")


def crate(symbol, kind):
    """The crate a demangled Rust symbol is charged to: the first crate it names other than the
    standard library's (`<String as surrealdb_types::SurrealValue>::from_value` is SurrealDB's
    work), else the standard library's; `[k]` is the kernel; a symbol naming no crate is C code
    (libc, the allocator's, ...)."""
    if kind == "k":
        return "kernel"
    named = re.findall(r"(?<![:\w])([A-Za-z_]\w*)::", symbol)
    if not named:
        return "C (libc, …)"
    return next((c for c in named if c not in ("core", "alloc", "std")), named[0])


rows = []
for line in sys.stdin:
    m = LINE.match(line)
    if m:
        rows.append((float(m.group(1)), m.group(2), m.group(3).strip()))
if not rows:
    sys.exit("no samples")
by_crate = {}
for share, kind, symbol in rows:
    by_crate[crate(symbol, kind)] = by_crate.get(crate(symbol, kind), 0.0) + share
print("| crate | % of samples |\n|---|---:|")
for name, share in sorted(by_crate.items(), key=lambda kv: -kv[1])[:TOP]:
    print(f"| {name} | {share:.1f} |")
print(f"\n| top functions | % |\n|---|---:|")
for share, _, symbol in rows[:TOP]:
    short = symbol if len(symbol) <= 110 else symbol[:107] + "…"
    print(f"| `{short.replace('|', '/')}` | {share:.1f} |")
