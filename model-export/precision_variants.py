"""One TorchScript file per precision, each with its manifest and its fidelity to fp32.

- fp32 -> model.pt
- bf16 -> model-bf16.pt: traced under CPU bf16 autocast, so float32 in and float32 out, with the
  matrix products and convolutions in bf16 (native on CPUs with AMX or AVX512_BF16, emulated and
  slower elsewhere) and the layer norms in fp32.
- int8 -> model-int8.pt: dynamic int8 quantisation of the Linear layers (weights int8, activations
  quantised per batch at run time).

Each manifest (model-bf16.pt -> model-bf16.json, the name Soundmark looks for first after
model-bf16.pt.json) keeps the fp32 model's id and adds "precision" and "fidelity". Every variant
is traced, checked against its eager form and gated on its fidelity before any file is written, so
a failing export leaves the directory as it was.
"""
import collections
import copy
import os

import torch

import fidelity
import soundmark_export as sx

MODEL_FILES = {"fp32": "model.pt", "bf16": "model-bf16.pt", "int8": "model-int8.pt"}
# Smallest cosine to fp32 over the fidelity inputs; bf16 and int8 are set with --min-cosine and --min-cosine-int8.
MIN_COSINE = {"fp32": 0.99999, "bf16": 0.9999, "int8": 0.99}
GATE_OPTIONS = {"fp32": "fixed for fp32", "bf16": "--min-cosine", "int8": "--min-cosine-int8"}
# Reduced-precision traces are checked against their eager form by the relative L2 distance of each
# output vector: reduced precision rounds differently from one run of a network to another (another
# kernel, another order of sums), by up to 1-2% for int8 (activations rounded to 256 levels) and less
# for bf16 (cosine 0.99996 to fp32 is about 1% relative); a trace that baked in a shape is off by far more.
REDUCED_TRACE_TOLERANCE = {"bf16": 0.02, "int8": 0.1}
# A frozen module replaces the plain trace only when no output moves by more than this.
FREEZE_TOLERANCE = 1e-5
MATRIX_OPS = ("aten::linear", "aten::matmul", "aten::bmm", "aten::mm", "aten::addmm", "aten::baddbmm",
              "aten::_convolution", "aten::conv2d", "quantized::linear_dynamic")

Variant = collections.namedtuple("Variant", "precision path manifest trace_errors fidelity frozen")


def parse_precisions(text):
    """"fp32,bf16" -> ("fp32", "bf16"), in file order; fp32 is required."""
    names = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in names if p not in MODEL_FILES]
    if unknown:
        raise sx.ExportError(f"unknown precision {', '.join(unknown)} (known: {', '.join(MODEL_FILES)})")
    if "fp32" not in names:
        raise sx.ExportError("the precisions must include fp32: it is the reference of the others' fidelity and "
                             "the model used on CPUs without native bf16")
    return tuple(p for p in MODEL_FILES if p in names)


class Bf16Autocast(torch.nn.Module):
    """The wrapped network under CPU bf16 autocast, float32 in and out (the model contract)."""

    def __init__(self, network):
        super().__init__()
        self.network = network

    def forward(self, input_features):
        with torch.autocast("cpu", dtype=torch.bfloat16):
            embeds = self.network(input_features)
        return embeds.float()


class Float32LayerNorm(torch.nn.LayerNorm):
    """Layer norm computed in fp32 whatever its input's precision.

    Its statistics over a bf16 residual stream would lose precision, and PyTorch 1.13's CPU
    autocast has no layer norm of a bf16 input with fp32 weights; this costs one cast per norm.
    """

    def forward(self, x):
        return torch.nn.functional.layer_norm(x.float(), self.normalized_shape, self.weight, self.bias, self.eps)


def bf16_variant(module):
    network = copy.deepcopy(module).eval()
    for m in network.modules():
        if type(m) is torch.nn.LayerNorm:
            m.__class__ = Float32LayerNorm  # same state, fp32 forward
    return Bf16Autocast(network).eval()


