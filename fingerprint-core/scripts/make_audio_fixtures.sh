#!/usr/bin/env bash
# Generates the audio fixtures of fingerprint-core's tests with sox (apt-get install sox).
#
# One stereo source (a 0.15 s chirp in the left channel, a 1 kHz tone in the right) is written in
# every container and sample format the Java Sound decoder must read. Beside each file, sox's own
# decode of it is written as raw interleaved little-endian float32 (NAME.f32): the reference the
# tests compare our decoder with.
set -euo pipefail
cd "$(dirname "$0")/../src/test/resources/audio"
rm -f ./*.wav ./*.aiff ./*.au ./*.f32

src=$(mktemp --suffix=.wav)
trap 'rm -f "$src"' EXIT
sox -n -r 44100 -c 2 -b 32 -e floating-point "$src" synth 0.15 sine 100-15000 sine 1000 vol 0.8

emit() { # emit NAME "OUTPUT FORMAT OPTIONS" ["EFFECTS"]
  local name=$1 format=$2 effects=${3:-}
  # shellcheck disable=SC2086 # options are word lists on purpose
  sox -D "$src" $format "$name" $effects
  sox -D "$name" -t f32 -e floating-point "${name%.*}.f32"
}

emit pcm_u8.wav          "-t wavpcm -b 8 -e unsigned-integer"
emit pcm_s16.wav         "-t wavpcm -b 16 -e signed-integer"
emit pcm_s24.wav         "-t wavpcm -b 24 -e signed-integer"
emit pcm_s32.wav         "-t wavpcm -b 32 -e signed-integer"
emit float32.wav         "-t wavpcm -b 32 -e floating-point"
emit float64.wav         "-t wavpcm -b 64 -e floating-point"
emit extensible_s24.wav  "-t wav -b 24 -e signed-integer"          # WAVE_FORMAT_EXTENSIBLE (over 16 bits)
emit mono_s16_22k.wav    "-t wavpcm -b 16 -c 1" "rate -v 22050"
emit six_channels.wav    "-t wav -b 16" "remix 1 2 1 2 1 2"      # 6 channels: EXTENSIBLE
emit aiff_s16.aiff       "-t aiff -b 16"
emit au_s16.au           "-t au -b 16 -e signed-integer"
emit au_ulaw.au          "-t au -e mu-law"
ls -l
