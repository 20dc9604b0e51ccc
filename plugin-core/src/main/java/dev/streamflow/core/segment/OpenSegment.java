package dev.streamflow.core.segment;

import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.StreamKey;

import java.time.Instant;

/** The segment being filled: its muxer, where it started, and what went into it. */
final class OpenSegment implements AutoCloseable {
    private static final long NONE = Long.MIN_VALUE;

    private final StreamKey stream;
    private final long sequence;
    private final long startPts;
    private final long startDts;
    private final Instant ingestedAt;
    private final boolean discontinuity;
    private final AacConfig audio;
    private final TsMuxer muxer;
    private int videoPackets;
    private int audioPackets;
    private long maxPts;
    private long payloadBytes;
    private long lastAudioDts = NONE;

    private OpenSegment(StreamKey stream, long sequence, long startPts, long startDts, Instant ingestedAt,
                        boolean discontinuity, AacConfig audio, TsMuxer muxer) {
        this.stream = stream;
        this.sequence = sequence;
        this.startPts = startPts;
        this.startDts = startDts;
        this.ingestedAt = ingestedAt;
        this.discontinuity = discontinuity;
        this.audio = audio;
        this.muxer = muxer;
        this.maxPts = startPts;
    }

    /** Opens the segment's muxer; the first packet written must be the keyframe at {@code startPts}. */
    static OpenSegment open(StreamKey stream, long sequence, long startPts, long startDts, Instant ingestedAt,
                            boolean discontinuity, H264Config video, AacConfig audio) throws IngestException {
        TsMuxer muxer = TsMuxer.open(stream, video, audio);
        return new OpenSegment(stream, sequence, startPts, startDts, ingestedAt, discontinuity, audio, muxer);
    }

    long sequence() {
        return sequence;
    }

    long startPts() {
        return startPts;
    }

    long startDts() {
        return startDts;
    }

    long payloadBytes() {
        return payloadBytes;
    }

    void writeVideo(byte[] data, long pts, long dts, boolean keyframe) throws IngestException {
        muxer.writeVideo(data, pts, dts, keyframe);
        videoPackets++;
        payloadBytes += data.length;
        maxPts = Math.max(maxPts, pts);
    }

    /** Whether audio in {@code format} under configuration {@code current} can go into this segment's audio stream. */
    boolean carriesAudio(AacConfig current, BitstreamFormat format) {
        return audio != null && audio == current && audio.format() == format;
    }

    /** The muxer needs increasing dts per stream; audio far from the video's timeline would only confuse players. */
    boolean acceptsAudioAt(long dts, long videoDts, long maxDistance) {
        return (lastAudioDts == NONE || dts > lastAudioDts) && Math.abs(dts - videoDts) <= maxDistance;
    }

    void writeAudio(byte[] data, long pts, long dts) throws IngestException {
        muxer.writeAudio(data, pts, dts);
        audioPackets++;
        payloadBytes += data.length;
        lastAudioDts = dts;
    }

    /** Mean distance between video frames in presentation order, 0 until there are two frames. */
    long frameDuration() {
        return videoPackets < 2 ? 0 : (maxPts - startPts) / (videoPackets - 1);
    }

    /** Duration when no next keyframe ends the segment: up to the end of its last frame. */
    long durationToLastFrame(long fallbackFrameDuration) {
        long frame = videoPackets < 2 ? fallbackFrameDuration : frameDuration();
        return maxPts - startPts + frame;
    }

    /** Finishes the MPEG-TS bytes and frees the muxer. */
    Segment complete(long duration) throws IngestException {
        byte[] ts = muxer.finish();
        if (ts.length > Segmenter.MAX_SEGMENT_BYTES) {
            throw new IngestException(stream + ": segment " + sequence + " came out at " + ts.length
                    + " bytes, over the " + (Segmenter.MAX_SEGMENT_BYTES >> 20) + " MiB limit");
        }
        return new Segment(stream, sequence, startPts, duration, ingestedAt, discontinuity, videoPackets, audioPackets, ts);
    }

    @Override
    public void close() {
        muxer.close();
    }
}
