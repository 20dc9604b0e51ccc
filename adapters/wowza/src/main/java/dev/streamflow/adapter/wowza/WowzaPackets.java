package dev.streamflow.adapter.wowza;

import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.flv.FlvTagException;
import dev.streamflow.core.ingest.flv.FlvTags;

import java.util.Optional;

/**
 * Turns one of Wowza's live packets into a {@link MediaPacket}, from plain values: the packet's type (Wowza uses
 * the FLV tag type: 8 audio, 9 video, others data), its absolute timecode in milliseconds, and its data, which is
 * the FLV tag body. The parsing is plugin-core's {@link FlvTags}, the same the Red5 adapter uses.
 *
 * <p>The data is always copied, so the caller's array may be reused.
 */
public final class WowzaPackets {
    public static final int AUDIO = FlvTags.AUDIO;
    public static final int VIDEO = FlvTags.VIDEO;

    private WowzaPackets() {
    }

    /** Empty for packets with nothing to transcode: data packets, empty bodies, AVC end of sequence, command frames. */
    public static Optional<MediaPacket> translate(int type, long absTimecode, byte[] data) throws WowzaPacketException {
        try {
            return FlvTags.parse(type, absTimecode, data);
        } catch (FlvTagException e) {
            throw new WowzaPacketException(e.getMessage());
        }
    }
}
