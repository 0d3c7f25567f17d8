package io.soundmark.internal.source;

import io.soundmark.io.DisplayUri;
import io.soundmark.io.LimitedInputStream;
import io.soundmark.io.MediaSource;
import io.soundmark.io.MediaSourceProvider;
import io.soundmark.io.SourceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLException;

/**
 * Opens {@code http:} and {@code https:} URLs with the JDK's {@link HttpClient}. The request is made
 * when the source is opened, so that a 404 or a refused connection fails before any decoding; the
 * body is then streamed into the decoder as it arrives, with back-pressure (one chunk in flight),
 * the read timeout applied between chunks and the size limit counted. Redirects are followed by
 * hand: at most {@link SourceOptions#maxRedirects()}, to http or https only, never from https down
 * to http.
 */
public final class HttpMediaSourceProvider implements MediaSourceProvider {

    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public MediaSource open(URI uri, SourceOptions options) throws IOException {
        HttpClient client = CLIENTS.computeIfAbsent(options.connectTimeout(), timeout -> HttpClient.newBuilder()
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build());
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(client, current, options);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                drain(response);
                if (redirects == options.maxRedirects()) {
                    throw new IOException("more than " + options.maxRedirects() + " redirects");
                }
                URI next = current.resolve(response.headers().firstValue("Location").get());
                checkRedirect(current, next);
                current = next;
                continue;
            }
            if (status != 200) {
                drain(response);
                throw new IOException("HTTP " + status + (current.equals(uri) ? "" : " from " + DisplayUri.of(current)));
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > options.maxBytes()) {
                drain(response);
                throw new IOException("Content-Length " + length.getAsLong() + " is larger than the download limit of "
                        + options.maxBytes() + " bytes");
            }
            return new HttpMediaSource(uri, response, length, options);
        }
    }

    private static HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(HttpClient client, URI uri, SourceOptions options)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.readTimeout()).GET()
                .header("Accept-Encoding", "identity").build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException e) {
            throw new IOException("no connection within " + seconds(options.connectTimeout()), e);
        } catch (HttpTimeoutException e) {
            throw new IOException("no response within " + seconds(options.readTimeout()), e);
        } catch (ConnectException e) {
            throw new IOException("connection refused", e);
        } catch (UnknownHostException e) {
            throw new IOException("unknown host " + uri.getHost(), e);
        } catch (SSLException e) {
            throw new IOException("TLS failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void checkRedirect(URI from, URI to) throws IOException {
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("redirect to " + DisplayUri.of(to) + " refused: only http and https are followed");
        }
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new IOException("redirect from https down to " + DisplayUri.of(to) + " refused");
        }
    }

    /** Discards a response body that is not wanted (an error page, a redirect). */
    private static void drain(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** A fetched response whose body is read once; reading again makes a new request. */
    private final class HttpMediaSource implements MediaSource {
        private final URI uri;
        private final SourceOptions options;
        private final OptionalLong length;
        private HttpResponse<Flow.Publisher<List<ByteBuffer>>> pending;

        HttpMediaSource(URI uri, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, OptionalLong length,
                        SourceOptions options) {
            this.uri = uri;
            this.pending = response;
            this.length = length;
            this.options = options;
        }

        @Override
        public String name() {
            return DisplayUri.of(uri);
        }

        @Override
        public synchronized InputStream openStream() throws IOException {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = pending;
            pending = null;
            if (response == null) {
                return HttpMediaSourceProvider.this.open(uri, options).openStream();
            }
            BodyStream body = new BodyStream(options.readTimeout());
            response.body().subscribe(body);
            return new LimitedInputStream(body, options.maxBytes());
        }

        @Override
        public OptionalLong size() {
            return length;
        }
    }
}
