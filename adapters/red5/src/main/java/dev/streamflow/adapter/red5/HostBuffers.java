package dev.streamflow.adapter.red5;

import org.apache.mina.core.buffer.IoBuffer;

/** Copies packet bytes out of the host's buffers, which the host reuses and repositions after we return. */
final class HostBuffers {
    private HostBuffers() {
    }

    /**
     * The whole tag body, bytes 0 to limit. The position is not a reliable start: Red5's codec sniffers
     * read the first bytes of a packet and do not always rewind. A duplicate keeps the host's position and
     * mark untouched.
     */
    static byte[] copyBody(IoBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        IoBuffer view = data.duplicate();
        view.clear();
        view.limit(data.limit());
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
