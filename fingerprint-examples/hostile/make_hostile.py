#!/usr/bin/env python3
"""Generates Soundmark's hostile-input corpus, deterministically.

    python3 fingerprint-examples/hostile/make_hostile.py                 # the committed corpus
    python3 fingerprint-examples/hostile/make_hostile.py --seed 7 --out /tmp/hostile-7 --flips 4

Needs Python 3 (standard library only) and Debian's sox, lame, flac and ffmpeg (with ffprobe).
Every container and codec Soundmark reads is encoded from short generated music (1-6 s, low
rates, encoders pinned to bit-exact output without metadata), then broken: truncated in its
header, inside its first frame, in the middle and by its last byte; headers that lie about
sizes, rates, channels, bit depths and block aligns; bytes flipped at seeded positions; tag
bombs; non-media; special files; and extreme but valid audio. The seed picks the cut points and
the flipped bytes; the same seed and the same encoder versions give the same bytes.

DIR/expected.tsv holds one line per case (tab-separated):

    name     the file in DIR (special files are made by the test: see "make" below)
    flag     audio or video: the CLI option and FingerprintInput factory to use
    expect   one outcome, or several joined by "|" where the outcome depends on where seeded
             bytes landed:
               records          records and no warning
               records+warning  records and a warning "decoding stopped at X s ..."
               empty+warning    no records and the warning "the input holds no audio samples"
               error:CLASS      a MediaException of exactly CLASS (MediaException or
                                UnsupportedMediaException) whose message starts with the input
                                and names the cause
               any              any of these (bytes flipped inside headers)
    details  key=value pairs joined by ";":
               total=S;tol=S    records: total_duration_sec is S within tol
               stop=A..B        records+warning: decoding stopped between A and B seconds
               cause=TEXT       error: the message contains TEXT
               make=KIND        a special file the test makes: fifo, dir, devzero, missing
    why      what the case is
"""
import argparse
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
import zipfile
import gzip
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
PCM_SECONDS = 1.0
LOSSY_SECONDS = 2.0
BOMB = 256 * 1024  # bytes of a tag bomb (--bomb-kb)

# --- the table ---------------------------------------------------------------------------------

CASES = []


def case(name, expect, why, flag="audio", data=None, src=None, **details):
    """Records a case, writing `data` (bytes) or copying `src` (a path) to OUT/name."""
    if data is not None:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    elif src is not None:
        shutil.copyfile(src, os.path.join(OUT, name))
    fields = []
    for key in ("total", "tol", "stop", "cause", "make"):
        if key in details and details[key] is not None:
            v = details[key]
            if isinstance(v, float):
                v = "%.6g" % v
            fields.append("%s=%s" % (key, v))
    CASES.append((name, flag, expect, ";".join(fields), why))


def stop_range(lo, hi):
    return "%.3f..%.3f" % (max(0.0, lo), hi)


# --- tools -------------------------------------------------------------------------------------

def run(*cmd):
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL)


def ff(*args):
    run("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args)


BITEXACT = ["-fflags", "+bitexact", "-flags:a", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
            "-threads", "1"]


def audio_packets(path, count=2):
    """(pos, size) of the first audio packets, from ffprobe."""
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "packet=pos,size",
                          "-of", "json", "-read_intervals", "%%+#%d" % count, path],
                         check=True, capture_output=True, text=True).stdout
    packets = json.loads(out).get("packets", [])
    return [(int(p["pos"]), int(p["size"])) for p in packets if p.get("pos", "N/A") != "N/A"]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def le16(v):
    return struct.pack("<H", v & 0xffff)


def le32(v):
    return struct.pack("<I", v & 0xffffffff)


def be16(v):
    return struct.pack(">H", v & 0xffff)


def be32(v):
    return struct.pack(">I", v & 0xffffffff)


# --- PCM writers (by hand, so that every header field can be set) ---------------------------

def riff_chunk(cid, body, size=None):
    pad = b"\0" if len(body) % 2 else b""
    return cid + le32(len(body) if size is None else size) + body + pad


