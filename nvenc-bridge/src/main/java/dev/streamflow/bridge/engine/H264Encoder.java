package dev.streamflow.bridge.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The H.264 encoders the engine can drive, in order of preference, with the options each needs. */
public enum H264Encoder {
    /** NVIDIA's hardware encoder; only usable when a GPU accepts a session. */
    NVENC("h264_nvenc", Map.of("preset", "p4", "no-scenecut", "1")),
    /** x264; only in the GPL build of FFmpeg. */
    X264("libx264", Map.of("preset", "veryfast", "sc_threshold", "0")),
    /** Cisco's openh264 (Constrained Baseline); in every bytedeco build. Skipped frames would break the frame count. */
    OPENH264("libopenh264", Map.of("rc_mode", "bitrate", "allow_skip_frames", "0"));

    private final String codecName;
    private final Map<String, String> privateOptions;

    H264Encoder(String codecName, Map<String, String> privateOptions) {
        this.codecName = codecName;
        this.privateOptions = privateOptions;
    }

    /** FFmpeg's name of the encoder, as in {@code ffmpeg -c:v NAME}. */
    public String codecName() {
        return codecName;
    }

    /**
     * Every option for one rendition, by the names {@code ffmpeg -KEY VALUE} and {@code avcodec_open2} both
     * accept: rate control (maxrate = bitrate, buffer = 2 × bitrate), no B-frames, one GOP per segment, the
     * encoder's own options, and automatic threading as the ffmpeg command line uses.
     */
    public Map<String, String> options(int bitrateKbps, int gopFrames) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("b", bitrateKbps + "k");
        options.put("maxrate", bitrateKbps + "k");
        options.put("bufsize", 2 * bitrateKbps + "k");
        options.put("bf", "0");
        options.put("g", Integer.toString(gopFrames));
        options.put("threads", "auto");
        options.putAll(privateOptions);
        return options;
    }
}
