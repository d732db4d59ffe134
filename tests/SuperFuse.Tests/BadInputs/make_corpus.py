#!/usr/bin/env python3
"""Writes the bad-input corpus (small broken files) next to this script. Standard library only.

Run once when a case is added; the files are committed. cases.tsv says what each must make superfuse say.
"""
import io
import os
import random
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS, DIM = 40, 4


def npy(descr, shape, values, fmt):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join(f"{s}, " for s in shape) if len(shape) == 1 else ", ".join(map(str, shape)))
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + \
        b"".join(struct.pack(fmt, v) for v in values)


def floats(rows, dim, seed, poison=None):
    rng = random.Random(seed)
    values = [rng.gauss(0, 1) for _ in range(rows * dim)]
    if poison is not None:
        values[poison[0]] = poison[1]
    return npy("<f4", (rows, dim), values, "<f")


def labels(values, descr="<i8", fmt="<q"):
    return npy(descr, (len(values),), values, fmt)


def balanced(rows):
    return [r % 2 for r in range(rows)]


def npz(name, text, image, label):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for entry, data in (("text.npy", text), ("image.npy", image), ("label.npy", label)):
            z.writestr(zipfile.ZipInfo(entry, date_time=(2026, 1, 1, 0, 0, 0)), data)
    write(name, buffer.getvalue())
    return buffer.getvalue()


def write(name, data):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# A valid Parquet file (superfuse's own tables/timing.parquet: columns key, seconds), for the truncated and the
# missing-column cases; no-text-column.parquet is this file whole.
with open(os.path.join(HERE, "no-text-column.parquet"), "rb") as f:
    PARQUET = f.read()


def main():
    good_text, good_image = floats(ROWS, DIM, 1), floats(ROWS, DIM, 2)
    npz("nan-text.npz", floats(ROWS, DIM, 1, (7 * DIM + 2, float("nan"))), good_image, labels(balanced(ROWS)))
    npz("inf-image.npz", good_text, floats(ROWS, DIM, 2, (3 * DIM, float("inf"))), labels(balanced(ROWS)))
    npz("text-3d.npz", npy("<f4", (ROWS, 2, 2), [0.5] * ROWS * 4, "<f"), good_image, labels(balanced(ROWS)))
    npz("dims-mismatch.npz", good_text, floats(ROWS, DIM + 2, 2), labels(balanced(ROWS)))
    npz("rows-mismatch.npz", good_text, floats(ROWS - 3, DIM, 2), labels(balanced(ROWS)))
    npz("labels-negative.npz", good_text, good_image, labels([-1] + balanced(ROWS)[1:]))
    npz("labels-float.npz", good_text, good_image, labels([0.5] * ROWS, "<f8", "<d"))
    npz("empty.npz", npy("<f4", (0, DIM), [], "<f"), npy("<f4", (0, DIM), [], "<f"), labels([]))
    npz("single-class.npz", good_text, good_image, labels([0] * ROWS))
    npz("labels-gap.npz", good_text, good_image, labels([1, 2] * (ROWS // 2)))
    whole = npz("whole.npz", good_text, good_image, labels(balanced(ROWS)))
    os.remove(os.path.join(HERE, "whole.npz"))
    write("truncated.npz", whole[: len(whole) // 2])
    write("garbage.npz", bytes(random.Random(3).randrange(256) for _ in range(700)))
    write("truncated-npy/text.npy", good_text[: len(good_text) - 37])
    write("truncated-npy/image.npy", good_image)
    write("truncated-npy/label.npy", labels(balanced(ROWS)))
    write("complex-npy/text.npy", npy("<c8", (ROWS, DIM), [0.0] * ROWS * DIM * 2, "<f"))
    write("complex-npy/image.npy", good_image)
    write("complex-npy/label.npy", labels(balanced(ROWS)))
    write("garbage.parquet", b"PAR1" + bytes(random.Random(4).randrange(256) for _ in range(500)) + b"PAR1")
    write("config-unknown-key.json", b'{"epochs": 3, "learning_rate_typo": 0.1}\n')
    write("config-negative-size.json", b'{"sizes": [32, -64]}\n')
    write("config-alpha-one.json", b'{"noise": {"alphas": [0, 0.5, 1.0]}}\n')
    write("truncated.parquet", PARQUET[:600])
    write("images-missing/metadata.csv", b"file_name,text,label\nnot-there.jpg,hello world,positive\n")
    write("images-corrupt/metadata.csv", b"file_name,text,label\nbroken.jpg,hello world,positive\n")
    write("images-corrupt/broken.jpg", b"\xff\xd8\xff\xe0 truncated jpeg header and then nothing")
    write("metadata-latin1/metadata.csv", "file_name,text,label\nx.jpg,caf\u00e9 au lait,positive\n".encode("latin1"))
    write("config-latin1.json", '{"data": "caf\u00e9.npz"}\n'.encode("latin1"))


if __name__ == "__main__":
    main()
