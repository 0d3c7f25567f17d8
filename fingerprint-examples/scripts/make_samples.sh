#!/usr/bin/env bash
# Generates the bundled samples with sox (apt-get install sox):
#   jingle.wav   a 2.5 s synthetic sound logo (three rising chimes), 44.1 kHz stereo 16-bit
#   program.wav  12 s of quiet noise with the jingle mixed in at 6.0 s, 22.05 kHz mono 16-bit
set -euo pipefail
cd "$(dirname "$0")/../samples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for note in 660 880 1320; do
  sox -n -r 44100 -c 2 "$tmp/$note.wav" synth 0.8 pluck "$note" fade 0 0.8 0.5 vol 0.6
done
sox "$tmp/660.wav" "$tmp/880.wav" "$tmp/1320.wav" "$tmp/chimes.wav"
sox "$tmp/chimes.wav" -b 16 jingle.wav pad 0 0.1
sox -n -r 44100 -c 2 "$tmp/bed.wav" synth 12 brownnoise vol 0.05
sox "$tmp/chimes.wav" "$tmp/late.wav" pad 6.0
sox -m "$tmp/bed.wav" "$tmp/late.wav" -b 16 -c 1 program.wav rate -v 22050 trim 0 12
ls -l
