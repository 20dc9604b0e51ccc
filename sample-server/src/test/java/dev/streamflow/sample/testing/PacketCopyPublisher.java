package dev.streamflow.sample.testing;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

/**
 * A live RTMP publisher for tests: copies the packets of a clip to an RTMP URL at the clip's own pace,
 * like an encoder would (JavaCV FFmpegFrameRecorder in copy mode). A hook can damage video packets on
 * the way, and {@code stopAfterSeconds} cuts the publish short mid-clip.
 */
public final class PacketCopyPublisher {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-publisher");
        t.setDaemon(true);
        return t;
    });

    private final Path clip;
    private final String url;
    private Consumer<AVPacket> hook = p -> { };
    private double stopAfterSeconds = Double.MAX_VALUE;

    public PacketCopyPublisher(Path clip, String url) {
        this.clip = clip;
        this.url = url;
    }

    /** Called with every video packet before it is sent; it may change the payload in place. */
    public PacketCopyPublisher withVideoPacketHook(Consumer<AVPacket> hook) {
        this.hook = hook;
        return this;
    }

    public PacketCopyPublisher stoppingAfter(double seconds) {
        this.stopAfterSeconds = seconds;
        return this;
    }

    /** Publishes on a background thread; the future completes when the publisher has disconnected. */
    public CompletableFuture<Void> start() {
        return CompletableFuture.runAsync(this::run, THREADS);
    }

    private void run() {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(url, grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels())) {
                recorder.setFormat("flv");
                recorder.start(grabber.getFormatContext());
                copy(grabber, recorder);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing " + clip.getFileName() + " to " + url + " failed", e);
        }
    }

    private void copy(FFmpegFrameGrabber grabber, FFmpegFrameRecorder recorder) throws Exception {
        long startNanos = System.nanoTime();
        AVPacket packet;
        while ((packet = grabber.grabPacket()) != null) {
            AVRational timeBase = grabber.getFormatContext().streams(packet.stream_index()).time_base();
            double seconds = packet.dts() * av_q2d(timeBase);
            if (seconds >= stopAfterSeconds) {
                break;
            }
            paceTo(startNanos, seconds);
            if (grabber.getFormatContext().streams(packet.stream_index()).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                hook.accept(packet);
            }
            recorder.recordPacket(packet);
        }
    }

    /** Live pacing, as an encoder produces packets: this simulates a source, it synchronizes nothing. */
    private static void paceTo(long startNanos, double seconds) throws InterruptedException {
        long wait = startNanos + (long) (seconds * 1e9) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
