"""How closely a reduced-precision variant follows fp32: fixed inputs, a cosine report and its gate.

The inputs are the golden log-mel features of shared/golden/clap-features (found beside the
repository, or given with --fidelity-features; absent on a machine without them) and seeded synthetic
log-mels shaped like music: a noise floor and harmonic notes with onsets and decays. Together they
cover silence, tones, noise, clicks and dense spectra, so a variant that goes wrong on one kind of
input shows in the minimum.
"""
import glob
import os
import statistics

import numpy
import torch

import soundmark_export as sx

# shared/golden sits beside the repository (the layout of the checkout and of CI).
GOLDEN_FEATURES = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
                                                "golden", "clap-features"))
SYNTHETIC_COUNT = 8


def golden_features(directory=GOLDEN_FEATURES):
    """The *.features.f32 files of a directory (raw float32 [1001][64]) as [N, 1, 1001, 64], sorted by name."""
    blocks = []
    for path in sorted(glob.glob(os.path.join(directory, "*.features.f32"))):
        values = numpy.fromfile(path, dtype="<f4")
        if values.size != numpy.prod(sx.INPUT_SHAPE):
            raise sx.ExportError(f"{path}: {values.size} floats, a feature block has {numpy.prod(sx.INPUT_SHAPE)}")
        blocks.append(torch.from_numpy(values.astype(numpy.float32)).reshape(sx.INPUT_SHAPE))
    return torch.stack(blocks) if blocks else torch.empty((0, *sx.INPUT_SHAPE))


def synthetic_features(count=SYNTHETIC_COUNT, seed=0):
    """Seeded music-like log-mels [count, 1, 1001, 64] in dB: noise floor plus notes with partials."""
    g = torch.Generator().manual_seed(seed)
    frames, bins = sx.INPUT_SHAPE[1], sx.INPUT_SHAPE[2]
    t = torch.arange(frames, dtype=torch.float64)[:, None]
    m = torch.arange(bins, dtype=torch.float64)[None, :]

    def uniform(low, high):
        return low + (high - low) * float(torch.rand(1, generator=g))

    blocks = []
    for _ in range(count):
        floor_db = uniform(-95, -60) + 4 * torch.randn((frames, bins), generator=g, dtype=torch.float64)
        power = 10 ** (floor_db / 10)
        for _ in range(int(torch.randint(3, 16, (1,), generator=g))):
            start, length = int(uniform(0, frames - 50)), int(uniform(20, 400))
            level, decay, root = uniform(-40, 10), uniform(0, 0.2), uniform(2, 40)
            on = ((t >= start) & (t < start + length)).double()
            envelope = on * 10 ** ((level - decay * (t - start)) / 10)
            # partial k sits about 8 log2(k) mel bins above the root and is k times weaker
            spectrum = sum(torch.exp(-0.5 * ((m - root - 8 * numpy.log2(k)) / 0.7) ** 2) / k for k in range(1, 7))
            power = power + envelope * spectrum
        blocks.append((10 * torch.log10(power.clamp(min=1e-10))).float().reshape(sx.INPUT_SHAPE))
    return torch.stack(blocks)


def fixed_inputs(directory=GOLDEN_FEATURES):
    """The fidelity inputs: the golden features found in directory, then the synthetic ones."""
    golden = golden_features(directory) if directory else torch.empty((0, *sx.INPUT_SHAPE))
    return torch.cat([golden, synthetic_features()]), len(golden)


def outputs(module, inputs, batch=4):
    with torch.no_grad():
        return torch.cat([module(chunk) for chunk in inputs.split(batch)])


def report(reference, actual, golden_count):
    """The manifest's "fidelity": cosine of each output to the fp32 reference's, minimum and median."""
    cosines = torch.nn.functional.cosine_similarity(actual.double(), reference.double(), dim=1).tolist()
    return {"reference": "fp32", "inputs": len(cosines), "min_cosine": min(cosines),
            "median_cosine": statistics.median(cosines),
            "input_set": f"{golden_count} golden log-mel features (shared/golden/clap-features), "
                         f"{len(cosines) - golden_count} seeded synthetic (model-export/fidelity.py)"}


def check_gate(precision, fidelity, min_cosine, option):
    """Raises ExportError when the variant's minimum cosine to fp32 is below the gate."""
    if fidelity["min_cosine"] < min_cosine:
        raise sx.ExportError(f"the {precision} variant is not faithful enough: minimum cosine to fp32 "
                             f"{fidelity['min_cosine']:.7f} over {fidelity['inputs']} inputs is below {min_cosine} "
                             f"({option}); nothing was written")
