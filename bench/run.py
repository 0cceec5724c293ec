#!/usr/bin/env python3
"""Benchmark of cityprofile against the Typst CLI, release build.

Run from anywhere:  python3 bench/run.py [--runs N] [--batch 1,2,4,8]

Measures, as the median of N runs, wall time, peak memory (max RSS of the
process) and CPU time (user + system) of:
  1. `cityprofile build --lang en` (the whole process)
  2. the `typst compile` CLI (same Typst version) on that edition's
     `--emit-typst` output, with the same fonts, no system fonts and the
     same PDF standards (PDF/A-2b and PDF/UA-1)
  3. all four editions in one `cityprofile build`
     (1, 2 and 3 run in turn, so that a machine whose speed drifts during
     the benchmark affects them alike; then the other editions alone)
  4. a `watch` rebuild after a one-number change, English edition and all
     four editions
  5. Typst's layout passes per edition (`build --timings`) and, when
     valgrind is installed, the instructions of `build --lang en` counted by
     callgrind (a figure that does not move with the machine's load)
  6. a batch of copies of the Dortmund profile (different ids) in one build,
     to show how time grows with the number of editions, and its peak
     memory (about two editions' worth whatever the number, on two cores)
  7. scale: a table read from a CSV of 500, 5,000 and 50,000 rows (generated
     in a copy of the test profile tests/fixtures/minimal; `--rows`), and
     the English text of the Dortmund profile sixteen times over (`--times`)
and prints the ratios 1/2 and 3/1, and the least wall time four editions
can take on this machine (their CPU time spread over all cores). Installs the Typst CLI with
`cargo install typst-cli --locked --version <typst version>` when it is not on
PATH. Nothing here is asserted: machines are noisy; the figures go to the
guide's performance page (docs/src/explanation/performance.md).
"""

import argparse
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "cityprofile"


def typst_version():
    lock = (ROOT / "Cargo.lock").read_text()
    match = re.search(r'name = "typst"\nversion = "([^"]+)"', lock)
    return match.group(1)


def run_measured(args, cwd):
    """Runs a command; returns (wall seconds, peak RSS in MiB, CPU seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{stderr}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def report(name, results):
    """Prints and returns the medians (wall, memory, CPU) of some runs."""
    wall = statistics.median(r[0] for r in results)
    memory = statistics.median(r[1] for r in results)
    cpu = statistics.median(r[2] for r in results)
    print(f"{name:<58} {wall * 1000:>9.0f} ms {memory:>8.0f} MiB {cpu * 1000:>9.0f} ms", flush=True)
    return wall, memory, cpu


def measure(name, args, cwd, runs):
    return report(name, [run_measured(args, cwd) for _ in range(runs)])


def measure_interleaved(commands, runs):
    """Runs the commands in turn, `runs` rounds, so that a machine that gets
    slower or faster during the benchmark affects all of them alike."""
    results = [[] for _ in commands]
    for _ in range(runs):
        for index, (_, args, cwd) in enumerate(commands):
            results[index].append(run_measured(args, cwd))
    return [report(name, r) for (name, _, _), r in zip(commands, results)]


def ensure_typst_cli(version):
    typst = shutil.which("typst")
    if typst:
        out = subprocess.run([typst, "--version"], capture_output=True, text=True).stdout
        if version in out:
            return typst
    print(f"installing typst-cli {version} (cargo install, takes several minutes)", flush=True)
    subprocess.run(
        ["cargo", "install", "typst-cli", "--locked", "--version", version],
        check=True,
    )
    return shutil.which("typst") or str(Path.home() / ".cargo" / "bin" / "typst")


def measure_watch(profile, tmp, runs, lang="en"):
    """Median time from saving values.toml to the rebuilt PDF, as `watch`
    reports it, after a one-number change."""
    folder = tmp / f"watch-{lang or 'all'}"
    copy_profile(profile, folder, "watched")
    values = folder / "values.toml"
    original = values.read_text()
    args = [BINARY, "watch", folder, "--out", tmp / "watch-out"]
    if lang:
        args += ["--lang", lang]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        def next_build():
            for line in process.stdout:
                match = re.match(r"built .* in (\d+) ms", line)
                if match:
                    return int(match.group(1))
            sys.exit("watch stopped")
        next_build()
        times = []
        for run in range(runs + 1):
            values.write_text(original.replace("total_2019 = 603609", f"total_2019 = {603609 + run + 1}"))
            took = next_build()
            if run > 0:  # the first rebuild warms the caches
                times.append(took)
        return statistics.median(times)
    finally:
        process.kill()
        process.wait()


def layout_passes(profile, out):
    """Typst's layout passes per edition, from `build --timings`."""
    run = subprocess.run([BINARY, "build", profile, "--out", out, "--timings"],
                         capture_output=True, text=True, check=True)
    passes, in_table = {}, False
    for line in run.stdout.splitlines():
        cells = line.split()
        if cells[:1] == ["edition"]:
            in_table = True
        elif in_table and len(cells) == 8:
            passes[cells[0]] = cells[7]
    return passes


