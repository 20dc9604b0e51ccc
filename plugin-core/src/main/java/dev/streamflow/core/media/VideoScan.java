package dev.streamflow.core.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Walks the H.264 PES packets of a segment: PTS, the first SPS/PPS, picture count, first slice type. */
final class VideoScan {
    private final List<Long> pts = new ArrayList<>();
    private byte[] sps;
    private byte[] pps;
    private Boolean startsWithIdr;
    private int accessUnits;
    private int pesCount;

    void pes(byte[] data, int length) {
        PesHeader header = PesHeader.parse(data, length, "H.264 stream");
        pesCount++;
        if (header.hasPts()) {
            pts.add(header.pts());
        }
        NalUnits.forEach(data, header.payloadStart(), header.payloadEnd(), this::nal);
    }

    private void nal(byte[] data, int start, int end) {
        int type = NalUnits.type(data[start]);
        switch (type) {
            case NalUnits.SPS -> sps = sps == null ? Arrays.copyOfRange(data, start, end) : sps;
            case NalUnits.PPS -> pps = pps == null ? Arrays.copyOfRange(data, start, end) : pps;
            case NalUnits.NON_IDR_SLICE, NalUnits.PARTITION_A, NalUnits.IDR_SLICE -> slice(type, data, start, end);
            default -> {
                // SEI, AUD, end of sequence …: not needed
            }
        }
    }

    private void slice(int type, byte[] data, int start, int end) {
        if (startsWithIdr == null) {
            startsWithIdr = type == NalUnits.IDR_SLICE;
        }
        // first_mb_in_slice is the first ue(v) of the slice header; ue(v) = 0 is the single bit 1
        if (end > start + 1 && (data[start + 1] & 0x80) != 0) {
            accessUnits++;
        }
    }

    int pesCount() {
        return pesCount;
    }

    int accessUnits() {
        return accessUnits;
    }

    List<Long> pts() {
        return pts;
    }

    byte[] sps() {
        return sps;
    }

    byte[] pps() {
        return pps;
    }

    boolean startsWithIdr() {
        return Boolean.TRUE.equals(startsWithIdr);
    }
}
