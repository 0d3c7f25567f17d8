#!/usr/bin/env python3
"""Exports a Hugging Face CLAP audio tower for Soundmark.

    pip install -r requirements.txt
    python export.py --checkpoint laion/clap-htsat-unfused --out clap-htsat-unfused [--precision fp32,bf16,int8] [--onnx]

writes one TorchScript file per precision (default fp32,bf16): OUT/model.pt, OUT/model-bf16.pt
(traced under CPU bf16 autocast, float32 in and out), OUT/model-int8.pt (dynamic int8 Linear
layers), each with its manifest (model.json, model-bf16.json, model-int8.json: the same id, a
"precision" and a "fidelity" report against fp32), and with --onnx OUT/model.onnx and
OUT/model.onnx.json. The traced modules map input_features [B, 1, 1001, 64] to the projected,
un-normalised audio_embeds [B, 512]; each trace is checked against eager execution at batch sizes 1
and 5, and each variant's cosine to fp32 over fixed inputs must reach its gate (--min-cosine,
--min-cosine-int8) or nothing is written. Front-end settings are read from the checkpoint's
preprocessor configuration.

--random-weights builds HTSAT-tiny (the default ClapAudioConfig, the graph of
laion/clap-htsat-unfused) with random weights instead of downloading a checkpoint: its vectors mean
nothing, but its speed and its variants' fidelity are the real graph's.
"""
import argparse
import os
import sys

import torch

import fidelity
import precision_variants as pv
import soundmark_export as sx

# The default embedding_model name of SPEC for the HTSAT-tiny CLAP whose weights are laion/clap-htsat-unfused.
ALIASES = {"laion/clap-htsat-unfused": "laion/clap-htsat-tiny"}
RANDOM_ID = "soundmark/random-htsat-tiny"
# Precisions whose trace is frozen (torch.jit.freeze): measured in libtorch 2.7.1, see README.md.
FREEZE_DEFAULT = "bf16"


class AudioTower(torch.nn.Module):
    """input_features -> audio_embeds of ClapAudioModelWithProjection (no normalisation)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_features):
        return self.model(input_features=input_features).audio_embeds


def add_precision_options(ap):
    """The options shared by this exporter and make_standin.py."""
    ap.add_argument("--precision", default="fp32,bf16", type=pv.parse_precisions,
                    help="comma-separated precisions to write, from fp32 (required), bf16, int8 (default fp32,bf16)")
    ap.add_argument("--min-cosine", type=float, default=pv.MIN_COSINE["bf16"],
                    help="smallest cosine to fp32 the bf16 variant may have on any fidelity input "
                         "(default %(default)s)")
    ap.add_argument("--min-cosine-int8", type=float, default=pv.MIN_COSINE["int8"],
                    help="the same gate for int8 (default %(default)s)")
    ap.add_argument("--freeze", default=FREEZE_DEFAULT,
                    type=lambda text: tuple(p.strip() for p in text.split(",") if p.strip()),
                    help="precisions whose trace is torch.jit.freeze'd, kept only within 1e-5 of the plain trace "
                         "(default %(default)s; '' for none)")
    ap.add_argument("--fidelity-features", metavar="DIR|none",
                    help="directory of *.features.f32 log-mel blocks used, with seeded synthetic ones, for the "
                         "fidelity reports (default: the golden features beside the repository when present; "
                         "'none': the synthetic ones only)")
    ap.add_argument("--tolerance", type=float, default=1e-4, help="largest trace-vs-eager difference allowed")


def fidelity_directory(option):
    if option is None:
        return fidelity.GOLDEN_FEATURES if os.path.isdir(fidelity.GOLDEN_FEATURES) else None
    if option == "none":
        return None
    if not os.path.isdir(option):
        raise sx.ExportError(f"--fidelity-features {option}: no such directory")
    return option


def export_variants(module, out_dir, model_id, features, args, checkpoint=None):
    """Writes the TorchScript variants that args ask for and prints what was written."""
    variants = pv.export_torchscript(module, out_dir, model_id, features, args.precision, checkpoint,
                                     args.tolerance, {"bf16": args.min_cosine, "int8": args.min_cosine_int8},
                                     args.freeze, fidelity_directory(args.fidelity_features))
    for v in variants:
        f = v.fidelity
        diff = "max |diff|" if v.precision == "fp32" else "largest relative distance"
        print(f"wrote {v.path} and {v.manifest}: {v.precision}{', frozen' if v.frozen else ''}, trace vs eager "
              f"{diff} by batch size {v.trace_errors}, cosine to fp32 over {f['inputs']} inputs "
              f"min {f['min_cosine']:.7f} median {f['median_cosine']:.7f}")
    return variants


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", default="laion/clap-htsat-unfused",
                    help="Hugging Face id or local directory of a CLAP checkpoint")
    ap.add_argument("--random-weights", action="store_true",
                    help="HTSAT-tiny with random weights instead of a checkpoint (no download)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--id", help="model id for the manifest (default: the checkpoint's, "
                                 "laion/clap-htsat-tiny for laion/clap-htsat-unfused)")
    ap.add_argument("--onnx", action="store_true", help="also export ONNX (fp32) with a dynamic batch axis")
    add_precision_options(ap)
    args = ap.parse_args(argv)

    from transformers import (ClapAudioConfig, ClapAudioModelWithProjection,  # needs internet on first use
                              ClapFeatureExtractor)

    if args.random_weights:
        torch.manual_seed(7)
        # the preprocessor settings of laion/clap-htsat-unfused (the defaults are the fused extractor's)
        extractor = ClapFeatureExtractor(truncation="rand_trunc", frequency_min=50, frequency_max=14000)
        model = ClapAudioModelWithProjection(ClapAudioConfig()).eval()
        checkpoint, model_id = None, args.id or RANDOM_ID
    else:
        extractor = ClapFeatureExtractor.from_pretrained(args.checkpoint)
        model = ClapAudioModelWithProjection.from_pretrained(args.checkpoint).eval()
        checkpoint, model_id = args.checkpoint, args.id or ALIASES.get(args.checkpoint, args.checkpoint)
    features = sx.feature_settings(extractor.to_dict())
    tower = AudioTower(model).eval()

    export_variants(tower, args.out, model_id, features, args, checkpoint)
    if args.onnx:
        path, manifest = sx.save_onnx(tower, args.out, model_id, features, checkpoint)
        print(f"wrote {path} and {manifest}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except sx.ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