def instructions(args, cwd):
    """Instructions of a command counted by callgrind (they do not move with
    the machine's load), or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--separate-threads=no",
             f"--callgrind-out-file={tmp}/callgrind.out", *args],
            cwd=cwd, capture_output=True, text=True, check=True)
    match = re.search(r"Collected : (\d+)|I\s+refs:\s+([\d,]+)", run.stderr)
    if not match:
        return None
    return int((match.group(1) or match.group(2)).replace(",", ""))


def table_profile(folder, rows):
    """A copy of tests/fixtures/minimal whose first chapter ends with a table
    of `rows` rows read from a CSV (a name, a count and a percentage per
    row, numbers from a fixed random sequence)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", folder)
    (folder / "data").mkdir()
    numbers = random.Random(1)
    with open(folder / "data" / "rows.csv", "w") as csv:
        csv.write("District,Persons,Share\n")
        for row in range(rows):
            csv.write(f"District {row + 1},{numbers.randint(10, 99999)},{numbers.randint(0, 999) / 10}\n")
    (folder / "tables" / "big.toml").write_text("""number = "table"
caption = { en = "Persons by district, Testcity" }
source = "Test Office, 2021"
columns = [{ id = "district", width = 3 }, { id = "persons", align = "end" }, { id = "share", align = "end" }]
head = [[{ text = { en = "District" } }, { text = { en = "Persons" } }, { text = { en = "Share" } }]]

[csv]
file = "data/rows.csv"
locale = "en"
columns = [{ from = "District" }, { from = "Persons", kind = "count" }, { from = "Share", kind = "percent" }]
""")
    intro = folder / "text" / "en" / "intro.md"
    intro.write_text(intro.read_text() + "\n{{table:big}}\n")


def repeat_text(folder, lang, times):
    """Each chapter's text of `lang` followed by `times - 1` copies of its
    prose: the copies leave out what may be placed only once (tables,
    figures and the other blocks, footnotes)."""
    for chapter in (folder / "text" / lang).glob("*.md"):
        lines = chapter.read_text().split("\n")
        prose = "\n".join(
            re.sub(r"\[\^[^\]]+\]", "", line) for line in lines[1:]
            if not re.match(r"\s*(\{\{[\w:-]+\}\}\s*$|\[\^[^\]]+\]:)", line))
        chapter.write_text("\n".join(lines) + ("\n\n" + prose) * (times - 1))


def pages_of(out):
    """The pages of the PDFs `build` reported writing into `out`."""
    return sum(int(n) for n in re.findall(r"\((\d+) pages", out))


