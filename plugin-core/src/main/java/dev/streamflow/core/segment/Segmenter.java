package dev.streamflow.core.segment;

import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.ingest.TimeBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts one live stream into keyframe-aligned MPEG-TS segments without decoding: packets are remuxed by FFmpeg's
 * {@code mpegts} muxer into memory, one muxer per segment, keeping the source timestamps (as 90 kHz).
 *
 * <p>A segment starts at the first video keyframe at least {@link SegmenterSettings#target()} after the current
 * segment's start. Packets before the first keyframe are dropped. When the video timestamps break (go back, or jump
 * ahead by more than {@link SegmenterSettings#maxDuration()}) or the SPS/PPS change, the open segment ends there and
 * the next one, starting at the next keyframe, is marked as a discontinuity.
 *
 * <p>Audio that is not AAC is dropped for the whole stream (one warning); the video goes on. A new
 * AudioSpecificConfig takes effect with the next segment; audio in between is dropped.
 *
 * <p>Calls come from one ingest thread; the sink is called on it. After an {@link IngestException} the stream is
 * over: the segmenter frees its muxer and accepts nothing more.
 */
public final class Segmenter implements AutoCloseable {
    static final int MAX_PACKET_BYTES = 16 << 20;
    static final long MAX_SEGMENT_BYTES = 64L << 20;

    private static final Logger log = LoggerFactory.getLogger(Segmenter.class);
    private static final long NONE = Long.MIN_VALUE;

    private enum State { RUNNING, FINISHED, FAILED, CLOSED }

    private final StreamKey stream;
    private final SegmenterSettings settings;
    private final Clock clock;
    private final Consumer<Segment> sink;
    private final long target;
    private final long maxDuration;

    private State state = State.RUNNING;
    private H264Config video;
    private AacConfig audio;
    private AacConfig lastSegmentAudio;
    private boolean audioRejected;
    private OpenSegment current;
    private long nextSequence;
    private boolean discontinuityPending;
    private long lastVideoDts = NONE;
    private long waitingSince = NONE;
    private long frameDuration;
    private long droppedVideo;
    private long droppedAudio;
    private long videoDroppedWaiting;
    private long audioDroppedWaiting;

    public Segmenter(StreamKey stream, SegmenterSettings settings, Clock clock, Consumer<Segment> sink) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.target = settings.target90k();
        this.maxDuration = settings.maxDuration90k();
    }

    /** Takes one packet; a finished segment goes to the sink before this returns. */
    public void accept(MediaPacket packet) throws IngestException {
        requireRunning();
        try {
            requirePacketSize(packet);
            if (packet.isVideo()) {
                acceptVideo(packet);
            } else {
                acceptAudio(packet);
            }
        } catch (IngestException e) {
            fail();
            throw e;
        }
    }

    /** The publisher stopped: publishes the partial segment (it always starts with a keyframe) and ends. */
    public void finish() throws IngestException {
        requireRunning();
        try {
            if (current != null) {
                publish(current.durationToLastFrame(frameDuration));
            }
            state = State.FINISHED;
        } catch (IngestException e) {
            fail();
            throw e;
        }
    }

    /** Frees the muxer of an unfinished segment (its packets are lost). Safe to call more than once. */
    @Override
    public void close() {
        discardCurrent();
        state = State.CLOSED;
    }

    /** Video packets dropped so far: before the first keyframe, or between a timestamp break and the next keyframe. */
    public long droppedVideoPackets() {
        return droppedVideo;
    }

    /** Audio packets dropped so far: before the first keyframe, unsupported codec, out of order. */
    public long droppedAudioPackets() {
        return droppedAudio;
    }

    private void acceptVideo(MediaPacket packet) throws IngestException {
        requireH264(packet);
        if (packet.config()) {
            acceptVideoConfig(packet);
            return;
        }
        long pts = to90k(packet.pts(), packet.timeBase());
        long dts = to90k(packet.dts(), packet.timeBase());
        if (isTimestampBreak(dts)) {
            breakTimeline("video timestamps jump from " + seconds(lastVideoDts) + " s to " + seconds(dts) + " s");
        }
        lastVideoDts = dts;
        useInBandConfigIfNone(packet);
        requireFormat(packet);
        if (packet.keyframe() && video != null && startsSegment(pts)) {
            startSegment(pts, dts);
        }
        if (current == null) {
            dropWhileWaiting(dts);
            return;
        }
        requireKeyframeWithinMax(dts);
        requireRoomFor(packet);
        current.writeVideo(packet.data(), pts, dts, packet.keyframe());
    }

    private void acceptVideoConfig(MediaPacket packet) throws IngestException {
        H264Config next = H264Config.parse(stream, packet);
        if (video != null && video.sameParameters(next)) {
            return;
        }
        boolean change = video != null || current != null;
        video = next;
        if (change) {
            breakTimeline("the publisher sent new H.264 parameters (SPS/PPS)");
        }
    }

    private void useInBandConfigIfNone(MediaPacket packet) {
        if (video == null && packet.format() == BitstreamFormat.ANNEX_B) {
            video = H264Config.inBand();
        }
    }

    private boolean startsSegment(long pts) {
        if (current == null) {
            return true;
        }
        // RTMP's millisecond timestamps jitter: a keyframe half a frame early is on target.
        return pts - current.startPts() >= target - current.frameDuration() / 2;
    }

    private void startSegment(long pts, long dts) throws IngestException {
        if (current != null) {
            publish(pts - current.startPts());
        }
        boolean audioChanged = lastSegmentAudio != null && audio != null && !lastSegmentAudio.sameAs(audio);
        AacConfig segmentAudio = audioRejected ? null : audio;
        current = OpenSegment.open(stream, nextSequence++, pts, dts, clock.instant(),
                discontinuityPending || audioChanged, video, segmentAudio);
        discontinuityPending = false;
        if (segmentAudio != null) {
            lastSegmentAudio = segmentAudio;
        }
        reportWaitOver(pts);
    }

    private void publish(long duration) throws IngestException {
        OpenSegment done = current;
        current = null;
        Segment segment;
        try {
            if (done.frameDuration() > 0) {
                frameDuration = done.frameDuration();
            }
            segment = done.complete(duration);
        } finally {
            done.close();
        }
        log.debug("{}: segment {} at {} s, {} s, {} video / {} audio packets, {} bytes{}", stream, segment.sequence(),
                seconds(segment.startPts()), seconds(segment.duration()), segment.videoPackets(),
                segment.audioPackets(), segment.ts().length, segment.discontinuity() ? ", discontinuity" : "");
        sink.accept(segment);
    }

    /** Ends the open segment here; the next one starts at the next keyframe and is marked discontinuous. */
    private void breakTimeline(String reason) throws IngestException {
        log.info("{}: {}; the next segment starts at the next keyframe and is marked as a discontinuity", stream, reason);
        if (current != null) {
            publish(current.durationToLastFrame(frameDuration));
        }
        discontinuityPending = nextSequence > 0;
        waitingSince = NONE;
    }

    private boolean isTimestampBreak(long dts) {
        return lastVideoDts != NONE && (dts <= lastVideoDts || dts - lastVideoDts > maxDuration);
    }

    private void dropWhileWaiting(long dts) throws IngestException {
        if (waitingSince == NONE) {
            waitingSince = dts;
        } else if (dts - waitingSince > maxDuration) {
            throw video == null ? noConfiguration() : noKeyframe();
        }
        droppedVideo++;
        videoDroppedWaiting++;
    }

    private void requireKeyframeWithinMax(long dts) throws IngestException {
        if (dts - current.startDts() > maxDuration) {
            throw noKeyframe();
        }
    }

    private IngestException noKeyframe() {
        return new IngestException(String.format(Locale.ROOT,
                "no keyframe for %.1f s on %s; set the encoder's keyframe interval to %s s",
                settings.maxDuration().toMillis() / 1000.0, stream,
                BigDecimal.valueOf(settings.target().toMillis(), 3).stripTrailingZeros().toPlainString()));
    }

    private IngestException noConfiguration() {
        return new IngestException(String.format(Locale.ROOT,
                "no H.264 configuration (avcC sequence header) for %.1f s on %s; the publisher must send it before "
                        + "the first frame", settings.maxDuration().toMillis() / 1000.0, stream));
    }

    private void reportWaitOver(long pts) {
        if (videoDroppedWaiting > 0 || audioDroppedWaiting > 0) {
            log.info("{}: segmenting from the keyframe at {} s; dropped {} video and {} audio packets before it",
                    stream, seconds(pts), videoDroppedWaiting, audioDroppedWaiting);
        }
        videoDroppedWaiting = 0;
        audioDroppedWaiting = 0;
        waitingSince = NONE;
    }

    private void acceptAudio(MediaPacket packet) throws IngestException {
        if (audioRejected || !isAac(packet)) {
            droppedAudio++;
            return;
        }
        if (packet.config()) {
            acceptAudioConfig(packet);
            return;
        }
        if (audio == null && packet.format() == BitstreamFormat.AAC_ADTS) {
            audio = AacConfig.fromAdtsHeader(stream, packet.data());
        }
        if (current == null) {
            droppedAudio++;
            audioDroppedWaiting++;
            return;
        }
        if (!current.carriesAudio(audio, packet.format())) {
            droppedAudio++; // no configuration yet, or it changed: audio resumes with the next segment
            return;
        }
        long pts = to90k(packet.pts(), packet.timeBase());
        long dts = to90k(packet.dts(), packet.timeBase());
        if (!current.acceptsAudioAt(dts, lastVideoDts, maxDuration)) {
            log.debug("{}: dropping an audio packet at {} s: out of order with the stream", stream, seconds(dts));
            droppedAudio++;
            return;
        }
        requireRoomFor(packet);
        current.writeAudio(packet.data(), pts, dts);
    }

    private boolean isAac(MediaPacket packet) {
        if (Codec.AAC.equals(packet.codec())) {
            return true;
        }
        audioRejected = true;
        log.warn("{}: audio codec {} is not supported; the stream goes on without audio (Streamflow carries AAC audio)",
                stream, packet.codec());
        return false;
    }

    private void acceptAudioConfig(MediaPacket packet) throws IngestException {
        if (packet.format() != BitstreamFormat.AAC_RAW) {
            return; // ADTS needs no configuration; each frame carries its header
        }
        AacConfig next = AacConfig.fromAudioSpecificConfig(stream, packet.data());
        if (audio == null || !audio.sameAs(next)) {
            audio = next; // takes effect with the next segment
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(stream + ": the segmenter is " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    private void requireH264(MediaPacket packet) throws IngestException {
        if (!Codec.H264.equals(packet.codec())) {
            throw new IngestException(stream + ": video codec " + packet.codec()
                    + " is not supported; Streamflow transcodes H.264 (AVC) video");
        }
    }

    private void requireFormat(MediaPacket packet) throws IngestException {
        if (video != null && packet.format() != video.format()) {
            throw new IngestException(stream + ": H.264 packets arrive as " + packet.format()
                    + " but the stream's configuration is " + video.format());
        }
    }

    private void requirePacketSize(MediaPacket packet) throws IngestException {
        if (packet.data().length > MAX_PACKET_BYTES) {
            throw new IngestException(String.format(Locale.ROOT, "%s: a %s packet of %,d bytes is over the %d MiB limit",
                    stream, packet.kind().name().toLowerCase(Locale.ROOT), packet.data().length, MAX_PACKET_BYTES >> 20));
        }
    }

    private void requireRoomFor(MediaPacket packet) throws IngestException {
        long size = current.payloadBytes() + packet.data().length;
        if (size > MAX_SEGMENT_BYTES) {
            throw new IngestException(String.format(Locale.ROOT,
                    "%s: segment %d would grow to %,d bytes, over the %d MiB limit; lower the bitrate or the keyframe interval",
                    stream, current.sequence(), size, MAX_SEGMENT_BYTES >> 20));
        }
    }

    private long to90k(long value, TimeBase timeBase) throws IngestException {
        try {
            return timeBase.rescale(value, TimeBase.MPEG_TS);
        } catch (ArithmeticException e) {
            throw new IngestException(stream + ": timestamp " + value + " in time base " + timeBase.num() + "/"
                    + timeBase.den() + " is out of range");
        }
    }

    private void fail() {
        discardCurrent();
        state = State.FAILED;
    }

    private void discardCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private static String seconds(long ticks) {
        return String.format(Locale.ROOT, "%.3f", ticks / (double) Segment.CLOCK_HZ);
    }
}
