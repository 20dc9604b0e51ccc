package dev.streamflow.sample.red5;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.testing.HlsRules;
import dev.streamflow.sample.testing.MediaProbe;
import dev.streamflow.sample.testing.PacketCopyPublisher;
import dev.streamflow.sample.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.red5.server.api.plugin.IRed5Plugin;
import org.red5.server.plugin.PluginLauncher;
import org.red5.server.plugin.PluginRegistry;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.context.support.GenericXmlApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.streamflow.sample.testing.ReceivedMedia.assertWholeExceptTail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built Red5 plugin JAR, dropped into {@code plugins/} and loaded by Red5's own PluginLauncher, as an admin
 * would install it: the launcher reads {@code Red5-Plugin-Main-Class} and loads it through the red5.common
 * context's class loader, which (as Red5's bootstrap does for lib/ and plugins/) is a URLClassLoader over
 * {@code plugins/*.jar}. Its parent hides the plugin's own classes on the test class path, so everything of
 * Streamflow runs from the JAR. The "live" application is a plain Red5 application that knows nothing of it.
 */
class Red5PluginIT {
    private static final String CONFIG = """
            streamflow {
              ladder = [ "P144p30fps16x9" ]
              channels = [
                { app = "live", streams = "private-*", enabled = false }
                { app = "*", streams = "*" }
              ]
            }
            """;

    @TempDir
    static Path root;
    private static URLClassLoader plugins;
    private static GenericXmlApplicationContext core;
    private static GenericApplicationContext launcher;
    private static GenericXmlApplicationContext app;

    @BeforeAll
    static void installThePluginAndStartRed5() throws Exception {
        Path jar = Files.copy(Path.of(System.getProperty("streamflow.red5.plugin.jar")),
                Files.createDirectories(root.resolve("plugins")).resolve("streamflow-red5.jar"));
        Files.writeString(Files.createDirectories(root.resolve("conf")).resolve("streamflow.conf"), CONFIG);
        System.setProperty("red5.deployment.type", "embedded");
        System.setProperty("red5.root", root.toString());
        plugins = new URLClassLoader(new URL[]{jar.toUri().toURL()}, new WithoutStreamflow(Red5PluginIT.class.getClassLoader()));

        core = new GenericXmlApplicationContext();
        core.setClassLoader(plugins);
        core.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rtmp",
                Map.of("rtmp.host", "127.0.0.1", "rtmp.port", "0")));
        core.load("classpath:streamflow/red5/core.xml");
        core.refresh();
        // red5.xml's order: the common and core contexts, then the plugins, then the applications.
        launcher = new GenericApplicationContext();
        launcher.getBeanFactory().registerSingleton("red5.common", core);
        launcher.registerBean("pluginLauncher", PluginLauncher.class);
        launcher.refresh();
        app = new GenericXmlApplicationContext();
        app.setParent(core);
        app.load("classpath:streamflow/red5/live.xml", "classpath:red5-plugin-it/app.xml");
        app.refresh();
    }

    @AfterAll
    static void stopRed5() throws Exception {
        PluginRegistry.shutdown();
        for (AutoCloseable closeable : new AutoCloseable[]{app, launcher, core, plugins}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void anEnabledChannelBecomesHlsAndADisabledOneIsLeftAlone() throws Exception {
        IRed5Plugin plugin = PluginRegistry.getPlugin("streamflow");
        assertNotNull(plugin, "PluginLauncher found the JAR's Red5-Plugin-Main-Class and started it");
        assertSame(plugins, plugin.getClass().getClassLoader(), "the plugin class comes from plugins/");

        Path clip = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 6.0));
        String rtmp = "rtmp://127.0.0.1:" + core.getBean("rtmpTransport", CheckedRtmpTransport.class).boundPort() + "/live/";
        CompletableFuture<Void> enabled = new PacketCopyPublisher(clip, rtmp + "cam1").start();
        CompletableFuture<Void> disabled = new PacketCopyPublisher(clip, rtmp + "private-1").start();
        enabled.get(60, TimeUnit.SECONDS);
        disabled.get(60, TimeUnit.SECONDS);

        Path hls = root.resolve("streamflow/hls/live");
        HlsRules.Summary summary = awaitEndedHls(hls.resolve("cam1"));
        assertEquals(List.of("P144p30fps16x9"), summary.renditions());
        assertTrue(summary.segmentCount() >= 2, summary.segmentCount() + " segments of a 6 s clip cut every 2 s");
        assertFalse(Files.exists(hls.resolve("private-1")), "a channel that is not enabled produces nothing");

        RecordingApplication live = app.getBean("web.handler", RecordingApplication.class);
        MediaProbe source = MediaProbe.of(clip);
        for (String stream : List.of("cam1", "private-1")) {
            List<MediaPacket> received = live.received(stream);
            assertWholeExceptTail(stream + " video in Red5", source.video(), MediaProbe.media(received.stream().filter(MediaPacket::isVideo).toList()));
            assertWholeExceptTail(stream + " audio in Red5", source.audio(), MediaProbe.media(received.stream().filter(MediaPacket::isAudio).toList()));
        }
    }

    private static HlsRules.Summary awaitEndedHls(Path stream) {
        AtomicReference<HlsRules.Summary> ended = new AtomicReference<>();
        // Red5 1.3 can take up to its 60 s connection timeout to notice a publisher that left uncleanly
        Poll.until(Duration.ofSeconds(120), "an ended HLS stream in " + stream, () -> {
            if (Files.exists(stream.resolve("master.m3u8"))) {
                HlsRules.Summary summary = HlsRules.assertValid(stream);
                ended.set(summary.ended() ? summary : null);
            }
            return ended.get() != null;
        });
        return ended.get();
    }

    /** The test class path minus Streamflow's plugin classes (the JAR brings its own); Red5, Spring, bytedeco stay. */
    private static final class WithoutStreamflow extends ClassLoader {
        WithoutStreamflow(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.streamflow.") && !name.startsWith("dev.streamflow.sample.")) {
                throw new ClassNotFoundException(name + " must come from the plugin JAR");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return hidden(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }

        private static boolean hidden(String resource) {
            return resource.startsWith("dev/streamflow/") && !resource.startsWith("dev/streamflow/sample/")
                    || resource.equals("streamflow-reference.conf");
        }
    }
}
