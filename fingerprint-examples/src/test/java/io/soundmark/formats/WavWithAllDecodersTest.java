package io.soundmark.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.soundmark.AudioFingerprinter;
import io.soundmark.DecodedAudio;
import io.soundmark.FingerprintInput;
import io.soundmark.TestFiles;
import io.soundmark.model.ModelSource;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The core's WAV/AIFF/AU fixtures decode exactly as sox does with every decoder module on the class
 * path: the MP3 and FLAC modules bring Java Sound plug-ins of their own, which must not take over.
 */
class WavWithAllDecodersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pcm_u8.wav, 44100, 2", "pcm_s16.wav, 44100, 2", "pcm_s24.wav, 44100, 2", "pcm_s32.wav, 44100, 2",
            "float32.wav, 44100, 2", "float64.wav, 44100, 2", "extensible_s24.wav, 44100, 2",
            "six_channels.wav, 44100, 6", "aiff_s16.aiff, 44100, 2", "au_ulaw.au, 44100, 2"})
    void decodesLikeSox(String name, int rate, int channels) {
        byte[] media = TestFiles.resourceBytes("audio/" + name);
        float[] reference = TestFiles.readF32(TestFiles.resourceBytes("audio/" + name.replaceFirst("\\.[a-z]+$", ".f32")));
        float[] mono = new float[reference.length / channels];
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += reference[i * channels + c];
            }
            mono[i] = (float) (sum / channels);
        }
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(ModelSource.demo()).sampleRate(rate).build();
             DecodedAudio audio = f.openAudio(FingerprintInput.audio(new ByteArrayInputStream(media), null))) {
            float[] got = new float[mono.length + 10];
            int size = 0;
            for (int n; (n = audio.read(got, size, got.length - size)) > 0; ) {
                size += n;
            }
            assertEquals(mono.length, size, name + ": samples");
            for (int i = 0; i < size; i++) {
                assertEquals(mono[i], got[i], 1e-6, name + " sample " + i);
            }
        }
    }
}
