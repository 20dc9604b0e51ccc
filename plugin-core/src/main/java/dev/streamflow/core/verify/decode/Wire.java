package dev.streamflow.core.verify.decode;

import java.io.IOException;

/** The worker's framing: a handshake word, and counts checked before anything is allocated for them. */
final class Wire {
    /** "SFD1": written by the worker once FFmpeg is loaded, and at the start of every reply. */
    static final int MAGIC = 0x53464431;

    private Wire() {
    }

    static int count(int value, int max, String what) throws IOException {
        if (value < 0 || value > max) {
            throw new IOException(what + " count " + value + " is outside 0.." + max);
        }
        return value;
    }

    static void expectMagic(int value, String where) throws IOException {
        if (value != MAGIC) {
            throw new IOException(where + ": expected the worker's handshake word, read 0x" + Integer.toHexString(value));
        }
    }
}
