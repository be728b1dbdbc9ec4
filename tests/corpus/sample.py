#!/usr/bin/env python3
"""Draws the triage corpus sample from ../shared/data (run once; kept for the record).

Writes, for every sampled negative review, its source file, record number (1-based, header
excluded, as the Rust csv reader counts), the FNV-1a hash of its text (the same text
`triage::eval` reads), its category and its split. The split is drawn once with a fixed seed;
rows of the earlier reference fixture (tests/fixtures/triage-eval.tsv), which the old lexicon
was tuned on, always go to the development part.

usage: tests/corpus/sample.py DATA_DIR OLD_FIXTURE OUT_SAMPLE.tsv OUT_TEXTS_DIR
"""
import csv, os, random, sys

SEED = 20261207
TEST_SHARE = 0.5


def fnv(text):
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def clean(t):
    return t.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").strip()


def records(path, delim=","):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter=delim)
        next(r)
        for n, rec in enumerate(r, 1):
            yield n, rec


def main():
    data, old_fixture, out_sample, out_texts = sys.argv[1:5]
    old = set()
    for line in open(old_fixture, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        old.add((c[0], int(c[1])))

    pools = {}  # category -> list of (source, row, text)
    seen = set()

    def add(cat, src, n, text):
        if not text or text in seen:
            return
        seen.add(text)
        pools.setdefault(cat, []).append((src, n, text))

    f = "zh-online-shopping-10-cats.csv"
    for n, rec in records(os.path.join(data, f)):
        if len(rec) >= 3 and rec[1].strip() == "0":
            add("shop-" + clean(rec[0]), f, n, clean(rec[2]))
    f = "zh-waimai-10k.csv"
    for n, rec in records(os.path.join(data, f)):
        if len(rec) >= 2 and rec[0].strip() == "0":
            add("waimai", f, n, clean(rec[1]))
    for part in ("train", "dev", "test"):
        f = f"zh-dianping-asap-{part}-sample.csv"
        for n, rec in records(os.path.join(data, f)):
            stars = float(rec[2] or 0)
            if stars <= 4 and any(v.strip() == "-1" for v in rec[3:]):
                add("dianping", f, n, clean(rec[1]).replace("\\n", "\n"))
    f = "zh-cosmetics-zhijiang2019.csv"
    for n, rec in records(os.path.join(data, f)):
        if rec[0] == "train" and "负面" in rec[3] and rec[6] in ("负面", "混合"):
            add("cosmetics", f, n, clean(rec[2]))
    f = "en-amazon-alexa.tsv"
    for n, rec in records(os.path.join(data, f), "\t"):
        if rec[0].strip() in ("1", "2"):
            add("en-alexa", f, n, clean(rec[3]))
    f = "en-womens-clothing-reviews.csv"
    for n, rec in records(os.path.join(data, f)):
        if len(rec) > 5 and rec[5].strip() in ("1", "2"):
            title, body = clean(rec[3]), clean(rec[4])
            if body:
                add("en-womens-clothing", f, n, f"{title}. {body}" if title else body)
    f = "en-amazon-musical-instruments.csv"
    for n, rec in records(os.path.join(data, f)):
        if rec[5].strip() in ("1", "1.0", "2", "2.0"):
            summary, body = clean(rec[6]), clean(rec[4])
            if body:
                add("en-musical-instruments", f, n, f"{summary}. {body}" if summary else body)

    quota = {"waimai": 400, "en-womens-clothing": 350}
    rng = random.Random(SEED)
    chosen = []
    for cat in sorted(pools):
        pool = pools[cat]
        want = quota.get(cat, 180 if cat.startswith("shop-") else len(pool))
        forced = [p for p in pool if (p[0], p[1]) in old]
        rest = [p for p in pool if (p[0], p[1]) not in old]
        rng.shuffle(rest)
        take = forced + rest[: max(0, want - len(forced))]
        for src, n, text in take:
            split = "dev" if (src, n) in old else ("test" if rng.random() < TEST_SHARE else "dev")
            chosen.append((cat, src, n, text, split))

    # The extension: more development rows for training, drawn after the split above from
    # what is left, so the test part is exactly the one drawn above.
    ext_quota = {"waimai": 600, "en-womens-clothing": 400}
    ext_rng = random.Random(SEED + 2)
    taken = {(c[1], c[2]) for c in chosen}
    for cat in sorted(pools):
        rest = [p for p in pools[cat] if (p[0], p[1]) not in taken]
        ext_rng.shuffle(rest)
        want = ext_quota.get(cat, 200 if cat.startswith("shop-") else 0)
        for src, n, text in rest[:want]:
            chosen.append((cat, src, n, text, "dev"))

    os.makedirs(out_texts, exist_ok=True)
    with open(out_sample, "w", encoding="utf-8") as out:
        out.write("# id\tsource\trow\thash\tcategory\tsplit\n")
        for i, (cat, src, n, text, split) in enumerate(chosen, 1):
            out.write(f"{i}\t{src}\t{n}\t{fnv(text)}\t{cat}\t{split}\n")
    # Texts for the labellers, shuffled so no labeller sees one category in a block.
    order = list(range(len(chosen)))
    random.Random(SEED + 1).shuffle(order)
    with open(os.path.join(out_texts, "all.tsv"), "w", encoding="utf-8") as out:
        for i in order:
            cat, src, n, text, split = chosen[i]
            flat = text.replace("\t", " ").replace("\n", " ⏎ ")
            out.write(f"{i + 1}\t{cat}\t{flat}\n")
    counts = {}
    for cat, *_, split in chosen:
        counts.setdefault(cat, [0, 0])[split == "test"] += 1
    for cat, (d, t) in sorted(counts.items()):
        print(f"{cat:26} dev {d:4}  test {t:4}")
    print("total", len(chosen))


main()
