package dev.streamflow.core.ingest.flv;

import dev.streamflow.core.ingest.MediaPacket;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the body of one FLV tag (what RTMP carries in an audio or video message) into a {@link MediaPacket}.
 * Knows no host types: every host that hands out FLV tag bodies (Red5's IStreamPacket, Wowza's AMFPacket) uses it.
 *
 * <p>Timestamps are RTMP's 32-bit milliseconds, passed as an unsigned value; wraps and breaks are the
 * segmenter's business, not ours.
 */
public final class FlvTags {
    /** FLV tag type of an audio message. */
    public static final int AUDIO = 8;
    /** FLV tag type of a video message. */
    public static final int VIDEO = 9;

    private FlvTags() {
    }

    /**
     * Parses a tag body of the given FLV tag type. Empty for tags that carry nothing to transcode: other tag
     * types (script data), empty or missing bodies, AVC end-of-sequence and video command frames. The body is
     * copied, so the caller may reuse its array.
     */
    public static Optional<MediaPacket> parse(int tagType, long timestampMillis, byte[] body) throws FlvTagException {
        if (body == null) {
            return Optional.empty();
        }
        return switch (tagType) {
            case AUDIO -> FlvAudio.parse(timestampMillis, body);
            case VIDEO -> FlvVideo.parse(timestampMillis, body);
            default -> Optional.empty();
        };
    }

    static byte[] tail(byte[] body, int from) {
        byte[] out = new byte[body.length - from];
        System.arraycopy(body, from, out, 0, out.length);
        return out;
    }

    /** The FourCC in bytes 1-4 of an Enhanced RTMP tag, quoted. */
    static String fourCc(byte[] body) {
        if (body.length < 5) {
            return "(no FourCC)";
        }
        return "'" + new String(body, 1, 4, StandardCharsets.ISO_8859_1) + "'";
    }

    static void requireLength(byte[] body, int min, String what) throws FlvTagException {
        if (body.length < min) {
            throw new FlvTagException(what + " tag is " + body.length + " bytes, shorter than its " + min + "-byte header");
        }
    }
}
