package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_open_dyn_buf;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;

/** An MPEG-TS muxer writing into memory that keeps the timestamps it is given (mpegts_copyts). */
final class TsMemoryMuxer implements AutoCloseable {
    /** AVFMT_AVOID_NEG_TS_DISABLED in libavformat/avformat.h; the presets do not export it. */
    private static final int AVOID_NEG_TS_DISABLED = 0;

    private final AVFormatContext format;
    private AVIOContext buffer;

    private TsMemoryMuxer(AVFormatContext format) {
        this.format = format;
    }

    static TsMemoryMuxer create() throws TranscodeException {
        AVFormatContext format = new AVFormatContext(null);
        Ff.check(avformat_alloc_output_context2(format, null, "mpegts", null), "cannot create the MPEG-TS muxer");
        TsMemoryMuxer muxer = new TsMemoryMuxer(format);
        AVIOContext buffer = new AVIOContext(null);
        int opened = avio_open_dyn_buf(buffer);
        if (opened < 0) {
            muxer.close();
            throw new TranscodeException("cannot allocate the output buffer: " + Ff.describe(opened));
        }
        muxer.buffer = buffer;
        format.pb(buffer);
        // The source timestamps are the point of the rendition: never shift them, not even when negative.
        format.avoid_negative_ts(AVOID_NEG_TS_DISABLED);
        return muxer;
    }

    /** Adds a stream fed by {@code encoder} (already open); returns its index. */
    int addVideo(AVCodecContext encoder) throws TranscodeException {
        AVStream stream = newStream();
        Ff.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "cannot describe the video stream");
        stream.time_base(encoder.time_base());
        return stream.index();
    }

    /** Adds a stream whose packets are copied from a source stream; returns its index. */
    int addCopy(AVStream source) throws TranscodeException {
        AVStream stream = newStream();
        AVCodecParameters parameters = stream.codecpar();
        Ff.check(avcodec_parameters_copy(parameters, source.codecpar()), "cannot describe the audio stream");
        parameters.codec_tag(0);
        stream.time_base(source.time_base());
        return stream.index();
    }

    void start() throws TranscodeException {
        AVDictionary options = Ff.dictionary(Map.of("mpegts_copyts", "1"));
        try {
            Ff.check(avformat_write_header(format, options), "cannot start the MPEG-TS output");
        } finally {
            av_dict_free(options);
        }
    }

    /** Writes {@code packet} (its timestamps in {@code timeBase}) to stream {@code index}; takes its reference. */
    void write(AVPacket packet, int index, AVRational timeBase) throws TranscodeException {
        packet.stream_index(index);
        av_packet_rescale_ts(packet, timeBase, format.streams(index).time_base());
        packet.pos(-1);
        // av_interleaved_write_frame resets the packet even when it fails: read what we report before the call.
        long pts = packet.pts();
        long dts = packet.dts();
        int result = av_interleaved_write_frame(format, packet);
        if (result < 0) {
            throw new TranscodeException("cannot write stream " + index + " at pts " + text(pts) + ", dts " + text(dts)
                    + " (this packet or one queued before it for interleaving): " + Ff.describe(result));
        }
    }

    /** Writes the trailer and returns the whole MPEG-TS file. */
    byte[] finish() throws TranscodeException {
        Ff.check(av_write_trailer(format), "cannot finish the MPEG-TS output");
        return closeBuffer();
    }

    @Override
    public void close() {
        closeBuffer();
        avformat_free_context(format);
    }

    private static String text(long timestamp) {
        return timestamp == AV_NOPTS_VALUE ? "NOPTS" : Long.toString(timestamp);
    }

    private AVStream newStream() throws TranscodeException {
        AVStream stream = avformat_new_stream(format, null);
        if (stream == null) {
            throw new TranscodeException("cannot add a stream to the MPEG-TS output");
        }
        return stream;
    }

    private byte[] closeBuffer() {
        if (buffer == null) {
            return new byte[0];
        }
        format.pb(null);
        try (PointerPointer<BytePointer> data = new PointerPointer<>(1)) {
            int size = avio_close_dyn_buf(buffer, data);
            BytePointer bytes = data.get(BytePointer.class, 0);
            try {
                byte[] out = new byte[Math.max(0, size)];
                if (size > 0) {
                    bytes.capacity(size).get(out);
                }
                return out;
            } finally {
                av_free(bytes);
            }
        } finally {
            buffer = null;
        }
    }
}
