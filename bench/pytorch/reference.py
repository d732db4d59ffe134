#!/usr/bin/python3
"""One SuperFuse cell written in plain PyTorch, twice: one model at a time (as most users write it) and all seeds
stacked into batched matrix products under one optimizer (as a skilled user writes it).

The protocol is SuperFuse's (docs/protocol.md, "Model and training"): head Linear(D, 32) → ReLU → Linear(32, C) with
PyTorch's default init after torch.manual_seed(seed); cross-entropy on the logits; AdamW with lr 1e-3, weight decay 0,
betas (0.9, 0.999), eps 1e-8; batch 64 with the last partial batch kept; a fresh shuffle each epoch; validation
accuracy after every epoch, the strictly best epoch's weights evaluated on the test rows. The rows come from the
split array of the data file, so both implementations train and test on exactly the same rows.
"""
import argparse
import json
import time

import numpy as np
import torch
import torch.nn.functional as F

HIDDEN = 32


def product(t, i):
    """F_j = T_j·I_j, F_{N+j} = T_j·I_{N−1−j}."""
    return torch.cat([t * i, t * i.flip(1)], 1)


def fuse(name, t, i):
    if name == "concat":
        return torch.cat([t, i], 1)
    if name == "product":
        return product(t, i)
    raise ValueError(name)


def load(path):
    d = np.load(path)
    split = d["split"]
    parts = {}
    for code, name in enumerate(["train", "val", "test"]):
        rows = split == code
        parts[name] = (torch.from_numpy(d["text"][rows]), torch.from_numpy(d["image"][rows]), torch.from_numpy(d["label"][rows]))
    return parts, int(d["label"].max()) + 1


def head(seed, width, classes):
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(width, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, classes))


def adamw(params):
    return torch.optim.AdamW(params, lr=1e-3, weight_decay=0.0, betas=(0.9, 0.999), eps=1e-8)


class Tensor(torch.nn.Module):
    """Tensor fusion as most users write it: the outer product T ⊗ I materialised per batch, then Linear(d_t·d_i, 32)."""

    def __init__(self, seed, dt, di, classes):
        super().__init__()
        self.mlp = head(seed, dt * di, classes)

    def forward(self, t, i):
        return self.mlp(torch.einsum("ba,bc->bac", t, i).reshape(t.shape[0], -1))


def one_at_a_time(parts, classes, fusion, seeds, epochs, batch):
    """Each seed its own model, optimizer and loop."""
    t, i, y = parts["train"]
    results = []
    for seed in seeds:
        if fusion == "tensor":
            model = Tensor(seed, t.shape[1], i.shape[1], classes)
            forward = model
        else:
            model = head(seed, fuse(fusion, t[:1], i[:1]).shape[1], classes)
            forward = lambda a, b, m=model: m(fuse(fusion, a, b))
        opt = adamw(model.parameters())
        best, best_state, best_epoch = -1.0, None, 0
        g = torch.Generator().manual_seed(seed)
        for epoch in range(1, epochs + 1):
            order = torch.randperm(len(y), generator=g)
            for start in range(0, len(y), batch):
                rows = order[start:start + batch]
                loss = F.cross_entropy(forward(t[rows], i[rows]), y[rows])
                opt.zero_grad()
                loss.backward()
                opt.step()
            acc = accuracy(forward, parts["val"])
            if acc > best:
                best, best_epoch = acc, epoch
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        model.load_state_dict(best_state)
        results.append({"seed": seed, "val_accuracy": best, "best_epoch": best_epoch, "test_accuracy": accuracy(forward, parts["test"])})
    return results


@torch.no_grad()
def accuracy(forward, part):
    t, i, y = part
    return float((forward(t, i).argmax(1) == y).float().mean())


