#!/usr/bin/env python3
"""Deduplicate a CSV of person records with Splink (DuckDB backend): the reference linker.

Run as a child process by run_eval.py, so that its wall time and peak memory are measured
exactly like ours (everything from interpreter start to the clusters file being written):

    python splink_dedupe.py --profile febrl   --input data.csv --output clusters.csv
    python splink_dedupe.py --profile persons --input data.csv --output clusters.csv

It writes `record_id,cluster_id` for every input row. Optional outputs: `--edges` (the scored
pairs at or above the prediction threshold: record_id_l, record_id_r, match_probability; the
harness uses them to report how Splink would do at other clustering thresholds) and `--stats`
(JSON with per-phase timings and model facts).

The configuration is what a competent user gets from Splink's documentation, not tuned on the
truth:

* `febrl` follows Splink's own FEBRL3/FEBRL4 examples (detailed model): NameComparison on the
  names with term-frequency adjustments, DateOfBirthComparison, Damerau-Levenshtein on
  soc_sec_id and postcode, exact street number; the same blocking rules; prior from
  deterministic rules (recall 0.8); u by random sampling; m by EM blocked on date of birth and
  on postcode.
* `persons` (the Central Asian data sets) does the generic cleaning any practitioner would do
  after profiling the columns: lower case, one standard Cyrillic→Latin table, punctuation
  removed, dates parsed from both formats, phones reduced to their national digits, document
  numbers upper-cased with Cyrillic look-alike letters folded, citizenship names mapped to
  codes. It deliberately adds no domain knowledge of transliteration variants (kh/x/h, dzh/j)
  or patronymic forms (-ovich / ugli / uulu): that is what the rosmigration linker is measured
  on. Comparisons: NameComparison (Jaro-Winkler levels) on surname, given name and patronymic
  with term-frequency adjustments on the names, DateOfBirthComparison, Damerau-Levenshtein on
  the document number and phone, Jaro-Winkler on the address, exact postcode, sex and
  citizenship.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time

try:
    import duckdb
    import splink
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
except ImportError as exc:  # pragma: no cover - depends on the environment
    sys.exit(f"splink_dedupe.py: cannot import Splink/DuckDB ({exc}). Install them with\n"
             f"  python3 -m venv /work/venv-linkage && /work/venv-linkage/bin/pip install "
             f"-r bench/linkage/requirements.txt\nand run with that interpreter.")

# --------------------------------------------------------------------------------- cleaning

# One standard Russian Cyrillic -> Latin table (passport-style, BGN-like), plus the extra letters
# of Uzbek, Tajik and Kyrgyz Cyrillic. Multi-letter replacements first, then single letters.
_MULTI = [("щ", "shch"), ("ж", "zh"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"),
          ("ю", "yu"), ("я", "ya"), ("ё", "e"), ("ҷ", "j"), ("ң", "ng")]
_SINGLE_FROM = "абвгдезийклмнопрстуфыэўқғҳӣӯөүъь"  # ъ and ь have no counterpart: dropped
_SINGLE_TO = "abvgdeziyklmnoprstufyeoqghiuou"


def _name_sql(col: str) -> str:
    """SQL that lower-cases, transliterates and strips a name column to [a-z ]."""
    expr = f"lower(trim({col}))"
    for src, dst in _MULTI:
        expr = f"replace({expr}, '{src}', '{dst}')"
    expr = f"translate({expr}, '{_SINGLE_FROM}', '{_SINGLE_TO}')"
    expr = f"regexp_replace(replace({expr}, '-', ' '), '[^a-z ]', '', 'g')"
    expr = f"trim(regexp_replace({expr}, ' +', ' ', 'g'))"
    return f"nullif({expr}, '')"


PERSONS_CLEAN_SQL = f"""
select
    record_id,
    {_name_sql('surname')} as surname,
    {_name_sql('given_name')} as given_name,
    {_name_sql('patronymic')} as patronymic,
    strftime(try_strptime(trim(date_of_birth), ['%Y-%m-%d', '%d.%m.%Y', '%Y%m%d', '%d/%m/%Y']),
             '%Y-%m-%d') as date_of_birth,
    case upper(left(trim(sex), 1))
        when 'M' then 'M' when 'М' then 'M' when 'F' then 'F' when 'Ж' then 'F'
        else null end as sex,
    case
        when upper(trim(citizenship)) in ('UZB', 'UZ', 'УЗБЕКИСТАН') then 'UZB'
        when upper(trim(citizenship)) in ('TJK', 'TJ', 'ТАДЖИКИСТАН') then 'TJK'
        when upper(trim(citizenship)) in ('KGZ', 'KG', 'КИРГИЗИЯ', 'КЫРГЫЗСТАН') then 'KGZ'
        else nullif(upper(trim(citizenship)), '') end as citizenship,
    nullif(regexp_replace(
        translate(upper(document_number), 'АВСЕНКМОРТХ', 'ABCEHKMOPTX'),
        '[^A-Z0-9]', '', 'g'), '') as document_number,
    case
        when length(regexp_replace(phone, '[^0-9]', '', 'g')) = 11
             and left(regexp_replace(phone, '[^0-9]', '', 'g'), 1) in ('7', '8')
            then right(regexp_replace(phone, '[^0-9]', '', 'g'), 10)
        else nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '') end as phone,
    nullif(trim(regexp_replace(regexp_replace(
        lower(address),
        '(^|[^а-яёa-z])(г|ул|улица|д|дом|кв|казань)([^а-яёa-z]|$)', ' ', 'g'),
        '[^а-яёa-z0-9]+', ' ', 'g')), '') as address,
    nullif(trim(postcode), '') as postcode
