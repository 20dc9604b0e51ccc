package dev.streamflow.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny FLV file reader for tests (Adobe FLV spec, E.4.1): the tags of a file, each with its type, timestamp and
 * body, i.e. exactly what RTMP carries per message and what Red5 and Wowza hand a packet listener.
 */
public record FlvFile(List<Tag> tags) {

    public record Tag(int type, long timestamp, byte[] body) {
    }

    public static FlvFile read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.get() != 'F' || in.get() != 'L' || in.get() != 'V') {
            throw new IOException(file + " is not an FLV file");
        }
        in.position(5);
        in.position(in.getInt() + 4); // header size, then PreviousTagSize0
        List<Tag> tags = new ArrayList<>();
        while (in.remaining() >= 11) {
            int type = in.get() & 0x1f;
            int size = uint24(in);
            long timestamp = uint24(in) | (long) (in.get() & 0xff) << 24;
            uint24(in); // stream id
            byte[] body = new byte[size];
            in.get(body);
            in.getInt(); // PreviousTagSize
            tags.add(new Tag(type, timestamp, body));
        }
        return new FlvFile(tags);
    }

    public List<Tag> ofType(int type) {
        return tags.stream().filter(t -> t.type() == type).toList();
    }

    private static int uint24(ByteBuffer in) {
        return (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
    }
}
