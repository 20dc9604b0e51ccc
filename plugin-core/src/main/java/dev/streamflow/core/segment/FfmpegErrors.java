package dev.streamflow.core.segment;

import java.nio.charset.StandardCharsets;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** FFmpeg's own words for an error code, so the admin sees what FFmpeg said. */
final class FfmpegErrors {
    private FfmpegErrors() {
    }

    static String describe(int errorCode) {
        byte[] buffer = new byte[256];
        av_strerror(errorCode, buffer, buffer.length);
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8) + " (FFmpeg error " + errorCode + ")";
    }
}
