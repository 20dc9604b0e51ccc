package dev.streamflow.bridge.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/** Reads a request body of at most {@code maxBytes} within {@code timeout}; a stalled read ends at the connector's idle timeout. */
final class BoundedReader {
    private static final int CHUNK = 64 << 10;

    private BoundedReader() {
    }

    static byte[] read(InputStream in, long declaredLength, long maxBytes, Duration timeout) throws Refusal, IOException {
        if (declaredLength > maxBytes) {
            throw new Refusal(413, "segment of " + declaredLength + " bytes is over the limit of " + maxBytes);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : CHUNK);
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (body.size() + (long) n > maxBytes) {
                throw new Refusal(413, "segment is over the limit of " + maxBytes + " bytes");
            }
            body.write(chunk, 0, n);
            if (System.nanoTime() - deadline > 0) {
                throw new Refusal(408, "segment body took longer than " + timeout.toMillis() + " ms to arrive");
            }
        }
        return body.toByteArray();
    }

    /** Reads and drops what is left of a refused request, so the refusal reaches a client that is still sending. */
    static void drain(InputStream in, long maxBytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        try {
            int n;
            while ((n = in.read(chunk)) >= 0 && (total += n) <= maxBytes && System.nanoTime() - deadline < 0) {
                // dropped
            }
        } catch (IOException e) {
            // the client went away; the refusal goes nowhere either way
        }
    }
}
