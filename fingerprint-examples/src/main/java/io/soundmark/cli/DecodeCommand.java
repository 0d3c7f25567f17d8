package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.SoundmarkException;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code soundmark decode}: writes the audio the fingerprints are computed from, to listen to or check. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Write the mono PCM that 'embed' fingerprints (decoded, downmixed, resampled, truncated)",
                "as a 32-bit float WAV file."})
final class DecodeCommand implements Callable<Integer> {

    @Mixin
    InputOptions options;

    @Option(names = "--output", paramLabel = "FILE.wav", required = true,
            description = "The WAV file to write (atomically: complete or not at all).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // the model is never loaded: only its manifest's settings are read
        try (AudioFingerprinter fingerprinter = options.builder().model(ModelSource.demo()).build();
             DecodedAudio audio = fingerprinter.openAudio(options.fingerprintInput())) {
            AtomicFile.write(output, temporary -> {
                try (FloatWavWriter wav = new FloatWavWriter(temporary, audio.sampleRate())) {
                    float[] buffer = new float[1 << 14];
                    for (int n; (n = audio.read(buffer, 0, buffer.length)) > 0; ) {
                        wav.write(buffer, n);
                    }
                }
            });
            return 0;
        } catch (IllegalArgumentException | SoundmarkException | IOException | UncheckedIOException e) {
            return Failures.report(err, e, options.verbose);
        }
    }
}
