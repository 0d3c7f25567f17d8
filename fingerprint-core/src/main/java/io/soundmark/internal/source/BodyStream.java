package io.soundmark.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP body as an {@link InputStream}: one chunk requested at a time (so memory stays bounded
 * whatever the body's size), and a read that waits longer than the read timeout for the next chunk
 * fails instead of hanging.
 */
final class BodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final Duration readTimeout;
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final Deque<ByteBuffer> chunk = new ArrayDeque<>();
    private volatile Flow.Subscription subscription;
    private boolean ended;
    private boolean closed;

    BodyStream(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrivals.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        arrivals.add(throwable);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (chunk.isEmpty() || !chunk.peekFirst().hasRemaining()) {
            if (!chunk.isEmpty()) {
                chunk.removeFirst();
                continue;
            }
            if (ended || !nextChunk()) {
                return -1;
            }
        }
        ByteBuffer buffer = chunk.peekFirst();
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @SuppressWarnings("unchecked")
    private boolean nextChunk() throws IOException {
        Object item;
        try {
            item = arrivals.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (item == null) {
            cancel();
            throw new SocketTimeoutException("no data for " + HttpMediaSourceProvider.seconds(readTimeout));
        }
        if (item == END) {
            ended = true;
            return false;
        }
        if (item instanceof Throwable t) {
            ended = true;
            throw new IOException("the connection failed: " + (t.getMessage() == null ? t : t.getMessage()), t);
        }
        chunk.addAll((List<ByteBuffer>) item);
        subscription.request(1);
        return true;
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void close() {
        closed = true;
        cancel();
        arrivals.clear();
        chunk.clear();
    }
}
