#!/usr/bin/python3
"""Writes a generated paired data set with its own split, for SuperFuse and the PyTorch reference to read alike.

data.npz holds text [N, d], image [N, d] (float32), label [N] (int64) and split [N] (0 train, 1 validation, 2 test).
The two modalities are noisy views of one 16-d latent factor and the label is the sign of a noisy linear function of
it, so both modalities carry the label and a linear head learns it well but not perfectly.
"""
import argparse

import numpy as np


def make(path, dim, train, val, test, seed):
    rng = np.random.default_rng(seed)
    n = train + val + test
    z = rng.standard_normal((n, 16))
    text = z @ rng.standard_normal((16, dim)) / 4 + rng.standard_normal((n, dim))
    image = z @ rng.standard_normal((16, dim)) / 4 + rng.standard_normal((n, dim))
    label = (z @ rng.standard_normal(16) + 0.5 * rng.standard_normal(n) > 0).astype(np.int64)
    split = np.concatenate([np.zeros(train), np.ones(val), np.full(test, 2)]).astype(np.int64)
    order = rng.permutation(n)
    np.savez(path, text=text[order].astype(np.float32), image=image[order].astype(np.float32),
             label=label[order], split=split[order])


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", required=True)
    p.add_argument("--dim", type=int, default=768)
    p.add_argument("--train", type=int, default=4096)
    p.add_argument("--val", type=int, default=1024)
    p.add_argument("--test", type=int, default=1024)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    make(a.out, a.dim, a.train, a.val, a.test, a.seed)
