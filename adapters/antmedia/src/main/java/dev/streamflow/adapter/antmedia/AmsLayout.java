package dev.streamflow.adapter.antmedia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Streamflow's files live in an Ant Media installation ({@code red5.root}, {@code /usr/local/antmedia} by
 * default).
 *
 * <p>The host serves each app's {@code webapps/<App>/streams/} folder; Streamflow's HLS goes to
 * {@code webapps/<App>/streams/streamflow/<stream>/master.m3u8}, a folder AMS never writes (its own HLS files are
 * {@code <streamId>.m3u8} and {@code <streamId>*.ts}). plugin-core writes {@code <hls dir>/<app>/<stream>/}, so the
 * HLS directory is {@code streamflow/hls} with one symbolic link per app into that webapp folder: the files are
 * real files inside the webapp, which the host's web server serves without following links.
 */
public record AmsLayout(Path root) {
    static final String HLS_FOLDER = "streamflow";

    public AmsLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** The running server's layout. */
    public static AmsLayout fromSystem() {
        return new AmsLayout(Path.of(System.getProperty("red5.root", "/usr/local/antmedia")));
    }

    /** The admin's optional configuration file. */
    public Path configFile() {
        return root.resolve("conf").resolve("streamflow.conf");
    }

    /** {@code streamflow.hls.directory}: holds one link per app. */
    public Path hlsRoot() {
        return root.resolve("streamflow").resolve("hls");
    }

    /** Where an app's Streamflow HLS really is. */
    public Path appHls(String app) {
        return root.resolve("webapps").resolve(app).resolve("streams").resolve(HLS_FOLDER);
    }

    /** The path of a stream's master playlist on the host's HTTP port. */
    public static String masterUrlPath(String app, String stream) {
        return "/" + app + "/streams/" + HLS_FOLDER + "/" + stream + "/master.m3u8";
    }

    /** Creates the app's HLS folder and points {@code <hls dir>/<app>} at it. */
    public void linkApp(String app) throws IOException {
        Path target = Files.createDirectories(appHls(app));
        Path link = hlsRoot().resolve(app);
        Files.createDirectories(link.getParent());
        if (Files.isSymbolicLink(link)) {
            if (Files.readSymbolicLink(link).equals(target)) {
                return;
            }
            Files.delete(link);
        } else if (Files.exists(link)) {
            throw new IOException(link + " exists and is not Streamflow's link to " + target + "; move it away");
        }
        Files.createSymbolicLink(link, target);
    }
}
