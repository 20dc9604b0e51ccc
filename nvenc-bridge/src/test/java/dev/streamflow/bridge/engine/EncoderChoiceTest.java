package dev.streamflow.bridge.engine;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class EncoderChoiceTest {

    @Test
    void withoutAGpuPicksX264InTheGplBuildAndOpenh264Otherwise() {
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA device");
        try (LogCapture log = new LogCapture(EncoderChoice.class)) {
            EncoderChoice choice = EncoderChoice.detect();

            boolean gpl = EncoderChoice.license().equals("GPL");
            assertEquals(gpl ? H264Encoder.X264 : H264Encoder.OPENH264, choice.encoder());
            assertTrue(choice.reason().startsWith("h264_nvenc: no CUDA device"), choice.reason());
            assertEquals(!gpl, choice.reason().contains("libx264: not in this FFmpeg build (LGPL)"), choice.reason());
            assertEquals(1, log.at(Level.INFO).size(), "INFO lines: " + log.at(Level.INFO));
            assertEquals("H.264 encoder: " + choice.encoder().codecName() + " (" + choice.reason() + ")", log.at(Level.INFO).get(0));
        }
    }

    @Test
    void forcingAnEncoderTheBuildLacksFailsClearly() {
        assumeFalse(EncoderChoice.license().equals("GPL"), "the GPL build has libx264");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderChoice.forced(H264Encoder.X264));
        assertEquals("libx264 is not in this FFmpeg build (LGPL)", e.getMessage());
    }

    @Test
    void openh264IsInEveryBuild() {
        assertEquals(H264Encoder.OPENH264, EncoderChoice.forced(H264Encoder.OPENH264).encoder());
    }

    @Test
    void rateControlFollowsTheProfile() {
        var options = H264Encoder.X264.options(1600, 60);
        assertEquals("1600k", options.get("b"));
        assertEquals("1600k", options.get("maxrate"));
        assertEquals("3200k", options.get("bufsize"));
        assertEquals("0", options.get("bf"));
        assertEquals("60", options.get("g"));
        assertEquals("veryfast", options.get("preset"));
    }
}
