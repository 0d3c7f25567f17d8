#!/usr/bin/python3
"""Generates the small TorchScript models that Soundmark's tests and demo use.

Run with Debian's PyTorch (apt-get install python3-torch python3-torchvision):

    /usr/bin/python3 fingerprint-core/scripts/make_test_models.py

Every model honours the model contract of SPEC.md: float32 input_features [B, 1, 1001, 64] ->
float32 audio_embeds [B, E]. Weights come from a fixed seed, so the output is reproducible.

- demo-untrained.pt (main resources): a small random convolutional network with the CLAP input
  geometry; bundled so that the CLI and the library can be tried without real weights. Its
  vectors depend on the audio but carry no meaning.
- probe.pt (test resources): returns the first 8 feature frames unchanged ([B, 8*64] = [B, 512]),
  so tests can see exactly which features reach the model.
- wrong-size.pt (test resources): returns [B, 10], for the error path.
- nan.pt (test resources): returns NaN, for the error path.
- probe.onnx and demo-untrained.onnx (test resources): the same networks exported to ONNX (dynamic
  batch axis), for the OnnxRuntime engine; each with a manifest named after the file (NAME.onnx.json).
- variants/ (test resources): the demo network as model-export writes precision variants
  (model.pt, model-bf16.pt, model-int8.pt, each with its manifest and fidelity report), for the
  precision tests. Only these: `make_test_models.py variants`.
"""
import sys
import json
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.path.join(HERE, "..", "src", "main", "resources", "io", "soundmark", "model")
TEST = os.path.join(HERE, "..", "src", "test", "resources", "models")

FEATURES = {
    "sampling_rate": 48000,
    "fft_window_size": 1024,
    "hop_length": 480,
    "feature_size": 64,
    "frequency_min": 50,
    "frequency_max": 14000,
    "nb_max_samples": 480000,
}


class DemoEncoder(nn.Module):
    """Batch-norm over mel bins, two strided convolutions, a mean over time and a 2-layer projection."""

    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm2d(64)
        self.conv1 = nn.Conv2d(1, 16, kernel_size=5, stride=(4, 2), padding=2)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1)
        self.proj = nn.Sequential(nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 512))

    def forward(self, input_features):
        x = input_features.transpose(1, 3)          # [B, 64, 1001, 1]: normalise each mel bin
        x = self.bn(x).transpose(1, 3)              # back to [B, 1, 1001, 64]
        x = nn.functional.gelu(self.conv1(x))
        x = nn.functional.gelu(self.conv2(x))
        x = x.mean(dim=2).flatten(1)                # [B, 32 channels x 16 mel groups] = [B, 512]
        return self.proj(x)


class Probe(nn.Module):
    def forward(self, input_features):
        return input_features[:, 0, 0:8, :].reshape(input_features.shape[0], 512)


class WrongSize(nn.Module):
    def forward(self, input_features):
        return input_features.mean(dim=(1, 2))[:, 0:10]


class NotFinite(nn.Module):
    def forward(self, input_features):
        return input_features[:, 0, 0:8, :].reshape(input_features.shape[0], 512) * float("nan")


def manifest_for(model_id, embedding_size, engine):
    return {
        "id": model_id,
        "embedding_size": embedding_size,
        "engine": engine,
        "input_shape": [-1, 1, 1001, 64],
        "features": FEATURES,
    }


def write_json(path, data):
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def save_onnx(module, directory, name, model_id, embedding_size):
    module.eval()
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name + ".onnx")
    torch.onnx.export(module, torch.zeros(2, 1, 1001, 64), path, input_names=["input_features"],
                      output_names=["audio_embeds"], opset_version=14,
                      dynamic_axes={"input_features": {0: "batch"}, "audio_embeds": {0: "batch"}})
    write_json(path + ".json", manifest_for(model_id, embedding_size, "OnnxRuntime"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def save(module, directory, name, model_id, embedding_size):
    module.eval()
    example = torch.zeros(2, 1, 1001, 64)
    with torch.no_grad():
        traced = torch.jit.trace(module, example)
        for batch in (1, 3):
            probe = torch.randn(batch, 1, 1001, 64) * 20 - 50
            assert torch.allclose(traced(probe), module(probe), atol=1e-5, equal_nan=True)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name + ".pt")
    traced.save(path)
    write_json(os.path.join(directory, name + ".json"), manifest_for(model_id, embedding_size, "PyTorch"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def save_variants(module):
    """The network in fp32, bf16 and int8 with model-export's own code, as an export writes them."""
    sys.path.insert(0, os.path.join(HERE, "..", "..", "model-export"))
    import precision_variants
    out = os.path.join(TEST, "variants")
    os.makedirs(out, exist_ok=True)
    precision_variants.export_torchscript(module, out, "soundmark/test-variants", FEATURES,
                                          precisions=("fp32", "bf16", "int8"), freeze=("bf16",))


def demo_encoder():
    torch.manual_seed(20261125)
    demo = DemoEncoder()
    with torch.no_grad():
        # Running statistics near those of CLAP log-mel features (dB), so activations stay in range.
        demo.bn.running_mean.fill_(-50.0)
        demo.bn.running_var.fill_(400.0)
    return demo


def main():
    if sys.argv[1:] == ["variants"]:
        save_variants(demo_encoder())
        return
    demo = demo_encoder()
    save(demo, MAIN, "demo-untrained", "soundmark/demo-untrained", 512)
    save(Probe(), TEST, "probe", "soundmark/test-probe", 512)
    save(WrongSize(), TEST, "wrong-size", "soundmark/test-wrong-size", 10)
    save(NotFinite(), TEST, "nan", "soundmark/test-nan", 512)
    save_onnx(demo, TEST, "demo-untrained", "soundmark/demo-untrained", 512)
    save_onnx(Probe(), TEST, "probe", "soundmark/test-probe", 512)
    save_variants(demo_encoder())


if __name__ == "__main__":
    main()