from raw
"""

FEBRL_CLEAN_SQL = """
select
    rec_id,
    nullif(trim(given_name), '') as given_name,
    nullif(trim(surname), '') as surname,
    nullif(trim(street_number), '') as street_number,
    nullif(trim(address_1), '') as address_1,
    nullif(trim(address_2), '') as address_2,
    nullif(trim(suburb), '') as suburb,
    nullif(trim(postcode), '') as postcode,
    nullif(trim(state), '') as state,
    nullif(trim(date_of_birth), '') as date_of_birth,
    nullif(trim(soc_sec_id), '') as soc_sec_id
from raw
"""

# --------------------------------------------------------------------------------- profiles


def febrl_profile() -> dict:
    """Splink's documented FEBRL model (docs/demos/examples/duckdb/febrl3 and febrl4)."""
    return {
        "id": "rec_id",
        "clean_sql": FEBRL_CLEAN_SQL,
        "comparisons": [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                     datetime_format="%Y%m%d", invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True),
        ],
        "blocking": [
            block_on("given_name", "surname"),
            "l.given_name = r.surname and l.surname = r.given_name",
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ],
        "deterministic": [
            block_on("soc_sec_id"),
            block_on("given_name", "surname", "date_of_birth"),
        ],
        "recall": 0.8,
        "em": [block_on("date_of_birth"), block_on("postcode")],
    }


