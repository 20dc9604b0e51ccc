package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Transcodes one MPEG-TS segment into a ladder of H.264 renditions in a single pass: the source video is
 * decoded once, scaled for each rung and encoded with a fresh encoder; AAC audio is copied. Renditions keep
 * the source timestamps, so the renditions of consecutive segments concatenate.
 *
 * <p>Each rung encodes on its own thread, fed frame references by the calling thread, which decodes.
 * Thread-safe: each call owns all of its native state, so segments may be transcoded concurrently.
 */
public final class TranscodeEngine {
    private static final Logger log = LoggerFactory.getLogger(TranscodeEngine.class);
    private static final Duration RELEASE_GRACE = Duration.ofSeconds(10);

    private final EncoderChoice encoder;
    private final EngineSettings settings;
    private final Set<String> warnedAudioCodecs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    /** Threads for the rungs' encoders; idle ones end after a while, so an unused engine holds none. */
    private final ExecutorService threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), this::encoderThread);

    public TranscodeEngine(EncoderChoice encoder) {
        this(encoder, EngineSettings.defaults());
    }

    public TranscodeEngine(EncoderChoice encoder, EngineSettings settings) {
        this.encoder = encoder;
        this.settings = settings;
        // Process-wide: without it FFmpeg prints every warning of every segment to stderr.
        av_log_set_level(AV_LOG_ERROR);
    }

    public EncoderChoice encoder() {
        return encoder;
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * @param sourceTs one MPEG-TS segment that starts with a video keyframe
     * @param ladder   the renditions wanted, in the order they are returned
     * @throws TranscodeException if the segment is not usable (the message says why) or the work fails
     */
    public List<Rendition> transcode(byte[] sourceTs, List<VideoProfile> ladder) throws TranscodeException {
        if (ladder == null || ladder.isEmpty()) {
            throw new TranscodeException("the ladder is empty");
        }
        Deadline deadline = Deadline.startingNow(settings.timeout());
        try (SourceSegment source = SourceSegment.open(sourceTs, settings, deadline)) {
            warnIfAudioDropped(source);
            return transcode(source, ladder, deadline);
        }
    }

    private List<Rendition> transcode(SourceSegment source, List<VideoProfile> ladder, Deadline deadline) throws TranscodeException {
        SourceVideo video = SourceVideo.of(source.video(), source.frameRate());
        List<RenditionWorker> workers = new ArrayList<>(ladder.size());
        try (VideoDecoder decoder = VideoDecoder.open(source.video())) {
            try {
                boolean fed = false;
                try {
                    for (VideoProfile profile : ladder) {
                        workers.add(startWorker(profile, video, source));
                    }
                    feed(source, decoder, workers, deadline);
                    fed = decoder.frames() > 0;
                } finally {
                    for (RenditionWorker worker : workers) {
                        worker.end(fed);
                    }
                }
                if (!fed) {
                    throw new TranscodeException("segment has no decodable video frames (" + source.videoPackets() + " video packets)");
                }
                return collect(workers, deadline);
            } finally {
                release(workers);
            }
        }
    }

    private RenditionWorker startWorker(VideoProfile profile, SourceVideo video, SourceSegment source) throws TranscodeException {
        int gop = Math.max(1, source.videoPackets());
        RenditionWriter writer = RenditionWriter.open(profile, video, source.audio(), encoder.encoder(), gop);
        try {
            return RenditionWorker.start(writer, threads);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static void feed(SourceSegment source, VideoDecoder decoder, List<RenditionWorker> workers, Deadline deadline)
            throws TranscodeException {
        AVStream audio = source.audio();
        AVRational audioTimeBase = audio == null ? null : audio.time_base();
        VideoDecoder.FrameSink toEveryRendition = (frame, pts) -> {
            for (RenditionWorker worker : workers) {
                worker.frame(frame, pts, deadline);
            }
        };
        for (AVPacket packet : source.packets()) {
            deadline.check("decoding the packet with dts " + packet.dts());
            if (source.isVideo(packet)) {
                decoder.decode(packet, toEveryRendition);
            } else {
                for (RenditionWorker worker : workers) {
                    worker.audio(packet, audioTimeBase, deadline);
                }
            }
        }
        decoder.decode(null, toEveryRendition);
    }

    private static List<Rendition> collect(List<RenditionWorker> workers, Deadline deadline) throws TranscodeException {
        List<Rendition> renditions = new ArrayList<>(workers.size());
        for (RenditionWorker worker : workers) {
            renditions.add(worker.await(deadline));
        }
        return renditions;
    }

    /** Frees each rendition's native state once its thread is done with it; a thread stuck in native code keeps it. */
    private static void release(List<RenditionWorker> workers) {
        for (RenditionWorker worker : workers) {
            if (worker.stopped(RELEASE_GRACE.toNanos())) {
                worker.writer().close();
            } else {
                log.error("encoder thread for {} is still busy {} s after the segment ended; its native state is left allocated",
                        worker.writer().profileName(), RELEASE_GRACE.toSeconds());
            }
        }
    }

    private Thread encoderThread(Runnable task) {
        Thread thread = new Thread(task, "streamflow-encoder-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    private void warnIfAudioDropped(SourceSegment source) {
        String codec = source.droppedAudioCodec();
        if (codec != null && warnedAudioCodecs.add(codec)) {
            log.warn("source audio is {}, not AAC: renditions are video-only (audio is copied, never re-encoded); "
                    + "logged once per codec", codec);
        }
    }
}
