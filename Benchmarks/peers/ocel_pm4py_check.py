#!/usr/bin/env python3
"""Checks that PM4Py reads the OCEL files Tracewise writes as what Tracewise wrote.

Usage (with the peers' venv from install.sh, after `swift build` at the root):
    Benchmarks/peers/.venv/bin/python Benchmarks/peers/ocel_pm4py_check.py [OCEL files…] [--tracewise PATH]

For every input (default: every file in ../shared/datasets/ocel), `tracewise ocel convert` writes OCEL 2.0 JSON,
XML and SQLite; PM4Py reads each (`read_ocel2_json`, `read_ocel2_xml`, `read_ocel2_sqlite`), and its events
(id, activity, time), objects (id, type), E2O relations (event, object, qualifier), O2O relations and object
attribute values are compared with what the JSON we wrote says. Exits 1 on any difference.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import pandas as pd
import pm4py

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def utc_seconds(text):
    return pd.Timestamp(text).tz_convert("UTC").timestamp() if pd.Timestamp(text).tzinfo else pd.Timestamp(text, tz="UTC").timestamp()


def expected(path):
    with open(path) as f:
        log = json.load(f)
    events = {(e["id"], e["type"], round(utc_seconds(e["time"]), 6)) for e in log["events"]}
    objects = {(o["id"], o["type"]) for o in log["objects"]}
    e2o = {(e["id"], r["objectId"], r["qualifier"]) for e in log["events"] for r in e.get("relationships", [])}
    o2o = {(o["id"], r["objectId"], r["qualifier"]) for o in log["objects"] for r in o.get("relationships", [])}
    values = {(o["id"], a["name"], str(a["value"])) for o in log["objects"] for a in o.get("attributes", [])}
    return events, objects, e2o, o2o, values


def as_seconds(value):
    t = pd.Timestamp(value)
    return (t.tz_convert("UTC") if t.tzinfo else t.tz_localize("UTC")).timestamp()


def read_back(ocel):
    ev = ocel.events
    events = {(str(r[ocel.event_id_column]), str(r[ocel.event_activity]), round(as_seconds(r[ocel.event_timestamp]), 6)) for _, r in ev.iterrows()}
    objects = {(str(r[ocel.object_id_column]), str(r[ocel.object_type_column])) for _, r in ocel.objects.iterrows()}
    rel = ocel.relations
    e2o = {(str(r[ocel.event_id_column]), str(r[ocel.object_id_column]), "" if pd.isna(r[ocel.qualifier]) else str(r[ocel.qualifier])) for _, r in rel.iterrows()}
    o2o = {(str(r[ocel.object_id_column]), str(r[ocel.object_id_column + "_2"]), "" if pd.isna(r[ocel.qualifier]) else str(r[ocel.qualifier])) for _, r in ocel.o2o.iterrows()}
    values = set()
    internal = {ocel.object_id_column, ocel.object_type_column}
    for _, r in ocel.objects.iterrows():
        for column, value in r.items():
            if column not in internal and not pd.isna(value):
                values.add((str(r[ocel.object_id_column]), column, str(value)))
    field = getattr(ocel, "changed_field", "ocel:field")
    for _, r in ocel.object_changes.iterrows():
        name = r.get(field)
        if name is not None and not pd.isna(name) and name in r and not pd.isna(r[name]):
            values.add((str(r[ocel.object_id_column]), name, str(r[name])))
    return events, objects, e2o, o2o, values


def normalise_values(values):
    """PM4Py reads integral numbers back as floats or ints depending on the column; compare their text as numbers."""
    out = set()
    for oid, name, text in values:
        try:
            number = float(text)
            text = repr(number) if number != int(number) else str(int(number))
        except ValueError:
            pass
        out.add((oid, name, text))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--tracewise", default=os.path.join(ROOT, ".build", "debug", "tracewise"))
    args = parser.parse_args()
    files = args.files or [os.path.join(os.path.dirname(ROOT), "shared", "datasets", "ocel", f)
                           for f in sorted(os.listdir(os.path.join(os.path.dirname(ROOT), "shared", "datasets", "ocel")))]
    readers = {"jsonocel": pm4py.read_ocel2_json, "xmlocel": pm4py.read_ocel2_xml, "sqlite": pm4py.read_ocel2_sqlite}
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for path in files:
            base = os.path.join(scratch, os.path.basename(path))
            for ext in readers:
                subprocess.run([args.tracewise, "ocel", "convert", path, f"{base}.{ext}"], check=True)
            want = expected(f"{base}.jsonocel")
            for ext, read in readers.items():
                got = read_back(read(f"{base}.{ext}"))
                names = ["events", "objects", "e2o", "o2o", "object attribute values"]
                for name, w, g in zip(names, want, got):
                    if name == "object attribute values":
                        w, g = normalise_values(w), normalise_values(g)
                    if w != g:
                        failures += 1
                        print(f"DIFF {os.path.basename(path)} as {ext}: {name}: missing {sorted(w - g)[:3]} extra {sorted(g - w)[:3]}")
                print(f"{os.path.basename(path)} as {ext}: PM4Py read {len(got[0])} events, {len(got[1])} objects, {len(got[2])} e2o, {len(got[3])} o2o"
                      + (" — equal" if all((normalise_values(w) == normalise_values(g)) if i == 4 else (w == g) for i, (w, g) in enumerate(zip(want, got))) else ""))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
