package dev.streamflow.core.verify.decode;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/**
 * One MPEG-TS file, demuxed without probing (the PMT names the codecs; the decoders read the rest from the
 * bitstream), with one stream decoded on the calling thread until the visitor has seen enough.
 */
final class MediaInput implements AutoCloseable {
    private final String name;
    private final AVFormatContext format;

    /** Sees each decoded frame, valid only during the call; returns false once it needs no more. */
    interface FrameVisitor {
        boolean accept(AVFrame frame, AVStream stream) throws DecodeFailure;
    }

    private MediaInput(String name, AVFormatContext format) {
        this.name = name;
        this.format = format;
    }

    static MediaInput open(Path file, String name) throws DecodeFailure {
        AVFormatContext format = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "probesize", "32", 0);
        av_dict_set(options, "analyzeduration", "0", 0);
        try {
            int opened = avformat_open_input(format, file.toString(), av_find_input_format("mpegts"), options);
            if (opened < 0) {
                throw new DecodeFailure(name + " cannot be opened as MPEG-TS: " + describe(opened));
            }
            return new MediaInput(name, format);
        } finally {
            av_dict_free(options);
        }
    }

    /** The index of the first stream of {@code mediaType}, or -1. */
    int firstStream(int mediaType) {
        for (int i = 0; i < format.nb_streams(); i++) {
            if (format.streams(i).codecpar().codec_type() == mediaType) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes stream {@code index} single-threaded (the cheapest in CPU) until the visitor declines or the file ends.
     * Packets the decoder refuses are skipped, as the ffmpeg command line does; frames larger than {@code maxPixels}
     * are refused by the decoder before it allocates them.
     */
    void decode(int index, long maxPixels, FrameVisitor visitor) throws DecodeFailure {
        AVStream stream = format.streams(index);
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null) {
            throw new DecodeFailure(name + ": no decoder for codec id " + stream.codecpar().codec_id());
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            open(context, codec, stream, maxPixels);
            boolean wanted = true;
            while (wanted && av_read_frame(format, packet) >= 0) {
                if (packet.stream_index() == index) {
                    avcodec_send_packet(context, packet);
                    wanted = drain(context, frame, stream, visitor);
                }
                av_packet_unref(packet);
            }
            if (wanted) {
                avcodec_send_packet(context, null);
                drain(context, frame, stream, visitor);
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(context);
        }
    }

    private void open(AVCodecContext context, AVCodec codec, AVStream stream, long maxPixels) throws DecodeFailure {
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "threads", "1", 0);
        av_dict_set(options, "max_pixels", Long.toString(maxPixels), 0);
        try {
            int result = avcodec_parameters_to_context(context, stream.codecpar());
            if (result >= 0) {
                context.pkt_timebase(stream.time_base());
                result = avcodec_open2(context, codec, options);
            }
            if (result < 0) {
                throw new DecodeFailure(name + ": cannot open the " + codec.name().getString() + " decoder: " + describe(result));
            }
        } finally {
            av_dict_free(options);
        }
    }

    private boolean drain(AVCodecContext context, AVFrame frame, AVStream stream, FrameVisitor visitor) throws DecodeFailure {
        while (true) {
            int received = avcodec_receive_frame(context, frame);
            if (received == AVERROR_EAGAIN() || received == AVERROR_EOF) {
                return true;
            }
            if (received < 0) {
                throw new DecodeFailure(name + " does not decode: " + describe(received));
            }
            try {
                if (!visitor.accept(frame, stream)) {
                    return false;
                }
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    @Override
    public void close() {
        avformat_close_input(format);
    }

    static String describe(int errorCode) {
        byte[] text = new byte[256];
        if (av_strerror(errorCode, text, text.length) < 0) {
            return "FFmpeg error " + errorCode;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.US_ASCII);
    }
}
