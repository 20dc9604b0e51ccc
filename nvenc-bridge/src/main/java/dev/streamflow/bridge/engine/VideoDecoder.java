package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

/** Decodes the source video once; every frame goes to a sink with its best-effort timestamp. */
final class VideoDecoder implements AutoCloseable {
    /** libavutil/frame.h; not exported as a constant by the presets. */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    /** Receives decoded frames; the frame is only valid during the call. */
    interface FrameSink {
        void accept(AVFrame frame, long pts) throws TranscodeException;
    }

    private final AVCodecContext context;
    private final AVFrame frame = av_frame_alloc();
    private int frames;

    private VideoDecoder(AVCodecContext context) {
        this.context = context;
    }

    static VideoDecoder open(AVStream stream) throws TranscodeException {
        int codecId = stream.codecpar().codec_id();
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null) {
            throw new TranscodeException("video codec " + avcodec_get_name(codecId).getString() + " cannot be decoded by this FFmpeg build");
        }
        VideoDecoder decoder = new VideoDecoder(avcodec_alloc_context3(codec));
        AVDictionary options = Ff.dictionary(Map.of("threads", "auto"));
        try {
            Ff.check(avcodec_parameters_to_context(decoder.context, stream.codecpar()), "cannot set up the video decoder");
            decoder.context.pkt_timebase(stream.time_base());
            Ff.check(avcodec_open2(decoder.context, codec, options), "cannot open the " + codec.name().getString() + " decoder");
            return decoder;
        } catch (TranscodeException e) {
            decoder.close();
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    /** Decodes one packet, or drains the decoder when {@code packet} is null. */
    void decode(AVPacket packet, FrameSink sink) throws TranscodeException {
        int sent = avcodec_send_packet(context, packet);
        if (sent < 0 && sent != AVERROR_EOF) {
            throw new TranscodeException("video decoding failed at " + where(packet) + ": " + Ff.describe(sent));
        }
        while (true) {
            int received = avcodec_receive_frame(context, frame);
            if (received == AVERROR_EAGAIN() || received == AVERROR_EOF) {
                return;
            }
            Ff.check(received, "video decoding failed after " + where(packet));
            try {
                sink.accept(checked(frame), frame.best_effort_timestamp());
                frames++;
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    int frames() {
        return frames;
    }

    @Override
    public void close() {
        av_frame_free(frame);
        avcodec_free_context(context);
    }

    private AVFrame checked(AVFrame decoded) throws TranscodeException {
        if ((decoded.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || decoded.decode_error_flags() != 0) {
            throw new TranscodeException("segment is damaged: video frame " + frames + " (pts " + decoded.best_effort_timestamp()
                    + ") decoded with errors");
        }
        if (decoded.best_effort_timestamp() == AV_NOPTS_VALUE) {
            throw new TranscodeException("video frame " + frames + " has no timestamp");
        }
        return decoded;
    }

    private static String where(AVPacket packet) {
        return packet == null ? "the end of the segment" : "the packet with dts " + packet.dts();
    }
}
