package dev.streamflow.core.verify.decode;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One deep check's decoding: the frames nearest {@code times} in the source and in each rendition, the source
 * scaled (bicubic, luma only) to each rendition's size, and the audio levels of the inputs that ask for them.
 *
 * @param source       the source segment, MPEG-TS
 * @param sourcePeriod seconds between the source's frames
 * @param sourceAudio  measure the source's audio level
 * @param renditions   the renditions, in ladder order
 * @param times        seconds from each stream's first frame; a frame within half a period of a time is taken
 */
public record DecodeRequest(Path source, double sourcePeriod, boolean sourceAudio, List<Rendition> renditions, List<Double> times) {
    public static final int MAX_RENDITIONS = 16;
    public static final int MAX_TIMES = 10;

    public DecodeRequest {
        renditions = List.copyOf(renditions);
        times = List.copyOf(times);
        if (renditions.isEmpty() || renditions.size() > MAX_RENDITIONS) {
            throw new IllegalArgumentException(renditions.size() + " renditions is outside 1.." + MAX_RENDITIONS);
        }
        if (times.isEmpty() || times.size() > MAX_TIMES) {
            throw new IllegalArgumentException(times.size() + " sample times is outside 1.." + MAX_TIMES);
        }
        if (!(sourcePeriod > 0)) {
            throw new IllegalArgumentException("source frame period " + sourcePeriod + " must be positive");
        }
    }

    /**
     * @param file   the rendition, MPEG-TS
     * @param period seconds between its frames
     * @param width  the size its frames must decode to, and the source is scaled to
     * @param height see width
     * @param audio  measure its audio level
     */
    public record Rendition(Path file, double period, int width, int height, boolean audio) {

        public Rendition {
            if (width < 2 || height < 2 || width > 8192 || height > 8192) {
                throw new IllegalArgumentException("rendition size " + width + "x" + height + " is outside 2..8192");
            }
            if (!(period > 0)) {
                throw new IllegalArgumentException("rendition frame period " + period + " must be positive");
            }
        }
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeUTF(source.toString());
        out.writeDouble(sourcePeriod);
        out.writeBoolean(sourceAudio);
        out.writeInt(renditions.size());
        for (Rendition r : renditions) {
            out.writeUTF(r.file().toString());
            out.writeDouble(r.period());
            out.writeInt(r.width());
            out.writeInt(r.height());
            out.writeBoolean(r.audio());
        }
        out.writeInt(times.size());
        for (double t : times) {
            out.writeDouble(t);
        }
    }

    static DecodeRequest read(DataInputStream in) throws IOException {
        Path source = Path.of(in.readUTF());
        double sourcePeriod = in.readDouble();
        boolean sourceAudio = in.readBoolean();
        int count = Wire.count(in.readInt(), MAX_RENDITIONS, "renditions");
        List<Rendition> renditions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            renditions.add(new Rendition(Path.of(in.readUTF()), in.readDouble(), in.readInt(), in.readInt(), in.readBoolean()));
        }
        int timeCount = Wire.count(in.readInt(), MAX_TIMES, "sample times");
        List<Double> times = new ArrayList<>(timeCount);
        for (int k = 0; k < timeCount; k++) {
            times.add(in.readDouble());
        }
        return new DecodeRequest(source, sourcePeriod, sourceAudio, renditions, times);
    }
}
