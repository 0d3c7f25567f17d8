"""Tests of the fp32 / bf16 / int8 TorchScript variants, their manifests and fidelity gates.

Run with Debian's PyTorch: /usr/bin/python3 -m unittest discover -s model-export -v
"""
import collections
import json
import os
import tempfile
import unittest

import torch

import fidelity
import make_standin
import precision_variants as pv
import soundmark_export as sx


def quiet(line):
    pass


class PrecisionVariantExportTest(unittest.TestCase):
    """One export of the small stand-in in all three precisions, through make_standin's command line."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.out = cls.dir.name
        make_standin.main(["--small", "--out", cls.out, "--precision", "fp32,bf16,int8", "--freeze", "bf16"])
        cls.manifests = {}
        for precision, name in (("fp32", "model.json"), ("bf16", "model-bf16.json"), ("int8", "model-int8.json")):
            with open(os.path.join(cls.out, name)) as f:
                cls.manifests[precision] = json.load(f)
        cls.golden = len(fidelity.golden_features())

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def load(self, precision):
        return torch.jit.load(os.path.join(self.out, pv.MODEL_FILES[precision]))

    def test_each_precision_is_written_beside_the_others_with_the_manifest_name_soundmark_reads(self):
        # FileModelSource.manifestCandidates: model-bf16.pt -> model-bf16.pt.json, then model-bf16.json
        self.assertEqual({"model.pt", "model.json", "model-bf16.pt", "model-bf16.json", "model-int8.pt",
                          "model-int8.json"}, set(os.listdir(self.out)))

    def test_manifests_keep_the_id_and_state_precision_and_hash(self):
        for precision, manifest in self.manifests.items():
            self.assertEqual("soundmark/standin-htsat-tiny-small", manifest["id"])
            self.assertEqual(precision, manifest["precision"])
            self.assertEqual(sx.sha256_of(os.path.join(self.out, pv.MODEL_FILES[precision])), manifest["sha256"])
            self.assertEqual(512, manifest["embedding_size"])

    def test_manifests_carry_a_fidelity_report_against_fp32(self):
        for precision, manifest in self.manifests.items():
            report = manifest["fidelity"]
            self.assertEqual("fp32", report["reference"])
            self.assertEqual(self.golden + fidelity.SYNTHETIC_COUNT, report["inputs"])
            self.assertLessEqual(report["min_cosine"], report["median_cosine"])
            self.assertGreaterEqual(report["min_cosine"], pv.MIN_COSINE[precision], precision)
        self.assertGreater(self.manifests["fp32"]["fidelity"]["min_cosine"], 0.999999)
        # reduced precision shows: neither variant reproduces fp32 exactly
        self.assertLess(self.manifests["bf16"]["fidelity"]["min_cosine"], 0.9999999)
        self.assertLess(self.manifests["int8"]["fidelity"]["min_cosine"], self.manifests["bf16"]["fidelity"]["min_cosine"])

    def test_bf16_model_takes_and_returns_float32_and_computes_in_bf16(self):
        fp32, bf16 = self.load("fp32"), self.load("bf16")
        x = fidelity.golden_features()[:2] if self.golden else fidelity.synthetic_features(2)
        with torch.no_grad():
            expected, actual = fp32(x), bf16(x)
        self.assertEqual(torch.float32, actual.dtype)
        cosine = torch.nn.functional.cosine_similarity(actual, expected, dim=1)
        self.assertTrue(bool((cosine > 0.9999).all()), cosine)
        self.assertGreater(float((actual - expected).abs().max()), 1e-5, "bf16 must not be fp32 in disguise")
        # the saved, frozen graph holds the matrix weights as bf16 constants and casts activations to bf16
        constants = collections.Counter(n.output().toIValue().dtype for n in bf16.inlined_graph.nodes()
                                        if n.kind() == "prim::Constant" and n.output().type().kind() == "TensorType")
        self.assertGreaterEqual(constants[torch.bfloat16], 30, constants)
        casts = [n for n in bf16.inlined_graph.nodes() if n.kind() == "aten::to"
                 and n.inputsAt(1).node().kind() == "prim::Constant" and n.inputsAt(1).toIValue() == 15]
        self.assertGreaterEqual(len(casts), 10, "activations cast to bf16 before the matrix products")

    def test_int8_model_holds_quantised_linear_layers(self):
        kinds = {n.kind() for n in self.load("int8").inlined_graph.nodes()}
        self.assertIn("quantized::linear_dynamic", kinds)


class Bf16GraphTest(unittest.TestCase):
    def test_every_matrix_product_of_the_bf16_trace_runs_in_bf16(self):
        traced = sx.trace(pv.bf16_variant(make_standin.small_standin()))
        counts = pv.check_bf16_graph(traced)
        self.assertEqual({"bfloat16"}, {dtype for _, dtype in counts})
        self.assertIn(("aten::linear", "bfloat16"), counts)

    def test_a_trace_without_autocast_is_refused_as_bf16(self):
        with self.assertRaisesRegex(sx.ExportError, "not run all its matrix products in bf16"):
            pv.check_bf16_graph(sx.trace(make_standin.small_standin()))


class Int8VariantTest(unittest.TestCase):
    def test_linear_layers_called_as_modules_are_quantised_and_functional_ones_stay_float(self):
        int8 = pv.int8_variant(make_standin.small_standin().eval())
        quantised = torch.ao.nn.quantized.dynamic.Linear
        self.assertIsInstance(int8.projection[0], quantised)
        self.assertIsInstance(int8.swin.features[1][0].mlp[0], quantised)
        # torchvision's Swin attention passes qkv.weight to F.linear itself
        self.assertIs(type(int8.swin.features[1][0].attn.qkv), torch.nn.Linear)


class FidelityGateTest(unittest.TestCase):
    def test_a_variant_below_its_gate_fails_the_export_and_writes_nothing(self):
        module = make_standin.small_standin().eval()
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaisesRegex(sx.ExportError, r"bf16 variant is not faithful enough: minimum cosine to "
                                                        r"fp32 0\.99\d+ over 8 inputs is below 1\.0 \(--min-cosine\)"):
                pv.export_torchscript(module, d, "x", make_standin.FEATURES, ("fp32", "bf16"), min_cosine={"bf16": 1.0},
                                      golden_dir=None, log=quiet)
            self.assertEqual([], os.listdir(d))

    def test_the_gate_option_reaches_the_exporter_from_the_command_line(self):
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaisesRegex(sx.ExportError, r"int8 variant .* below 0\.9999999 \(--min-cosine-int8\)"):
                make_standin.main(["--small", "--out", d, "--precision", "fp32,int8", "--min-cosine-int8", "0.9999999",
                                   "--fidelity-features", "none"])


class FreezeDecisionTest(unittest.TestCase):
    def setUp(self):
        self.traced = sx.trace(pv.bf16_variant(make_standin.small_standin()))
        self.inputs = fidelity.synthetic_features(2)
        self.outputs = fidelity.outputs(self.traced, self.inputs)

    def test_freezing_is_kept_when_outputs_stay_within_tolerance(self):
        module, outputs, frozen, diff = pv.freeze_if_faithful(self.traced, self.inputs, self.outputs)
        self.assertTrue(frozen)
        self.assertLessEqual(diff, pv.FREEZE_TOLERANCE)
        self.assertEqual([], list(module.state_dict()), "a frozen module holds its weights as constants")

    def test_freezing_is_dropped_when_outputs_move_past_tolerance(self):
        moved = self.outputs + 1e-3  # as if freezing had changed the results
        module, outputs, frozen, diff = pv.freeze_if_faithful(self.traced, self.inputs, moved)
        self.assertFalse(frozen)
        self.assertIs(self.traced, module)
        self.assertIs(moved, outputs)
        self.assertGreater(diff, pv.FREEZE_TOLERANCE)


class PrecisionOptionTest(unittest.TestCase):
    def test_precisions_are_read_in_file_order(self):
        self.assertEqual(("fp32", "bf16", "int8"), pv.parse_precisions("int8, bf16,fp32"))

    def test_fp32_is_required_and_unknown_precisions_are_refused(self):
        with self.assertRaisesRegex(sx.ExportError, "must include fp32"):
            pv.parse_precisions("bf16")
        with self.assertRaisesRegex(sx.ExportError, "unknown precision fp16"):
            pv.parse_precisions("fp32,fp16")


class FidelityInputsTest(unittest.TestCase):
    def test_synthetic_inputs_are_seeded_log_mels(self):
        a, b = fidelity.synthetic_features(), fidelity.synthetic_features()
        self.assertTrue(torch.equal(a, b))
        self.assertEqual((fidelity.SYNTHETIC_COUNT, *sx.INPUT_SHAPE), tuple(a.shape))
        self.assertGreaterEqual(float(a.min()), -100.0)
        self.assertLess(float(a.max()), 40.0)
        self.assertGreater(float(a.std()), 5.0, "notes stand out of the floor")

    @unittest.skipUnless(os.path.isdir(fidelity.GOLDEN_FEATURES), "shared/golden is not beside the repository")
    def test_golden_features_are_read_as_model_inputs(self):
        golden = fidelity.golden_features()
        self.assertEqual((8, *sx.INPUT_SHAPE), tuple(golden.shape))
        # silence_1s is exactly -100 dB everywhere (the sorted order puts it fourth)
        self.assertTrue(bool((golden[3] == -100.0).all()))