def persons_profile() -> dict:
    """The same recipe applied to the rosmigration person columns."""
    return {
        "id": "record_id",
        "clean_sql": PERSONS_CLEAN_SQL,
        "comparisons": [
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("patronymic"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                     datetime_format="%Y-%m-%d", invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("document_number", [1, 2]),
            cl.DamerauLevenshteinAtThresholds("phone", [1, 2]),
            cl.JaroWinklerAtThresholds("address", [0.95, 0.85]),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            cl.ExactMatch("sex"),
            cl.ExactMatch("citizenship"),
        ],
        "blocking": [
            block_on("surname", "given_name"),
            "l.given_name = r.surname and l.surname = r.given_name",
            block_on("date_of_birth", "substr(given_name, 1, 1)"),
            block_on("date_of_birth", "substr(surname, 1, 1)"),
            block_on("document_number"),
            block_on("phone"),
            block_on("postcode", "address"),
        ],
        "deterministic": [
            block_on("document_number"),
            block_on("surname", "given_name", "date_of_birth"),
        ],
        "recall": 0.7,
        "em": [block_on("date_of_birth"), block_on("surname", "given_name")],
    }


PROFILES = {"febrl": febrl_profile, "persons": persons_profile}

# ------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--profile", choices=sorted(PROFILES), required=True)
    ap.add_argument("--input", required=True, help="CSV of records (all columns read as text)")
    ap.add_argument("--output", required=True, help="CSV to write: record_id,cluster_id")
    ap.add_argument("--threshold", type=float, default=0.9,
                    help="match probability at or above which pairs are clustered (0.9)")
    ap.add_argument("--predict-threshold", type=float, default=0.2,
                    help="lowest match probability kept by predict() (0.2, as the docs)")
    ap.add_argument("--u-max-pairs", type=float, default=1e7,
                    help="pairs sampled to estimate u (1e7, the docs' recommendation)")
    ap.add_argument("--seed", type=int, default=42, help="seed for u sampling")
    ap.add_argument("--em-max-pairs", type=float, default=1e7,
                    help="cap on the blocked pairs each EM session trains on (Splink 5's "
                         "max_pairs; 1e7 leaves the small sets untouched and keeps EM "
                         "tractable at 1,000,000 records); 0 = no cap")
    ap.add_argument("--edges", help="also write the scored pairs to this CSV")
    ap.add_argument("--stats", help="write phase timings and model facts to this JSON file")
    ap.add_argument("--log-level", default="WARNING", help="Splink log level (WARNING)")
    args = ap.parse_args(argv)

    if not os.path.exists(args.input):
        sys.exit(f"splink_dedupe.py: input file not found: {args.input}")
    t0 = time.perf_counter()
    phases: dict[str, float] = {}

    def mark(name: str, start: float) -> float:
        now = time.perf_counter()
        phases[name] = round(now - start, 3)
        print(f"[splink_dedupe] {name} done in {now - start:.1f} s "
              f"(total {now - t0:.1f} s)", file=sys.stderr, flush=True)
        return now

    profile = PROFILES[args.profile]()
    con = duckdb.connect()
    con.execute("create table raw as select * from read_csv(?, header=true, all_varchar=true)",
                [args.input])
    n_records = con.execute("select count(*) from raw").fetchone()[0]
    con.execute(f"create table clean as {profile['clean_sql']}")
    t = mark("load_and_clean", t0)

    db_api = DuckDBAPI(connection=con)
    sdf = db_api.register("clean")
    settings = SettingsCreator(
        unique_id_column_name=profile["id"],
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=profile["blocking"],
        comparisons=profile["comparisons"],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(sdf, settings, log_level=getattr(logging, args.log_level.upper()))

    linker.training.estimate_probability_two_random_records_match(
        profile["deterministic"], recall=profile["recall"])
    t = mark("estimate_prior", t)
    linker.training.estimate_u_using_random_sampling(max_pairs=args.u_max_pairs, seed=args.seed)
    t = mark("estimate_u", t)
    for rule in profile["em"]:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True,
            max_pairs=args.em_max_pairs or None)
    t = mark("estimate_m_em", t)

    predictions = linker.inference.predict(threshold_match_probability=args.predict_threshold)
    t = mark("predict", t)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=args.threshold)
    t = mark("cluster", t)

    uid = profile["id"]
    con.execute(
        f"copy (select {uid} as record_id, cluster_id from {clusters.physical_name}) "
        f"to '{_sql_path(args.output)}' (header, delimiter ',')")
    n_pairs = con.execute(f"select count(*) from {predictions.physical_name}").fetchone()[0]
    if args.edges:
        con.execute(
            f"copy (select {uid}_l as record_id_l, {uid}_r as record_id_r, match_probability "
            f"from {predictions.physical_name}) to '{_sql_path(args.edges)}' "
            f"(header, delimiter ',')")
    t = mark("write", t)

    if args.stats:
        n_clusters = con.execute(
            f"select count(distinct cluster_id) from {clusters.physical_name}").fetchone()[0]
        stats = {
            "profile": args.profile,
            "records": n_records,
            "pairs_scored_above_predict_threshold": n_pairs,
            "clusters": n_clusters,
            "threshold": args.threshold,
            "predict_threshold": args.predict_threshold,
            "u_max_pairs": args.u_max_pairs,
            "em_max_pairs": args.em_max_pairs,
            "probability_two_random_records_match":
                linker._settings_obj._probability_two_random_records_match,
            "phases_s": phases,
            "total_s": round(time.perf_counter() - t0, 3),
            "splink": splink.__version__,
            "duckdb": duckdb.__version__,
            "duckdb_threads": con.execute("select current_setting('threads')").fetchone()[0],
        }
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=2)
    return 0


def _sql_path(path: str) -> str:
    return os.path.abspath(path).replace("'", "''")


if __name__ == "__main__":
    sys.exit(main())
