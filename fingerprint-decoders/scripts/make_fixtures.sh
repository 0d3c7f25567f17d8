#!/usr/bin/env bash
# Generates the decoder fixtures with real encoders from Debian
# (apt-get install sox lame flac ffmpeg), into ../fixtures:
#
#   source.wav                  0.8 s of "music" (plucked chord over noise), 44.1 kHz stereo 16-bit
#   *.flac, *.mp3, *.m4a, ...   the same music encoded by flac, lame and ffmpeg
#   NAME.ref.s16                ffmpeg's decode of a lossy NAME (first channel, 16-bit little-endian,
#                               native rate): the reference our decoders are compared with (16 bits keep
#                               the fixtures small; their quantisation noise is far below the 60 dB bar)
#   edge cases                  no audio stream, big ID3 cover, lying FLAC header, truncated files
set -euo pipefail
cd "$(dirname "$0")/../fixtures"
rm -f ./*
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

sox -R -D -n -r 44100 -c 2 -b 16 chord.wav synth 0.8 pluck C3 pluck E4 fade 0 0.8 0.2 vol 0.5
sox -R -D -n -r 44100 -c 2 -b 16 bed.wav synth 0.8 pinknoise vol 0.05
sox -R -D -m chord.wav bed.wav -b 16 source.wav
rm chord.wav bed.wav

# lossless
flac -s -f -o source.flac source.wav
sox -R -D source.wav -b 24 -r 48000 source24.wav rate -v 48000
flac -s -f -o hires24.flac source24.wav
sox -R -D source.wav three.wav remix 1 2 1v0.5,2v0.5
flac -s -f --channel-map=none -o three_channels.flac three.wav
rm three.wav
ff -i source.wav -c:a alac alac.m4a

# lossy
lame --quiet -V 2 source.wav vbr.mp3                 # Xing + LAME tag: gapless info
lame --quiet -b 128 source.wav cbr.mp3               # Info + LAME tag
lame --quiet -b 128 -t source.wav notag.mp3          # no Xing/LAME tag
ff -i source.wav -c:a aac -b:a 192k aac.m4a
ff -i source.wav -c:a libvorbis -q:a 5 vorbis.ogg
# short Ogg pages (0.2 s), so that one page lost to corruption leaves the rest
ff -i source.wav -c:a libvorbis -q:a 0 -page_duration 200000 -fflags +bitexact -flags:a +bitexact -map_metadata -1 paged_vorbis.ogg
ff -i source.wav -c:a libopus -b:a 96k opus.opus
ff -i source.wav -c:a wmav2 -b:a 128k wma.wma
ff -i source.wav -c:a ac3 -b:a 192k ac3.ac3

# videos: a tiny test picture with the music as audio
video() { ff -f lavfi -i testsrc=size=64x48:rate=10:duration=0.8 -i source.wav -shortest "$@"; }
video -c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 192k video.mp4
video -c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 192k video.mov
video -c:v libvpx -c:a libopus -b:a 96k video.webm
video -c:v libx264 -pix_fmt yuv420p -c:a libvorbis video.mkv
video -c:v mpeg4 -c:a libmp3lame -b:a 128k video.avi
video -c:v mpeg2video -c:a mp2 -b:a 192k video.ts
video -c:v flv -c:a aac -b:a 192k video.flv
ff -f lavfi -i testsrc=size=64x48:rate=10:duration=1 -c:v libx264 -pix_fmt yuv420p no_audio.mp4

# references: ffmpeg's own decode (gapless-trimmed), first channel
for f in vbr.mp3 cbr.mp3 notag.mp3 aac.m4a vorbis.ogg opus.opus wma.wma ac3.ac3 video.mp4 video.mov video.webm video.mkv video.avi video.ts video.flv; do
  ff -i "$f" -map 0:a:0 -af "pan=mono|c0=c0" -f s16le "$f.ref.s16"
done

# broken inputs
python3 - <<'PY'
import os, struct
data = open("cbr.mp3", "rb").read()
cover = os.urandom(10 * 1024 * 1024)                      # a 10 MB "cover image"
frame = b"APIC" + struct.pack(">I", len(cover) + 14) + b"\0\0" + b"\0image/jpeg\0\3\0" + cover
size = len(frame)
syncsafe = bytes([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f])
open("big_cover.mp3", "wb").write(b"ID3\4\0\0" + syncsafe + frame + data)
flac = bytearray(open("source.flac", "rb").read())
# STREAMINFO starts at byte 8 after "fLaC" and the block header: lie about sample rate and total samples
flac[8 + 10:8 + 18] = bytes([0xff, 0xff, 0xf3, 0xff, 0xff, 0xff, 0xff, 0xff])
open("lying_header.flac", "wb").write(flac)
for name in ("source.flac", "vbr.mp3", "aac.m4a", "video.mkv"):
    blob = open(name, "rb").read()
    base, ext = name.rsplit(".", 1)
    open(f"truncated_{base}.{ext}", "wb").write(blob[: len(blob) * 6 // 10])
PY
# the big-cover file is made at test time from cbr.mp3 (10 MB is too large to commit)
rm big_cover.mp3
ls -l
du -sh .
