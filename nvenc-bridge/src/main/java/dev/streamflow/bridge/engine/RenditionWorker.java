package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * Runs one {@link RenditionWriter} on its own thread, so the rungs of a ladder encode in parallel with each
 * other and with the decoder (as the ffmpeg command line does). Work arrives in order through a short
 * queue as references to the decoded frames and source audio packets; the worker frees each one.
 * After a failure the worker keeps taking (and freeing) work until the end marker, so the feeder never blocks.
 */
final class RenditionWorker {
    private static final int QUEUE_LENGTH = 8;
    private static final long OFFER_SLICE_MS = 50;

    private sealed interface Work permits FrameWork, AudioWork, End {
        void applyTo(RenditionWriter writer) throws TranscodeException;

        void free();
    }

    private record FrameWork(AVFrame frame, long pts) implements Work {
        public void applyTo(RenditionWriter writer) throws TranscodeException {
            writer.encode(frame, pts);
        }

        public void free() {
            av_frame_free(frame);
        }
    }

    private record AudioWork(AVPacket packet, AVRational timeBase) implements Work {
        public void applyTo(RenditionWriter writer) throws TranscodeException {
            writer.copyAudio(packet, timeBase);
        }

        public void free() {
            av_packet_free(packet);
        }
    }

    private record End(boolean finish) implements Work {
        public void applyTo(RenditionWriter writer) {
        }

        public void free() {
        }
    }

    private final RenditionWriter writer;
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(QUEUE_LENGTH);
    private final Future<Rendition> result;
    private volatile TranscodeException failure;
    private boolean ended;

    private RenditionWorker(RenditionWriter writer, ExecutorService executor) {
        this.writer = writer;
        this.result = executor.submit(this::work);
    }

    static RenditionWorker start(RenditionWriter writer, ExecutorService executor) {
        return new RenditionWorker(writer, executor);
    }

    RenditionWriter writer() {
        return writer;
    }

    /** Queues a new reference to {@code frame}; the caller keeps its own. */
    void frame(AVFrame frame, long pts, Deadline deadline) throws TranscodeException {
        AVFrame reference = av_frame_clone(frame);
        if (reference == null) {
            throw new TranscodeException("out of memory referencing a decoded frame");
        }
        put(new FrameWork(reference, pts), deadline);
    }

    /** Queues a new reference to {@code packet}; the caller keeps its own. */
    void audio(AVPacket packet, AVRational timeBase, Deadline deadline) throws TranscodeException {
        AVPacket reference = av_packet_clone(packet);
        if (reference == null) {
            throw new TranscodeException("out of memory referencing an audio packet");
        }
        put(new AudioWork(reference, timeBase), deadline);
    }

    /**
     * Tells the worker no more work comes. With {@code finish} it flushes the encoder and completes the
     * rendition; without (the segment failed elsewhere) it just stops.
     */
    void end(boolean finish) {
        if (ended) {
            return;
        }
        ended = true;
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(new End(finish));
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the finished rendition; the worker must have been {@link #end(boolean) ended} with finish. */
    Rendition await(Deadline deadline) throws TranscodeException {
        try {
            return result.get(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw asTranscodeException(e.getCause());
        } catch (TimeoutException e) {
            deadline.check("waiting for the encoders");
            throw new TranscodeException("timed out waiting for the encoders", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException("interrupted while waiting for the encoders", e);
        } catch (CancellationException e) {
            throw new TranscodeException("the encoder task was cancelled", e);
        }
    }

    /** True once the worker thread has stopped, so its writer may be freed. */
    boolean stopped(long waitNanos) {
        try {
            result.get(waitNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result.isDone();
        }
    }

    private void put(Work work, Deadline deadline) throws TranscodeException {
        try {
            while (!queue.offer(work, OFFER_SLICE_MS, TimeUnit.MILLISECONDS)) {
                deadline.check("feeding " + writer.profileName());
            }
        } catch (InterruptedException e) {
            work.free();
            Thread.currentThread().interrupt();
            throw new TranscodeException("interrupted while feeding " + writer.profileName(), e);
        } catch (TranscodeException e) {
            work.free();
            throw e;
        }
        TranscodeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    private Rendition work() throws Exception {
        TranscodeException error = null;
        boolean finish;
        while (true) {
            Work work = queue.take();
            try {
                if (work instanceof End end) {
                    finish = end.finish();
                    break;
                }
                if (error == null) {
                    work.applyTo(writer);
                }
            } catch (TranscodeException | RuntimeException e) {
                error = asTranscodeException(e);
                failure = error;
            } finally {
                work.free();
            }
        }
        if (error != null) {
            throw error;
        }
        return finish ? writer.finish() : null;
    }

    private TranscodeException asTranscodeException(Throwable e) {
        if (e instanceof TranscodeException transcode) {
            return transcode;
        }
        return new TranscodeException(writer.profileName() + ": " + e, e);
    }
}
