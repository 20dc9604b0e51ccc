package dev.streamflow.adapter.red5;

import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.flv.FlvTagException;
import dev.streamflow.core.ingest.flv.FlvTags;
import org.apache.mina.core.buffer.IoBuffer;
import org.red5.codec.IStreamCodecInfo;
import org.red5.server.api.stream.IBroadcastStream;
import org.red5.server.api.stream.IStreamPacket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The codec configurations (avcC, AudioSpecificConfig) a listener attached after the start of a broadcast has
 * missed. Red5 keeps each one as the whole FLV tag body in the stream's codec info, and fills it in before it
 * hands the same packet to listeners, so the first packet a listener sees is compared with it to avoid a twin.
 */
final class MissedConfigs {
    private MissedConfigs() {
    }

    static List<MediaPacket> before(IBroadcastStream stream, IStreamPacket first) throws FlvTagException {
        IStreamCodecInfo info = stream.getCodecInfo();
        if (info == null) {
            return List.of();
        }
        List<MediaPacket> missed = new ArrayList<>();
        long at = Integer.toUnsignedLong(first.getTimestamp());
        IoBuffer video = info.getVideoCodec() == null ? null : info.getVideoCodec().getDecoderConfiguration();
        IoBuffer audio = info.getAudioCodec() == null ? null : info.getAudioCodec().getDecoderConfiguration();
        configIn(FlvTags.VIDEO, at, video).filter(c -> !isConfig(first, FlvTags.VIDEO)).ifPresent(missed::add);
        configIn(FlvTags.AUDIO, at, audio).filter(c -> !isConfig(first, FlvTags.AUDIO)).ifPresent(missed::add);
        return missed;
    }

    private static Optional<MediaPacket> configIn(int type, long at, IoBuffer body) throws FlvTagException {
        return body == null ? Optional.empty()
                : FlvTags.parse(type, at, HostBuffers.copyBody(body)).filter(MediaPacket::config);
    }

    private static boolean isConfig(IStreamPacket packet, int type) {
        if (packet.getDataType() != type) {
            return false;
        }
        try {
            return FlvTags.parse(type, 0, HostBuffers.copyBody(packet.getData())).map(MediaPacket::config).orElse(false);
        } catch (FlvTagException e) {
            return false;
        }
    }
}
