package dev.streamflow.core.testing;

import dev.streamflow.core.ingest.Codec;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.MediaPacket.Kind;
import dev.streamflow.core.ingest.TimeBase;
import dev.streamflow.core.media.NalUnits;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_NEW_EXTRADATA;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_get_side_data;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/**
 * Reads a real media file (FLV or MPEG-TS) with raw avformat and returns its packets the way an RTMP adapter
 * hands them to {@code IngestHook}: first a VIDEO config packet with the avcC record and an AUDIO config packet
 * with the AudioSpecificConfig, then the packets in file (interleaved dts) order, H.264 as AVCC (4-byte lengths),
 * AAC raw (no ADTS), timestamps in the stream's own time base (FLV: 1/1000, like RTMP), keyframe flags from
 * {@code AV_PKT_FLAG_KEY}. A mid-file change of extradata (AV_PKT_DATA_NEW_EXTRADATA) becomes a new config packet.
 *
 * <p>MPEG-TS input (Annex B, ADTS) is converted: the avcC record is built from the SPS/PPS, NAL units get
 * 4-byte lengths, ADTS headers are stripped and the AudioSpecificConfig is built from the first header.
 * Only the first video and the first audio stream are read. Codecs other than H.264/AAC come through as
 * {@link BitstreamFormat#OPAQUE} packets named by FFmpeg's codec name.
 *
 * <p>{@link #toAnnexB} turns such a list into what a WebRTC ingest delivers (Annex B video, ADTS audio).
 */
public final class FilePackets {
    private FilePackets() {
    }

