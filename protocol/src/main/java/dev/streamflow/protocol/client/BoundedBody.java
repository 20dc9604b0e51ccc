package dev.streamflow.protocol.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body of at most {@code limit} bytes. Past the limit it either fails (a result we
 * must have whole) or keeps the first {@code limit} bytes (an error text we only show). {@link #abort} ends
 * the exchange from outside, e.g. when a deadline passes.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final String what;
    private final long limit;
    private final boolean truncate;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private BoundedBody(String what, long limit, boolean truncate) {
        this.what = what;
        this.limit = limit;
        this.truncate = truncate;
    }

    /** Fails with {@link TooLargeException} once the body passes {@code limit}. */
    static BoundedBody strict(String what, long limit) {
        return new BoundedBody(what, limit, false);
    }

    /** Keeps the first {@code limit} bytes and drops the rest. */
    static BoundedBody truncating(String what, long limit) {
        return new BoundedBody(what, limit, true);
    }

    /** Refuses at once a body whose declared length is already over the limit. */
    BoundedBody checkDeclaredLength(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        if (!truncate && declared > limit) {
            abort(new TooLargeException(what + " declares " + declared + " bytes, over the limit of " + limit));
        }
        return this;
    }

    void abort(Throwable reason) {
        result.completeExceptionally(reason);
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int room = (int) Math.min(Integer.MAX_VALUE, limit - bytes.size());
            if (buffer.remaining() > room) {
                overflow(buffer, room);
                return;
            }
            append(buffer, buffer.remaining());
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private void overflow(ByteBuffer buffer, int room) {
        if (truncate) {
            append(buffer, room);
            result.complete(bytes.toByteArray());
            subscription.cancel();
        } else {
            abort(new TooLargeException(what + " is over the limit of " + limit + " bytes"));
        }
    }

    private void append(ByteBuffer buffer, int count) {
        byte[] chunk = new byte[count];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
    }

    /** A response body longer than its limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }
}
