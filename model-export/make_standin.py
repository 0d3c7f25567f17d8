#!/usr/bin/python3
"""Builds the benchmark stand-in: a randomly initialised model with HTSAT-tiny's shape and cost.

Run with Debian's PyTorch and torchvision (apt-get install python3-torch python3-torchvision):

    /usr/bin/python3 model-export/make_standin.py [--out DIR] [--precision fp32,bf16,int8] [--onnx]

The network follows the reference model input geometry of shared/golden/clap-features/README.md:
batch norm over the 64 mel bins, time resized 1001 -> 1024 (bicubic, align corners), reshaped to a
256 x 256 single-channel image, a Swin transformer (patch 4, embed 96, depths 2-2-6-2, heads
4-8-16-32, window 8), average pooling of the final 768 channels and a 768 -> 512 -> ReLU -> 512
projection: about 28 M parameters and 11.8 GFLOP per window. Its vectors mean nothing; its cost is
the real model's. Written outside the source tree (default ~/.cache/soundmark/standin), ~110 MB per
precision; the full-size export takes several minutes with Debian's reference BLAS. One file per
precision, as export.py writes them (model.pt, model-bf16.pt, model-int8.pt, each with its
manifest and fidelity report). --small builds a network of the same kinds of layers at a fraction
of the cost (depths 1-1-1-1, embed 16), which the tests use.
"""
import argparse
import os
import sys

import torch
from torch import nn
from torchvision.models.swin_transformer import SwinTransformer

import export
import precision_variants as pv
import soundmark_export as sx

FEATURES = {"sampling_rate": 48000, "fft_window_size": 1024, "hop_length": 480, "feature_size": 64,
            "frequency_min": 50, "frequency_max": 14000, "nb_max_samples": 480000}
MODEL_ID = "soundmark/standin-htsat-tiny"


class StandIn(nn.Module):
    def __init__(self, depths=(2, 2, 6, 2), heads=(4, 8, 16, 32), embed=96):
        super().__init__()
        self.bn = nn.BatchNorm2d(64)
        self.swin = SwinTransformer(patch_size=[4, 4], embed_dim=embed, depths=list(depths), num_heads=list(heads),
                                    window_size=[8, 8], stochastic_depth_prob=0.0, num_classes=1)
        self.swin.features[0][0] = nn.Conv2d(1, embed, kernel_size=4, stride=4)   # one input channel
        self.swin.head = nn.Identity()
        width = embed * 2 ** (len(depths) - 1)
        self.projection = nn.Sequential(nn.Linear(width, 512), nn.ReLU(), nn.Linear(512, 512))

    def forward(self, input_features):
        b = input_features.shape[0]
        x = self.bn(input_features.transpose(1, 3)).transpose(1, 3)                 # [B, 1, 1001, 64]
        x = nn.functional.interpolate(x, size=(1024, 64), mode="bicubic", align_corners=True)
        x = x.reshape(b, 1, 4, 256, 64).permute(0, 1, 3, 2, 4).reshape(b, 1, 256, 256)
        return self.projection(self.swin(x))


def small_standin():
    """The stand-in's kinds of layers at about 1% of its cost, for tests."""
    return StandIn(depths=(1, 1, 1, 1), heads=(1, 2, 4, 8), embed=16)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/soundmark/standin"))
    ap.add_argument("--onnx", action="store_true", help="also export model.onnx (fp32)")
    ap.add_argument("--small", action="store_true", help="a small network of the same layer kinds, for tests")
    export.add_precision_options(ap)
    args = ap.parse_args(argv)
    torch.manual_seed(7)
    model = (small_standin() if args.small else StandIn()).eval()
    params = sum(p.numel() for p in model.parameters())
    model_id = MODEL_ID + ("-small" if args.small else "")
    variants = export.export_variants(model, args.out, model_id, FEATURES, args)
    print(f"{params / 1e6:.1f} M parameters; " + "; ".join(
        f"{os.path.basename(v.path)} {os.path.getsize(v.path) >> 20} MB" for v in variants))
    if args.onnx:
        path, manifest = sx.save_onnx(model, args.out, model_id, FEATURES)
        print(f"wrote {path} and {manifest}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except sx.ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
