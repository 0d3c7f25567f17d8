#!/usr/bin/env python3
"""Exports a Hugging Face CLAP audio tower for Soundmark.

    pip install -r requirements.txt
    python export.py --checkpoint laion/clap-htsat-unfused --out clap-htsat-unfused [--onnx]

writes OUT/model.pt (TorchScript) and OUT/model.json, and with --onnx OUT/model.onnx and
OUT/model.onnx.json. The traced module maps input_features [B, 1, 1001, 64] to the projected,
un-normalised audio_embeds [B, 512]; the trace is checked against eager execution at batch sizes 1
and 5. Front-end settings are read from the checkpoint's preprocessor configuration.
"""
import argparse
import sys

import torch

import soundmark_export as sx

# The default embedding_model name of SPEC for the HTSAT-tiny CLAP whose weights are laion/clap-htsat-unfused.
ALIASES = {"laion/clap-htsat-unfused": "laion/clap-htsat-tiny"}


class AudioTower(torch.nn.Module):
    """input_features -> audio_embeds of ClapAudioModelWithProjection (no normalisation)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_features):
        return self.model(input_features=input_features).audio_embeds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", default="laion/clap-htsat-unfused",
                    help="Hugging Face id or local directory of a CLAP checkpoint")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--id", help="model id for the manifest (default: the checkpoint's, "
                                 "laion/clap-htsat-tiny for laion/clap-htsat-unfused)")
    ap.add_argument("--onnx", action="store_true", help="also export ONNX with a dynamic batch axis")
    ap.add_argument("--tolerance", type=float, default=1e-4, help="largest trace-vs-eager difference allowed")
    args = ap.parse_args(argv)

    from transformers import ClapAudioModelWithProjection, ClapFeatureExtractor  # needs internet on first use

    extractor = ClapFeatureExtractor.from_pretrained(args.checkpoint)
    features = sx.feature_settings(extractor.to_dict())
    model = ClapAudioModelWithProjection.from_pretrained(args.checkpoint).eval()
    tower = AudioTower(model).eval()
    model_id = args.id or ALIASES.get(args.checkpoint, args.checkpoint)

    path, manifest, errors = sx.save_torchscript(tower, args.out, model_id, features, args.checkpoint, args.tolerance)
    print(f"wrote {path} and {manifest} (trace vs eager, max |diff| by batch size: {errors})")
    if args.onnx:
        path, manifest = sx.save_onnx(tower, args.out, model_id, features, args.checkpoint)
        print(f"wrote {path} and {manifest}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except sx.ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
