package dev.streamflow.adapter.antmedia;

import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.MediaPacket.Kind;
import dev.streamflow.core.ingest.TimeBase;
import io.antmedia.plugin.api.StreamParametersInfo;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

import java.util.Optional;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * One track of a live stream as Ant Media described it when the packet listener was added, and the copy of the
 * host's packets into {@link MediaPacket}s. Only the raw FFmpeg presets API is used (fields of
 * {@code AVPacket}/{@code AVCodecParameters}), which is the same on bytedeco 1.5.11 and 1.5.13.
 *
 * <p>Framing follows what the host hands out: RTMP ingest gives H.264 as AVCC with an avcC record as extradata
 * and AAC raw with an AudioSpecificConfig; WebRTC and pulled MPEG-TS give Annex B (extradata of SPS/PPS behind
 * start codes, or none: parameter sets in-band) and AAC behind ADTS headers (no extradata).
 *
 * @param extradata the codec configuration, copied out of the host's parameters; never written to
 */
record Track(Kind kind, Codec codec, BitstreamFormat format, TimeBase timeBase, byte[] extradata) {

    /** The track of a stream parameter set, or empty when the stream has no such track. */
    static Optional<Track> of(Kind kind, StreamParametersInfo info) {
        if (info == null || !info.isEnabled() || info.getCodecParameters() == null) {
            return Optional.empty();
        }
        AVCodecParameters par = info.getCodecParameters();
        byte[] extradata = extradata(par);
        TimeBase timeBase = timeBase(info.getTimeBase());
        int codecId = par.codec_id();
        if (kind == Kind.VIDEO && codecId == AV_CODEC_ID_H264) {
            return Optional.of(new Track(kind, Codec.H264, isAvcC(extradata) ? BitstreamFormat.AVCC : BitstreamFormat.ANNEX_B,
                    timeBase, extradata));
        }
        if (kind == Kind.AUDIO && codecId == AV_CODEC_ID_AAC) {
            return Optional.of(new Track(kind, Codec.AAC, extradata.length > 0 ? BitstreamFormat.AAC_RAW : BitstreamFormat.AAC_ADTS,
                    timeBase, extradata));
        }
        return Optional.of(new Track(kind, new Codec(avcodec_get_name(codecId).getString()), BitstreamFormat.OPAQUE,
                timeBase, new byte[0]));
    }

    /** The configuration packet that goes first, when the host gave the configuration out of band. */
    Optional<MediaPacket> config() {
        boolean outOfBand = format == BitstreamFormat.AVCC || format == BitstreamFormat.AAC_RAW
                || (format == BitstreamFormat.ANNEX_B && extradata.length > 0);
        if (!outOfBand) {
            return Optional.empty();
        }
        return Optional.of(new MediaPacket(kind, codec, format, true, false, 0, 0, timeBase, extradata.clone()));
    }

    /**
     * Copies the host's packet (its buffer is reused once the callback returns). Empty for packets with no data
     * or no timestamp at all.
     */
    Optional<MediaPacket> copy(AVPacket packet) {
        int size = packet.size();
        BytePointer data = packet.data();
        long pts = packet.pts();
        long dts = packet.dts();
        if (size <= 0 || data == null || data.isNull() || (pts == AV_NOPTS_VALUE && dts == AV_NOPTS_VALUE)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[size];
        data.capacity(size).get(bytes);
        boolean keyframe = kind == Kind.AUDIO || (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        return Optional.of(new MediaPacket(kind, codec, format, false, keyframe,
                pts == AV_NOPTS_VALUE ? dts : pts, dts == AV_NOPTS_VALUE ? pts : dts, timeBase, bytes));
    }

    /** An AVCDecoderConfigurationRecord starts with configurationVersion 1; Annex B with a zero byte. */
    private static boolean isAvcC(byte[] extradata) {
        return extradata.length > 0 && extradata[0] == 1;
    }

    private static byte[] extradata(AVCodecParameters par) {
        int size = par.extradata_size();
        BytePointer data = par.extradata();
        if (size <= 0 || data == null || data.isNull()) {
            return new byte[0];
        }
        byte[] out = new byte[size];
        data.capacity(size).get(out);
        return out;
    }

    /** RTMP streams use milliseconds (AMS's TIME_BASE_FOR_MS); that is also the fallback for a missing time base. */
    private static TimeBase timeBase(AVRational rational) {
        if (rational == null || rational.isNull() || rational.num() <= 0 || rational.den() <= 0) {
            return TimeBase.MILLIS;
        }
        return new TimeBase(rational.num(), rational.den());
    }
}
