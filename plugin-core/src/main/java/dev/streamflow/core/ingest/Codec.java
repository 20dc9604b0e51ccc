package dev.streamflow.core.ingest;

/**
 * The codec of a packet as the host announced it. Streamflow transcodes H.264 video with AAC audio;
 * anything else is carried by name so the rejection can say what the publisher sent.
 */
public record Codec(String name) {
    public static final Codec H264 = new Codec("H.264");
    public static final Codec AAC = new Codec("AAC");

    public Codec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("codec name is empty");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
