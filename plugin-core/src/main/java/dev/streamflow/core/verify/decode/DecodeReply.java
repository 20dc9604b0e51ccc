package dev.streamflow.core.verify.decode;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the worker decoded for one {@link DecodeRequest}, or why it could not.
 *
 * <p>On the wire a reply is preceded by a one-byte "source decoded" mark, flushed as soon as the source is done,
 * so that the parent can tell a worker that died on the (trusted) source from one that died on a rendition.
 *
 * @param outcome        {@link Outcome#OK}, or who is to blame
 * @param message        why not, when the outcome is not OK
 * @param renditions     per rendition, in request order: its sampled frames and the source's, luma, at its size
 * @param sourceAudio    the source's audio level, if asked for and decodable
 * @param renditionAudio per rendition, its audio level, if asked for and decodable
 */
public record DecodeReply(Outcome outcome, String message, List<Frames> renditions, Optional<Level> sourceAudio,
                          List<Optional<Level>> renditionAudio) {
    static final byte SOURCE_DECODED = 1;
    static final byte RESULT = 2;

    public enum Outcome {
        OK,
        /** A rendition is not what it claims to be: the orchestrator's fault. */
        RENDITION_FAULT,
        /** The check could not be made: the source, the request or the worker itself. */
        ERROR
    }

    /** One rendition's sampled frames and, scaled to the same size, the source's; one luma plane per sample time. */
    public record Frames(int width, int height, List<byte[]> source, List<byte[]> rendition) {

        public Frames {
            source = List.copyOf(source);
            rendition = List.copyOf(rendition);
        }
    }

    /** Mean and peak level of all samples of all channels, dBFS; peak −∞ for digital silence. */
    public record Level(double meanDb, double maxDb) {
    }

    public DecodeReply {
        renditions = List.copyOf(renditions);
        renditionAudio = List.copyOf(renditionAudio);
    }

    public static DecodeReply failed(Outcome outcome, String message) {
        return new DecodeReply(outcome, message, List.of(), Optional.empty(), List.of());
    }

    /** Waits for the word a worker writes once it is ready; fails if anything else arrives. */
    public static void awaitHandshake(DataInputStream in) throws IOException {
        Wire.expectMagic(in.readInt(), "decode worker start");
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeByte(RESULT);
        out.writeInt(Wire.MAGIC);
        out.writeByte(outcome.ordinal());
        if (outcome != Outcome.OK) {
            out.writeUTF(message.length() > 2000 ? message.substring(0, 2000) + "…" : message);
            return;
        }
        out.writeInt(renditions.size());
        for (Frames f : renditions) {
            out.writeInt(f.width());
            out.writeInt(f.height());
            out.writeInt(f.source().size());
            for (int k = 0; k < f.source().size(); k++) {
                out.write(f.source().get(k));
                out.write(f.rendition().get(k));
            }
        }
        writeLevel(out, sourceAudio);
        for (Optional<Level> level : renditionAudio) {
            writeLevel(out, level);
        }
    }

    /**
     * Reads one reply for {@code request}, calling {@code sourceDecoded} when the mark arrives. Every size is checked
     * against the request before anything is allocated, so a misbehaving worker cannot make the parent allocate more
     * than the request implies.
     */
    public static DecodeReply read(DataInputStream in, DecodeRequest request, Runnable sourceDecoded) throws IOException {
        byte type = in.readByte();
        if (type == SOURCE_DECODED) {
            sourceDecoded.run();
            type = in.readByte();
        }
        if (type != RESULT) {
            throw new IOException("the decode worker sent message type " + type + ", expected a result");
        }
        Wire.expectMagic(in.readInt(), "decode reply");
        int ordinal = in.readUnsignedByte();
        if (ordinal >= Outcome.values().length) {
            throw new IOException("the decode worker sent outcome " + ordinal);
        }
        Outcome outcome = Outcome.values()[ordinal];
        if (outcome != Outcome.OK) {
            return failed(outcome, in.readUTF());
        }
        int count = Wire.count(in.readInt(), request.renditions().size(), "renditions");
        if (count != request.renditions().size()) {
            throw new IOException("the decode worker sent " + count + " of " + request.renditions().size() + " renditions");
        }
        List<Frames> frames = new ArrayList<>(count);
        for (DecodeRequest.Rendition r : request.renditions()) {
            frames.add(readFrames(in, r, request.times().size()));
        }
        Optional<Level> sourceAudio = readLevel(in);
        List<Optional<Level>> renditionAudio = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            renditionAudio.add(readLevel(in));
        }
        return new DecodeReply(outcome, "", frames, sourceAudio, renditionAudio);
    }

    private static Frames readFrames(DataInputStream in, DecodeRequest.Rendition r, int times) throws IOException {
        int width = in.readInt();
        int height = in.readInt();
        if (width != r.width() || height != r.height()) {
            throw new IOException("the decode worker sent " + width + "x" + height + " planes for a " + r.width() + "x" + r.height() + " rendition");
        }
        int frameCount = Wire.count(in.readInt(), times, "frames");
        if (frameCount != times) {
            throw new IOException("the decode worker sent " + frameCount + " of " + times + " frames");
        }
        List<byte[]> source = new ArrayList<>(times);
        List<byte[]> rendition = new ArrayList<>(times);
        for (int k = 0; k < times; k++) {
            source.add(readPlane(in, width * height));
            rendition.add(readPlane(in, width * height));
        }
        return new Frames(width, height, source, rendition);
    }

    private static byte[] readPlane(DataInputStream in, int size) throws IOException {
        byte[] plane = new byte[size];
        in.readFully(plane);
        return plane;
    }

    private static void writeLevel(DataOutputStream out, Optional<Level> level) throws IOException {
        out.writeBoolean(level.isPresent());
        if (level.isPresent()) {
            out.writeDouble(level.get().meanDb());
            out.writeDouble(level.get().maxDb());
        }
    }

    private static Optional<Level> readLevel(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(new Level(in.readDouble(), in.readDouble())) : Optional.empty();
    }
}
