package dev.streamflow.protocol.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange under two deadlines, the response headers and the whole body, with the body bounded in
 * size. Any transport failure is a {@link FailureKind#RETRYABLE} {@link OrchestratorException} naming the call,
 * the phase and the cause.
 */
final class BoundedExchange {
    private final HttpClient client;
    private final String call;
    private final ClientLimits limits;
    private final AtomicReference<BoundedBody> body = new AtomicReference<>();
    private final CompletableFuture<Integer> headers = new CompletableFuture<>();

    BoundedExchange(HttpClient client, String call, ClientLimits limits) {
        this.client = client;
        this.call = call;
        this.limits = limits;
    }

    /** The status and body of a response; for a non-200 status the body is the start of the error text. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8).strip();
        }
    }

    Answer run(HttpRequest request, String what, long limit, Duration headerTimeout, Duration totalTimeout)
            throws OrchestratorException {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, info -> subscriber(info, what, limit));
        try {
            CompletableFuture.anyOf(headers, response).get(headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw abort(response, "no response headers within " + headerTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), "before the response headers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(response, "interrupted");
        }
        try {
            long left = totalTimeout.toNanos() - (System.nanoTime() - start);
            HttpResponse<byte[]> done = response.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return new Answer(done.statusCode(), done.body());
        } catch (TimeoutException e) {
            throw abort(response, "HTTP " + headers.getNow(0) + " but " + what + " was not complete within "
                    + totalTimeout.toMillis() + " ms of the request");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), "while reading " + what + " after HTTP " + headers.getNow(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(response, "interrupted");
        }
    }

    private HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info, String what, long limit) {
        BoundedBody subscriber = info.statusCode() == 200
                ? BoundedBody.strict(what, limit).checkDeclaredLength(info)
                : BoundedBody.truncating("the error text", limits.maxErrorTextBytes());
        body.set(subscriber);
        headers.complete(info.statusCode());
        return subscriber;
    }

    private OrchestratorException abort(CompletableFuture<?> response, String reason) {
        OrchestratorException failure = new OrchestratorException(FailureKind.RETRYABLE, call + ": " + reason);
        BoundedBody subscriber = body.get();
        if (subscriber != null) {
            subscriber.abort(failure);
        }
        response.cancel(true);
        return failure;
    }

    private OrchestratorException failure(Throwable cause, String phase) {
        return new OrchestratorException(FailureKind.RETRYABLE, call + ": " + describe(cause) + " " + phase, cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof BoundedBody.TooLargeException) {
            return cause.getMessage();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect in time (" + reason(cause) + ")";
        }
        if (cause instanceof ConnectException) {
            return "could not connect (" + reason(cause) + ")";
        }
        if (cause instanceof IOException) {
            return "the connection failed (" + cause.getClass().getSimpleName() + ": " + reason(cause) + ")";
        }
        return "the request failed (" + cause + ")";
    }

    private static String reason(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
