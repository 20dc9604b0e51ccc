package dev.streamflow.core.verify.decode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * Turns decoded frames into 8-bit luma planes of a given size with swscale's bicubic filter (what the engine
 * scales with), whatever the frame's pixel format. Keeps one context per conversion for the life of one request.
 */
final class LumaScaler implements AutoCloseable {
    private final Map<List<Integer>, SwsContext> contexts = new HashMap<>();

    byte[] luma(AVFrame frame, int width, int height) throws DecodeFailure {
        SwsContext context = contexts.computeIfAbsent(List.of(frame.width(), frame.height(), frame.format(), width, height),
                key -> sws_getContext(frame.width(), frame.height(), frame.format(), width, height, AV_PIX_FMT_GRAY8, SWS_BICUBIC,
                        null, null, (DoublePointer) null));
        if (context == null) {
            throw new DecodeFailure("cannot convert " + frame.width() + "x" + frame.height() + " pixel format " + frame.format()
                    + " to " + width + "x" + height + " luma");
        }
        try (BytePointer plane = new BytePointer((long) width * height);
             PointerPointer<BytePointer> destination = new PointerPointer<>(plane, null, null, null);
             IntPointer strides = new IntPointer(width, 0, 0, 0)) {
            sws_scale(context, frame.data(), frame.linesize(), 0, frame.height(), destination, strides);
            byte[] luma = new byte[width * height];
            plane.get(luma);
            return luma;
        }
    }

    @Override
    public void close() {
        contexts.values().forEach(context -> sws_freeContext(context));
        contexts.clear();
    }
}
