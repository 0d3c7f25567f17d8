package io.soundmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad options, inputs and models give clear exceptions that name the culprit and the cause. */
class ErrorsTest {

    @TempDir
    Path tmp;

    static AudioFingerprinter.Builder demo() {
        return AudioFingerprinter.builder().model(ModelSource.demo());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "segment_duration_sec, 0.99", "segment_duration_sec, 30.01", "segment_duration_sec, NaN",
        "segment_hop_sec, 0.49", "segment_hop_sec, 15.5", "segment_hop_sec, Infinity",
        "max_audio_length_sec, 0.5", "max_audio_length_sec, 600.5",
        "sample_rate, 7999", "sample_rate, 192001", "batch_size, 0", "batch_size, 257"})
    void outOfRangeOptionsNameTheParameterValueAndRange(String parameter, String value) {
        double v = Double.parseDouble(value);
        Consumer<AudioFingerprinter.Builder> set = switch (parameter) {
            case "segment_duration_sec" -> b -> b.segmentDurationSec(v);
            case "segment_hop_sec" -> b -> b.segmentHopSec(v);
            case "max_audio_length_sec" -> b -> b.maxAudioLengthSec(v);
            case "sample_rate" -> b -> b.sampleRate((int) v);
            default -> b -> b.batchSize((int) v);
        };
        AudioFingerprinter.Builder builder = demo();
        set.accept(builder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(parameter + " = "), e.getMessage());
        assertTrue(e.getMessage().contains("allowed"), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        demo().segmentDurationSec(1).segmentHopSec(0.5).maxAudioLengthSec(1).sampleRate(8000).build().close();
        demo().segmentDurationSec(30).segmentHopSec(15).maxAudioLengthSec(600).sampleRate(192000).build().close();
    }

    @Test
    void aForcedDecoderMustBeInstalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> demo().decoder("nope").build());
        assertTrue(e.getMessage().contains("decoder = nope") && e.getMessage().contains("javasound"), e.getMessage());
        demo().decoder("javasound").build().close();
    }

    @Test
    void aForcedDecoderIsUsedWhateverTheContent() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not audio");
        try (AudioFingerprinter f = demo().decoder("javasound").build()) {
            MediaException e = assertThrows(MediaException.class, () -> f.fingerprint(FingerprintInput.audio(text)));
            assertTrue(e.getMessage().contains("Java Sound cannot parse"), e.getMessage());
        }
    }

    @Test
    void aBadDeviceNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> demo().device("tpu").build());
        assertTrue(e.getMessage().contains("tpu"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu", "gpu:0", "gpu:1"})
    void aGpuTheEngineDoesNotHaveIsReportedAsSuch(String device) {
        // the build links pytorch-native-cpu, so libtorch sees no GPU whatever the machine has
        try (AudioFingerprinter f = demo().device(device).build()) {
            ModelException e = assertThrows(ModelException.class,
                    () -> f.fingerprint(FingerprintInput.pcm(new float[48000], 48000, 1)));
            assertTrue(e.getMessage().contains("device " + device + " is not available")
                    && e.getMessage().contains("no GPU"), e.getMessage());
        }
    }

    private MediaException inputFails(FingerprintInput input) {
        try (AudioFingerprinter f = demo().build()) {
            long start = System.nanoTime();
            MediaException e = assertThrows(MediaException.class, () -> f.fingerprint(input));
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "fails within 2 s");
            assertTrue(e.getMessage().startsWith(input.name() + ": "), e.getMessage());
            assertEquals(input.name(), e.input());
            assertFalse(e.getMessage().contains("\n"), "one line");
            return e;
        }
    }

    @Test
    void aMissingFileIsNamed() {
        MediaException e = inputFails(FingerprintInput.audio(tmp.resolve("nope.wav").toString()));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
    }

    @Test
    void aFifoIsRefusedInsteadOfBlockingForEver() throws Exception {
        Path fifo = tmp.resolve("pipe.wav");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertTrue(inputFails(FingerprintInput.audio(fifo)).getMessage().endsWith("not a regular file (a FIFO, socket or device is not read)"));
        assertTrue(inputFails(FingerprintInput.audio("/dev/zero")).getMessage().contains("not a regular file"));
    }

    @Test
    void aZeroLengthReadOfDecodedAudioReturnsAtOnce() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("ok.wav"), 48000, 1, 4800, TestFiles.noise(0.1, 1));
        try (AudioFingerprinter f = demo().build(); DecodedAudio audio = f.openAudio(FingerprintInput.audio(wav))) {
            assertEquals(0, audio.read(new float[16], 3, 0));
            assertEquals(16, audio.read(new float[16], 0, 16));
        }
    }

    @Test
    void aDirectoryIsNotMedia() {
        assertTrue(inputFails(FingerprintInput.audio(tmp)).getMessage().contains("directory"));
    }

    @Test
    void randomBytesAreUnsupported() throws IOException {
        byte[] junk = new byte[50000];
        new Random(1).nextBytes(junk);
        junk[0] = 0x13; // not an accidental MPEG sync word
        Path file = Files.write(tmp.resolve("junk.wav"), junk);
        MediaException e = inputFails(FingerprintInput.audio(file));
        assertTrue(e instanceof UnsupportedMediaException, e.toString());
        assertTrue(e.getMessage().contains("no installed decoder reads this format"), e.getMessage());
    }

    @Test
    void aTextFileIsRecognisedAsText() throws IOException {
        Path file = Files.writeString(tmp.resolve("song.mp3"), "not music at all\n", StandardCharsets.UTF_8);
        assertTrue(inputFails(FingerprintInput.audio(file)).getMessage().contains("looks like text"));
    }

    @Test
    void anEmptyFileSaysSo() throws IOException {
        Path file = Files.write(tmp.resolve("empty.wav"), new byte[0]);
        assertTrue(inputFails(FingerprintInput.audio(file)).getMessage().contains("empty"));
    }

    @Test
    void aFormatWithoutAnInstalledDecoderIsNamed() throws IOException {
        byte[] flac = new byte[4096];
        System.arraycopy("fLaC".getBytes(StandardCharsets.ISO_8859_1), 0, flac, 0, 4);
        Path file = Files.write(tmp.resolve("a.flac"), flac);
        MediaException e = inputFails(FingerprintInput.audio(file));
        assertTrue(e instanceof UnsupportedMediaException);
        assertTrue(e.getMessage().contains("looks like FLAC audio"), e.getMessage());
    }

    @Test
    void aTruncatedHeaderIsACorruptFile() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("ok.wav"), 48000, 1, 4800, TestFiles.noise(0.1, 1));
        Path cut = Files.write(tmp.resolve("cut.wav"), java.util.Arrays.copyOf(Files.readAllBytes(wav), 30));
        assertTrue(inputFails(FingerprintInput.audio(cut)).getMessage().contains("cannot decode"));
    }

    @Test
    void aTruncatedBodyDecodesWhatIsThere() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("ok.wav"), 48000, 1, 48000 * 8, TestFiles.noise(0.1, 1));
        byte[] bytes = Files.readAllBytes(wav);
        Path cut = Files.write(tmp.resolve("cut.wav"), java.util.Arrays.copyOf(bytes, 44 + 2 * 48000 * 6));
        try (AudioFingerprinter f = demo().build()) {
            var records = f.fingerprint(FingerprintInput.audio(cut));
            assertEquals(2, records.size());
            assertEquals(6.0, records.get(1).endTimeSec(), 1e-9);
        }
    }

    @Test
    void schemesWithoutAProviderAreNamed() {
        MediaException e = inputFails(FingerprintInput.audio("s3://my-bucket/spots/jingle.wav"));
        assertTrue(e.getMessage().contains("no installed media source reads \"s3:\""), e.getMessage());
    }

    @Test
    void credentialsAndQueriesAreKeptOutOfMessages() {
        try (AudioFingerprinter f = demo().build()) {
            MediaException e = assertThrows(MediaException.class,
                    () -> f.fingerprint(FingerprintInput.audio("ftp://user:secret@example.com/a.wav?token=abc")));
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            assertFalse(e.getMessage().contains("token"), e.getMessage());
            assertTrue(e.getMessage().startsWith("ftp://example.com/a.wav: "), e.getMessage());
        }
    }

    @Test
    void pcmOutsideTheSupportedRatesIsRejected() {
        MediaException e = inputFails(FingerprintInput.pcm(new float[100], 4000, 1));
        assertTrue(e.getMessage().contains("4000 Hz"));
    }

    @Test
    void aMissingModelFailsWhenBuilding() {
        ModelException e = assertThrows(ModelException.class,
                () -> AudioFingerprinter.builder().model(tmp.resolve("absent.pt")).build());
        assertTrue(e.getMessage().contains("absent.pt") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAModelFailsOnFirstUse() throws IOException {
        Path bogus = Files.writeString(tmp.resolve("bogus.pt"), "not a model");
        Path wav = TestFiles.writeWav16(tmp.resolve("a.wav"), 48000, 1, 48000, TestFiles.noise(0.1, 1));
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(bogus).build()) {
            ModelException e = assertThrows(ModelException.class, () -> f.fingerprint(FingerprintInput.audio(wav)));
            assertTrue(e.getMessage().contains("bogus.pt"), e.getMessage());
        }
    }

    @Test
    void aModelReturningTheWrongShapeIsCaught() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("a.wav"), 48000, 1, 48000, TestFiles.noise(0.1, 1));
        Path model = TestFiles.resource("models/wrong-size.pt");
        // its manifest says 10; claim 512 instead by copying the model without its manifest
        Path copy = Files.copy(model, tmp.resolve("wrong.pt"));
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(copy).build()) {
            ModelException e = assertThrows(ModelException.class, () -> f.fingerprint(FingerprintInput.audio(wav)));
            assertTrue(e.getMessage().startsWith(wav + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("expected (1, 512)"), e.getMessage());
        }
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(model).build()) {
            assertEquals(10, f.fingerprint(FingerprintInput.audio(wav)).get(0).embedding().length);
        }
    }

    @Test
    void nonFiniteVectorsAreCaught() throws IOException {
        Path wav = TestFiles.writeWav16(tmp.resolve("a.wav"), 48000, 1, 48000, TestFiles.noise(0.1, 1));
        try (AudioFingerprinter f = AudioFingerprinter.builder().model(TestFiles.resource("models/nan.pt")).build()) {
            ModelException e = assertThrows(ModelException.class, () -> f.fingerprint(FingerprintInput.audio(wav)));
            assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        }
    }

    @Test
    void aManifestTheFrontEndCannotHonourIsRejected() throws IOException {
        Path model = Files.copy(TestFiles.resource("models/probe.pt"), tmp.resolve("m.pt"));
        Files.writeString(tmp.resolve("m.json"), "{\"id\": \"x\", \"features\": {\"sampling_rate\": 16000, \"frequency_max\": 14000}}");
        ModelException e = assertThrows(ModelException.class, () -> AudioFingerprinter.builder().model(model).build());
        assertTrue(e.getMessage().contains("frequency_max"), e.getMessage());
    }

    @Test
    void aClosedFingerprinterRefusesWork() {
        AudioFingerprinter f = demo().build();
        f.close();
        f.close();
        assertThrows(IllegalStateException.class, () -> f.fingerprint(FingerprintInput.pcm(new float[10], 48000, 1)));
    }
}
