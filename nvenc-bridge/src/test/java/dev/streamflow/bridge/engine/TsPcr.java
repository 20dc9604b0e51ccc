package dev.streamflow.bridge.engine;

import java.util.ArrayList;
import java.util.List;

/** The program clock references (33-bit base, 90 kHz) carried in an MPEG-TS file's adaptation fields. */
final class TsPcr {
    private TsPcr() {
    }

    static List<Long> bases(byte[] ts) {
        List<Long> bases = new ArrayList<>();
        for (int offset = 0; offset + 188 <= ts.length; offset += 188) {
            int adaptationControl = (ts[offset + 3] >> 4) & 3;
            boolean hasAdaptation = adaptationControl == 2 || adaptationControl == 3;
            if (hasAdaptation && (ts[offset + 4] & 0xff) > 0 && (ts[offset + 5] & 0x10) != 0) {
                bases.add(base(ts, offset + 6));
            }
        }
        return bases;
    }

    private static long base(byte[] ts, int at) {
        return ((ts[at] & 0xffL) << 25) | ((ts[at + 1] & 0xffL) << 17) | ((ts[at + 2] & 0xffL) << 9)
                | ((ts[at + 3] & 0xffL) << 1) | ((ts[at + 4] & 0xffL) >> 7);
    }
}
