package io.soundmark.cli;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.model.ModelSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soundmark decode}: writes the audio the fingerprints are computed from, to listen to or check. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Write the mono PCM that 'embed' fingerprints from one input (decoded, downmixed, resampled,",
                "truncated) as a 32-bit float WAV file."})
final class DecodeCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    InputOptions.OneInput input;

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
        try (AudioFingerprinter fingerprinter = options.builder(err).model(ModelSource.demo()).build();
             DecodedAudio audio = fingerprinter.openAudio(input.toInput())) {
            AtomicFile.write(output, temporary -> {
                try (FloatWavWriter wav = new FloatWavWriter(temporary, audio.sampleRate())) {
                    float[] buffer = new float[1 << 14];
                    for (int n; (n = audio.read(buffer, 0, buffer.length)) > 0; ) {
                        wav.write(buffer, n);
                    }
                }
            });
            return 0;
        } catch (RuntimeException e) {
            return Failures.report(err, e, options.verbose);
        }
    }
}
