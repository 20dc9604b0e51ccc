package dev.streamflow.core.segment;

import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.StreamKey;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_open_dyn_buf;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

/**
 * One segment's FFmpeg {@code mpegts} muxer, writing into memory. Timestamps go in as 90 kHz and come out
 * unchanged ({@code mpegts_copyts}); with avcC extradata the muxer inserts {@code h264_mp4toannexb} itself,
 * with an AudioSpecificConfig it writes ADTS headers itself. Not thread-safe; {@link #close} frees everything.
 */
final class TsMuxer implements AutoCloseable {
    private final StreamKey stream;
    private final AVPacket packet;
    private AVFormatContext context;
    private AVIOContext buffer;
    private int videoIndex = -1;
    private int audioIndex = -1;
    private boolean closed;

    private TsMuxer(StreamKey stream) {
        this.stream = stream;
        this.packet = av_packet_alloc();
        if (packet == null || packet.isNull()) {
            throw new OutOfMemoryError("av_packet_alloc failed");
        }
    }

    /** A muxer with an H.264 stream and, if {@code audio} is not null, an AAC stream; the header is written. */
    static TsMuxer open(StreamKey stream, H264Config video, AacConfig audio) throws IngestException {
        TsMuxer muxer = new TsMuxer(stream);
        try {
            muxer.start(video, audio);
            return muxer;
        } catch (IngestException | RuntimeException e) {
            muxer.close();
            throw e;
        }
    }

    void writeVideo(byte[] data, long pts, long dts, boolean keyframe) throws IngestException {
        write(videoIndex, data, pts, dts, keyframe, "video");
    }

    void writeAudio(byte[] data, long pts, long dts) throws IngestException {
        write(audioIndex, data, pts, dts, true, "audio");
    }

    /** Writes the trailer and returns the MPEG-TS bytes; the muxer is closed afterwards either way. */
    byte[] finish() throws IngestException {
        try {
            check(av_write_trailer(context), "could not finish the MPEG-TS segment");
            return closeBuffer();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (buffer != null) {
            closeBuffer();
        }
        if (context != null) {
            avformat_free_context(context); // also frees the streams' extradata and any packets still queued
            context = null;
        }
        av_packet_free(packet);
    }

    private void start(H264Config video, AacConfig audio) throws IngestException {
        AVFormatContext allocated = new AVFormatContext(null);
        check(avformat_alloc_output_context2(allocated, null, "mpegts", null), "could not create the MPEG-TS muxer");
        context = allocated;
        videoIndex = addVideo(video);
        if (audio != null) {
            audioIndex = addAudio(audio);
        }
        AVIOContext io = new AVIOContext(null);
        check(avio_open_dyn_buf(io), "could not allocate the segment buffer");
        buffer = io;
        context.pb(io);
        writeHeader();
        requireNinetyKilohertz(videoIndex);
        if (audioIndex >= 0) {
            requireNinetyKilohertz(audioIndex);
        }
    }

    private void writeHeader() throws IngestException {
        AVDictionary options = new AVDictionary(null);
        try {
            av_dict_set(options, "mpegts_copyts", "1", 0);
            check(avformat_write_header(context, options), "the MPEG-TS muxer refused the stream's codec parameters");
        } finally {
            av_dict_free(options);
        }
    }

    private int addVideo(H264Config video) {
        AVStream st = newStream();
        AVCodecParameters par = st.codecpar();
        par.codec_type(AVMEDIA_TYPE_VIDEO);
        par.codec_id(AV_CODEC_ID_H264);
        setExtradata(par, video.extradata());
        return st.index();
    }

    private int addAudio(AacConfig audio) {
        AVStream st = newStream();
        AVCodecParameters par = st.codecpar();
        par.codec_type(AVMEDIA_TYPE_AUDIO);
        par.codec_id(AV_CODEC_ID_AAC);
        par.sample_rate(audio.sampleRate());
        av_channel_layout_default(par.ch_layout(), audio.channels());
        if (audio.audioSpecificConfig() != null) {
            setExtradata(par, audio.audioSpecificConfig());
        }
        return st.index();
    }

    private AVStream newStream() {
        AVStream st = avformat_new_stream(context, null);
        if (st == null || st.isNull()) {
            throw new OutOfMemoryError("avformat_new_stream failed");
        }
        st.time_base().num(1).den(Segment.CLOCK_HZ);
        return st;
    }

    /** Extradata must come from av_malloc with padding: avformat_free_context frees it. */
    private static void setExtradata(AVCodecParameters par, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        Pointer memory = av_mallocz(bytes.length + (long) AV_INPUT_BUFFER_PADDING_SIZE);
        if (memory == null || memory.isNull()) {
            throw new OutOfMemoryError("av_mallocz failed for " + bytes.length + " bytes of extradata");
        }
        BytePointer extradata = new BytePointer(memory);
        extradata.put(bytes);
        par.extradata(extradata);
        par.extradata_size(bytes.length);
    }

    /** The mpegts muxer always uses 1/90000; we pass timestamps through without rescaling, so make sure. */
    private void requireNinetyKilohertz(int index) {
        AVRational tb = context.streams(index).time_base();
        if (tb.num() != 1 || tb.den() != Segment.CLOCK_HZ) {
            throw new IllegalStateException("the mpegts muxer chose time base " + tb.num() + "/" + tb.den());
        }
    }

    private void write(int index, byte[] data, long pts, long dts, boolean keyframe, String kind) throws IngestException {
        check(av_new_packet(packet, data.length), "could not allocate a " + data.length + "-byte packet");
        try {
            packet.data().put(data);
            packet.stream_index(index);
            packet.pts(pts);
            packet.dts(dts);
            if (keyframe) {
                packet.flags(packet.flags() | AV_PKT_FLAG_KEY);
            }
            check(av_write_frame(context, packet), "the MPEG-TS muxer rejected a " + kind + " packet (dts " + dts + ")");
        } finally {
            av_packet_unref(packet);
        }
    }

    private byte[] closeBuffer() {
        BytePointer bytes = new BytePointer((Pointer) null);
        int size = avio_close_dyn_buf(buffer, bytes);
        buffer = null;
        if (context != null) {
            context.pb(null);
        }
        try {
            byte[] out = new byte[Math.max(size, 0)];
            if (size > 0) {
                bytes.capacity(size).get(out);
            }
            return out;
        } finally {
            av_free(bytes);
        }
    }

    private void check(int rc, String what) throws IngestException {
        if (rc < 0) {
            throw new IngestException(stream + ": " + what + ": " + FfmpegErrors.describe(rc));
        }
    }
}
