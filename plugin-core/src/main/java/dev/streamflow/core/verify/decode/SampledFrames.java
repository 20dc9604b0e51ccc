package dev.streamflow.core.verify.decode;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * The frames of one video at the sample times: for each time, the frame whose timestamp, counted from the first
 * frame, lies within half a frame period of it. Decoding stops after the last one. The frames are references into
 * the decoder's pool and must be {@link #close() closed}.
 */
final class SampledFrames implements AutoCloseable {
    /** MPEG-TS timestamps are 33 bits wide; a difference beyond half of that is a wrap. */
    private static final long WRAP = 1L << 33;

    private final List<AVFrame> frames = new ArrayList<>();

    private SampledFrames() {
    }

    static SampledFrames decode(Path file, String name, double period, List<Double> times, long maxPixels) throws DecodeFailure {
        SampledFrames sampled = new SampledFrames();
        try (MediaInput input = MediaInput.open(file, name)) {
            int video = input.firstStream(AVMEDIA_TYPE_VIDEO);
            if (video < 0) {
                throw new DecodeFailure(name + " has no video stream");
            }
            input.decode(video, maxPixels, sampled.picker(period, times));
            if (sampled.frames.size() != times.size()) {
                throw new DecodeFailure(name + " has " + sampled.frames.size() + " of the " + times.size() + " frames sampled at "
                        + times + " s");
            }
            return sampled;
        } catch (DecodeFailure | RuntimeException e) {
            sampled.close();
            throw e;
        }
    }

    List<AVFrame> frames() {
        return frames;
    }

    private MediaInput.FrameVisitor picker(double period, List<Double> times) {
        return new MediaInput.FrameVisitor() {
            private long first = AV_NOPTS_VALUE;
            private int next;

            @Override
            public boolean accept(AVFrame frame, AVStream stream) {
                long pts = frame.best_effort_timestamp();
                if (pts == AV_NOPTS_VALUE) {
                    return true;
                }
                if (first == AV_NOPTS_VALUE) {
                    first = pts;
                }
                double t = unwrapped(pts - first) * stream.time_base().num() / (double) stream.time_base().den();
                while (next < times.size() && t >= times.get(next) + period / 2) {
                    next++; // no frame near this time: the count will fall short
                }
                if (next < times.size() && t >= times.get(next) - period / 2) {
                    frames.add(av_frame_clone(frame));
                    next++;
                }
                return next < times.size();
            }
        };
    }

    private static long unwrapped(long delta) {
        if (delta < -WRAP / 2) {
            return delta + WRAP;
        }
        return delta > WRAP / 2 ? delta - WRAP : delta;
    }

    @Override
    public void close() {
        frames.forEach(frame -> av_frame_free(frame));
        frames.clear();
    }
}
