#!/usr/bin/python3
"""Builds the benchmark stand-in: a randomly initialised model with HTSAT-tiny's shape and cost.

Run with Debian's PyTorch and torchvision (apt-get install python3-torch python3-torchvision):

    /usr/bin/python3 model-export/make_standin.py [--out DIR] [--onnx]

The network follows the reference model input geometry of shared/golden/clap-features/README.md:
batch norm over the 64 mel bins, time resized 1001 -> 1024 (bicubic, align corners), reshaped to a
256 x 256 single-channel image, a Swin transformer (patch 4, embed 96, depths 2-2-6-2, heads
4-8-16-32, window 8), average pooling of the final 768 channels and a 768 -> 512 -> ReLU -> 512
projection: about 28 M parameters and 11.8 GFLOP per window. Its vectors mean nothing; its cost is
the real model's. Written outside the source tree (default ~/.cache/soundmark/standin), ~110 MB.
"""
import argparse
import os

import torch
from torch import nn
from torchvision.models.swin_transformer import SwinTransformer

import soundmark_export as sx

FEATURES = {"sampling_rate": 48000, "fft_window_size": 1024, "hop_length": 480, "feature_size": 64,
            "frequency_min": 50, "frequency_max": 14000, "nb_max_samples": 480000}


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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/soundmark/standin"))
    ap.add_argument("--onnx", action="store_true", help="also export model.onnx")
    args = ap.parse_args()
    torch.manual_seed(7)
    model = StandIn().eval()
    params = sum(p.numel() for p in model.parameters())
    path, manifest, errors = sx.save_torchscript(model, args.out, "soundmark/standin-htsat-tiny", FEATURES)
    print(f"wrote {path} ({os.path.getsize(path) >> 20} MB, {params / 1e6:.1f} M parameters) and {manifest}; "
          f"trace vs eager max |diff|: {errors}")
    if args.onnx:
        path, manifest = sx.save_onnx(model, args.out, "soundmark/standin-htsat-tiny", FEATURES)
        print(f"wrote {path} and {manifest}")


if __name__ == "__main__":
    main()
