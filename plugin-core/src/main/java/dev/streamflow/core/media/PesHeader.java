package dev.streamflow.core.media;

/**
 * The parts of a PES header the probe needs (ISO/IEC 13818-1 §2.4.3.6).
 *
 * @param pts          33-bit PTS, or -1 when the header has none
 * @param payloadStart offset of the elementary stream data
 * @param payloadEnd   end of the elementary stream data
 */
record PesHeader(long pts, int payloadStart, int payloadEnd) {

    boolean hasPts() {
        return pts >= 0;
    }

    static PesHeader parse(byte[] data, int length, String what) {
        if (length < 9 || data[0] != 0 || data[1] != 0 || data[2] != 1) {
            throw new MalformedMediaException(what + ": PES does not start with the 00 00 01 prefix");
        }
        int declared = ((data[4] & 0xFF) << 8) | (data[5] & 0xFF);
        int end = length;
        if (declared != 0) {
            end = 6 + declared;
            if (end > length) {
                throw new MalformedMediaException(what + ": PES declares " + declared + " bytes but has " + (length - 6));
            }
        }
        int flags = data[7] & 0xFF;
        int headerLength = data[8] & 0xFF;
        int payloadStart = 9 + headerLength;
        if (payloadStart > end) {
            throw new MalformedMediaException(what + ": PES header length " + headerLength + " overruns the packet");
        }
        boolean hasPts = (flags & 0x80) != 0;
        if (hasPts && headerLength < 5) {
            throw new MalformedMediaException(what + ": PES has a PTS flag but a " + headerLength + "-byte header");
        }
        return new PesHeader(hasPts ? timestamp(data, 9) : -1, payloadStart, end);
    }

    private static long timestamp(byte[] d, int at) {
        return ((long) (d[at] & 0x0E) << 29)
                | ((long) (d[at + 1] & 0xFF) << 22)
                | ((long) (d[at + 2] & 0xFE) << 14)
                | ((long) (d[at + 3] & 0xFF) << 7)
                | ((d[at + 4] & 0xFE) >>> 1);
    }
}
