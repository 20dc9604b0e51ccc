package dev.streamflow.bridge.engine;

/** Cheap structural checks on a segment before FFmpeg sees it. */
final class TsBytes {
    static final int PACKET_SIZE = 188;
    private static final int SYNC_BYTE = 0x47;

    private TsBytes() {
    }

    /** Accepts only whole 188-byte MPEG-TS packets, each starting with the sync byte, within the size limit. */
    static void validate(byte[] ts, long maxBytes) throws TranscodeException {
        if (ts == null || ts.length == 0) {
            throw new TranscodeException("segment is empty");
        }
        if (ts.length > maxBytes) {
            throw new TranscodeException("segment is " + ts.length + " bytes, over the limit of " + maxBytes + " bytes");
        }
        if ((ts[0] & 0xff) != SYNC_BYTE) {
            throw new TranscodeException(String.format(
                    "segment is not MPEG-TS: it starts with 0x%02x, not the sync byte 0x47", ts[0] & 0xff));
        }
        for (int offset = 0; offset < ts.length; offset += PACKET_SIZE) {
            if ((ts[offset] & 0xff) != SYNC_BYTE) {
                throw new TranscodeException("segment is not MPEG-TS: sync byte 0x47 missing at offset " + offset
                        + " (packet " + offset / PACKET_SIZE + ")");
            }
        }
        int leftOver = ts.length % PACKET_SIZE;
        if (leftOver != 0) {
            throw new TranscodeException("segment is truncated: " + ts.length + " bytes is not a whole number of "
                    + PACKET_SIZE + "-byte MPEG-TS packets (" + leftOver + " bytes left over)");
        }
    }
}
