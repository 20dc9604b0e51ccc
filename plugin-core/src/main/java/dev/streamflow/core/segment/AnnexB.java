package dev.streamflow.core.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits an H.264 Annex B byte stream into NAL units. */
final class AnnexB {
    private AnnexB() {
    }

    /** The NAL units behind the start codes in {@code data}, without start codes and trailing zero bytes. */
    static List<byte[]> split(byte[] data) {
        List<byte[]> nals = new ArrayList<>();
        int start = nextPayload(data, 0);
        while (start >= 0 && start < data.length) {
            int next = nextPayload(data, start);
            int end = next < 0 ? data.length : next - 3;
            while (end > start && data[end - 1] == 0) {
                end--;
            }
            if (end > start) {
                nals.add(Arrays.copyOfRange(data, start, end));
            }
            start = next;
        }
        return nals;
    }

    /** Index just after the next 00 00 01 at or after {@code from}, or -1. */
    private static int nextPayload(byte[] data, int from) {
        for (int i = from; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }
}
