package dev.streamflow.core.verify.decode;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out one {@link DecodeRequest}: the source first (its frames kept as decoded), then each rendition,
 * whose frames must decode at exactly its requested size, then the audio levels asked for.
 */
final class RequestDecoder {
    /** The source comes from the host's own segmenter; its size was bounded at ingest. */
    private static final long SOURCE_MAX_PIXELS = 8192L * 4320;

    private RequestDecoder() {
    }

    static DecodeReply decode(DecodeRequest request, Runnable sourceDecoded) {
        try (SampledFrames source = SampledFrames.decode(request.source(), "the source", request.sourcePeriod(), request.times(),
                SOURCE_MAX_PIXELS); LumaScaler scaler = new LumaScaler()) {
            sourceDecoded.run();
            return renditions(request, source.frames(), scaler);
        } catch (DecodeFailure e) {
            return DecodeReply.failed(DecodeReply.Outcome.ERROR, e.getMessage());
        }
    }

    private static DecodeReply renditions(DecodeRequest request, List<AVFrame> source, LumaScaler scaler) throws DecodeFailure {
        List<DecodeReply.Frames> frames = new ArrayList<>();
        List<Optional<DecodeReply.Level>> audio = new ArrayList<>();
        for (int i = 0; i < request.renditions().size(); i++) {
            DecodeRequest.Rendition r = request.renditions().get(i);
            String name = "rendition " + i;
            try {
                frames.add(new DecodeReply.Frames(r.width(), r.height(), scaled(source, r, scaler), rendition(r, name, request.times(), scaler)));
                audio.add(r.audio() ? AudioMeter.measure(r.file(), name) : Optional.empty());
            } catch (DecodeFailure e) {
                return DecodeReply.failed(DecodeReply.Outcome.RENDITION_FAULT, e.getMessage());
            }
        }
        Optional<DecodeReply.Level> sourceAudio = request.sourceAudio() ? AudioMeter.measure(request.source(), "the source") : Optional.empty();
        return new DecodeReply(DecodeReply.Outcome.OK, "", frames, sourceAudio, audio);
    }

    private static List<byte[]> scaled(List<AVFrame> source, DecodeRequest.Rendition r, LumaScaler scaler) throws DecodeFailure {
        List<byte[]> planes = new ArrayList<>(source.size());
        for (AVFrame frame : source) {
            planes.add(scaler.luma(frame, r.width(), r.height()));
        }
        return planes;
    }

    private static List<byte[]> rendition(DecodeRequest.Rendition r, String name, List<Double> times, LumaScaler scaler) throws DecodeFailure {
        // A little headroom over the expected size for coded padding; anything larger is refused before allocation.
        long maxPixels = (long) (r.width() + 16) * (r.height() + 16);
        try (SampledFrames sampled = SampledFrames.decode(r.file(), name, r.period(), times, maxPixels)) {
            List<byte[]> planes = new ArrayList<>(times.size());
            for (AVFrame frame : sampled.frames()) {
                if (frame.width() != r.width() || frame.height() != r.height()) {
                    throw new DecodeFailure(name + " decodes to " + frame.width() + "x" + frame.height() + ", not " + r.width() + "x" + r.height());
                }
                planes.add(scaler.luma(frame, r.width(), r.height()));
            }
            return planes;
        }
    }
}
