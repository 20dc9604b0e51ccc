package dev.streamflow.core.verify.decode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;

/**
 * The level of a file's first audio stream over its whole length, as {@code volumedetect} reports it: the mean
 * power and the peak of all samples of all channels, in dB relative to full scale.
 */
final class AudioMeter {
    /** The decoder's own default for {@code max_pixels}: audio has no pixels. */
    private static final long NO_PIXEL_LIMIT = Integer.MAX_VALUE;

    private double sumOfSquares;
    private double peak;
    private long samples;

    private AudioMeter() {
    }

    /** The level, or empty when the file has no audio or none of it decodes to a sample format measured here. */
    static Optional<DecodeReply.Level> measure(Path file, String name) throws DecodeFailure {
        AudioMeter meter = new AudioMeter();
        try (MediaInput input = MediaInput.open(file, name)) {
            int audio = input.firstStream(AVMEDIA_TYPE_AUDIO);
            if (audio < 0) {
                return Optional.empty();
            }
            input.decode(audio, NO_PIXEL_LIMIT, (frame, stream) -> {
                meter.add(frame);
                return true;
            });
        }
        return meter.level();
    }

    private void add(AVFrame frame) {
        int format = frame.format();
        int bytesPerSample = format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_FLT ? 4
                : format == AV_SAMPLE_FMT_S16P || format == AV_SAMPLE_FMT_S16 ? 2 : 0;
        if (bytesPerSample == 0) {
            return;
        }
        int channels = frame.ch_layout().nb_channels();
        boolean planar = av_sample_fmt_is_planar(format) != 0;
        int planes = planar ? channels : 1;
        int perPlane = frame.nb_samples() * (planar ? 1 : channels);
        for (int p = 0; p < planes; p++) {
            ByteBuffer data = new BytePointer(frame.data(p)).capacity((long) perPlane * bytesPerSample).asBuffer()
                    .order(ByteOrder.nativeOrder());
            for (int i = 0; i < perPlane; i++) {
                add(bytesPerSample == 4 ? data.getFloat(i * 4) : data.getShort(i * 2) / 32768.0);
            }
        }
    }

    private void add(double sample) {
        sumOfSquares += sample * sample;
        peak = Math.max(peak, Math.abs(sample));
        samples++;
    }

    private Optional<DecodeReply.Level> level() {
        if (samples == 0) {
            return Optional.empty();
        }
        return Optional.of(new DecodeReply.Level(10 * Math.log10(sumOfSquares / samples), 20 * Math.log10(peak)));
    }
}
