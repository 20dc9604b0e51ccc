package dev.streamflow.adapter.red5;

import java.nio.file.Path;

/** Where a Red5 installation keeps what the plugin reads and writes, below {@code red5.root}. */
public record Red5Layout(Path root) {
    public Red5Layout {
        root = root.toAbsolutePath().normalize();
    }

    /** The installation Red5's launcher names in {@code red5.root}; the working directory when it is not set. */
    public static Red5Layout fromSystemProperties() {
        return new Red5Layout(Path.of(System.getProperty("red5.root", "")));
    }

    /** The admin's configuration, next to Red5's own files: {@code conf/streamflow.conf}. */
    public Path configFile() {
        return root.resolve("conf").resolve("streamflow.conf");
    }

    /** Where HLS goes unless the admin's file sets {@code streamflow.hls.directory}. */
    public Path defaultHlsDirectory() {
        return root.resolve("streamflow").resolve("hls");
    }
}
