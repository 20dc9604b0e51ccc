package dev.streamflow.core.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** H.264 Annex B byte streams: splitting into NAL units and removing emulation prevention bytes. */
public final class NalUnits {
    public static final int NON_IDR_SLICE = 1;
    public static final int PARTITION_A = 2;
    public static final int IDR_SLICE = 5;
    public static final int SPS = 7;
    public static final int PPS = 8;

    /** Called once per NAL unit found in {@code data[start, end)} (start code excluded). */
    @FunctionalInterface
    public interface Visitor {
        void nal(byte[] data, int start, int end);
    }

    private NalUnits() {
    }

    public static int type(byte header) {
        return header & 0x1F;
    }

    /** Visits every NAL unit of an Annex B stream in {@code data[from, to)}; bytes before the first start code are skipped. */
    public static void forEach(byte[] data, int from, int to, Visitor visitor) {
        int start = nextStartCode(data, from, to);
        while (start >= 0) {
            int payload = start + 3;
            int next = nextStartCode(data, payload, to);
            int end = next < 0 ? to : next;
            // trailing_zero_8bits / the leading zero of a 4-byte start code belong to no NAL unit
            while (end > payload && data[end - 1] == 0) {
                end--;
            }
            if (end > payload) {
                visitor.nal(data, payload, end);
            }
            start = next;
        }
    }

    /** The NAL units of a whole Annex B buffer, each without its start code and trailing zero bytes. */
    public static List<byte[]> split(byte[] data) {
        List<byte[]> nals = new ArrayList<>();
        forEach(data, 0, data.length, (buffer, start, end) -> nals.add(Arrays.copyOfRange(buffer, start, end)));
        return nals;
    }

    /** The RBSP of a NAL unit: {@code 00 00 03} becomes {@code 00 00}. */
    public static byte[] unescape(byte[] data, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int zeros = 0;
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    private static int nextStartCode(byte[] data, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }
}
