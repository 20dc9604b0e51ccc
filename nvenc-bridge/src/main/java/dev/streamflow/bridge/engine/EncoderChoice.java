package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_license;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Which H.264 encoder the engine uses, decided once at start, and why. Create it with {@link #detect()}
 * and hand the same instance to every engine.
 */
public record EncoderChoice(H264Encoder encoder, String reason) {
    private static final Logger log = LoggerFactory.getLogger(EncoderChoice.class);

    public EncoderChoice {
        if (encoder == null) {
            throw new IllegalArgumentException("no encoder");
        }
    }

    /**
     * Picks h264_nvenc if a GPU accepts a session, else libx264 if this FFmpeg build has it, else
     * libopenh264, and logs the pick once. Sets FFmpeg's (process-wide) log level to errors only; while
     * probing NVENC it is silent, because a machine without a GPU is the normal case, not an error.
     */
    public static EncoderChoice detect() {
        String nvencProblem;
        av_log_set_level(AV_LOG_QUIET);
        try {
            nvencProblem = nvencUnavailableBecause();
        } finally {
            av_log_set_level(AV_LOG_ERROR);
        }
        EncoderChoice choice = pick(nvencProblem);
        log.info("H.264 encoder: {} ({})", choice.encoder().codecName(), choice.reason());
        return choice;
    }

    private static EncoderChoice pick(String nvencProblem) {
        if (nvencProblem == null) {
            return new EncoderChoice(H264Encoder.NVENC, "a GPU accepted an NVENC session");
        }
        String nvenc = "h264_nvenc: " + nvencProblem;
        if (inThisBuild(H264Encoder.X264)) {
            return new EncoderChoice(H264Encoder.X264, nvenc);
        }
        return new EncoderChoice(H264Encoder.OPENH264, nvenc + "; libx264: not in this FFmpeg build (" + license() + ")");
    }

    /** Uses {@code encoder} without probing; fails if this FFmpeg build does not have it. */
    public static EncoderChoice forced(H264Encoder encoder) {
        if (!inThisBuild(encoder)) {
            throw new IllegalArgumentException(encoder.codecName() + " is not in this FFmpeg build (" + license() + ")");
        }
        av_log_set_level(AV_LOG_ERROR);
        return new EncoderChoice(encoder, "chosen by configuration");
    }

    /** "LGPL" or "GPL", from the linked libavcodec. */
    public static String license() {
        String text = avcodec_license().getString();
        return text.startsWith("LGPL") ? "LGPL" : text.startsWith("GPL") ? "GPL" : text;
    }

    static boolean inThisBuild(H264Encoder encoder) {
        return avcodec_find_encoder_by_name(encoder.codecName()) != null;
    }

    /** Null if NVENC works here, else a short reason. Opening a tiny encoder fails fast without a driver. */
    private static String nvencUnavailableBecause() {
        AVCodec codec = avcodec_find_encoder_by_name(H264Encoder.NVENC.codecName());
        if (codec == null) {
            return "not in this FFmpeg build";
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        try {
            context.width(320).height(240).pix_fmt(AV_PIX_FMT_YUV420P)
                    .time_base(Ff.rational(1, 30)).framerate(Ff.rational(30, 1));
            int result = avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
            if (result >= 0) {
                return null;
            }
            boolean device = Files.exists(Path.of("/dev/nvidiactl"));
            return (device ? "an NVIDIA device refused a session" : "no CUDA device") + " (" + Ff.describe(result) + ")";
        } finally {
            avcodec_free_context(context);
        }
    }
}
