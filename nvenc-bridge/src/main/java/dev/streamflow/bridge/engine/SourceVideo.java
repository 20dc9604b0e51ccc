package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** What the renditions need to know about the source video: size, time base, frame rate, pixel aspect. */
record SourceVideo(int width, int height, int timeBaseNum, int timeBaseDen, int fpsNum, int fpsDen, int sarNum, int sarDen) {

    static SourceVideo of(AVStream stream, AVRational frameRate) {
        AVRational timeBase = stream.time_base();
        AVRational sar = stream.codecpar().sample_aspect_ratio();
        boolean sarKnown = sar.num() > 0 && sar.den() > 0;
        return new SourceVideo(stream.codecpar().width(), stream.codecpar().height(), timeBase.num(), timeBase.den(),
                frameRate.num(), frameRate.den(), sarKnown ? sar.num() : 1, sarKnown ? sar.den() : 1);
    }

    AVRational timeBase() {
        return Ff.rational(timeBaseNum, timeBaseDen);
    }

    AVRational frameRate() {
        return Ff.rational(fpsNum, fpsDen);
    }
}
