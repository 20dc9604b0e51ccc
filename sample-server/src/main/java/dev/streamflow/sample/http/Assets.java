package dev.streamflow.sample.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Files bundled under {@code streamflow/web} on the class path (the page template, player.js, hls.js). */
final class Assets {
    private static final String ROOT = "streamflow/web/";

    private Assets() {
    }

    static Optional<byte[]> read(String name) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + name, e);
        }
    }

    static boolean hasHlsJs() {
        return Assets.class.getClassLoader().getResource(ROOT + "assets/hls.min.js") != null;
    }
}