def measure_scale(name, args, cwd):
    """One run (these take seconds): wall, peak memory, CPU and pages, or
    the reason it failed."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        written, problems = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        reason = next((l for l in problems.splitlines() if l.startswith("error")), "failed")
        print(f"{name:<58} {reason}", flush=True)
        return
    print(f"{name:<58} {wall * 1000:>9.0f} ms {usage.ru_maxrss / 1024:>8.0f} MiB "
          f"{(usage.ru_utime + usage.ru_stime) * 1000:>9.0f} ms  {pages_of(written)} pages", flush=True)


def copy_profile(source, target, new_id):
    shutil.copytree(source, target)
    toml = target / "profile.toml"
    text = toml.read_text()
    toml.write_text(re.sub(r'^id = "[^"]+"', f'id = "{new_id}"', text, count=1, flags=re.M))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", default="1,2,4,8", help="numbers of profiles in the batch runs")
    parser.add_argument("--rows", default="500,5000,50000", help="rows of the CSV tables")
    parser.add_argument("--times", type=int, default=16, help="copies of the Dortmund text")
    options = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
    version = typst_version()
    typst = ensure_typst_cli(version)

    cpus = os.cpu_count()
    print(f"machine: {platform.machine()}, {cpus} CPU(s), {platform.system()} {platform.release()}")
    print(f"typst {version}; median of {options.runs} runs; peak memory = max RSS; "
          "CPU = user + system time\n")
    print(f"{'':<58} {'wall':>9}    {'memory':>8}     {'CPU':>9}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        profile = ROOT / "data" / "dortmund"
        out = tmp / "out"
        emit = tmp / "emit"
        subprocess.run(
            [BINARY, "build", profile, "--lang", "en", "--out", out, "--emit-typst", emit],
            check=True,
            capture_output=True,
        )
        edition_dir = emit / "dortmund-en"

        (one, _, one_cpu), (cli, _, _), (four, four_memory, four_cpu) = measure_interleaved([
            ("1. cityprofile build --lang en",
             [BINARY, "build", profile, "--lang", "en", "--out", out], ROOT),
            ("2. typst compile (CLI) on the emitted English edition",
             [typst, "compile", "main.typ", tmp / "cli.pdf", "--root", ".",
              "--font-path", "fonts", "--ignore-system-fonts",
              # the same work: cityprofile writes PDF/A-2b and PDF/UA-1
              "--pdf-standard", "a-2b,ua-1"], edition_dir),
            ("3. cityprofile build (all four editions)",
             [BINARY, "build", profile, "--out", out], ROOT),
        ], options.runs)
        for lang in ("de", "fr", "ar"):
            measure(f"   cityprofile build --lang {lang}",
                    [BINARY, "build", profile, "--lang", lang, "--out", out], ROOT, options.runs)
        rebuild_ms = measure_watch(profile, tmp, options.runs)
        print(f"{'4. watch rebuild after a one-number change (en)':<58} {rebuild_ms:>9.0f} ms", flush=True)
        rebuild_all_ms = measure_watch(profile, tmp, options.runs, lang=None)
        print(f"{'   the same, all four editions':<58} {rebuild_all_ms:>9.0f} ms", flush=True)

        passes = layout_passes(profile, out)
        print(f"{'5. Typst layout passes per edition':<58} "
              + ", ".join(f"{lang} {n}" for lang, n in passes.items()), flush=True)
        counted = instructions([BINARY, "build", profile, "--lang", "en", "--out", out], ROOT)
        if counted is not None:
            print(f"{'   instructions, build --lang en (callgrind)':<58} {counted / 1e9:>9.3f} G", flush=True)

        print()
        batch_results = []
        for count in [int(n) for n in options.batch.split(",")]:
            folders = []
            for index in range(count):
                folder = tmp / "batch" / f"{count}" / f"city{index}"
                copy_profile(profile, folder, f"city{index}")
                folders.append(folder)
            wall, memory, _ = measure(
                f"6. batch: {count} profile(s), {count * 4} editions",
                [BINARY, "build", *folders, "--out", tmp / "batch-out"], ROOT,
                max(1, options.runs // 2))
            batch_results.append((count * 4, wall))

        print()
        for rows in [int(n) for n in options.rows.split(",") if n]:
            folder = tmp / "tables" / str(rows)
            table_profile(folder, rows)
            measure_scale(f"7. a table of {rows} CSV rows",
                          [BINARY, "build", folder, "--out", tmp / "tables-out"], ROOT)
        if options.times > 1:
            folder = tmp / "long"
            copy_profile(profile, folder, "long")
            repeat_text(folder, "en", options.times)
            measure_scale(f"   the Dortmund text x{options.times} (--lang en)",
                          [BINARY, "build", folder, "--lang", "en", "--out", tmp / "long-out"], ROOT)

        print()
        print(f"ratio 1/2 (one edition / typst CLI):      {one / cli:.2f}   (target <= 1.0)")
        print(f"ratio 3/1 (four editions / one edition):  {four / one:.2f}   (target <= 2.0)")
        # Four editions cannot take less wall time than their CPU time spread
        # over all cores; one edition alone already uses more than one core.
        floor = four_cpu / cpus
        print(f"   four editions need {four_cpu * 1000:.0f} ms of CPU: on {cpus} cores at least "
              f"{floor * 1000:.0f} ms, a ratio of at least {floor / one:.2f}; "
              f"one edition alone keeps {one_cpu / one:.2f} cores busy")
        print(f"peak memory, four editions:               {four_memory:.0f} MiB (target < 300 MiB)")
        for editions, wall in batch_results:
            print(f"batch: {editions:>3} editions  {wall * 1000:>7.0f} ms  "
                  f"{wall * 1000 / editions:>6.0f} ms per edition")


if __name__ == "__main__":
    main()