def int8_variant(module):
    """Dynamic int8 quantisation of the Linear layers that the network calls as modules.

    A Linear whose weight the network reads directly (torchvision's Swin attention passes
    qkv.weight to F.linear) cannot be swapped for a quantised one and stays fp32.
    """
    called = set()
    hooks = [m.register_forward_hook(lambda m, i, o: called.add(m))
             for m in module.modules() if isinstance(m, torch.nn.Linear)]
    try:
        with torch.no_grad():
            module(sx.example_input(1))
    finally:
        for hook in hooks:
            hook.remove()
    names = {name for name, m in module.named_modules() if m in called}
    if not names:
        raise sx.ExportError("int8: the network calls no torch.nn.Linear module, so nothing can be quantised")
    return torch.ao.quantization.quantize_dynamic(module, names, dtype=torch.qint8).eval()


VARIANTS = {"fp32": lambda module: module, "bf16": bf16_variant, "int8": int8_variant}


def matrix_op_dtypes(traced):
    """Counts the matrix products and convolutions of a traced graph by operator and input dtype."""
    counts = collections.Counter()
    for node in traced.inlined_graph.nodes():
        if node.kind() in MATRIX_OPS:
            dtype = node.inputsAt(0).type().dtype() if isinstance(node.inputsAt(0).type(), torch.TensorType) else None
            counts[(node.kind(), str(dtype).replace("torch.", ""))] += 1
    return counts


def check_bf16_graph(traced):
    """Raises ExportError unless the trace really computes its matrix products in bf16."""
    counts = matrix_op_dtypes(traced)
    bf16 = sum(n for (_, dtype), n in counts.items() if dtype == "bfloat16")
    if bf16 == 0 or bf16 < sum(counts.values()):
        raise sx.ExportError(f"the bf16 trace does not run all its matrix products in bf16: {dict(counts)}")
    return counts


def freeze_if_faithful(traced, inputs, unfrozen_outputs, tolerance=FREEZE_TOLERANCE):
    """torch.jit.freeze of a trace, or the trace itself when freezing moves an output by more than tolerance.

    Returns (module, outputs on inputs, frozen?, max |frozen - unfrozen|).
    """
    frozen = torch.jit.freeze(traced.eval())
    frozen_outputs = fidelity.outputs(frozen, inputs)
    diff = float((frozen_outputs - unfrozen_outputs).abs().max())
    if diff <= tolerance:
        return frozen, frozen_outputs, True, diff
    return traced, unfrozen_outputs, False, diff


def export_torchscript(module, out_dir, model_id, features, precisions=("fp32",), checkpoint=None, tolerance=1e-4,
                       min_cosine=None, freeze=(), golden_dir=fidelity.GOLDEN_FEATURES, log=print):
    """Writes one TorchScript file and manifest per precision into out_dir; returns the Variants.

    tolerance: the largest fp32 trace-vs-eager difference (reduced precisions: REDUCED_TRACE_TOLERANCE);
    min_cosine: {precision: gate} overriding MIN_COSINE; freeze: the precisions to torch.jit.freeze
    (kept only within FREEZE_TOLERANCE of the plain trace).
    """
    module.eval()
    gates = dict(MIN_COSINE, **(min_cosine or {}))
    inputs, golden = fidelity.fixed_inputs(golden_dir)
    reference = fidelity.outputs(module, inputs)
    ready = []
    for precision in precisions:
        network = VARIANTS[precision](module)
        traced = sx.trace(network)
        if precision == "fp32":
            errors = sx.check_trace(traced, network, tolerance=tolerance)
        else:
            errors = sx.check_trace(traced, network, tolerance=REDUCED_TRACE_TOLERANCE[precision],
                                    relative=True)
        if precision == "bf16":
            log(f"bf16: matrix products by input dtype {dict(check_bf16_graph(traced))}")
        actual = fidelity.outputs(traced, inputs)
        frozen = False
        if precision in freeze:
            traced, actual, frozen, diff = freeze_if_faithful(traced, inputs, actual)
            log(f"{precision}: torch.jit.freeze {'kept' if frozen else 'dropped'}, max |frozen - plain| {diff:.3g} "
                f"(tolerance {FREEZE_TOLERANCE})")
        report = fidelity.report(reference, actual, golden)
        fidelity.check_gate(precision, report, gates[precision], GATE_OPTIONS[precision])
        ready.append((precision, traced, errors, report, frozen))
    written = []
    for precision, traced, errors, report, frozen in ready:
        path = sx.save_module(traced, os.path.join(out_dir, MODEL_FILES[precision]))
        manifest = sx.write_manifest(path, model_id, reference.shape[1], "PyTorch", features, checkpoint, precision,
                                     report)
        written.append(Variant(precision, path, manifest, errors, report, frozen))
    return written
