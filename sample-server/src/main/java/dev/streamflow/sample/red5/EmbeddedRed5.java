package dev.streamflow.sample.red5;

import dev.streamflow.adapter.red5.Red5Ingest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.GenericXmlApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Red5 1.3 without Tomcat: a core context (server, services, RTMP transport) and, as its child, the global
 * scope with the {@code live} application, whose handler feeds {@link Red5Ingest}.
 */
public final class EmbeddedRed5 implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRed5.class);
    public static final String APP = "live";
    /** Red5 1.3 keeps its server, scheduler and connection manager in static fields: one Red5 per JVM. */
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private final GenericXmlApplicationContext core;
    private final GenericXmlApplicationContext app;
    private final String host;

    private EmbeddedRed5(GenericXmlApplicationContext core, GenericXmlApplicationContext app, String host) {
        this.core = core;
        this.app = app;
        this.host = host;
    }

    /** Starts Red5 listening for RTMP on {@code host:port} (0 = any free port), with {@code root} as red5.root. */
    public static EmbeddedRed5 start(String host, int port, Path root, Red5Ingest ingest) throws IOException {
        if (!RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("an embedded Red5 is already running in this JVM; Red5 1.3 allows one");
        }
        try {
            return startContexts(host, port, root, ingest);
        } catch (IOException | RuntimeException e) {
            RUNNING.set(false);
            throw e;
        }
    }

    private static EmbeddedRed5 startContexts(String host, int port, Path root, Red5Ingest ingest) throws IOException {
        Files.createDirectories(root);
        // Without "embedded", Red5's Context loads red5.xml (Tomcat's jee-container) to find its core.
        System.setProperty("red5.deployment.type", "embedded");
        System.setProperty("red5.root", root.toAbsolutePath().toString());
        GenericXmlApplicationContext core = coreContext(host, port);
        try {
            GenericXmlApplicationContext app = new GenericXmlApplicationContext();
            app.setParent(core);
            app.getBeanFactory().registerSingleton("streamflow.red5Ingest", ingest);
            app.load("classpath:streamflow/red5/live.xml");
            app.refresh();
            EmbeddedRed5 red5 = new EmbeddedRed5(core, app, host);
            log.info("Red5 is listening for RTMP on {}", red5.rtmpUrl());
            return red5;
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    private static GenericXmlApplicationContext coreContext(String host, int port) {
        GenericXmlApplicationContext core = new GenericXmlApplicationContext();
        core.getEnvironment().getPropertySources().addFirst(new MapPropertySource("streamflow.red5",
                Map.of("rtmp.host", host, "rtmp.port", Integer.toString(port))));
        core.load("classpath:streamflow/red5/core.xml");
        core.refresh();
        return core;
    }

    public int rtmpPort() {
        return core.getBean("rtmpTransport", CheckedRtmpTransport.class).boundPort();
    }

    /** Where publishers send to, e.g. rtmp://127.0.0.1:1935/live; a stream name follows. */
    public String rtmpUrl() {
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "rtmp://" + shown + ":" + rtmpPort() + "/" + APP;
    }

    /** Stops the application (its publishers' broadcasts close) and then the RTMP transport. */
    @Override
    public void close() {
        try {
            app.close();
        } finally {
            core.close();
            RUNNING.set(false);
        }
        log.info("Red5 stopped");
    }
}
