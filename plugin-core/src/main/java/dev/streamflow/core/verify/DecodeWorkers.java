package dev.streamflow.core.verify;

import dev.streamflow.core.verify.decode.DecodeReply;
import dev.streamflow.core.verify.decode.DecodeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Up to {@link DeepCheckSettings#workers()} decode workers, started when first needed (or by {@link #warmUp()}),
 * kept between checks, and replaced when one dies or is killed at its timeout.
 */
final class DecodeWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DecodeWorkers.class);
    private static final Duration RETRY_START_AFTER = Duration.ofSeconds(30);

    private final DeepCheckSettings settings;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<DecodeWorkerProcess> idle = new ConcurrentLinkedQueue<>();
    private final List<DecodeWorkerProcess> all = new ArrayList<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "streamflow-decode-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    private volatile StartFailure lastStartFailure;

    /** After a worker fails to start, checks fail at once with the same reason for a while instead of retrying each time. */
    private record StartFailure(DeepCheckException reason, long atNanos) {
    }

    DecodeWorkers(DeepCheckSettings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.workers());
    }

    /** Starts one worker in the background, so the first deep check does not wait for a JVM to start. */
    void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                release(take());
            } catch (DeepCheckException e) {
                // start() has logged why
            }
        }, "streamflow-decode-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    DecodeReply decode(DecodeRequest request) throws DeepCheckException {
        DecodeWorkerProcess worker = take();
        try {
            return worker.call(request, settings.timeout(), watchdog);
        } finally {
            release(worker);
        }
    }

    /** The process ids of the workers alive now (for benchmarks and tests). */
    List<Long> pids() {
        synchronized (all) {
            return all.stream().map(DecodeWorkerProcess::pid).toList();
        }
    }

    private DecodeWorkerProcess take() throws DeepCheckException {
        try {
            if (!slots.tryAcquire(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DeepCheckException("all " + settings.workers() + " decode workers stayed busy for " + settings.timeout().toMillis()
                        + " ms", false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeepCheckException("interrupted while waiting for a decode worker", e);
        }
        try {
            return idleOrNew();
        } catch (DeepCheckException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    private DecodeWorkerProcess idleOrNew() throws DeepCheckException {
        if (closed) {
            throw new DeepCheckException("deep checks have stopped: Streamflow is closing", false);
        }
        for (DecodeWorkerProcess worker; (worker = idle.poll()) != null; ) {
            if (worker.usable()) {
                return worker;
            }
            forget(worker);
        }
        DecodeWorkerProcess worker = start();
        synchronized (all) {
            all.add(worker);
        }
        log.info("decode worker started (pid {})", worker.pid());
        return worker;
    }

    private DecodeWorkerProcess start() throws DeepCheckException {
        StartFailure failure = lastStartFailure;
        if (failure != null && System.nanoTime() - failure.atNanos() < RETRY_START_AFTER.toNanos()) {
            throw failure.reason();
        }
        try {
            DecodeWorkerProcess worker = DecodeWorkerProcess.start(settings, watchdog);
            lastStartFailure = null;
            return worker;
        } catch (DeepCheckException e) {
            lastStartFailure = new StartFailure(e, System.nanoTime());
            log.warn("{} (next attempt in {} s; until then deep checks cannot run)", e.getMessage(), RETRY_START_AFTER.toSeconds());
            throw e;
        }
    }

    private void release(DecodeWorkerProcess worker) {
        if (worker.usable() && !closed) {
            idle.add(worker);
        } else {
            forget(worker);
        }
        slots.release();
    }

    private void forget(DecodeWorkerProcess worker) {
        worker.close();
        synchronized (all) {
            all.remove(worker);
        }
    }

    @Override
    public void close() {
        closed = true;
        List<DecodeWorkerProcess> workers;
        synchronized (all) {
            workers = new ArrayList<>(all);
            all.clear();
        }
        workers.forEach(DecodeWorkerProcess::close);
        idle.clear();
        watchdog.shutdownNow();
    }
}
