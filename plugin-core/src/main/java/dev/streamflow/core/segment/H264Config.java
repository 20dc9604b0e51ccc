package dev.streamflow.core.segment;

import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.media.NalUnits;
import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVBitStreamFilter;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

/**
 * The H.264 decoder configuration of a stream: the extradata the muxer gets (an avcC record, or SPS and PPS
 * behind start codes), and its parameter sets, which tell a real change from a resent configuration.
 */
final class H264Config {
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private final BitstreamFormat format;
    private final byte[] extradata;
    private final List<byte[]> parameterSets;

    private H264Config(BitstreamFormat format, byte[] extradata, List<byte[]> parameterSets) {
        this.format = format;
        this.extradata = extradata;
        this.parameterSets = parameterSets;
    }

    /** Annex B video that carries its SPS and PPS in-band only (no config packet was sent). */
    static H264Config inBand() {
        return new H264Config(BitstreamFormat.ANNEX_B, new byte[0], List.of());
    }

    static H264Config parse(StreamKey stream, MediaPacket config) throws IngestException {
        return switch (config.format()) {
            case AVCC -> parseAvcc(stream, config.data());
            case ANNEX_B -> parseAnnexB(stream, config.data());
            default -> throw new IngestException(stream + ": an H.264 configuration packet in " + config.format()
                    + " framing cannot be used; expected an avcC record (AVCC) or SPS/PPS with start codes (Annex B)");
        };
    }

    BitstreamFormat format() {
        return format;
    }

    byte[] extradata() {
        return extradata;
    }

    boolean sameParameters(H264Config other) {
        if (format != other.format || parameterSets.size() != other.parameterSets.size()) {
            return false;
        }
        for (int i = 0; i < parameterSets.size(); i++) {
            if (!Arrays.equals(parameterSets.get(i), other.parameterSets.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static H264Config parseAvcc(StreamKey stream, byte[] avcc) throws IngestException {
        int rc = initAnnexBFilter(avcc);
        if (rc < 0) {
            throw invalid(stream, avcc, "FFmpeg cannot parse it: " + FfmpegErrors.describe(rc));
        }
        List<byte[]> sets = avccParameterSets(avcc);
        if (sets == null) {
            throw invalid(stream, avcc, "it is not an AVCDecoderConfigurationRecord with at least one SPS and one PPS");
        }
        return new H264Config(BitstreamFormat.AVCC, avcc.clone(), sets);
    }

    /**
     * Runs FFmpeg's own avcC parser, the one the MPEG-TS muxer will use (h264_mp4toannexb), so a configuration that
     * would fail in the muxer fails here, with FFmpeg's reason.
     */
    private static int initAnnexBFilter(byte[] avcc) {
        AVBitStreamFilter filter = av_bsf_get_by_name("h264_mp4toannexb");
        if (filter == null) {
            throw new IllegalStateException("this FFmpeg build has no h264_mp4toannexb bitstream filter");
        }
        AVBSFContext context = new AVBSFContext(null);
        int rc = av_bsf_alloc(filter, context);
        if (rc < 0) {
            return rc;
        }
        try {
            AVCodecParameters in = context.par_in();
            in.codec_type(AVMEDIA_TYPE_VIDEO);
            in.codec_id(AV_CODEC_ID_H264);
            Pointer memory = av_mallocz(avcc.length + (long) AV_INPUT_BUFFER_PADDING_SIZE);
            if (memory == null || memory.isNull()) {
                throw new OutOfMemoryError("av_mallocz failed for " + avcc.length + " bytes of extradata");
            }
            BytePointer data = new BytePointer(memory);
            data.put(avcc);
            in.extradata(data);
            in.extradata_size(avcc.length);
            return av_bsf_init(context);
        } finally {
            av_bsf_free(context); // frees par_in and its extradata
        }
    }

    /** The SPS and PPS of an avcC record, or null if the record is malformed or lacks either. */
    private static List<byte[]> avccParameterSets(byte[] avcc) {
        if (avcc.length < 7 || avcc[0] != 1) {
            return null;
        }
        List<byte[]> sets = new ArrayList<>();
        int offset = 5;
        int spsCount = avcc[offset++] & 0x1f;
        offset = readAvccSets(avcc, offset, spsCount, NAL_SPS, sets);
        if (offset < 0 || offset >= avcc.length) {
            return null;
        }
        int ppsCount = avcc[offset++] & 0xff;
        offset = readAvccSets(avcc, offset, ppsCount, NAL_PPS, sets);
        return offset < 0 || spsCount == 0 || ppsCount == 0 ? null : sets;
    }

    private static int readAvccSets(byte[] avcc, int offset, int count, int nalType, List<byte[]> into) {
        for (int i = 0; i < count; i++) {
            if (offset + 2 > avcc.length) {
                return -1;
            }
            int length = ((avcc[offset] & 0xff) << 8) | (avcc[offset + 1] & 0xff);
            offset += 2;
            if (length == 0 || offset + length > avcc.length || (avcc[offset] & 0x1f) != nalType) {
                return -1;
            }
            into.add(Arrays.copyOfRange(avcc, offset, offset + length));
            offset += length;
        }
        return offset;
    }

    private static H264Config parseAnnexB(StreamKey stream, byte[] data) throws IngestException {
        List<byte[]> sets = new ArrayList<>();
        for (byte[] nal : NalUnits.split(data)) {
            int type = nal[0] & 0x1f;
            if (type == NAL_SPS || type == NAL_PPS) {
                sets.add(nal);
            }
        }
        boolean hasSps = sets.stream().anyMatch(n -> (n[0] & 0x1f) == NAL_SPS);
        boolean hasPps = sets.stream().anyMatch(n -> (n[0] & 0x1f) == NAL_PPS);
        if (!hasSps || !hasPps) {
            throw invalid(stream, data, "it does not contain both an SPS and a PPS behind start codes (Annex B)");
        }
        return new H264Config(BitstreamFormat.ANNEX_B, data.clone(), sets);
    }

    private static IngestException invalid(StreamKey stream, byte[] data, String why) {
        return new IngestException(stream + ": the H.264 configuration from the publisher (" + data.length
                + " bytes) is not valid: " + why);
    }
}