    /** All packets of {@code file}, config packets first. */
    public static List<MediaPacket> read(Path file) throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        check(avformat_open_input(context, file.toString(), null, null), "cannot open " + file);
        AVPacket packet = av_packet_alloc();
        try {
            check(avformat_find_stream_info(context, (PointerPointer<?>) null), "cannot read the streams of " + file);
            return new Reader(context).readAll(packet);
        } finally {
            av_packet_free(packet);
            avformat_close_input(context);
        }
    }

    /**
     * The same packets as WebRTC ingest would deliver them: H.264 in Annex B (config = SPS and PPS behind start
     * codes, packets with start codes) and AAC with an ADTS header on every frame (no audio config packet).
     */
    public static List<MediaPacket> toAnnexB(List<MediaPacket> packets) {
        List<MediaPacket> out = new ArrayList<>();
        byte[] asc = null;
        for (MediaPacket p : packets) {
            if (p.format() == BitstreamFormat.AVCC) {
                byte[] data = p.config() ? annexBFromAvcc(p.data()) : annexBFromLengthPrefixed(p.data());
                out.add(with(p, BitstreamFormat.ANNEX_B, data));
            } else if (p.format() == BitstreamFormat.AAC_RAW && p.config()) {
                asc = p.data();
            } else if (p.format() == BitstreamFormat.AAC_RAW) {
                out.add(with(p, BitstreamFormat.AAC_ADTS, withAdtsHeader(asc, p.data())));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The NAL units of an AVCC packet (4-byte big-endian lengths). */
    public static List<byte[]> nalUnitsOfAvcc(byte[] data) {
        List<byte[]> nals = new ArrayList<>();
        int offset = 0;
        while (offset + 4 <= data.length) {
            int length = ((data[offset] & 0xff) << 24) | ((data[offset + 1] & 0xff) << 16)
                    | ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
            offset += 4;
            if (length < 0 || offset + length > data.length) {
                throw new IllegalArgumentException("AVCC packet has a NAL length " + length + " past its end");
            }
            nals.add(Arrays.copyOfRange(data, offset, offset + length));
            offset += length;
        }
        return nals;
    }

    /** The NAL units of an Annex B buffer, without start codes and trailing zero bytes. */
    public static List<byte[]> nalUnitsOfAnnexB(byte[] data) {
        return NalUnits.split(data);
    }

    /** SPS then PPS NAL units of an avcC record. */
    public static List<byte[]> parameterSetsOfAvcc(byte[] avcc) {
        List<byte[]> sets = new ArrayList<>();
        int offset = 5;
        int count = avcc[offset++] & 0x1f;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                int length = ((avcc[offset] & 0xff) << 8) | (avcc[offset + 1] & 0xff);
                sets.add(Arrays.copyOfRange(avcc, offset + 2, offset + 2 + length));
                offset += 2 + length;
            }
            if (pass == 0) {
                count = avcc[offset++] & 0xff;
            }
        }
        return sets;
    }

    /** Reads one file's first video and audio stream. */
    private static final class Reader {
        private final AVFormatContext context;
        private final int videoIndex;
        private final int audioIndex;
        private final List<MediaPacket> configs = new ArrayList<>();
        private final List<MediaPacket> media = new ArrayList<>();
        private boolean videoAnnexB;
        private boolean audioAdts;
        private boolean audioConfigDone;
        private byte[] videoExtradata;
        private byte[] audioExtradata;

        Reader(AVFormatContext context) {
            this.context = context;
            this.videoIndex = firstStream(context, AVMEDIA_TYPE_VIDEO);
            this.audioIndex = firstStream(context, AVMEDIA_TYPE_AUDIO);
        }

        List<MediaPacket> readAll(AVPacket packet) throws IOException {
            addInitialConfigs();
            int rc;
            while ((rc = av_read_frame(context, packet)) >= 0) {
                try {
                    take(packet);
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (rc != AVERROR_EOF) {
                throw new IOException("reading packets failed: " + describe(rc));
            }
            List<MediaPacket> all = new ArrayList<>(configs);
            all.addAll(media);
            return all;
        }

        private void addInitialConfigs() {
            if (videoIndex >= 0 && isCodec(videoIndex, AV_CODEC_ID_H264)) {
                byte[] extradata = extradata(stream(videoIndex).codecpar());
                videoExtradata = extradata;
                videoAnnexB = extradata.length == 0 || extradata[0] != 1;
                if (extradata.length > 0) {
                    configs.add(videoConfig(extradata, 0, timeBase(videoIndex)));
                }
            }
            if (audioIndex >= 0 && isCodec(audioIndex, AV_CODEC_ID_AAC)) {
                byte[] extradata = extradata(stream(audioIndex).codecpar());
                audioExtradata = extradata;
                audioAdts = extradata.length == 0;
                if (!audioAdts) {
                    configs.add(audioConfig(extradata, 0, timeBase(audioIndex)));
                    audioConfigDone = true;
                }
            }
        }

        private void take(AVPacket packet) {
            int index = packet.stream_index();
            if ((index != videoIndex && index != audioIndex) || packet.size() <= 0) {
                return;
            }
            byte[] data = new byte[packet.size()];
            packet.data().capacity(packet.size()).get(data);
            long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
            long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : dts;
            boolean keyframe = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            TimeBase tb = timeBase(index);
            if (index == videoIndex) {
                takeVideo(packet, data, pts, dts, keyframe, tb);
            } else {
                takeAudio(packet, data, pts, dts, tb);
            }
        }

        private void takeVideo(AVPacket packet, byte[] data, long pts, long dts, boolean keyframe, TimeBase tb) {
            if (!isCodec(videoIndex, AV_CODEC_ID_H264)) {
                media.add(new MediaPacket(Kind.VIDEO, codecName(videoIndex), BitstreamFormat.OPAQUE, false, keyframe,
                        pts, dts, tb, data));
                return;
            }
            byte[] newExtradata = newExtradata(packet);
            if (newExtradata != null && !Arrays.equals(newExtradata, videoExtradata)) {
                videoExtradata = newExtradata;
                videoAnnexB = newExtradata[0] != 1;
                media.add(videoConfig(newExtradata, dts, tb));
            }
            byte[] avcc = startsWithStartCode(data) ? lengthPrefixed(nalUnitsOfAnnexB(data)) : data;
            if (videoAnnexB && configs.stream().noneMatch(MediaPacket::isVideo) && keyframe) {
                configs.add(0, videoConfig(annexBParameterSets(data), dts, tb));
            }
            media.add(new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, false, keyframe, pts, dts, tb, avcc));
        }

        private void takeAudio(AVPacket packet, byte[] data, long pts, long dts, TimeBase tb) {
            if (!isCodec(audioIndex, AV_CODEC_ID_AAC)) {
                media.add(new MediaPacket(Kind.AUDIO, codecName(audioIndex), BitstreamFormat.OPAQUE, false, true,
                        pts, dts, tb, data));
                return;
            }
            byte[] newExtradata = newExtradata(packet);
            if (newExtradata != null && !Arrays.equals(newExtradata, audioExtradata)) {
                audioExtradata = newExtradata;
                media.add(audioConfig(newExtradata, dts, tb));
            }
            byte[] raw = data;
            if (isAdts(data)) {
                if (!audioConfigDone) {
                    configs.add(audioConfig(ascFromAdts(data), dts, tb));
                    audioConfigDone = true;
                }
                raw = Arrays.copyOfRange(data, adtsHeaderLength(data), data.length);
            }
            media.add(new MediaPacket(Kind.AUDIO, Codec.AAC, BitstreamFormat.AAC_RAW, false, true, pts, dts, tb, raw));
        }

        /** avcC from the in-band SPS/PPS of an Annex B keyframe (TS has no out-of-band configuration). */
        private byte[] annexBParameterSets(byte[] keyframe) {
            List<byte[]> sps = new ArrayList<>();
            List<byte[]> pps = new ArrayList<>();
            for (byte[] nal : nalUnitsOfAnnexB(keyframe)) {
                int type = nal[0] & 0x1f;
                if (type == 7) {
                    sps.add(nal);
                } else if (type == 8) {
                    pps.add(nal);
                }
            }
            return avcc(sps, pps);
        }

        private MediaPacket videoConfig(byte[] extradata, long ts, TimeBase tb) {
            byte[] avcc = extradata[0] == 1 ? extradata : avccFromAnnexB(extradata);
            return new MediaPacket(Kind.VIDEO, Codec.H264, BitstreamFormat.AVCC, true, false, ts, ts, tb, avcc);
        }

        private MediaPacket audioConfig(byte[] asc, long ts, TimeBase tb) {
            return new MediaPacket(Kind.AUDIO, Codec.AAC, BitstreamFormat.AAC_RAW, true, false, ts, ts, tb, asc);
        }

        private boolean isCodec(int index, int codecId) {
            return stream(index).codecpar().codec_id() == codecId;
        }

        private Codec codecName(int index) {
            return new Codec(avcodec_get_name(stream(index).codecpar().codec_id()).getString());
        }

        private TimeBase timeBase(int index) {
            return new TimeBase(stream(index).time_base().num(), stream(index).time_base().den());
        }

        private AVStream stream(int index) {
            return context.streams(index);
        }
    }

    private static int firstStream(AVFormatContext context, int mediaType) {
        for (int i = 0; i < context.nb_streams(); i++) {
            if (context.streams(i).codecpar().codec_type() == mediaType) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] extradata(AVCodecParameters par) {
        int size = par.extradata_size();
        if (size <= 0 || par.extradata() == null || par.extradata().isNull()) {
            return new byte[0];
        }
        byte[] out = new byte[size];
        par.extradata().capacity(size).get(out);
        return out;
    }

    private static byte[] newExtradata(AVPacket packet) {
        SizeTPointer size = new SizeTPointer(1);
        try {
            BytePointer data = av_packet_get_side_data(packet, AV_PKT_DATA_NEW_EXTRADATA, size);
            if (data == null || data.isNull() || size.get() <= 0) {
                return null;
            }
            byte[] out = new byte[(int) size.get()];
            data.capacity(out.length).get(out);
            return out;
        } finally {
            size.close();
        }
    }

    private static byte[] avccFromAnnexB(byte[] annexB) {
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (byte[] nal : nalUnitsOfAnnexB(annexB)) {
            if ((nal[0] & 0x1f) == 7) {
                sps.add(nal);
            } else if ((nal[0] & 0x1f) == 8) {
                pps.add(nal);
            }
        }
        return avcc(sps, pps);
    }

    /** An AVCDecoderConfigurationRecord (ISO 14496-15 §5.3.3.1) with 4-byte NAL lengths. */
    private static byte[] avcc(List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new IllegalArgumentException("no SPS/PPS to build an avcC record from");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] first = sps.get(0);
        out.writeBytes(new byte[]{1, first[1], first[2], first[3], (byte) 0xff, (byte) (0xe0 | sps.size())});
        for (byte[] nal : sps) {
            out.writeBytes(new byte[]{(byte) (nal.length >> 8), (byte) nal.length});
            out.writeBytes(nal);
        }
        out.write(pps.size());
        for (byte[] nal : pps) {
            out.writeBytes(new byte[]{(byte) (nal.length >> 8), (byte) nal.length});
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    private static byte[] lengthPrefixed(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nals) {
            out.writeBytes(new byte[]{(byte) (nal.length >>> 24), (byte) (nal.length >> 16), (byte) (nal.length >> 8),
                    (byte) nal.length});
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    private static byte[] annexBFromLengthPrefixed(byte[] avccPacket) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nalUnitsOfAvcc(avccPacket)) {
            out.writeBytes(new byte[]{0, 0, 0, 1});
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    private static byte[] annexBFromAvcc(byte[] avcc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : parameterSetsOfAvcc(avcc)) {
            out.writeBytes(new byte[]{0, 0, 0, 1});
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    private static boolean startsWithStartCode(byte[] data) {
        return data.length >= 4 && data[0] == 0 && data[1] == 0
                && (data[2] == 1 || (data[2] == 0 && data[3] == 1));
    }

    private static boolean isAdts(byte[] data) {
        return data.length >= 7 && (data[0] & 0xff) == 0xff && (data[1] & 0xf0) == 0xf0;
    }

    private static int adtsHeaderLength(byte[] adts) {
        boolean protectionAbsent = (adts[1] & 0x01) != 0;
        return protectionAbsent ? 7 : 9;
    }

    /** A 2-byte AudioSpecificConfig from an ADTS header: object type, sampling frequency index, channels. */
    private static byte[] ascFromAdts(byte[] adts) {
        int objectType = ((adts[2] >> 6) & 0x03) + 1;
        int frequencyIndex = (adts[2] >> 2) & 0x0f;
        int channels = ((adts[2] & 0x01) << 2) | ((adts[3] >> 6) & 0x03);
        int asc = (objectType << 11) | (frequencyIndex << 7) | (channels << 3);
        return new byte[]{(byte) (asc >> 8), (byte) asc};
    }

    /** A 7-byte ADTS header (no CRC) in front of a raw AAC frame, from the stream's AudioSpecificConfig. */
    private static byte[] withAdtsHeader(byte[] asc, byte[] raw) {
        if (asc == null) {
            throw new IllegalArgumentException("raw AAC before its AudioSpecificConfig");
        }
        int objectType = (asc[0] & 0xff) >> 3;
        int frequencyIndex = ((asc[0] & 0x07) << 1) | ((asc[1] & 0xff) >> 7);
        int channels = (asc[1] >> 3) & 0x0f;
        int length = raw.length + 7;
        byte[] out = new byte[length];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xf1;
        out[2] = (byte) (((objectType - 1) << 6) | (frequencyIndex << 2) | (channels >> 2));
        out[3] = (byte) (((channels & 3) << 6) | (length >> 11));
        out[4] = (byte) (length >> 3);
        out[5] = (byte) (((length & 7) << 5) | 0x1f);
        out[6] = (byte) 0xfc;
        System.arraycopy(raw, 0, out, 7, raw.length);
        return out;
    }

    private static MediaPacket with(MediaPacket p, BitstreamFormat format, byte[] data) {
        return new MediaPacket(p.kind(), p.codec(), format, p.config(), p.keyframe(), p.pts(), p.dts(), p.timeBase(), data);
    }

    private static void check(int rc, String what) throws IOException {
        if (rc < 0) {
            throw new IOException(what + ": " + describe(rc));
        }
    }

    private static String describe(int rc) {
        byte[] buffer = new byte[256];
        av_strerror(rc, buffer, buffer.length);
        int n = 0;
        while (n < buffer.length && buffer[n] != 0) {
            n++;
        }
        return new String(buffer, 0, n, StandardCharsets.UTF_8) + " (" + rc + ")";
    }
}
