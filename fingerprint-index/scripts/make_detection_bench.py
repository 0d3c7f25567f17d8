#!/usr/bin/python3
"""Generates Soundmark's sound-mark detection benchmark, deterministically.

    /usr/bin/python3 fingerprint-index/scripts/make_detection_bench.py [--out DIR] [--seed N]

Needs numpy (Debian's python3-numpy), sox, lame, ffmpeg and espeak-ng (apt-get install sox lame
ffmpeg espeak-ng). Writes, under DIR (default ~/.cache/soundmark/detection-bench):

- marks/NN-KIND.wav: 20 sound marks of 1 to 10 s (mixed lengths): melodic jingles, sound logos
  (a swell and a sweep), percussive stings, bell chimes and spoken ads over a music bed;
- programs/NAME.{wav,mp3,m4a}: 12 programs of 150 s (music-like, speech-like and noise-like) with
  9 marks each spliced in (short crossfades, a gain change of 0 to -6 dB) at offsets that do not
  fall on a 0.25 s grid, and 6 programs without any mark; programs are re-encoded in turn to MP3
  (lame, 128 kb/s) and AAC (ffmpeg, 128 kb/s in M4A) or left as WAV;
- truth.json: for every program its kind, encoding, duration and the marks in it (file name of
  the mark, start and end in seconds).

Every random choice comes from numpy's legacy RandomState with a fixed seed, and the external tools
are run with fixed settings, so the same versions of the tools give the same files.
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import wave

import numpy as np

RATE = 44100
PROGRAM_SEC = 150.0
MARKS_PER_PROGRAM = 9
KINDS = ("music", "speech", "noise")
WORDS = ("the weather today brings sunshine across the valley while rain moves toward the coast "
         "traffic on the main road is slow after an accident near the bridge our next guest has "
         "written three books about gardens and the history of old cities markets opened higher "
         "this morning as investors welcomed news from the central bank in sport the home team "
         "won again after a late goal and fans celebrated long into the night tickets for the "
         "summer festival go on sale next week with music theatre and food from twenty countries").split()
VOICES = ("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-us+f3", "en-gb+f2", "en-us+m5")


def write_wav(path, x, rate=RATE):
    y = np.clip(x, -1.0, 1.0)
    pcm = np.round(y * 32767.0).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def read_wav(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def envelope(n, attack, release):
    e = np.ones(n)
    a = max(1, min(n, int(attack * RATE)))
    r = max(1, min(n - a, int(release * RATE)))
    e[:a] = np.linspace(0, 1, a)
    e[n - r:] *= np.exp(-np.linspace(0, 5, r))
    return e


def tone(freq, seconds, harmonics, attack=0.01, release=0.2, vibrato=0.0):
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    phase = 2 * np.pi * freq * t + vibrato * np.sin(2 * np.pi * 5.5 * t)
    x = sum(a * np.sin((k + 1) * phase) for k, a in enumerate(harmonics))
    return x * envelope(n, attack, release)


def midi(note):
    return 440.0 * 2 ** ((note - 69) / 12.0)


def place(out, x, start):
    i = int(start * RATE)
    j = min(len(out), i + len(x))
    if j > i:
        out[i:j] += x[:j - i]


def reverb(x, rs, seconds=0.6, wet=0.25):
    n = int(seconds * RATE)
    ir = rs.randn(n) * np.exp(-np.linspace(0, 6, n))
    ir /= np.sqrt(np.sum(ir ** 2))
    size = 1 << int(np.ceil(np.log2(len(x) + n)))
    y = np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(ir, size), size)[:len(x)]
    return (1 - wet) * x + wet * y


def normalise(x, peak=0.8):
    m = np.max(np.abs(x))
    return x * (peak / m) if m > 0 else x


def drums(seconds, bpm, rs):
    out = np.zeros(int(seconds * RATE))
    beat = 60.0 / bpm
    kick_n = int(0.25 * RATE)
    kt = np.arange(kick_n) / RATE
    kick = np.sin(2 * np.pi * (50 + 100 * np.exp(-kt * 30)) * kt) * np.exp(-kt * 12)
    snare = rs.randn(int(0.18 * RATE)) * np.exp(-np.arange(int(0.18 * RATE)) / RATE * 25) * 0.5
    hat = np.diff(rs.randn(int(0.05 * RATE) + 1)) * np.exp(-np.arange(int(0.05 * RATE)) / RATE * 80) * 0.15
    pattern = rs.randint(0, 3)
    for b in range(int(seconds / beat)):
        t = b * beat
        if b % 4 in ((0, 2), (0, 3), (0,))[pattern] or (pattern == 2 and b % 8 == 5):
            place(out, kick, t)
        if b % 4 in (1, 3):
            place(out, snare, t)
        place(out, hat, t + beat / 2)
        if pattern == 1:
            place(out, hat * 0.6, t)
    return out


def music(seconds, rs):
    """Chords, bass, melody and drums in a random key, tempo and timbre."""
    bpm = rs.uniform(80, 140)
    beat = 60.0 / bpm
    key = rs.randint(48, 60)
    scale = np.array([0, 2, 4, 5, 7, 9, 11])
    timbre = rs.dirichlet(np.ones(6)) * 0.6
    lead = rs.dirichlet(np.ones(4)) * 0.5
    out = np.zeros(int(seconds * RATE))
    t = 0.0
    while t < seconds:
        degree = rs.choice([0, 3, 4, 5, 1])
        bar = 4 * beat
        for k in (0, 2, 4):
            note = key + scale[(degree + k) % 7] + 12 * ((degree + k) // 7)
            place(out, 0.12 * tone(midi(note), bar, timbre, attack=0.05, release=0.3), t)
        place(out, 0.25 * tone(midi(key - 12 + scale[degree]), bar, [1, 0.3, 0.1], release=0.1), t)
        m = t
        while m < t + bar:
            d = beat * rs.choice([0.5, 1, 1, 2])
            note = key + 12 + scale[rs.randint(0, 7)]
            place(out, 0.18 * tone(midi(note), d, lead, attack=0.01, release=d * 0.5, vibrato=0.002), m)
            m += d
        t += bar
    out += 0.6 * drums(seconds, bpm, rs)
    return normalise(reverb(out, rs), rs.uniform(0.5, 0.9))


def speech(seconds, rs, tmp):
    """Sentences by espeak-ng in several voices and speeds, with pauses."""
    out = np.zeros(int(seconds * RATE))
    t = rs.uniform(0, 0.5)
    k = 0
    while t < seconds:
        words = " ".join(rs.choice(WORDS, rs.randint(6, 16)))
        path = os.path.join(tmp, f"s{k}.wav")
        raw = path + ".raw.wav"
        run("espeak-ng", "-v", VOICES[rs.randint(0, len(VOICES))], "-s", str(rs.randint(140, 190)),
            "-p", str(rs.randint(30, 70)), "-w", raw, words)
        run("sox", raw, "-r", str(RATE), "-b", "16", "-c", "1", path)
        x = read_wav(path) * rs.uniform(0.5, 1.0)
        place(out, x, t)
        t += len(x) / RATE + rs.uniform(0.2, 1.2)
        k += 1
    return normalise(out, rs.uniform(0.5, 0.9))


def coloured_noise(n, rs, exponent):
    spectrum = np.fft.rfft(rs.randn(n))
    f = np.maximum(np.fft.rfftfreq(n, 1 / RATE), 20.0)
    x = np.fft.irfft(spectrum / f ** (exponent / 2), n)
    return x / np.max(np.abs(x))


def noise(seconds, rs, tmp):
    """Coloured noise with a slowly moving level, some crackle, and distant babble."""
    n = int(seconds * RATE)
    x = coloured_noise(n, rs, rs.uniform(0.5, 2.0))
    level = 0.6 + 0.4 * np.sin(2 * np.pi * np.arange(n) / RATE / rs.uniform(5, 20) + rs.uniform(0, 6))
    x = x * level
    crackle = (rs.rand(n) < 0.0005) * rs.randn(n) * 0.5
    babble = speech(seconds, rs, tmp) * 0.15
    return normalise(x + crackle + babble, rs.uniform(0.4, 0.8))


def mark(kind, seconds, rs, tmp):
    n = int(seconds * RATE)
    if kind == "jingle":
        key = rs.randint(60, 72)
        timbre = rs.dirichlet(np.ones(5))
        out = np.zeros(n)
        t = 0.0
        while t < seconds:
            d = min(seconds - t, rs.choice([0.125, 0.25, 0.25, 0.5]))
            note = key + rs.choice([0, 2, 4, 7, 9, 12])
            place(out, 0.5 * tone(midi(note), d, timbre, release=d * 0.4), t)
            place(out, 0.2 * tone(midi(note - 12), d, [1, 0.5], release=d * 0.4), t)
            t += d
    elif kind == "logo":
        t = np.arange(n) / RATE
        f0 = rs.uniform(200, 400)
        sweep = np.sin(2 * np.pi * np.cumsum(f0 * 2 ** (3 * t / seconds)) / RATE) * 0.3
        out = sweep * np.linspace(0.2, 1, n)
        for k, semis in enumerate((0, 4, 7, 12)):
            place(out, 0.15 * tone(midi(rs.randint(55, 62) + semis), seconds - k * seconds / 8, [1, 0.5, 0.25],
                                   attack=seconds / 4, release=0.3), k * seconds / 8)
    elif kind == "sting":
        out = 0.7 * drums(seconds, rs.uniform(120, 180), rs)
        out[:] += 0.3 * tone(midi(rs.randint(40, 52)), seconds, [1, 0.6, 0.4, 0.3], release=0.5)[:n]
    elif kind == "chime":
        out = np.zeros(n)
        t = 0.0
        partials = [1, 0, 0.5, 0, 0.3, 0.2]
        while t < seconds:
            note = rs.randint(72, 90)
            place(out, 0.4 * tone(midi(note), min(1.5, seconds - t), partials, attack=0.002, release=1.2), t)
            t += rs.choice([0.2, 0.3, 0.45])
    else:  # an ad: a spoken line over a music bed
        bed = 0.4 * music(seconds, rs)
        out = bed + 0.8 * speech(seconds, rs, tmp)
    out = reverb(out[:n], rs, seconds=0.3, wet=0.15)
    fade = int(0.01 * RATE)
    out[:fade] *= np.linspace(0, 1, fade)
    out[-fade:] *= np.linspace(1, 0, fade)
    return normalise(out, 0.8)


def splice(program, x, start, gain_db):
    """Replaces the program by the mark from start, with 10 ms crossfades at both ends."""
    i = int(round(start * RATE))
    n = len(x)
    fade = int(0.01 * RATE)
    w = np.ones(n)
    w[:fade] = np.linspace(0, 1, fade)
    w[-fade:] = np.linspace(1, 0, fade)
    program[i:i + n] = program[i:i + n] * (1 - w) + x * w * 10 ** (gain_db / 20)


def offsets(rs, lengths, total):
    """Start times, in order, with gaps of at least 3 s, off a 0.25 s grid (0.04-0.21 s past a step)."""
    free = total - 2.0 - np.sum(lengths) - 3.5 * len(lengths)
    gaps = 3.5 + free * rs.dirichlet(np.ones(len(lengths) + 1))[:-1]
    starts = 1.0 + np.cumsum(gaps) - gaps[0] + np.concatenate(([0.0], np.cumsum(lengths)[:-1]))
    starts = np.floor(starts / 0.25) * 0.25 + rs.uniform(0.04, 0.21, len(lengths))
    return np.round(starts, 3)


def encode(wav, base, encoding):
    if encoding == "wav":
        shutil.copy(wav, base + ".wav")
        return base + ".wav"
    if encoding == "mp3":
        run("lame", "--quiet", "-b", "128", wav, base + ".mp3")
        return base + ".mp3"
    run("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav, "-c:a", "aac", "-b:a", "128k",
        "-fflags", "+bitexact", "-map_metadata", "-1", base + ".m4a")
    return base + ".m4a"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/soundmark/detection-bench"))
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    for tool in ("sox", "lame", "ffmpeg", "espeak-ng"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install sox lame ffmpeg espeak-ng")
    os.makedirs(os.path.join(args.out, "marks"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "programs"), exist_ok=True)
    rs = np.random.RandomState(args.seed)
    mark_kinds = ("jingle", "logo", "sting", "chime", "ad")
    lengths = np.round(np.linspace(1.0, 10.0, 20), 1)
    rs.shuffle(lengths)
    truth = {"sample_rate": RATE, "marks": [], "programs": []}
    audio = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, length in enumerate(lengths):
            kind = mark_kinds[i % len(mark_kinds)]
            name = f"{i + 1:02d}-{kind}.wav"
            x = mark(kind, float(length), np.random.RandomState(args.seed * 1000 + i), tmp)
            write_wav(os.path.join(args.out, "marks", name), x)
            audio[name] = x
            truth["marks"].append({"file": name, "kind": kind, "length_sec": float(length)})
        names = [m["file"] for m in truth["marks"]]
        encodings = ("wav", "mp3", "aac")
        plan = [(k, True) for k in KINDS for _ in range(4)] + [(k, False) for k in KINDS for _ in range(2)]
        for p, (kind, marked) in enumerate(plan):
            prs = np.random.RandomState(args.seed * 7919 + p)
            base = {"music": music, "speech": speech, "noise": noise}[kind]
            x = base(PROGRAM_SEC, prs) if kind == "music" else base(PROGRAM_SEC, prs, tmp)
            inserted = []
            if marked:
                chosen = [names[(p * MARKS_PER_PROGRAM + k) % len(names)] for k in range(MARKS_PER_PROGRAM)]
                prs.shuffle(chosen)
                starts = offsets(prs, np.array([len(audio[c]) / RATE for c in chosen]), PROGRAM_SEC)
                for c, s in zip(chosen, starts):
                    splice(x, audio[c], s, prs.uniform(-6, 0))
                    inserted.append({"mark": c, "start_sec": float(s), "end_sec": round(float(s) + len(audio[c]) / RATE, 4)})
            encoding = encodings[p % 3]
            name = f"{p + 1:02d}-{kind}-{'marked' if marked else 'clean'}"
            wav = os.path.join(tmp, name + ".wav")
            write_wav(wav, x)
            path = encode(wav, os.path.join(args.out, "programs", name), encoding)
            truth["programs"].append({"file": os.path.basename(path), "kind": kind, "encoding": encoding,
                                      "duration_sec": PROGRAM_SEC, "marks": inserted})
            print(f"{os.path.basename(path)}: {len(inserted)} marks", flush=True)
    with open(os.path.join(args.out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    total = sum(len(p["marks"]) for p in truth["programs"])
    print(f"wrote {len(names)} marks, {len(plan)} programs, {total} inserted marks under {args.out}")


if __name__ == "__main__":
    main()