def fmt_body(tag, channels, rate, bits, block_align=None, byte_rate=None, subformat=None):
    block_align = channels * ((bits + 7) // 8) if block_align is None else block_align
    byte_rate = rate * block_align if byte_rate is None else byte_rate
    body = le16(tag) + le16(channels) + le32(rate) + le32(byte_rate) + le16(block_align) + le16(bits)
    if tag == 0xFFFE:
        mask = (1 << channels) - 1 if channels <= 18 else 0
        body += le16(22) + le16(bits) + le32(mask) + le16(subformat) + \
            b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
    return body


def wav(samples_bytes, tag, channels, rate, bits, data_size=None, riff_size=None, fmt=None, before_data=b"",
        block_align=None, byte_rate=None, subformat=None):
    fmt = riff_chunk(b"fmt ", fmt_body(tag, channels, rate, bits, block_align, byte_rate, subformat)) if fmt is None else fmt
    data = riff_chunk(b"data", samples_bytes, data_size)
    body = b"WAVE" + fmt + before_data + data
    return b"RIFF" + le32(len(body) if riff_size is None else riff_size) + body


def pcm_bytes(values, bits, float_=False, big=False, unsigned8=True):
    """values: floats in [-1, 1] (or anything for float formats)."""
    out = bytearray()
    for v in values:
        if float_:
            out += struct.pack((">" if big else "<") + ("f" if bits == 32 else "d"), v)
            continue
        full = 1 << (bits - 1)
        i = max(-full, min(full - 1, int(round(v * full))))
        if bits == 8 and unsigned8:
            out.append(i + 128)
        else:
            out += (i & ((1 << bits) - 1)).to_bytes(bits // 8, "big" if big else "little")
    return bytes(out)


def ext80(rate):
    """An AIFF sample rate as an 80-bit IEEE extended float."""
    if rate == 0:
        return b"\0" * 10
    e = int(math.floor(math.log2(rate)))
    mantissa = int(rate * (1 << (63 - e)))
    return be16(16383 + e) + struct.pack(">Q", mantissa)


def aiff(samples_bytes, channels, frames, bits, rate_bytes, ssnd_size=None, comm_size=None):
    comm = b"COMM" + be32(18 if comm_size is None else comm_size) + be16(channels) + be32(frames) + be16(bits) + rate_bytes
    ssnd_body = be32(0) + be32(0) + samples_bytes
    ssnd = b"SSND" + be32(len(ssnd_body) if ssnd_size is None else ssnd_size) + ssnd_body
    if len(ssnd_body) % 2:
        ssnd += b"\0"
    body = b"AIFF" + comm + ssnd
    return b"FORM" + be32(len(body)) + body


def au(samples_bytes, encoding, rate, channels, offset=24, data_size=None):
    header = b".snd" + be32(offset) + be32(len(samples_bytes) if data_size is None else data_size) + be32(encoding) \
        + be32(rate) + be32(channels)
    return header + b"\0" * max(0, min(offset, 4096) - 24) + samples_bytes


# --- sources -----------------------------------------------------------------------------------

def music(path, seconds, rate, channels):
    """A plucked chord over pink noise: broadband, like music, and repeatable (sox -R)."""
    tmp = path + ".parts"
    os.makedirs(tmp, exist_ok=True)
    run("sox", "-R", "-D", "-n", "-r", str(rate), "-c", str(channels), "-b", "16", tmp + "/chord.wav",
        "synth", str(seconds), "pluck", "C3", "pluck", "E4", "pluck", "G4", "fade", "0", str(seconds), "0.3", "vol", "0.5")
    run("sox", "-R", "-D", "-n", "-r", str(rate), "-c", str(channels), "-b", "16", tmp + "/bed.wav",
        "synth", str(seconds), "pinknoise", "vol", "0.05")
    run("sox", "-R", "-D", "-m", tmp + "/chord.wav", tmp + "/bed.wav", "-b", "16", path)
    shutil.rmtree(tmp)


def wav_values(path):
    """Samples of a 16-bit WAV as floats, interleaved."""
    with wave.open(path, "rb") as w:
        raw = w.readframes(w.getnframes())
    return [v / 32768.0 for v in struct.unpack("<%dh" % (len(raw) // 2), raw)]


# --- the corpus --------------------------------------------------------------------------------

class Media:
    """A valid encoded file and what a decoder should make of it."""

    def __init__(self, name, path, flag, duration, kind, tol, header_end, first_end, data_end=None,
                 frame_bytes=None, rate=None):
        self.name = name            # case name stem, e.g. "mp3_cbr"
        self.path = path
        self.flag = flag
        self.duration = duration    # seconds a correct decoder gives
        self.kind = kind            # pcm, mp3, mp3_notag, flac, stream (ogg), container, raw
        self.tol = tol
        self.header_end = header_end    # the first audio byte
        self.first_end = first_end      # the end of the first audio packet
        self.data_end = data_end or os.path.getsize(path)  # the end of the audio bytes
        self.frame_bytes = frame_bytes  # PCM bytes per frame
        self.rate = rate

    def bytes(self):
        return read(self.path)


def encode_all(work):
    """Encodes the valid bases; returns Media for each."""
    media = []
    src32 = os.path.join(work, "music32k.wav")      # lossy codecs: 2 s stereo 32 kHz
    music(src32, LOSSY_SECONDS, 32000, 2)
    src8 = os.path.join(work, "music8k.wav")        # PCM and lossless: 1.5 s mono 8 kHz
    music(src8, PCM_SECONDS, 8000, 1)
    values8 = wav_values(src8)

    def pcm(name, data, header_end, frame_bytes, duration=PCM_SECONDS, rate=8000):
        path = os.path.join(work, name)
        with open(path, "wb") as f:
            f.write(data)
        media.append(Media(name.rsplit(".", 1)[0], path, "audio", duration, "pcm", 0.002, header_end,
                           header_end + frame_bytes, len(data), frame_bytes, rate))

    pcm("wav_u8.wav", wav(pcm_bytes(values8, 8), 1, 1, 8000, 8), 44, 1)
    pcm("wav_s16.wav", wav(pcm_bytes(values8, 16), 1, 1, 8000, 16), 44, 2)
    pcm("wav_s24.wav", wav(pcm_bytes(values8, 24), 1, 1, 8000, 24), 44, 3)
    pcm("wav_s32.wav", wav(pcm_bytes(values8, 32), 1, 1, 8000, 32), 44, 4)
    pcm("wav_f32.wav", wav(pcm_bytes(values8, 32, float_=True), 3, 1, 8000, 32), 44, 4)
    pcm("wav_f64.wav", wav(pcm_bytes(values8, 64, float_=True), 3, 1, 8000, 64), 44, 8)
    pcm("wav_ext24.wav", wav(pcm_bytes(values8, 24), 0xFFFE, 1, 8000, 24, subformat=1), 68, 3)
    pcm("aiff_s16.aiff", aiff(pcm_bytes(values8, 16, big=True), 1, len(values8), 16, ext80(8000)), 54, 2)
    pcm("au_s16.au", au(pcm_bytes(values8, 16, big=True), 3, 8000, 1), 24, 2)
    ulaw = os.path.join(work, "au_ulaw.au")
    run("sox", "-R", "-D", src8, "--comment", "", "-e", "mu-law", ulaw)
    media.append(Media("au_ulaw", ulaw, "audio", PCM_SECONDS, "pcm", 0.002, au_offset(ulaw), au_offset(ulaw) + 1,
                       frame_bytes=1, rate=8000))

    for name, codec in (("wav_adpcm_ms", "adpcm_ms"), ("wav_mulaw", "pcm_mulaw")):
        path = os.path.join(work, name + ".wav")
        ff("-i", src8, "-c:a", codec, *BITEXACT, path)
        media.append(Media(name, path, "audio", PCM_SECONDS, "other", 0.03, audio_packets(path)[0][0],
                           sum(audio_packets(path)[0])))

    def lossy(name, ext, args, kind="other", flag="audio", tol=0.08, source=src32, duration=LOSSY_SECONDS, pre=()):
        path = os.path.join(work, name + "." + ext)
        ff(*pre, "-i", source, *args, *BITEXACT, path)
        packets = audio_packets(path)
        header_end = packets[0][0] if packets else 0
        first_end = header_end + packets[0][1] if packets else 0
        media.append(Media(name, path, flag, duration, kind, tol, header_end, first_end))

    # MP3 by lame itself (its LAME tag carries the gapless information), and one without the tag
    for name, args in (("mp3_cbr", ["-b", "64"]), ("mp3_vbr", ["-V", "6"]), ("mp3_notag", ["-b", "48", "-t"])):
        path = os.path.join(work, name + ".mp3")
        run("lame", "--quiet", "--noreplaygain", "--resample", "32", *args, src32, path)
        packets = audio_packets(path)
        media.append(Media(name, path, "audio", LOSSY_SECONDS, "mp3" if "notag" not in name else "mp3_notag",
                           0.08 if "notag" in name else 0.002, packets[0][0], packets[0][0] + packets[0][1]))
    for name, args, source in (("flac_s16", [], src8), ("flac_s24_stereo", ["--bps", "24"], None)):
        path = os.path.join(work, name + ".flac")
        if source is None:
            source = os.path.join(work, "s24.wav")
            run("sox", "-R", "-D", src8, "-b", "24", "-c", "2", source, "remix", "1", "1v0.5")
        run("flac", "-s", "-f", "--no-padding", "--no-seektable", "--blocksize=1024", "-o", path, source)
        packets = audio_packets(path)
        media.append(Media(name, path, "audio", PCM_SECONDS, "flac", 0.002, packets[0][0], packets[0][0] + packets[0][1]))
    # Ogg pages of 0.25 s, so that a cut or a corrupt page loses a little, not all
    lossy("ogg_vorbis", "ogg", ["-c:a", "libvorbis", "-q:a", "0", "-page_duration", "250000"], kind="ogg")
    lossy("opus", "opus", ["-c:a", "libopus", "-b:a", "24k", "-ar", "48000", "-page_duration", "250000"], kind="ogg")
    lossy("m4a_aac", "m4a", ["-c:a", "aac", "-b:a", "40k", "-movflags", "+faststart"], kind="exact", tol=0.002)
    lossy("m4a_alac", "m4a", ["-c:a", "alac"], source=src8, duration=PCM_SECONDS, kind="moov_end", tol=0.002)
    lossy("wma", "wma", ["-c:a", "wmav2", "-b:a", "32k"])
    lossy("ac3", "ac3", ["-c:a", "ac3", "-b:a", "64k"])
    video = ["-f", "lavfi", "-i", "color=c=blue:s=32x24:r=5:d=%g" % LOSSY_SECONDS]
    lossy("video_mp4", "mp4", ["-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "32k", "-movflags", "+faststart"],
          flag="video", pre=video, kind="exact", tol=0.002)
    lossy("video_mov", "mov", ["-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "32k"], flag="video", pre=video,
          kind="moov_end", tol=0.002)
    lossy("video_mkv", "mkv", ["-shortest", "-c:v", "mpeg4", "-c:a", "libvorbis", "-q:a", "0"], flag="video", pre=video)
    lossy("video_webm", "webm", ["-shortest", "-c:v", "libvpx", "-c:a", "libopus", "-b:a", "24k", "-ar", "48000"],
          flag="video", pre=video)
    lossy("video_avi", "avi", ["-shortest", "-c:v", "mpeg4", "-c:a", "libmp3lame", "-b:a", "32k"], flag="video",
          pre=video, tol=0.1)
    lossy("video_ts", "ts", ["-shortest", "-c:v", "mpeg2video", "-c:a", "mp2", "-b:a", "64k"], flag="video",
          pre=video, tol=0.1)
    lossy("video_flv", "flv", ["-shortest", "-c:v", "flv", "-c:a", "aac", "-b:a", "32k"], flag="video", pre=video)
    return media, src8, src32, values8


def au_offset(path):
    return struct.unpack(">I", read(path)[4:8])[0]


# --- expectations ------------------------------------------------------------------------------

def valid_case(m):
    case(m.name + "." + ext(m), "records", "valid " + m.name, flag=m.flag, src=m.path, total=m.duration, tol=m.tol)


def ext(m):
    return m.path.rsplit(".", 1)[1]


MAGIC = {"wav": 12, "aiff": 12, "au": 4, "flac": 4}
ANY = "any"


def truncations(m, rng):
    """The file cut inside its header, inside its first audio frame, in the middle and by its last byte."""
    data = m.bytes()
    e = ext(m)
    payload = m.data_end - m.header_end
    if m.header_end >= 12:
        cut = rng.randint(8, m.header_end - 1)
        expect = "error:MediaException|error:UnsupportedMediaException"
        if e in MAGIC:  # the signature decides which
            expect = "error:UnsupportedMediaException" if cut < MAGIC[e] else "error:MediaException"
        case("%s_cut_header.%s" % (m.name, e), expect, "%s cut inside its header at byte %d" % (m.name, cut),
             flag=m.flag, data=data[:cut])
    if m.kind == "pcm":
        cut = m.header_end + (rng.randint(1, m.frame_bytes - 1) if m.frame_bytes > 1 else 0)
    else:
        cut = rng.randint(m.header_end + 1, max(m.header_end + 1, m.first_end - 1))
    # nothing decodes: an error where a header states the audio, else no samples (or a frame salvaged)
    expect = "error:MediaException" if m.kind in ("pcm", "flac", "mp3", "mp3_notag", "exact", "moov_end") else ANY
    case("%s_cut_first.%s" % (m.name, e), expect, "%s cut inside its first audio frame at byte %d" % (m.name, cut),
         flag=m.flag, data=data[:cut])
    fraction = rng.uniform(0.35, 0.65)
    cut = m.header_end + int(payload * fraction)
    expect, details = cut_outcome(m, fraction, (cut - m.header_end) // (m.frame_bytes or 1))
    case("%s_cut_middle.%s" % (m.name, e), expect, "%s cut at %.0f%% of its audio bytes" % (m.name, 100 * fraction),
         flag=m.flag, data=data[:cut], **details)
    expect, details = cut_outcome(m, 1.0, (payload - 1) // (m.frame_bytes or 1))
    case("%s_cut_last.%s" % (m.name, e), expect, "%s without its last byte" % m.name, flag=m.flag,
         data=data[:-1], **details)


def cut_outcome(m, fraction, frames_held):
    """What a cut at `fraction` of the audio bytes gives: the audio before it, said so where a header states the length."""
    if m.kind == "pcm":  # exactly the whole frames that are there, and a warning
        held = frames_held / m.rate
        return "records+warning", {"stop": stop_range(held - 0.0005, held + 0.0005)}
    if m.kind == "moov_end":  # the index of the samples is at the end of the file: lost, or (its last byte) not needed
        return ("error:MediaException" if fraction < 1 else "records|error:MediaException"), {
            "cause": "FFmpeg cannot open it", "total": m.duration, "tol": m.tol}
    at = fraction * m.duration
    # how far bytes and time part: frame sizes vary (VBR), a lost frame or Ogg page, priming and padding
    slack = {"flac": 0.15, "mp3": 0.1, "mp3_notag": 0.1, "exact": 0.1, "ogg": 0.35}.get(m.kind, 0.2)
    spread = slack + (0.2 * m.duration if fraction < 1 else 0)
    lo, hi = at - spread, min(at + spread, m.duration + 0.1)
    if m.kind in ("flac", "mp3", "exact"):  # the header states the length: the shortfall is reported
        return ("records+warning" if fraction < 1 else "records+warning|records"), {
            "stop": stop_range(lo, hi), "total": m.duration, "tol": m.tol}
    if m.kind == "mp3_notag":  # nothing states the length
        return "records", {"total": (lo + hi) / 2, "tol": (hi - lo) / 2}
    # a container that states the length only roughly, or not at all: a warning where it tells
    return "records|records+warning", {"total": (lo + hi) / 2, "tol": (hi - lo) / 2, "stop": stop_range(lo, hi)}


def flips(m, rng, count):
    """Bytes XOR-ed at seeded positions: in the audio payload, and one in the header."""
    data = m.bytes()
    e = ext(m)
    if m.kind == "pcm" and m.name not in ("wav_s16", "wav_f32", "wav_f64"):
        count = 0  # flipped integer samples are still samples: a few formats show it
    for i in range(count):
        b = bytearray(data)
        at = rng.randrange(m.header_end, m.data_end)
        width = rng.randint(1, 4)
        for k in range(width):
            if at + k < m.data_end:
                b[at + k] ^= rng.randint(1, 255)
        expect, details = flip_outcome(m, bytes(b), at, width)
        case("%s_flip%d.%s" % (m.name, i + 1, e), expect,
             "%s with %d byte(s) flipped at byte %d of its audio" % (m.name, width, at), flag=m.flag, data=bytes(b),
             **details)
    if m.header_end >= 8 and m.kind != "pcm":  # PCM headers get lies of their own
        b = bytearray(data)
        at = rng.randrange(4, m.header_end)
        b[at] ^= rng.randint(1, 255)
        case("%s_flip_header.%s" % (m.name, e), "any", "%s with byte %d of its header flipped" % (m.name, at),
             flag=m.flag, data=bytes(b))


def flip_outcome(m, flipped, at, width):
    if m.kind == "pcm":
        if m.name in ("wav_f32", "wav_f64"):
            size = 4 if m.name == "wav_f32" else 8
            code = "<f" if size == 4 else "<d"
            first = m.header_end + (at - m.header_end) // size * size
            for p in range(first, min(at + width, m.data_end), size):
                v = struct.unpack(code, flipped[p:p + size])[0]
                if not (abs(v) <= 1e6):
                    return "error:MediaException", {"cause": "is not audio"}
        return "records", {"total": m.duration, "tol": m.tol}
    # compressed audio: a decoder may skip the damaged frame, stop there (and warn), or, when the
    # first frame is hit, find nothing to decode; an Ogg page lost at the end leaves no trace
    return "records|records+warning|error:MediaException", {"total": m.duration, "tol": 0.35 if m.kind == "ogg" else 0.15,
                                                            "stop": stop_range(0, m.duration)}


# --- lying headers -----------------------------------------------------------------------------

def lies(values8, media):
    s16 = pcm_bytes(values8, 16)
    n = len(values8)
    E = "error:MediaException"
    case("wav_datasize_huge.wav", "records+warning", "a WAV whose data size says 268 MB; the file holds 1.5 s",
         data=wav(s16, 1, 1, 8000, 16, data_size=0x10000000), stop=stop_range(PCM_SECONDS - 0.001, PCM_SECONDS + 0.001))
    case("wav_datasize_half.wav", "records", "a WAV whose data size says 0.75 s; 1.5 s follow (ignored)",
         data=wav(s16, 1, 1, 8000, 16, data_size=len(s16) // 2), total=PCM_SECONDS / 2, tol=0.001)
    case("wav_datasize_zero.wav", "empty+warning", "a WAV whose data size is 0: a well-formed empty file",
         data=wav(s16, 1, 1, 8000, 16, data_size=0))
    case("wav_datasize_unknown.wav", "records", "a WAV whose data size is 0xffffffff, as writers to a pipe leave it",
         data=wav(s16, 1, 1, 8000, 16, data_size=0xffffffff, riff_size=0xffffffff), total=PCM_SECONDS, tol=0.001)
    case("wav_datasize_odd.wav", "records", "a WAV whose data size is not a whole number of frames",
         data=wav(s16, 1, 1, 8000, 16, data_size=len(s16) - 1), total=PCM_SECONDS, tol=0.001)
    case("wav_header_only.wav", E, "a 44-byte WAV whose header promises 1.5 s",
         data=wav(b"", 1, 1, 8000, 16, data_size=len(s16)), cause="header")
    case("wav_header_only_empty.wav", "empty+warning", "a 44-byte WAV with a data size of 0",
         data=wav(b"", 1, 1, 8000, 16))
    case("wav_riffsize_lie.wav", "records", "a WAV whose RIFF size is wrong (often so; ignored)",
         data=wav(s16, 1, 1, 8000, 16, riff_size=0x7ffffff0), total=PCM_SECONDS, tol=0.001)
    case("wav_byterate_lie.wav", "records", "a WAV whose byte rate is wrong (not used for decoding)",
         data=wav(s16, 1, 1, 8000, 16, byte_rate=12345), total=PCM_SECONDS, tol=0.001)
    case("wav_rate_zero.wav", E, "a WAV at 0 Hz", data=wav(s16, 1, 1, 0, 16), cause="sample rate")
    case("wav_rate_huge.wav", E, "a WAV at 4 GHz", data=wav(s16, 1, 1, 0xfffffff0, 16), cause="sample rate")
    case("wav_rate_1hz.wav", E, "a WAV at 1 Hz", data=wav(s16, 1, 1, 1, 16), cause="sample rate")
    case("wav_rate_4khz.wav", E, "a valid WAV at 4 kHz, below the supported rates",
         data=wav(s16, 1, 1, 4000, 16), cause="4000 Hz")
    case("wav_rate_384khz.wav", E, "a valid WAV at 384 kHz, above the supported rates",
         data=wav(s16, 1, 1, 384000, 16), cause="384000 Hz")
    case("wav_channels_zero.wav", E, "a WAV with 0 channels", data=wav(s16, 1, 0, 8000, 16, block_align=2),
         cause="channel")
    case("wav_channels_1000.wav", E, "a WAV with 1000 channels and a block align of 2",
         data=wav(s16, 1, 1000, 8000, 16, block_align=2), cause="block align")
    case("wav_channels_65535.wav", E, "a WAV with 65535 channels, block align to match",
         data=wav(s16, 1, 65535, 8000, 16), cause="block align")
    case("wav_bits_7.wav", E, "a WAV claiming 7 bits per sample", data=wav(s16, 1, 1, 8000, 7, block_align=2),
         cause="7 bits per sample")
    case("wav_bits_12.wav", E, "a WAV claiming 12 bits per sample", data=wav(s16, 1, 1, 8000, 12, block_align=2),
         cause="12 bits per sample")
    case("wav_bits_64int.wav", E, "a WAV claiming 64-bit integer PCM", data=wav(s16, 1, 1, 8000, 64),
         cause="64 bits per sample")
    case("wav_bits_0.wav", E, "a WAV claiming 0 bits per sample", data=wav(s16, 1, 1, 8000, 0, block_align=2),
         cause="0 bits per sample")
    case("wav_float_16.wav", E, "a float WAV claiming 16 bits", data=wav(s16, 3, 1, 8000, 16),
         cause="16-bit float")
    case("wav_blockalign_4.wav", E, "a 16-bit mono WAV whose block align says 4",
         data=wav(s16, 1, 1, 8000, 16, block_align=4), cause="block align")
    case("wav_blockalign_0.wav", E, "a WAV whose block align is 0",
         data=wav(s16, 1, 1, 8000, 16, block_align=0), cause="block align")
    case("wav_fmt_short.wav", E, "a WAV whose fmt chunk is 8 bytes",
         data=wav(s16, 1, 1, 8000, 16, fmt=riff_chunk(b"fmt ", fmt_body(1, 1, 8000, 16)[:8])), cause="fmt")
    case("wav_no_fmt.wav", E, "a WAV without a fmt chunk", data=wav(s16, 1, 1, 8000, 16, fmt=b""), cause=None)
    case("wav_no_data.wav", E, "a WAV without a data chunk",
         data=b"RIFF" + le32(4 + 24) + b"WAVE" + riff_chunk(b"fmt ", fmt_body(1, 1, 8000, 16)), cause=None)
    case("wav_adpcm_garbage.wav", "any", "an MS ADPCM WAV (read by FFmpeg) whose data is 16-bit PCM",
         data=wav(s16, 2, 1, 8000, 4, block_align=256))
    case("wav_ext_unknown_subformat.wav", E, "a WAVE_FORMAT_EXTENSIBLE with an unknown sub-format",
         data=wav(pcm_bytes(values8, 24), 0xFFFE, 1, 8000, 24, subformat=0x1234), cause=None)
    case("wav_chunk_huge.wav", E, "a WAV with a LIST chunk before its data claiming 2 GB",
         data=wav(s16, 1, 1, 8000, 16, before_data=b"LIST" + le32(0x7ffffff0) + b"INFO"), cause=None)
    case("wav_chunk_odd.wav", "records", "a WAV with an odd-sized chunk (and its pad byte) before the data",
         data=wav(s16, 1, 1, 8000, 16, before_data=riff_chunk(b"junk", b"abc")), total=PCM_SECONDS, tol=0.001)
    s16be = pcm_bytes(values8, 16, big=True)
    case("aiff_frames_huge.aiff", "records+warning", "an AIFF whose COMM chunk says 2^31 frames; 1.5 s are there",
         data=aiff(s16be, 1, 0x7fffffff, 16, ext80(8000)), stop=stop_range(PCM_SECONDS - 0.001, PCM_SECONDS + 0.001))
    case("aiff_frames_zero.aiff", "empty+warning", "an AIFF whose COMM chunk says 0 frames",
         data=aiff(s16be, 1, 0, 16, ext80(8000)))
    case("aiff_channels_zero.aiff", E, "an AIFF with 0 channels", data=aiff(s16be, 0, n, 16, ext80(8000)),
         cause="channel")
    case("aiff_bits_7.aiff", E, "an AIFF claiming 7 bits per sample", data=aiff(s16be, 1, n, 7, ext80(8000)),
         cause="7 bits per sample")
    case("aiff_rate_zero.aiff", E, "an AIFF at 0 Hz", data=aiff(s16be, 1, n, 16, ext80(0)), cause="sample rate")
    case("aiff_rate_nan.aiff", E, "an AIFF whose rate is not a number",
         data=aiff(s16be, 1, n, 16, b"\x7f\xff" + b"\xc0" + b"\0" * 7), cause="sample rate")
    case("aiff_header_only.aiff", E, "an AIFF header promising 1.5 s, without the audio",
         data=aiff(b"", 1, n, 16, ext80(8000), ssnd_size=8 + len(s16be)), cause="header")
    case("au_datasize_huge.au", "records+warning", "an AU whose data size says 268 MB; the file holds 1.5 s",
         data=au(s16be, 3, 8000, 1, data_size=0x10000000), stop=stop_range(PCM_SECONDS - 0.001, PCM_SECONDS + 0.001))
    case("au_datasize_unknown.au", "records", "an AU whose data size is 0xffffffff (unknown: read to the end)",
         data=au(s16be, 3, 8000, 1, data_size=0xffffffff), total=PCM_SECONDS, tol=0.001)
    case("au_offset_huge.au", E, "an AU whose header size is 2 GB", data=au(s16be, 3, 8000, 1, offset=0x7ffffff0),
         cause="header")
    case("au_offset_small.au", E, "an AU whose header size is 8, inside its own header",
         data=au(s16be, 3, 8000, 1, offset=8), cause="header")
    case("au_encoding_unknown.au", E, "an AU of encoding 99", data=au(s16be, 99, 8000, 1), cause=None)
    case("au_channels_zero.au", E, "an AU with 0 channels", data=au(s16be, 3, 8000, 0), cause="channel")
    case("au_header_only.au", E, "a 24-byte AU header promising 1.5 s, without the audio",
         data=au(b"", 3, 8000, 1, data_size=len(s16be)), cause="header")
    case("au_header_only_unknown.au", "empty+warning", "a 24-byte AU of unknown length, without audio",
         data=au(b"", 3, 8000, 1, data_size=0xffffffff))

    flac = next(m for m in media if m.name == "flac_s16")
    fl = flac.bytes()

    def streaminfo(**change):
        b = bytearray(fl)
        si = 8  # "fLaC" + the block header
        bits = int.from_bytes(b[si + 10:si + 18], "big")  # rate 20, channels-1 3, bps-1 5, total 36
        rate, ch, bps, total = bits >> 44, (bits >> 41) & 7, (bits >> 36) & 31, bits & ((1 << 36) - 1)
        rate = change.get("rate", rate)
        ch = change.get("channels", ch + 1) - 1
        bps = change.get("bits", bps + 1) - 1
        total = change.get("total", total)
        b[si + 10:si + 18] = ((rate << 44) | (ch << 41) | (bps << 36) | total).to_bytes(8, "big")
        if "max_block" in change:
            b[si + 2:si + 4] = be16(change["max_block"])
        return bytes(b)

    case("flac_total_2e36.flac", "records+warning", "a 1-4 KiB FLAC whose STREAMINFO claims 2^36 samples",
         data=streaminfo(total=(1 << 36) - 1)[:3000], stop=stop_range(0.0, PCM_SECONDS), cause="STREAMINFO")
    case("flac_total_2e36_whole.flac", "records+warning", "a whole FLAC whose STREAMINFO claims 2^36 samples",
         data=streaminfo(total=(1 << 36) - 1), stop=stop_range(PCM_SECONDS - 0.001, PCM_SECONDS + 0.001))
    case("flac_total_zero.flac", "records", "a FLAC whose STREAMINFO gives no length (0: unknown)",
         data=streaminfo(total=0), total=PCM_SECONDS, tol=0.001)
    case("flac_rate_zero.flac", E, "a FLAC whose STREAMINFO says 0 Hz", data=streaminfo(rate=0),
         cause="sample rate")
    case("flac_channels_lie.flac", E, "a mono FLAC whose STREAMINFO says 2 channels", data=streaminfo(channels=2),
         cause="disagree")
    case("flac_bits_lie.flac", E, "a 16-bit FLAC whose STREAMINFO says 24 bits", data=streaminfo(bits=24),
         cause="disagree")
    case("flac_blocksize_lie.flac", E, "a FLAC whose STREAMINFO says blocks of at most 8 samples",
         data=streaminfo(max_block=8), cause="block size")
    case("flac_streaminfo_short.flac", E, "a FLAC whose STREAMINFO block says 10 bytes",
         data=fl[:5] + b"\x00\x00\x0a" + fl[8:], cause="STREAMINFO")
    case("flac_no_streaminfo.flac", E, "a FLAC whose first metadata block is PADDING",
         data=b"fLaC" + bytes([0x81]) + b"\x00\x00\x10" + b"\0" * 16 + fl[42:], cause="STREAMINFO")
    padded = b"fLaC" + bytes([fl[4] & 0x7f]) + fl[5:42] + bytes([0x81]) + (3000).to_bytes(3, "big") + b"\0" * 3000 + fl[42:]
    case("flac_cut_in_metadata.flac", E, "a FLAC cut inside a PADDING block of its metadata", data=padded[:2000],
         cause="metadata")
    case("flac_metadata_claims_16mb.flac", E, "a FLAC whose last metadata block claims 16 MB",
         data=b"fLaC" + bytes([fl[4] & 0x7f]) + fl[5:42] + bytes([0x84]) + b"\xff\xff\xff" + fl[42:], cause="metadata")
    return s16


def mp3_cases(media, work, rng):
    cbr = next(m for m in media if m.name == "mp3_cbr")
    data = cbr.bytes()
    E = "error:MediaException"
    for n in (44, 45, 46, 47):
        case("mp3_%dbytes.mp3" % n, E, "the first %d bytes of an MP3 (inside its LAME header frame)" % n,
             data=data[:n], cause="first")
    # the case: a 70 kB ID3 tag, then 16 kB of zeros, then the MP3: the LAME header straddles the scan buffer
    xing = data.find(b"Info")
    frames = struct.unpack(">I", data[xing + 8:xing + 12])[0]
    untrimmed = (frames + 1) * 1152 / 32000.0         # every frame, the LAME header's included, as FFmpeg decodes them
    delays = (1152 + 576 + 529) / 32000.0              # the header frame, the encoder's and the decoder's delay
    tag = id3(70 * 1024)
    case("mp3_id3_70k_zeros_16k.mp3", "records", "an MP3 behind a 70 kB ID3 tag and 16 kB of zero bytes (decoded "
         "untrimmed, as FFmpeg does)", data=tag + b"\0" * (16 * 1024 - 46) + data, total=untrimmed, tol=0.0001)
    case("mp3_id3_bomb.mp3", "records", "an MP3 behind a %d kB ID3 tag" % (BOMB // 1024), data=id3(BOMB) + data,
         total=LOSSY_SECONDS, tol=0.002)
    case("mp3_id3_size_lie.mp3", E, "an ID3 tag claiming 256 MB in a small file",
         data=b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + b"\0" * 200 + data, cause="ID3")
    case("mp3_id3_then_garbage.mp3", "error:UnsupportedMediaException", "an ID3 tag followed by no MPEG frames",
         data=id3(1000) + bytes(rng.randrange(256) & 0x7f for _ in range(8000)), cause="looks like MP3")
    b = bytearray(data)
    frames_at = xing + 8
    b[frames_at:frames_at + 4] = be32(0x7fffffff)
    case("mp3_xing_frames_huge.mp3", "records+warning", "an MP3 whose LAME header claims 2^31 frames: the delays are "
         "dropped, the rest decoded, the lie reported", data=bytes(b), stop=stop_range(untrimmed - delays - 0.0001,
                                                                                     untrimmed - delays + 0.0001))
    b[frames_at:frames_at + 4] = be32(0)
    case("mp3_xing_frames_zero.mp3", "records", "an MP3 whose LAME header claims 0 frames: the delays are dropped",
         data=bytes(b), total=untrimmed - delays, tol=0.0001)
    b[frames_at:frames_at + 4] = be32(3)
    case("mp3_xing_frames_few.mp3", "records", "an MP3 whose LAME header claims 3 frames: the delays are dropped",
         data=bytes(b), total=untrimmed - delays, tol=0.0001)
    case("mp3_zeros_before.mp3", "records", "5 kB of zeros, then an MP3: FFmpeg reads it (untrimmed)",
         data=b"\0" * 5000 + data, total=untrimmed, tol=0.0001)


def id3(size):
    """An ID3v2.4 tag of `size` bytes in all: one PRIV frame of zeros."""
    body = size - 10
    frame = body - 10
    syncsafe = lambda v: bytes([(v >> 21) & 0x7f, (v >> 14) & 0x7f, (v >> 7) & 0x7f, v & 0x7f])
    return b"ID3\x04\x00\x00" + syncsafe(body) + b"PRIV" + syncsafe(frame) + b"\0\0" + b"soundmark\0" + b"\0" * (frame - 10)


def container_lies(media, work):
    E = "error:MediaException"
    m4a = next(m for m in media if m.name == "m4a_aac")
    data = bytearray(m4a.bytes())
    moov = data.find(b"moov") - 4
    b = bytearray(data)
    b[moov:moov + 4] = be32(0x7ffffff0)
    case("m4a_moov_size_lie.m4a", "any", "an M4A whose moov box claims 2 GB", data=bytes(b))
    mdhd = data.find(b"mdhd")
    if mdhd > 0:
        b = bytearray(data)
        version = b[mdhd + 4]
        at = mdhd + 4 + 4 + (16 if version == 1 else 8) + 4
        b[at:at + 4] = be32(struct.unpack(">I", bytes(b[at:at + 4]))[0] * 100)
        case("m4a_duration_lie.m4a", "records+warning|records", "an M4A whose media header states 100 times its duration",
             data=bytes(b), stop=stop_range(LOSSY_SECONDS - 0.1, LOSSY_SECONDS + 0.01), total=LOSSY_SECONDS, tol=0.08)
    bomb = be32(BOMB) + b"free" + b"\0" * (BOMB - 8)
    case("m4a_free_bomb.m4a", "records", "an M4A with a %d kB free box after its media" % (BOMB // 1024),
         data=bytes(data) + bomb, total=LOSSY_SECONDS, tol=0.002)
    ogg = next(m for m in media if m.name == "ogg_vorbis")
    od = bytearray(ogg.bytes())
    last = od.rfind(b"OggS")
    b = bytearray(od)
    b[last + 6:last + 14] = struct.pack("<q", 32000 * 100000)
    case("ogg_granule_lie.ogg", "any", "an Ogg Vorbis whose last page claims 100000 s", data=bytes(b))


def extremes(work, values8):
    tone = [0.5 * math.sin(2 * math.pi * 440 * i / 8000) for i in range(8000)]
    case("one_sample.wav", "records", "a WAV of one sample", data=wav(pcm_bytes([0.5], 16), 1, 1, 8000, 16),
         total=1 / 8000.0, tol=0.0001)
    case("one_sample_48k.wav", "records", "a 48 kHz WAV of one sample", data=wav(pcm_bytes([0.5], 16), 1, 1, 48000, 16),
         total=1 / 48000.0, tol=0.0001)
    ch8 = [0.3 * math.sin(2 * math.pi * (200 + 100 * (i % 8)) * (i // 8) / 192000) for i in range(8 * 3840)]
    case("ch8_192k.wav", "records", "8 channels at 192 kHz, 16-bit, 0.02 s", data=wav(pcm_bytes(ch8, 16), 1, 8, 192000, 16),
         total=0.02, tol=0.0001)
    path = os.path.join(work, "ch8.wav")
    with open(path, "wb") as f:
        f.write(wav(pcm_bytes(ch8 * 5, 24), 0xFFFE, 8, 192000, 24, subformat=1))
    run("flac", "-s", "-f", "--no-padding", "--no-seektable", "--channel-map=none", "-o", path + ".flac", path)
    case("ch8_192k_24bit.flac", "records", "8 channels at 192 kHz, 24-bit FLAC, 0.1 s", src=path + ".flac", total=0.1,
         tol=0.0001)
    case("mono_192k.wav", "records", "mono at 192 kHz, 0.1 s",
         data=wav(pcm_bytes(ch8[:19200], 16), 1, 1, 192000, 16), total=0.1, tol=0.0001)
    case("six_seconds_u8.wav", "records", "6 s of 8-bit audio: two windows",
         data=wav(pcm_bytes(values8 * 6, 8), 1, 1, 8000, 8), total=6.0, tol=0.001)
    f32 = lambda vals: pcm_bytes(vals, 32, float_=True)
    with_nan = list(tone)
    with_nan[4000] = float("nan")
    case("float_nan.wav", "error:MediaException", "a float WAV with a NaN at 0.500 s",
         data=wav(f32(with_nan), 3, 1, 8000, 32), cause="0.500 s")
    with_inf = list(tone)
    with_inf[2000] = float("inf")
    case("float_inf.wav", "error:MediaException", "a float WAV with +Inf at 0.250 s",
         data=wav(f32(with_inf), 3, 1, 8000, 32), cause="0.250 s")
    with_ninf = list(tone)
    with_ninf[0] = float("-inf")
    case("float64_neg_inf.wav", "error:MediaException", "a 64-bit float WAV starting with -Inf",
         data=wav(pcm_bytes(with_ninf, 64, float_=True), 3, 1, 8000, 64), cause="0.000 s")
    case("float_huge.wav", "error:MediaException", "a float WAV of samples around 1e30",
         data=wav(f32([v * 1e30 for v in tone]), 3, 1, 8000, 32), cause="far outside")
    case("float_denormals.wav", "records", "a float WAV of denormal samples",
         data=wav(f32([v * 1e-40 for v in tone]), 3, 1, 8000, 32), total=1.0, tol=0.001)
    case("float_loud.wav", "records", "a float WAV at +12 dB over full scale (finite, kept)",
         data=wav(f32([v * 4 for v in tone]), 3, 1, 8000, 32), total=1.0, tol=0.001)
    case("dc.wav", "records", "a constant (DC) signal", data=wav(pcm_bytes([0.5] * 8000, 16), 1, 1, 8000, 16),
         total=1.0, tol=0.001)
    case("silence.wav", "records", "digital silence", data=wav(pcm_bytes([0.0] * 8000, 16), 1, 1, 8000, 16),
         total=1.0, tol=0.001)
    case("square_full_scale.wav", "records", "a full-scale square wave",
         data=wav(pcm_bytes([1.0 if (i // 20) % 2 else -1.0 for i in range(8000)], 16), 1, 1, 8000, 16),
         total=1.0, tol=0.001)
    vid = ["-f", "lavfi", "-i", "color=c=red:s=32x24:r=5:d=2"]
    path = os.path.join(work, "no_audio.mp4")
    ff(*vid, "-c:v", "mpeg4", *BITEXACT, path)
    case("video_no_audio.mp4", "error:MediaException", "a video without an audio stream", flag="video", src=path,
         cause="no audio stream")
    src = os.path.join(work, "music32k.wav")
    path = os.path.join(work, "two_audio.mkv")
    ff(*vid, "-i", src, "-i", src, "-map", "0:v", "-map", "1:a", "-map", "2:a", "-shortest", "-c:v", "mpeg4",
       "-c:a", "libvorbis", "-q:a", "0", *BITEXACT, path)
    case("video_two_audio_streams.mkv", "records", "a video with two audio streams", flag="video", src=path,
         total=2.0, tol=0.1)
    path = os.path.join(work, "two_audio.mka")
    ff("-i", src, "-i", src, "-map", "0:a", "-map", "1:a", "-c:a", "libvorbis", "-q:a", "0", *BITEXACT, path)
    case("audio_two_streams.mka", "records", "Matroska audio with two audio streams", src=path, total=LOSSY_SECONDS, tol=0.08)


def non_media(rng):
    U = "error:UnsupportedMediaException"
    text = ("Verse one, a chorus, and verse two.\n" * 60).encode()
    case("text.mp3", U, "lyrics in a text file named .mp3", data=text, cause="looks like text")
    case("page.html", U, "an HTML page", data=b"<!DOCTYPE html>\n<html><head><title>song</title></head><body>"
         + b"<p>not audio</p>" * 50 + b"</body></html>\n", cause="looks like text")
    case("data.json", U, "a JSON document", data=json.dumps({"audio": [0.1] * 300}).encode(), cause="looks like text")
    raw = b"".join(b"\0" + bytes((x * y) % 256 for x in range(16)) for y in range(16))
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0)) \
        + png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b"")
    case("image.png", U, "a PNG image", data=png, cause="no installed decoder")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(rng.randrange(256)
                                                                                       for _ in range(3000)) + b"\xff\xd9"
    case("image.jpg", "any", "a JPEG image (header and noise)", data=jpeg)
    zpath = os.path.join(OUT, "archive.zip")
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("song.wav", date_time=(2020, 1, 1, 0, 0, 0))
        z.writestr(info, wav(b"\0" * 1000, 1, 1, 8000, 16))
    case("archive.zip", U, "a zip archive holding a WAV", cause="no installed decoder")
    case("archive.gz", U, "gzip data", data=gzip.compress(b"not audio " * 500, mtime=0), cause="no installed decoder")
    case("document.pdf", "any", "the start of a PDF", data=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256)
                                                                                              for _ in range(2000)))
    elf = b"\x7fELF\x02\x01\x01\0" + b"\0" * 8 + le16(2) + le16(62) + le32(1) + b"\0" * 2000
    case("program.elf", U, "an ELF executable header", data=elf, cause="no installed decoder")
    noise = bytearray(rng.randrange(256) for _ in range(16 * 1024))
    noise[0] = 0x13
    case("random_16k.bin", "error:UnsupportedMediaException|error:MediaException", "16 KiB of random bytes",
         data=bytes(noise))
    case("zeros_16k.bin", U, "16 KiB of zero bytes", data=b"\0" * 16384, cause="no installed decoder")
    case("ones_16k.bin", "error:UnsupportedMediaException|error:MediaException", "16 KiB of 0xff bytes",
         data=b"\xff" * 16384)
    case("empty.wav", U, "an empty file", data=b"", cause="the input is empty")
    magic = [("RIFF" + "\0" * 4 + "WAVE", "fake_riff.wav", "WAV"), ("fLaC", "fake_flac.flac", "FLAC"),
             ("OggS", "fake_ogg.ogg", "Ogg"), ("ID3\x04\0\0\0\0\0\x10", "fake_id3.mp3", "ID3"),
             ("\0\0\0\x18ftypM4A ", "fake_ftyp.m4a", "MP4"), (".snd", "fake_au.au", "AU"),
             ("FORM\0\0\0\x10AIFF", "fake_aiff.aiff", "AIFF"), ("\x1aE\xdf\xa3", "fake_mkv.mkv", "Matroska")]
    for head, name, label in magic:
        body = bytes(rng.randrange(256) for _ in range(1000))
        case(name, "error:MediaException|error:UnsupportedMediaException", "a %s signature followed by noise" % label,
             data=head.encode("latin-1") + body)


def png_chunk(kind, body):
    return be32(len(body)) + kind + body + be32(zlib.crc32(kind + body))


def specials():
    E = "error:MediaException"
    case("special_fifo.wav", E, "a named pipe (FIFO)", make="fifo", cause="not a regular file")
    case("special_dir.wav", E, "a directory", make="dir", cause="directory")
    case("special_devzero.wav", E, "/dev/zero", make="devzero", cause="not a regular file")
    case("special_missing.wav", E, "a path that does not exist", make="missing", cause="no such file")


# --- main --------------------------------------------------------------------------------------

def main():
    global OUT, BOMB
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(HERE, "cases"), help="output directory (emptied first)")
    parser.add_argument("--seed", type=int, default=1, help="picks cut points and flipped bytes (default 1)")
    parser.add_argument("--flips", type=int, default=1, help="flipped-byte cases per format (default 1)")
    parser.add_argument("--bomb-kb", type=int, default=BOMB // 1024, help="size of the tag bombs (default 256)")
    args = parser.parse_args()
    BOMB = args.bomb_kb * 1024
    OUT = os.path.abspath(args.out)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        media, src8, src32, values8 = encode_all(work)
        for m in media:
            valid_case(m)
        for m in media:
            truncations(m, rng)
        for m in media:
            flips(m, rng, args.flips)
        lies(values8, media)
        mp3_cases(media, work, rng)
        container_lies(media, work)
        extremes(work, values8)
    non_media(rng)
    specials()
    with open(os.path.join(OUT, "expected.tsv"), "w") as f:
        f.write("# generated by make_hostile.py --seed %d --flips %d --bomb-kb %d; see its docstring for the columns\n"
                % (args.seed, args.flips, args.bomb_kb))
        f.write("name\tflag\texpect\tdetails\twhy\n")
        for row in CASES:
            f.write("\t".join(row) + "\n")
    print("%d cases in %s" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
