#!/usr/bin/python3
"""SuperFuse against plain PyTorch on one generated data set with one shared split.

Writes data.npz (make_data.py), trains the same cells with `superfuse run` and with reference.py one model at a time
and stacked, and prints samples/s, wall time, the ratio to SuperFuse, and test accuracy (mean ± sd over seeds) for
each. The split is the data file's own split array, which both sides read, so the comparison is about training and
not about splits (on 1,024 test rows two independent splits alone move accuracy by up to 2 points).

SuperFuse's time is `superfuse run` end to end (loading, training, clean evaluation, tables, figures and report);
PyTorch's is its training loop only.
"""
import argparse
import csv
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_data  # noqa: E402
import reference  # noqa: E402

FULL = {"dim": 768, "train": 4096, "val": 1024, "test": 1024, "seeds": 20, "epochs": 100,
        "tensor": {"dim": 768, "train": 256, "val": 128, "test": 128, "epochs": 100}}
TINY = {"dim": 32, "train": 256, "val": 128, "test": 128, "seeds": 3, "epochs": 5,
        "tensor": {"dim": 16, "train": 64, "val": 64, "test": 64, "epochs": 3}}


def superfuse(command, data, fusion, rows, seeds, epochs, threads, out):
    args = shlex.split(command) + ["run", "--data", data, "--split-field", "split", "--fusions", fusion, "--tasks", "real",
                                   "--sizes", str(rows), "--seeds", str(seeds), "--epochs", str(epochs), "--alphas", "0",
                                   "--threads", str(threads), "--out", out, "--force"]
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"compare: superfuse failed ({done.returncode}): {done.stderr.strip()}")
    with open(os.path.join(out, "tables", "runs.csv"), newline="") as f:
        accuracies = [float(r["test_accuracy"]) for r in csv.DictReader(f)]
    return {"implementation": "superfuse", "wall_s": wall, "samples_per_s": seeds * rows * epochs / wall,
            "accuracies": accuracies}


def pytorch(data, fusion, mode, seeds, epochs, threads):
    r = reference.run(data, fusion, mode, list(range(1, seeds + 1)), epochs, 64, threads)
    return {"implementation": r["implementation"], "wall_s": r["wall_s"], "samples_per_s": r["samples_per_s"],
            "accuracies": [c["test_accuracy"] for c in r["cells"]]}


def row(fusion, result, base):
    acc = result["accuracies"]
    sd = statistics.stdev(acc) if len(acc) > 1 else 0.0
    return (f"| {fusion} | {result['implementation']} | {result['samples_per_s']:,.0f} | {result['wall_s']:.1f} | "
            f"{result['wall_s'] / base:.1f}× | {100 * statistics.mean(acc):.2f} ± {100 * sd:.2f} |")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="bench-pytorch")
    p.add_argument("--superfuse", default=os.environ.get("SUPERFUSE", "dotnet src/SuperFuse.Cli/bin/Release/net10.0/linux-x64/superfuse.dll"),
                   help="command that starts superfuse (default: the Release build; or $SUPERFUSE)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tiny", action="store_true", help="a seconds-long smoke run (CI)")
    p.add_argument("--fusions", default="concat,product,tensor")
    p.add_argument("--tensor-epochs", type=int, help="epochs of the tensor cell (default 100; 3 with --tiny)")
    a = p.parse_args()
    size = TINY if a.tiny else FULL
    if a.tensor_epochs:
        size = {**size, "tensor": {**size["tensor"], "epochs": a.tensor_epochs}}
    os.makedirs(a.out, exist_ok=True)
    lines = ["| fusion | implementation | samples/s | wall (s) | time ÷ SuperFuse | test accuracy (%) |", "|---|---|---|---|---|---|"]
    results = []
    for fusion in a.fusions.split(","):
        s = size["tensor"] if fusion == "tensor" else size
        seeds = 1 if fusion == "tensor" else size["seeds"]
        data = os.path.join(a.out, f"data-{s['dim']}d-{s['train']}.npz")
        if not os.path.exists(data):
            make_data.make(data, s["dim"], s["train"], s["val"], s["test"], 1)
        ours = superfuse(a.superfuse, data, fusion, s["train"], seeds, s["epochs"], a.threads, os.path.join(a.out, f"superfuse-{fusion}"))
        theirs = [pytorch(data, fusion, mode, seeds, s["epochs"], a.threads) for mode in ("loop", "stacked")]
        for r in [ours] + theirs:
            lines.append(row(fusion, r, ours["wall_s"]))
            results.append({"fusion": fusion, "rows": s["train"], "dim": s["dim"], "seeds": seeds, "epochs": s["epochs"], **r})
        print(lines[-3], lines[-2], lines[-1], sep="\n", file=sys.stderr)
    print("\n".join(lines))
    with open(os.path.join(a.out, "compare.json"), "w") as f:
        json.dump({"threads": a.threads, "torch": reference.torch.__version__, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
