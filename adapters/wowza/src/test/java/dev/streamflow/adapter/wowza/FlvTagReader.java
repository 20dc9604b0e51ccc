package dev.streamflow.adapter.wowza;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tags of an FLV file (Adobe FLV spec, E.4.1): for each its type, timestamp and body, i.e. exactly what RTMP
 * carries per message and what Wowza hands a live packet listener as type, timecode and data.
 */
final class FlvTagReader {
    record Tag(int type, long timestamp, byte[] body) {
    }

    private FlvTagReader() {
    }

    static List<Tag> read(Path flv) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(flv));
        if (in.get() != 'F' || in.get() != 'L' || in.get() != 'V') {
            throw new IOException(flv + " is not an FLV file");
        }
        in.position(in.getInt(5) + 4); // header, then PreviousTagSize0
        List<Tag> tags = new ArrayList<>();
        while (in.remaining() >= 11) {
            int type = in.get() & 0x1f;
            int size = u24(in);
            long timestamp = u24(in) | ((long) (in.get() & 0xff) << 24);
            u24(in); // stream id, always 0
            byte[] body = Arrays.copyOfRange(in.array(), in.position(), in.position() + size);
            in.position(in.position() + size + 4);
            tags.add(new Tag(type, timestamp, body));
        }
        return tags;
    }

    private static int u24(ByteBuffer in) {
        return ((in.get() & 0xff) << 16) | ((in.get() & 0xff) << 8) | (in.get() & 0xff);
    }
}
