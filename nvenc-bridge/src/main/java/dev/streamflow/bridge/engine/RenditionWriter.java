package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * One rung of the ladder for one segment: scales decoded source frames to its size, encodes them with a
 * fresh encoder (so the rendition starts with an IDR) whose time base is the source's, and muxes them,
 * together with the copied audio, into MPEG-TS in memory.
 */
final class RenditionWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RenditionWriter.class);

    private final VideoProfile profile;
    private final OutputSize size;
    private final FrameRateGate gate;
    private final AVRational timeBase;
    private final AVCodecContext encoder;
    private final AVFrame scaled = av_frame_alloc();
    private final AVPacket encoded = av_packet_alloc();
    private final AVPacket audioCopy = av_packet_alloc();
    private final TsMemoryMuxer muxer;
    private SwsContext scaler;
    private int videoIndex = -1;
    private int audioIndex = -1;
    private int frames;

    private RenditionWriter(VideoProfile profile, SourceVideo source, AVCodecContext encoder, TsMemoryMuxer muxer) {
        this.profile = profile;
        this.size = OutputSize.fit(source.width(), source.height(), profile);
        this.gate = new FrameRateGate(source.fpsNum(), source.fpsDen(), profile.fps(), source.timeBaseNum(), source.timeBaseDen());
        this.timeBase = source.timeBase();
        this.encoder = encoder;
        this.muxer = muxer;
    }

    /**
     * @param audio the source AAC stream to copy, or null for a video-only rendition
     * @param gop   frames per GOP; at least the segment's length, so the opening IDR is the only one
     */
    static RenditionWriter open(VideoProfile profile, SourceVideo source, AVStream audio, H264Encoder codec, int gop)
            throws TranscodeException {
        AVCodec encoderCodec = avcodec_find_encoder_by_name(codec.codecName());
        if (encoderCodec == null) {
            throw new TranscodeException(codec.codecName() + " is not in this FFmpeg build");
        }
        TsMemoryMuxer muxer = TsMemoryMuxer.create();
        RenditionWriter writer = new RenditionWriter(profile, source, avcodec_alloc_context3(encoderCodec), muxer);
        try {
            writer.openEncoder(encoderCodec, codec, source, gop);
            writer.videoIndex = writer.muxer.addVideo(writer.encoder);
            if (audio != null) {
                writer.audioIndex = writer.muxer.addCopy(audio);
            }
            writer.muxer.start();
            return writer;
        } catch (TranscodeException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    String profileName() {
        return profile.name();
    }

    /** Scales and encodes one decoded source frame, unless the frame rate gate drops it. */
    void encode(AVFrame source, long pts) throws TranscodeException {
        if (!gate.admit(pts)) {
            return;
        }
        Ff.check(av_frame_make_writable(scaled), "cannot get a frame buffer for " + profile.name());
        scaler = sws_getCachedContext(scaler, source.width(), source.height(), source.format(),
                size.width(), size.height(), AV_PIX_FMT_YUV420P, SWS_BICUBIC, null, null, (DoublePointer) null);
        if (scaler == null) {
            throw new TranscodeException("cannot scale " + source.width() + "x" + source.height() + " to " + size.width() + "x" + size.height());
        }
        Ff.check(sws_scale(scaler, source.data(), source.linesize(), 0, source.height(), scaled.data(), scaled.linesize()),
                "cannot scale the frame at pts " + pts + " for " + profile.name());
        scaled.pts(pts);
        Ff.check(avcodec_send_frame(encoder, scaled), profile.name() + ": encoding failed at pts " + pts);
        drainEncoder();
    }

    /** Copies one source audio packet (timestamps in {@code packetTimeBase}) into the rendition. */
    void copyAudio(AVPacket packet, AVRational packetTimeBase) throws TranscodeException {
        if (audioIndex < 0) {
            return;
        }
        Ff.check(av_packet_ref(audioCopy, packet), "cannot reference an audio packet");
        muxer.write(audioCopy, audioIndex, packetTimeBase);
    }

    /** Flushes the encoder and returns the finished rendition. */
    Rendition finish() throws TranscodeException {
        Ff.check(avcodec_send_frame(encoder, null), profile.name() + ": cannot flush the encoder");
        drainEncoder();
        return new Rendition(profile, size.width(), size.height(), frames, muxer.finish());
    }

    @Override
    public void close() {
        muxer.close();
        sws_freeContext(scaler);
        av_packet_free(encoded);
        av_packet_free(audioCopy);
        av_frame_free(scaled);
        avcodec_free_context(encoder);
    }

    private void openEncoder(AVCodec codec, H264Encoder kind, SourceVideo source, int gop) throws TranscodeException {
        encoder.width(size.width()).height(size.height()).pix_fmt(AV_PIX_FMT_YUV420P)
                .time_base(timeBase)
                .framerate(gate.reducing() ? Ff.rational(profile.fps(), 1) : source.frameRate())
                .sample_aspect_ratio(Ff.rational(source.sarNum(), source.sarDen()));
        AVDictionary options = Ff.dictionary(kind.options(profile.bitrateKbps(), gop));
        try {
            Ff.check(avcodec_open2(encoder, codec, options), "cannot open " + kind.codecName() + " for " + profile.name()
                    + " at " + size.width() + "x" + size.height());
            List<String> ignored = Ff.keys(options);
            if (!ignored.isEmpty()) {
                log.warn("{} ignored the options {}", kind.codecName(), ignored);
            }
        } finally {
            av_dict_free(options);
        }
        scaled.format(AV_PIX_FMT_YUV420P).width(size.width()).height(size.height());
        Ff.check(av_frame_get_buffer(scaled, 0), "cannot allocate a " + size.width() + "x" + size.height() + " frame");
    }

    private void drainEncoder() throws TranscodeException {
        while (true) {
            int result = avcodec_receive_packet(encoder, encoded);
            if (result == AVERROR_EAGAIN() || result == AVERROR_EOF) {
                return;
            }
            Ff.check(result, profile.name() + ": encoding failed");
            muxer.write(encoded, videoIndex, timeBase);
            frames++;
        }
    }
}
