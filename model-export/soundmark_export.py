"""Building blocks of the Soundmark model exporter, importable without transformers.

The model contract (SPEC.md): float32 input_features [B, 1, 1001, 64] -> float32 audio_embeds
[B, E], un-normalised. A manifest JSON beside each model file tells Soundmark its id, embedding
size, engine, input shape, front-end settings, SHA-256, precision and, for TorchScript variants, a
fidelity report against fp32.
"""
import hashlib
import json
import os

import torch

INPUT_SHAPE = (1, 1001, 64)

# Hugging Face ClapFeatureExtractor keys -> the manifest's "features" block (same names).
FEATURE_KEYS = ("sampling_rate", "fft_window_size", "hop_length", "feature_size", "frequency_min",
                "frequency_max", "nb_max_samples")


class ExportError(Exception):
    """The checkpoint cannot be exported for Soundmark; the message says why."""


def feature_settings(preprocessor):
    """The manifest's "features" from a ClapFeatureExtractor configuration (a dict).

    Soundmark's front end implements the unfused CLAP extractor: repeat-padding to nb_max_samples
    and the Slaney log-mel. Checkpoints that need the fused extractor are refused.
    """
    if preprocessor.get("truncation", "rand_trunc") == "fusion":
        raise ExportError("this checkpoint uses the fused feature extractor (truncation=fusion); "
                          "Soundmark's front end implements the unfused one")
    if preprocessor.get("padding", "repeatpad") != "repeatpad":
        raise ExportError(f"padding={preprocessor.get('padding')} is not supported (only repeatpad)")
    features = {}
    for key in FEATURE_KEYS:
        if key == "nb_max_samples" and key not in preprocessor:
            features[key] = int(preprocessor["max_length_s"] * preprocessor["sampling_rate"])
            continue
        if key not in preprocessor:
            raise ExportError(f"the preprocessor configuration has no {key}")
        features[key] = preprocessor[key]
    frames = 1 + features["nb_max_samples"] // features["hop_length"]
    if (frames, features["feature_size"]) != INPUT_SHAPE[1:]:
        raise ExportError(f"features of {frames} x {features['feature_size']} do not match the model contract "
                          f"{INPUT_SHAPE[1]} x {INPUT_SHAPE[2]}")
    return features


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(model_path, model_id, embedding_size, engine, features, checkpoint=None, precision="fp32",
                   fidelity=None):
    """Writes MODEL.json (TorchScript: model.pt -> model.json, model-bf16.pt -> model-bf16.json) or
    MODEL.onnx.json beside the model."""
    if engine not in ("PyTorch", "OnnxRuntime"):
        raise ExportError(f"unknown engine {engine}")
    manifest = {
        "id": model_id,
        "embedding_size": int(embedding_size),
        "engine": engine,
        "input_shape": [-1, *INPUT_SHAPE],
        "features": features,
        "sha256": sha256_of(model_path),
        "precision": precision,
    }
    if fidelity:
        manifest["fidelity"] = fidelity
    if checkpoint:
        manifest["checkpoint"] = checkpoint
    base, ext = os.path.splitext(model_path)
    path = base + ".json" if ext == ".pt" else model_path + ".json"
    tmp = path + ".part"
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)  # atomic: a manifest is complete or absent
    return path


def example_input(batch, seed=0):
    generator = torch.Generator().manual_seed(seed)
    # log-mel features live around -100..+30 dB
    return torch.randn((batch, *INPUT_SHAPE), generator=generator) * 20 - 50


def check_trace(traced, eager, batch_sizes=(1, 5), tolerance=1e-4, relative=False):
    """Compares a traced module with eager execution; raises ExportError past the tolerance.

    Traced CLAP towers are known to go silently wrong (shapes baked in at trace time), so every
    export is checked at batch sizes other than the one it was traced with. The difference is the
    largest absolute one, or with relative=True the largest |traced - eager| / |eager| of an output
    vector (L2 norms), for reduced precisions whose rounding differs between two runs of one network.
    """
    worst = {}
    with torch.no_grad():
        for batch in batch_sizes:
            x = example_input(batch, seed=batch)
            expected = eager(x)
            actual = traced(x)
            if actual.shape != expected.shape or actual.dtype != torch.float32:
                raise ExportError(f"traced output is {actual.dtype} {tuple(actual.shape)} at batch {batch}, "
                                  f"expected torch.float32 {tuple(expected.shape)}")
            if relative:
                worst[batch] = float(((actual - expected).norm(dim=1) / expected.norm(dim=1)).max())
            else:
                worst[batch] = float((actual - expected).abs().max())
            if worst[batch] > tolerance:
                raise ExportError(f"traced output differs from eager by {worst[batch]:.3g}{' relative' if relative else ''} "
                                  f"at batch {batch} (tolerance {tolerance})")
    return worst


def trace(module, trace_batch=2):
    module.eval()
    with torch.no_grad():
        return torch.jit.trace(module, example_input(trace_batch), check_trace=False)


def save_module(scripted, path):
    """Saves a TorchScript module atomically: the file is complete or absent."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    scripted.save(path + ".part")
    os.replace(path + ".part", path)
    return path


def save_onnx(module, out_dir, model_id, features, checkpoint=None, opset=17):
    """Exports out_dir/model.onnx (fp32) with a dynamic batch axis, and its manifest (model.onnx.json)."""
    module.eval()
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(module, example_input(2), path + ".part", input_names=["input_features"],
                          output_names=["audio_embeds"], opset_version=opset,
                          dynamic_axes={"input_features": {0: "batch"}, "audio_embeds": {0: "batch"}})
        size = module(example_input(1)).shape[1]
    os.replace(path + ".part", path)
    return path, write_manifest(path, model_id, size, "OnnxRuntime", features, checkpoint)
