package dev.streamflow.core.media;

import java.util.Arrays;

/** Reassembles the PES packets of one PID from TS payloads and hands each complete one to a handler. */
final class PesAssembler {
    @FunctionalInterface
    interface Handler {
        void pes(byte[] data, int length);
    }

    private final Handler handler;
    private byte[] buffer = new byte[16 * 1024];
    private int length;
    private boolean active;

    PesAssembler(Handler handler) {
        this.handler = handler;
    }

    void accept(boolean unitStart, byte[] ts, int from, int to) {
        if (unitStart) {
            flush();
            active = true;
            length = 0;
        }
        if (!active) {
            return; // the segment starts in the middle of a PES: nothing to reassemble
        }
        int count = to - from;
        if (length + count > buffer.length) {
            // grows by doubling, so at most twice the largest PES, which is at most the input size
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(ts, from, buffer, length, count);
        length += count;
    }

    void flush() {
        if (active && length > 0) {
            handler.pes(buffer, length);
        }
        active = false;
        length = 0;
    }
}
