package io.soundmark.io.s3;

import io.soundmark.io.LimitedInputStream;
import io.soundmark.io.MediaSource;
import io.soundmark.io.MediaSourceProvider;
import io.soundmark.internal.Settings;
import io.soundmark.io.SourceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens {@code s3://bucket/key} with the AWS SDK for Java v2: the default credential and region
 * chains, the JDK-based HTTP client with the source options' timeouts, and no automatic retries
 * (so every failure comes within its timeout). The object's size is checked against the download
 * limit with a HEAD request before any byte is read; the body is streamed and counted.
 *
 * <p>S3-compatible stores (MinIO, Ceph, Cloudflare R2) are reached with an endpoint override and
 * path-style access, from the provider settings {@code s3.endpoint} and {@code s3.pathStyle} of
 * the {@link SourceOptions} ({@code SourceOptions.withProviderSetting("s3.endpoint", url)}), else
 * the host's system properties {@code soundmark.s3.endpoint} / {@code soundmark.s3.pathStyle},
 * else the environment variables {@code SOUNDMARK_S3_ENDPOINT} / {@code SOUNDMARK_S3_PATH_STYLE}
 * (path style defaults to true with an endpoint override). The SDK's own
 * {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL} work too. Without a configured region, an
 * endpoint override uses {@code us-east-1}.
 */
public final class S3MediaSourceProvider implements MediaSourceProvider {

    private static final Map<String, S3Client> CLIENTS = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public MediaSource open(URI uri, SourceOptions options) throws IOException {
        String bucket = uri.getAuthority();
        String key = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (bucket == null || bucket.isEmpty() || key.isEmpty()) {
            throw new IOException("not an s3://bucket/key location");
        }
        S3Client s3;
        try {
            s3 = client(options);
        } catch (SdkClientException e) {
            throw new IOException("no AWS region configured: set AWS_REGION, or soundmark.s3.endpoint for an "
                    + "S3-compatible store", e);
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw describe(e);
        }
        long size = head.contentLength() == null ? -1 : head.contentLength();
        if (size > options.maxBytes()) {
            throw new IOException("object size " + size + " is larger than the download limit of " + options.maxBytes()
                    + " bytes");
        }
        return new MediaSource() {
            @Override
            public String name() {
                return "s3://" + bucket + "/" + key;
            }

            @Override
            public InputStream openStream() throws IOException {
                try {
                    return new LimitedInputStream(s3.getObject(b -> b.bucket(bucket).key(key)), options.maxBytes());
                } catch (SdkException e) {
                    throw describe(e);
                }
            }

            @Override
            public OptionalLong size() {
                return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
            }
        };
    }

    private static IOException describe(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String what = switch (s3.statusCode()) {
                case 404 -> "NoSuchBucket".equals(code) ? "no such bucket" : "no such key";
                case 403 -> "access denied";
                case 301, 307 -> "the bucket is in another region";
                default -> code != null ? code : "error";
            };
            return new IOException(what + " (S3 HTTP " + s3.statusCode() + ")", e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            return new IOException("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                    + "or a profile in ~/.aws", e);
        }
        if (e instanceof SdkClientException && e.getCause() != null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String cause = root instanceof java.net.ConnectException ? "connection refused"
                    : root instanceof java.net.SocketTimeoutException ? "timed out"
                    : root.getMessage() != null ? root.getMessage() : root.toString();
            return new IOException(cause, e);
        }
        return new IOException(e.getMessage(), e);
    }

    private static S3Client client(SourceOptions options) {
        Optional<String> endpoint = setting(options, "s3.endpoint", "SOUNDMARK_S3_ENDPOINT");
        boolean pathStyle = setting(options, "s3.pathStyle", "SOUNDMARK_S3_PATH_STYLE").map(Boolean::parseBoolean)
                .orElse(endpoint.isPresent());
        String cacheKey = endpoint.orElse("") + "|" + pathStyle + "|" + options.connectTimeout() + "|" + options.readTimeout();
        return CLIENTS.computeIfAbsent(cacheKey, k -> {
            S3ClientBuilder builder = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(options.connectTimeout())
                            .socketTimeout(options.readTimeout()))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .forcePathStyle(pathStyle);
            endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e))
                    // many S3-compatible stores reject the checksum-mode header of newer SDKs (HTTP 501)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
            region(endpoint.isPresent()).ifPresent(builder::region);
            return builder.build();
        });
    }

    /** The default chain's region; with an endpoint override and no region configured, us-east-1. */
    private static Optional<Region> region(boolean endpointOverride) {
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkClientException none) {
            return endpointOverride ? Optional.of(Region.US_EAST_1) : Optional.empty();
        }
    }

    /** The options' provider setting {@code key}, else the property {@code soundmark.KEY}, else {@code env}. */
    private static Optional<String> setting(SourceOptions options, String key, String env) {
        return options.providerSetting(key).or(() -> Optional.ofNullable(Settings.read("soundmark." + key, env)));
    }
}
