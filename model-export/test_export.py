"""Tests of the exporter's parts that run without transformers (Debian's PyTorch, torchvision, onnx).

    /usr/bin/python3 -m unittest discover -s model-export -v
"""
import hashlib
import json
import os
import tempfile
import unittest

import torch

import precision_variants as pv
import soundmark_export as sx
from make_standin import FEATURES, StandIn, small_standin

# laion/clap-htsat-unfused's preprocessor_config.json, as ClapFeatureExtractor.to_dict() returns it
CLAP_HTSAT_UNFUSED = {
    "feature_extractor_type": "ClapFeatureExtractor", "feature_size": 64, "fft_window_size": 1024,
    "frequency_max": 14000, "frequency_min": 50, "hop_length": 480, "max_length_s": 10,
    "n_fft": 1024, "nb_frequency_bins": 513, "nb_max_frames": 1000, "nb_max_samples": 480000,
    "padding": "repeatpad", "padding_side": "right", "padding_value": 0.0, "return_attention_mask": False,
    "sampling_rate": 48000, "top_db": None, "truncation": "rand_trunc",
}


class FeatureSettingsTest(unittest.TestCase):
    def test_unfused_clap_settings_are_read(self):
        self.assertEqual(FEATURES, sx.feature_settings(CLAP_HTSAT_UNFUSED))

    def test_max_samples_from_max_length(self):
        config = dict(CLAP_HTSAT_UNFUSED)
        del config["nb_max_samples"]
        self.assertEqual(480000, sx.feature_settings(config)["nb_max_samples"])

    def test_fused_checkpoints_are_refused(self):
        with self.assertRaisesRegex(sx.ExportError, "fused"):
            sx.feature_settings(dict(CLAP_HTSAT_UNFUSED, truncation="fusion"))

    def test_settings_that_break_the_model_contract_are_refused(self):
        with self.assertRaisesRegex(sx.ExportError, "do not match the model contract"):
            sx.feature_settings(dict(CLAP_HTSAT_UNFUSED, hop_length=320))


class ManifestTest(unittest.TestCase):
    def test_manifest_beside_the_model_with_its_hash(self):
        with tempfile.TemporaryDirectory() as d:
            for name, expected in (("model.pt", "model.json"), ("model.onnx", "model.onnx.json")):
                model = os.path.join(d, name)
                with open(model, "wb") as f:
                    f.write(os.urandom(1000))
                engine = "PyTorch" if name.endswith(".pt") else "OnnxRuntime"
                path = sx.write_manifest(model, "laion/clap-htsat-tiny", 512, engine, FEATURES, "laion/clap-htsat-unfused")
                self.assertEqual(os.path.join(d, expected), path)
                with open(path) as f:
                    manifest = json.load(f)
                with open(model, "rb") as f:
                    self.assertEqual(hashlib.sha256(f.read()).hexdigest(), manifest["sha256"])
                self.assertEqual({"id", "embedding_size", "engine", "input_shape", "features", "sha256", "checkpoint",
                                  "precision"}, set(manifest))
                self.assertEqual("fp32", manifest["precision"])
                self.assertEqual([-1, 1, 1001, 64], manifest["input_shape"])
                self.assertEqual(engine, manifest["engine"])
                self.assertFalse(os.path.exists(path + ".part"))

    def test_unknown_engines_are_refused(self):
        with tempfile.NamedTemporaryFile(suffix=".pt") as f:
            with self.assertRaises(sx.ExportError):
                sx.write_manifest(f.name, "x", 512, "TensorFlow", FEATURES)


class BatchBakedIn(torch.nn.Module):
    """Python control flow on the batch size: a trace silently freezes the branch taken."""

    def forward(self, x):
        pooled = x.mean(dim=(1, 2))[:, :8].repeat(1, 64)
        return pooled * 2 if x.shape[0] == 2 else pooled


class TraceCheckTest(unittest.TestCase):
    def test_a_faithful_trace_passes(self):
        module = small_standin().eval()
        errors = sx.check_trace(sx.trace(module), module)
        self.assertEqual({1, 5}, set(errors))
        self.assertTrue(all(e <= 1e-4 for e in errors.values()), errors)

    def test_a_trace_that_went_wrong_is_caught(self):
        module = BatchBakedIn()
        with self.assertRaisesRegex(sx.ExportError, "differs from eager"):
            sx.check_trace(sx.trace(module), module)

    def test_a_trace_that_went_wrong_is_caught_by_the_relative_check_of_reduced_precisions(self):
        module = BatchBakedIn()
        with self.assertRaisesRegex(sx.ExportError, r"differs from eager by 1 relative at batch 1 \(tolerance 0.02\)"):
            sx.check_trace(sx.trace(module), module, tolerance=0.02, relative=True)


class StandInExportTest(unittest.TestCase):
    def test_torchscript_and_onnx_exports_honour_the_contract(self):
        torch.manual_seed(1)
        module = small_standin().eval()
        with tempfile.TemporaryDirectory() as d:
            (fp32,) = pv.export_torchscript(module, d, "soundmark/standin-small", FEATURES, golden_dir=None,
                                            log=lambda line: None)
            onnx_path, onnx_manifest = sx.save_onnx(module, d, "soundmark/standin-small", FEATURES)
            loaded = torch.jit.load(fp32.path)
            x = sx.example_input(3, seed=9)
            with torch.no_grad():
                self.assertEqual((3, 512), tuple(loaded(x).shape))
                self.assertLess(float((loaded(x) - module(x)).abs().max()), 1e-4)
            import onnx
            model = onnx.load(onnx_path)
            onnx.checker.check_model(model)
            batch = model.graph.input[0].type.tensor_type.shape.dim[0]
            self.assertEqual("batch", batch.dim_param, "dynamic batch axis")
            for manifest in (fp32.manifest, onnx_manifest):
                with open(manifest) as f:
                    self.assertEqual(512, json.load(f)["embedding_size"])

    def test_full_size_stand_in_has_htsat_tinys_size(self):
        params = sum(p.numel() for p in StandIn().parameters())
        self.assertTrue(27e6 < params < 30e6, params)


if __name__ == "__main__":
    unittest.main()
