#!/usr/bin/env python3
"""Builds every edition of every profile in the repository with one
`cityprofile` binary, and compares two such builds byte for byte.

A refactoring must change no byte of any PDF: build the editions with the
binary before the change and with the one after, then compare.

    python3 tools/compare-editions.py build BINARY OUTDIR
    python3 tools/compare-editions.py compare OLDDIR NEWDIR

`build` writes OUTDIR/<profile>/<id>-<lang>.pdf and the print versions
(`--print`) for data/dortmund, every tests/fixtures/*/profile.toml and two
scaffolds made by `cityprofile new` (an English one and a French source with
an Arabic edition), plus each edition's `--emit-typst` sources. It exits 1
when a build fails. `compare` lists every file that differs or exists on one
side only and exits 1 when there is one. Scaffolds carry today's date, so
compare builds made on the same day.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def profiles(scratch, binary):
    found = [("dortmund", os.path.join(ROOT, "data", "dortmund"))]
    fixtures = os.path.join(ROOT, "tests", "fixtures")
    for name in sorted(os.listdir(fixtures)):
        if os.path.isfile(os.path.join(fixtures, name, "profile.toml")):
            found.append((name, os.path.join(fixtures, name)))
    for name, langs, city in [("new-en", "en", "Ravenna"), ("new-fr-ar", "fr,ar", "Sousse")]:
        target = os.path.join(scratch, name)
        run([binary, "new", target, "--city", city, "--lang", langs])
        found.append((name, target))
    return found


def run(cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout}{done.stderr}\n")
        sys.exit(1)


def build(binary, out):
    binary = os.path.abspath(binary)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    with tempfile.TemporaryDirectory() as scratch:
        for name, path in profiles(scratch, binary):
            dest = os.path.join(out, name)
            run([binary, "build", path, "--out", dest, "--print", "--quiet",
                 "--emit-typst", os.path.join(dest, "typst")])
            print(f"built {name}")


def digests(folder):
    result = {}
    for base, _, files in os.walk(folder):
        for f in files:
            path = os.path.join(base, f)
            with open(path, "rb") as fh:
                result[os.path.relpath(path, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return result


def compare(old, new):
    a, b = digests(old), digests(new)
    differ = sorted(k for k in a.keys() & b.keys() if a[k] != b[k])
    only_old = sorted(a.keys() - b.keys())
    only_new = sorted(b.keys() - a.keys())
    for k in differ:
        print(f"differs: {k}")
    for k in only_old:
        print(f"only in {old}: {k}")
    for k in only_new:
        print(f"only in {new}: {k}")
    pdfs = sum(1 for k in a if k.endswith(".pdf"))
    print(f"{len(a)} files ({pdfs} PDFs) compared: {len(differ)} differ, "
          f"{len(only_old)} only before, {len(only_new)} only after")
    return 1 if differ or only_old or only_new else 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
