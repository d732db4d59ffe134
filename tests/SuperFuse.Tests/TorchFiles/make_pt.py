#!/usr/bin/env python3
"""Writes the torch.save fixtures next to this script with PyTorch (Debian's python3-torch).

Run once when a fixture is added; the files are committed. TorchSaveReaderTests says what each must do.
"""
import os
from collections import OrderedDict

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
g = torch.Generator().manual_seed(20261205)
ROWS = 200
T = torch.randn(ROWS, 6, generator=g)
I = torch.randn(ROWS, 5, generator=g)
y = (T[:, 0] + I[:, 0] > 0).long()
split = torch.tensor([2 if r % 5 == 0 else 1 if r % 5 == 1 else 0 for r in range(ROWS)])


def save(obj, name, **kwargs):
    torch.save(obj, os.path.join(HERE, name), **kwargs)


class Runs:
    """An object whose unpickling in Python would run a shell command."""

    def __reduce__(self):
        return (os.system, ("touch superfuse-pickle-ran-code",))


save({"text": T, "image": I, "label": y, "split": split}, "emb.pt")
save({"txt": T.half(), "img": I.double(), "y": y.bool(), "meta": {"mean": T.mean(0)}}, "dtypes.pt")
save(OrderedDict(text=T.bfloat16(), image=I, label=y.int()), "ordered.pt")
save({"text": torch.cat([T, T])[:ROWS], "image": I, "label": y}, "rows-slice.pt")
save({"text": T, "image": I, "label": y.tolist()}, "label-list.pt")
save({"text": T, "image": I, "label": y.numpy()}, "label-numpy.pt")
save({"text": T, "image": I, "label": y, "epoch": 3}, "number.pt")
save(T, "tensor.pt")
save({"text": T, "image": I, "label": y, "x": Runs()}, "runs-code.pt")
save({"text": torch.cat([T, I], 1)[:, :6], "image": I, "label": y}, "column-view.pt")
save({"text": T, "image": I, "label": y}, "legacy.pt", _use_new_zipfile_serialization=False)
# The same arrays through numpy, for the tests that compare what the two readers load.
np.savez(os.path.join(HERE, "emb.npz"), text=T.numpy(), image=I.numpy(), label=y.numpy(), split=split.numpy())