def stacked(parts, classes, fusion, seeds, epochs, batch):
    """All seeds at once: parameters [S, …], bmm, one AdamW over the stacked tensors, per-seed shuffles and best epochs.
    Tensor fusion runs as a bilinear form, never building the outer product: V = I·Wᵀ with W viewed as (32·d_t, d_i),
    then h_k = Σ_a V_{k,a} T_a."""
    t, i, y = parts["train"]
    s, n = len(seeds), len(y)
    x = None if fusion == "tensor" else fuse(fusion, t, i)   # parameter-free fusions are computed once
    width = t.shape[1] * i.shape[1] if fusion == "tensor" else x.shape[1]
    inits = [head(seed, width, classes) for seed in seeds]
    w1 = torch.stack([m[0].weight.detach().t() for m in inits]).requires_grad_()   # [S, D, 32]
    b1 = torch.stack([m[0].bias.detach()[None] for m in inits]).requires_grad_()
    w2 = torch.stack([m[2].weight.detach().t() for m in inits]).requires_grad_()
    b2 = torch.stack([m[2].bias.detach()[None] for m in inits]).requires_grad_()
    params = [w1, b1, w2, b2]
    opt = adamw(params)
    gens = [torch.Generator().manual_seed(seed) for seed in seeds]

    def hidden(rows_t, rows_i, rows_x):
        if fusion != "tensor":
            return torch.baddbmm(b1, rows_x, w1)
        dt, di = rows_t.shape[2], rows_i.shape[2]
        # w1 [S, d_t·d_i, 32] → [S, 32·d_t, d_i]: row k·d_t + a holds W_k's weights for T_a ⊗ I.
        w = w1.transpose(1, 2).reshape(s, HIDDEN * dt, di)
        v = torch.bmm(rows_i, w.transpose(1, 2)).view(s, -1, HIDDEN, dt)
        return (v * rows_t[:, :, None, :]).sum(3) + b1

    def forward(rows_t, rows_i, rows_x):
        return torch.baddbmm(b2, torch.relu(hidden(rows_t, rows_i, rows_x)), w2)

    def accuracies(part):
        with torch.no_grad():
            pt, pi = part[0].expand(s, -1, -1), part[1].expand(s, -1, -1)
            px = None if fusion == "tensor" else fuse(fusion, part[0], part[1]).expand(s, -1, -1)
            return (forward(pt, pi, px).argmax(2) == part[2]).float().mean(1)

    best = torch.full((s,), -1.0)
    best_epoch = torch.zeros(s, dtype=torch.long)
    kept = [p.detach().clone() for p in params]
    for epoch in range(1, epochs + 1):
        orders = torch.stack([torch.randperm(n, generator=g) for g in gens])
        for start in range(0, n, batch):
            rows = orders[:, start:start + batch]
            logits = forward(t[rows], i[rows], None if x is None else x[rows])
            # The sum of the seeds' mean losses: each seed's gradient is that of its own mean loss.
            loss = F.cross_entropy(logits.reshape(-1, classes), y[rows].reshape(-1), reduction="none").view(s, -1).mean(1).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
        acc = accuracies(parts["val"])
        better = acc > best
        best = torch.where(better, acc, best)
        best_epoch[better] = epoch
        with torch.no_grad():
            for k, p in zip(kept, params):
                k[better] = p[better]
    with torch.no_grad():
        for k, p in zip(kept, params):
            p.copy_(k)
    test = accuracies(parts["test"])
    return [{"seed": seed, "val_accuracy": float(best[k]), "best_epoch": int(best_epoch[k]), "test_accuracy": float(test[k])}
            for k, seed in enumerate(seeds)]


def run(path, fusion, mode, seeds, epochs, batch, threads):
    torch.set_num_threads(threads)
    torch.set_flush_denormal(True)
    parts, classes = load(path)
    train = one_at_a_time if mode == "loop" else stacked
    start = time.perf_counter()
    results = train(parts, classes, fusion, seeds, epochs, batch)
    wall = time.perf_counter() - start
    samples = len(seeds) * len(parts["train"][2]) * epochs
    return {"implementation": f"pytorch-{mode}", "fusion": fusion, "seeds": len(seeds), "rows": len(parts["train"][2]),
            "epochs": epochs, "wall_s": wall, "samples_per_s": samples / wall, "torch": torch.__version__, "cells": results}


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", required=True)
    p.add_argument("--fusion", default="concat", choices=["concat", "product", "tensor"])
    p.add_argument("--mode", default="loop", choices=["loop", "stacked"])
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    print(json.dumps(run(a.data, a.fusion, a.mode, list(range(1, a.seeds + 1)), a.epochs, a.batch, a.threads)))
