#!/usr/bin/env bash
# Regenerates the seed corpora of the fuzz tests (Jazzer's inputs directories, run as regression
# tests by `mvn verify` and mutated from when fuzzing) with real encoders from Debian
# (apt-get install sox lame flac ffmpeg). Every audio seed is a few milliseconds of the decoder
# fixtures' source.wav, so that the seeds stay small (a fuzzer mutates small inputs fastest).
#
#   core        WAV/AIFF/AU in every sample format Java Sound reads; model manifests; input locations
#   mp3         Layer III from lame: VBR (Xing), CBR (Info), no tag, MPEG-2, MPEG-2.5, ID3v2
#   flac        FLAC from flac: 8/16/24 bits, mono to six channels, with and without metadata blocks
#   examples    one seed of every container and codec any installed decoder reads, and non-media
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$root/fingerprint-decoders/fixtures
inputs() { # module, package path, test class, method: the Jazzer inputs directory
  # (findings saved beside the seeds, finding_* and crash-*, are kept)
  local dir="$root/$1/src/test/resources/$2/${3}Inputs/$4"
  mkdir -p "$dir" && echo "$dir"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ff() { # output options before the last argument, the output file: bitexact, no random serials or UIDs
  ffmpeg -nostdin -hide_banner -loglevel error -y "${@:1:$#-1}" -fflags +bitexact -flags:a +bitexact "${@: -1}"
}
sox -R -D "$fixtures/source.wav" "$tmp/clip10ms.wav" trim 0.3 0.01
sox -R -D "$fixtures/source.wav" "$tmp/clip30ms.wav" trim 0.3 0.03
sox -R -D "$fixtures/source.wav" "$tmp/clip100ms.wav" trim 0.3 0.1
clip=$tmp/clip10ms.wav

# Java Sound: WAV, AIFF, AU
d=$(inputs fingerprint-core io/soundmark/internal/decode JavaSoundFuzzTest wavAiffAndAuDecodeOrFailCleanly)
sox -R -D "$clip" -b 16 "$d/pcm_s16.wav"
sox -R -D "$clip" -b 8 "$d/pcm_u8.wav"
sox -R -D "$clip" -b 24 "$d/pcm_s24_extensible.wav"
sox -R -D "$clip" -b 32 "$d/pcm_s32_extensible.wav"
sox -R -D "$clip" -e floating-point -b 32 "$d/float32.wav"
sox -R -D "$clip" -e floating-point -b 64 "$d/float64.wav"
sox -R -D "$clip" -e u-law "$d/ulaw.wav"
sox -R -D "$clip" -c 1 -r 8000 -b 16 "$d/mono_8k.wav"
sox -R -D "$clip" -b 16 "$d/six_channels.wav" remix 1 2 1 2 1 2
sox -R -D "$clip" -b 16 "$d/pcm_s16.aiff"
sox -R -D "$clip" -b 24 "$d/pcm_s24.aiff"
sox -R -D "$clip" -t aifc -e floating-point -b 32 "$d/float32.aifc"
sox -R -D "$clip" -b 16 "$d/pcm_s16.au"
sox -R -D "$clip" -e u-law "$d/ulaw.au"
sox -R -D "$clip" -e a-law "$d/alaw.au"
sox -R -D "$clip" -e floating-point -b 32 "$d/float32.au"

# MP3 (100 ms: lame needs a few frames for its Xing/Info frame to matter)
d=$(inputs fingerprint-decoders/fingerprint-decoder-mp3 io/soundmark/decode/mp3 Mp3FuzzTest mp3FramesAndGaplessInfoDecodeOrFailCleanly)
src=$tmp/clip100ms.wav
lame --quiet -V 2 "$src" "$d/vbr_xing.mp3"
lame --quiet -b 128 "$src" "$d/cbr_info.mp3"
lame --quiet -b 128 -t "$src" "$d/no_tag.mp3"
lame --quiet -m m --resample 22.05 -b 32 "$src" "$d/mpeg2_mono.mp3"
lame --quiet -m m --resample 8 -b 8 "$src" "$d/mpeg25_mono.mp3"
lame --quiet -b 64 --add-id3v2 --tt seed --ta soundmark "$src" "$d/id3v2.mp3"
head -c 2048 "$fixtures/vbr.mp3" > "$d/vbr_fixture_head.mp3"

# FLAC (30 ms in blocks of 576 frames: several frames per seed)
d=$(inputs fingerprint-decoders/fingerprint-decoder-flac io/soundmark/decode/flac FlacFuzzTest flacStreamInfoAndFramesDecodeOrFailCleanly)
src=$tmp/clip30ms.wav
flac -s -f -b 576 --no-padding --no-seektable -o "$d/s16_stereo.flac" "$src"
flac -s -f -b 576 --padding=256 -o "$d/s16_seektable_padding.flac" "$src"
sox -R -D "$src" -b 24 -r 48000 "$tmp/s24.wav" rate -v 48000
flac -s -f -b 576 --no-padding -o "$d/s24_48k.flac" "$tmp/s24.wav"
sox -R -D "$src" -b 8 "$tmp/s8.wav"
flac -s -f -b 576 --no-padding -o "$d/s8.flac" "$tmp/s8.wav"
sox -R -D "$src" -c 1 "$tmp/mono.wav"
flac -s -f -b 576 --no-padding -T TITLE=seed -o "$d/mono_tagged.flac" "$tmp/mono.wav"
sox -R -D "$clip" "$tmp/six.wav" remix 1 2 1 2 1 2
flac -s -f -b 192 --no-padding --channel-map=none -o "$d/six_channels.flac" "$tmp/six.wav"
flac -s -f -0 -b 576 --no-padding -o "$d/fast_verbatim_blocks.flac" "$src"
head -c 4096 "$fixtures/source.flac" > "$d/source_fixture_head.flac"

# Every format any installed decoder reads (FFmpeg's from 100 ms of audio), and non-media
d=$(inputs fingerprint-examples io/soundmark/formats MediaProbeFuzzTest anyBytesAreProbedAndDecodedOrRefusedCleanly)
src=$tmp/clip100ms.wav
core=$root/fingerprint-core/src/test/resources/io/soundmark/internal/decode/JavaSoundFuzzTestInputs/wavAiffAndAuDecodeOrFailCleanly
cp "$core/pcm_s16.wav" "$core/pcm_s16.aiff" "$core/ulaw.au" "$d/"
cp "$root/fingerprint-decoders/fingerprint-decoder-mp3/src/test/resources/io/soundmark/decode/mp3/Mp3FuzzTestInputs/mp3FramesAndGaplessInfoDecodeOrFailCleanly/vbr_xing.mp3" "$d/"
cp "$root/fingerprint-decoders/fingerprint-decoder-flac/src/test/resources/io/soundmark/decode/flac/FlacFuzzTestInputs/flacStreamInfoAndFramesDecodeOrFailCleanly/s16_stereo.flac" "$d/"
ff -i "$src" -c:a aac -b:a 64k "$d/aac.m4a"
ff -i "$src" -c:a libopus -b:a 32k "$d/opus.opus"
ff -i "$src" -c:a libvorbis -q:a 0 "$d/vorbis.ogg"
ff -i "$src" -c:a ac3 -b:a 96k "$d/ac3.ac3"
ff -i "$src" -c:a wmav2 -b:a 64k "$d/wma.wma"
ff -i "$src" -c:a alac "$d/alac.m4a"
ff -i "$src" -c:a libopus -b:a 32k "$d/opus.mka"
ff -i "$src" -c:a mp2 -b:a 64k "$d/mp2.ts"
ff -f lavfi -i testsrc=size=16x16:rate=10:duration=0.1 -i "$src" -shortest -c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 32k "$d/video.mp4"
printf 'not media, just words\n' > "$d/text.txt"
printf '\x89PNG\r\n\x1a\n' > "$d/png_signature.bin"
