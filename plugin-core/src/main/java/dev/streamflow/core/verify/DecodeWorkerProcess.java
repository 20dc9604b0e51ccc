package dev.streamflow.core.verify;

import dev.streamflow.core.verify.decode.DecodeReply;
import dev.streamflow.core.verify.decode.DecodeRequest;
import dev.streamflow.core.verify.decode.DecodeWorkerMain;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running decode worker ({@link DecodeWorkerMain}), used by one check at a time. A call that outlives its
 * timeout kills the process; a worker that died is not used again.
 */
final class DecodeWorkerProcess implements AutoCloseable {
    private static final int STDERR_TAIL = 1000;

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream replies;
    private final StringBuilder stderrTail = new StringBuilder();
    private volatile boolean dead;
    private volatile boolean closing;

    private DecodeWorkerProcess(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.replies = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 20));
        Thread drain = new Thread(() -> keepTail(process.getErrorStream()), "streamflow-decode-worker-stderr-" + process.pid());
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts a worker and waits until it has loaded FFmpeg and said so. */
    static DecodeWorkerProcess start(DeepCheckSettings settings, ScheduledExecutorService watchdog) throws DeepCheckException {
        Process process;
        try {
            process = WorkerLaunch.command(settings.memoryLimitBytes()).start();
        } catch (IOException | RuntimeException e) {
            throw new DeepCheckException("cannot start the decode worker: " + e.getMessage(), false);
        }
        DecodeWorkerProcess worker = new DecodeWorkerProcess(process);
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> worker.kill(late), settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            DecodeReply.awaitHandshake(worker.replies);
            return worker;
        } catch (IOException e) {
            worker.close();
            throw new DeepCheckException("the decode worker did not start" + (late.get() ? " within " + settings.startupTimeout().toSeconds()
                    + " s" : "") + ": " + worker.exitDescription(), false);
        } finally {
            kill.cancel(false);
        }
    }

    /** Sends one request and waits for its reply, killing the worker if it takes longer than {@code timeout}. */
    DecodeReply call(DecodeRequest request, Duration timeout, ScheduledExecutorService watchdog) throws DeepCheckException {
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean sourceDecoded = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> kill(timedOut), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            request.write(requests);
            requests.flush();
            return DecodeReply.read(replies, request, () -> sourceDecoded.set(true));
        } catch (IOException e) {
            dead = true;
            process.destroyForcibly();
            if (closing) {
                return DecodeReply.failed(DecodeReply.Outcome.ERROR, "the decode worker was stopped: Streamflow is closing");
            }
            if (timedOut.get()) {
                return failed("decoding took longer than " + timeout.toMillis() + " ms; the decoder was killed", sourceDecoded.get());
            }
            return failed("the decoder " + exitDescription(), sourceDecoded.get());
        } finally {
            kill.cancel(false);
        }
    }

    /** A worker lost while decoding a rendition is the rendition's doing; while decoding the source, it is not. */
    private DecodeReply failed(String message, boolean sourceDecoded) {
        return sourceDecoded ? DecodeReply.failed(DecodeReply.Outcome.RENDITION_FAULT, message)
                : DecodeReply.failed(DecodeReply.Outcome.ERROR, message + " while decoding the source");
    }

    boolean usable() {
        return !dead && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    private void kill(AtomicBoolean flag) {
        flag.set(true);
        dead = true;
        process.destroyForcibly();
    }

    private String exitDescription() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return "exited with " + process.exitValue() + tail();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "stopped answering" + tail();
    }

    private String tail() {
        synchronized (stderrTail) {
            String text = stderrTail.toString().strip();
            return text.isEmpty() ? "" : ": " + text;
        }
    }

    private void keepTail(InputStream stderr) {
        byte[] buffer = new byte[4096];
        try (stderr) {
            for (int n; (n = stderr.read(buffer)) > 0; ) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException ignored) {
            // the worker is gone; the tail read so far is kept
        }
    }

    @Override
    public void close() {
        closing = true;
        dead = true;
        try {
            requests.close(); // end of input: the worker exits on its own
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
