package dev.streamflow.adapter.antmedia;

import io.antmedia.plugin.StreamflowPlugin;
import org.springframework.context.support.StaticApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An Ant Media installation for tests: {@code red5.root} pointing at a temporary directory with Streamflow's
 * {@code conf/streamflow.conf}, and apps whose Spring context holds the app adapter as {@code web.handler},
 * into which the plugin is created the way the host's component scan does it.
 */
public final class AntMediaHost implements AutoCloseable {
    /**
     * One small rung keeps the local engine's work at a few hundred milliseconds per segment on 2 cores; the
     * admin keeps {@code secret-*} streams of LiveApp out.
     */
    public static final String CONFIG = """
            streamflow {
              ladder = [ "P144p30fps16x9" ]
              channels = [
                { app = "LiveApp", streams = "secret-*", enabled = false }
                { app = "*", streams = "*" }
              ]
            }
            """;

    private final Path root;
    private final String previousRoot;

    public AntMediaHost(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/streamflow.conf"), CONFIG);
        previousRoot = System.setProperty("red5.root", root.toString());
    }

    public Path root() {
        return root;
    }

    /** Where the app's Streamflow HLS of a stream is served from. */
    public Path hls(String app, String stream) {
        return root.resolve("webapps").resolve(app).resolve("streams/streamflow").resolve(stream);
    }

    /** Creates the plugin in an app as AMS does: a Spring bean that is handed the app's context. */
    public StreamflowPlugin plugin(TestAntMediaApp app) {
        StaticApplicationContext context = new StaticApplicationContext();
        context.getBeanFactory().registerSingleton("web.handler", app); // AntMediaApplicationAdapter.BEAN_NAME
        context.refresh();
        StreamflowPlugin plugin = new StreamflowPlugin();
        plugin.setApplicationContext(context);
        return plugin;
    }

    @Override
    public void close() {
        if (previousRoot == null) {
            System.clearProperty("red5.root");
        } else {
            System.setProperty("red5.root", previousRoot);
        }
    }
}
