package io.soundmark.io.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.soundmark.AudioFingerprinter;
import io.soundmark.FingerprintInput;
import io.soundmark.MediaException;
import io.soundmark.SegmentEmbedding;
import io.soundmark.TestFiles;
import io.soundmark.io.SourceOptions;
import io.soundmark.model.ModelSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** s3:// inputs against a real S3-compatible server (S3Proxy on a local filesystem) on loopback. */
class S3SourceTest {

    @TempDir
    static Path dir;

    static S3Proxy proxy;
    static BlobStoreContext blobs;
    static Path wav;
    static SourceOptions viaEndpoint;

    @BeforeAll
    static void start() throws Exception {
        Path store = dir.resolve("store");
        java.nio.file.Files.createDirectories(store);
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", store.toString());
        blobs = ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret")
                .ignoreUnknownHeaders(true) // as S3 and most compatible stores do; S3Proxy is strict by default
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        // what a user sets: standard AWS credentials (the SDK reads these properties), and our endpoint
        // override for an S3-compatible store
        System.setProperty("aws.accessKeyId", "test-access");
        System.setProperty("aws.secretAccessKey", "test-secret");
        viaEndpoint = SourceOptions.defaults().withProviderSetting("s3.endpoint", endpoint);

        wav = TestFiles.writeWav16(dir.resolve("jingle.wav"), 48000, 1, 9 * 48000, TestFiles.noise(0.3, 21));
        // S3Proxy predates the SDK's default trailing checksums: upload the classic way
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .region(Region.US_EAST_1).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build()) {
            s3.createBucket(b -> b.bucket("my-bucket"));
            s3.putObject(b -> b.bucket("my-bucket").key("spots/jingle.wav"), RequestBody.fromFile(wav));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
        blobs.close();
    }

    static AudioFingerprinter fingerprinter(SourceOptions options) {
        return AudioFingerprinter.builder().model(ModelSource.demo()).sourceOptions(options).build();
    }

    @Test
    void anObjectGivesTheSameRecordsAsTheFile() {
        try (AudioFingerprinter f = fingerprinter(viaEndpoint)) {
            List<SegmentEmbedding> local = f.fingerprint(FingerprintInput.audio(wav));
            List<SegmentEmbedding> remote = f.fingerprint(FingerprintInput.audio("s3://my-bucket/spots/jingle.wav"));
            assertEquals(local.size(), remote.size());
            for (int i = 0; i < local.size(); i++) {
                assertEquals(local.get(i).startTimeSec(), remote.get(i).startTimeSec());
                assertEquals(local.get(i).endTimeSec(), remote.get(i).endTimeSec());
                assertEquals(local.get(i).totalDurationSec(), remote.get(i).totalDurationSec());
                assertArrayEquals(local.get(i).embedding(), remote.get(i).embedding());
            }
        }
    }

    private static void fails(AudioFingerprinter f, String url, String cause) {
        long start = System.nanoTime();
        MediaException e = assertThrows(MediaException.class, () -> f.fingerprint(FingerprintInput.audio(url)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "fails within its timeout");
        assertTrue(e.getMessage().startsWith(url + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(cause), e.getMessage());
    }

    @Test
    void aMissingKeyOrBucketIsNamed() {
        try (AudioFingerprinter f = fingerprinter(viaEndpoint)) {
            fails(f, "s3://my-bucket/spots/absent.wav", "no such key (S3 HTTP 404)");
            fails(f, "s3://no-such-bucket/a.wav", "(S3 HTTP 404)");
        }
    }

    @Test
    void anObjectLargerThanTheLimitIsRefusedBeforeReading() {
        try (AudioFingerprinter f = fingerprinter(viaEndpoint.withMaxBytes(1000))) {
            fails(f, "s3://my-bucket/spots/jingle.wav", "larger than the download limit of 1000 bytes");
        }
    }

    @Test
    void aLocationWithoutAKeyIsRejected() {
        try (AudioFingerprinter f = fingerprinter(viaEndpoint)) {
            fails(f, "s3://my-bucket", "not an s3://bucket/key location");
        }
    }

    @Test
    void anUnreachableEndpointFailsWithinTheTimeout() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (AudioFingerprinter f = fingerprinter(viaEndpoint.withConnectTimeout(Duration.ofSeconds(1))
                .withProviderSetting("s3.endpoint", "http://127.0.0.1:" + port))) {
            fails(f, "s3://my-bucket/spots/jingle.wav", "connection refused");
        }
    }
}
