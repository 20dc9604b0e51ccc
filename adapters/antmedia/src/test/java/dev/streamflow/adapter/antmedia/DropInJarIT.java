package dev.streamflow.adapter.antmedia;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.testing.DecodeWorkerProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged drop-in JAR (run after {@code package}): it holds nothing that could clash with what Ant Media
 * ships, and it works in a class loader that sees only the host's API next to it.
 */
class DropInJarIT {
    /** What Ant Media provides a plugin: its own JAR, its bytedeco line, Spring, JAX-RS, the servlet API and SLF4J. */
    private static final List<Pattern> HOST_API = List.of(
            Pattern.compile("ant-media-server-2\\.16\\.2\\.jar"),
            Pattern.compile("ffmpeg-7\\.1-1\\.5\\.11(-linux-x86_64)?\\.jar"),
            Pattern.compile("javacpp-1\\.5\\.11(-linux-x86_64)?\\.jar"),
            Pattern.compile("spring-[a-z]+-6\\.2\\.11\\.jar"),
            Pattern.compile("micrometer-[a-z]+-.*\\.jar"),
            Pattern.compile("jakarta\\.ws\\.rs-api-3\\.1\\.0\\.jar"),
            Pattern.compile("jakarta\\.servlet-api-6\\.0\\.0\\.jar"),
            Pattern.compile("slf4j-api-1\\.7\\.36\\.jar"));
    private static final Set<String> OUR_ENTRY_CLASSES = Set.of(
            "io/antmedia/plugin/StreamflowPlugin.class", "io/antmedia/rest/StreamflowRestService.class");
    private static final Pattern HARMLESS_META_INF = Pattern.compile(
            "META-INF/(MANIFEST\\.MF|(LICENSE|NOTICE|DISCLAIMER)(\\.txt|\\.md)?|license/.*|thirdparty-LICENSE|FastDoubleParser-(LICENSE|NOTICE))");

    private final Path jar = Path.of(System.getProperty("streamflow.plugin.jar", "target/streamflow-antmedia-0.1.0-SNAPSHOT.jar"));

    @TempDir
    Path installation;

    @Test
    void onlyOurOwnAndRelocatedClassesAreInside() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith("META-INF/versions/") || name.startsWith("META-INF/native/")) {
                    foreign.add(name);
                } else if (!entry.isDirectory() && !allowed(file, entry)) {
                    foreign.add(name);
                }
            }
            assertEquals(List.of(), foreign, "entries outside dev/streamflow, our entry classes, fr/acinq and harmless META-INF");
            assertFalse(file.getManifest().getMainAttributes().containsKey(new java.util.jar.Attributes.Name("Multi-Release")));
            for (String expected : List.of("dev/streamflow/core/Streamflow.class", "io/antmedia/plugin/StreamflowPlugin.class",
                    "dev/streamflow/shaded/com/google/inject/Guice.class", "dev/streamflow/shaded/com/typesafe/config/Config.class",
                    "dev/streamflow/shaded/io/grpc/ManagedChannel.class", "dev/streamflow/shaded/org/bouncycastle/crypto/Digest.class",
                    "dev/streamflow/shaded/kotlin/Unit.class", "dev/streamflow/shaded/okhttp3/OkHttpClient.class",
                    "dev/streamflow/shaded/com/fasterxml/jackson/core/JsonFactory.class", "streamflow-reference.conf",
                    "META-INF/services/dev.streamflow.shaded.io.grpc.ManagedChannelProvider")) {
                assertTrue(file.getEntry(expected) != null, expected + " is bundled");
            }
        }
    }

    @Test
    void startsInAFreshClassLoaderWithOnlyTheHostsApi() throws Exception {
        try (URLClassLoader host = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
            Class.forName("io.antmedia.plugin.StreamflowPlugin", true, host);
            Class.forName("io.antmedia.rest.StreamflowRestService", true, host);
            for (String original : List.of("com.google.inject.Guice", "com.typesafe.config.Config", "io.grpc.ManagedChannel",
                    "kotlin.Unit", "com.fasterxml.jackson.core.JsonFactory", "org.bouncycastle.crypto.Digest")) {
                assertThrows(ClassNotFoundException.class, () -> host.loadClass(original), original + " must not be visible");
            }
            assertEquals(Path.of(host.loadClass("org.bytedeco.ffmpeg.global.avcodec").getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).getFileName().toString(), "ffmpeg-7.1-1.5.11.jar", "FFmpeg is the host's");
            startStreamflow(host);
        }
    }

    /**
     * Deep checks decode in a worker JVM that Streamflow starts with a class path found at run time: here that must be
     * the drop-in JAR plus the host's own bytedeco, and the worker must decode with the host's FFmpeg 7.1.
     */
    @Test
    void aDecodeWorkerStartsFromTheJarAndDecodesWithTheHostsFfmpeg() throws Exception {
        Path ts = TestMedia.ts(TestMedia.Spec.pattern(320, 180, 30, 1.0));
        try (URLClassLoader host = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
            DecodeWorkerProbe.Result result = DecodeWorkerProbe.decode(host, ts);

            assertEquals("OK", result.outcome(), result.message());
            assertTrue(result.workerClassPath().contains(jar.getFileName().toString())
                    && result.workerClassPath().contains("ffmpeg-7.1-1.5.11") && !result.workerClassPath().contains("1.5.13"),
                    result.workerClassPath());
        }
    }

    /** AmsStreamflow.start: reads conf/streamflow.conf over the bundled defaults, builds the Guice injector, wires the engine. */
    private void startStreamflow(ClassLoader host) throws Exception {
        Files.createDirectories(installation.resolve("conf"));
        Files.writeString(installation.resolve("conf/streamflow.conf"), "streamflow.hls.window = 8\n");
        Class<?> layoutClass = host.loadClass("dev.streamflow.adapter.antmedia.AmsLayout");
        Object layout = layoutClass.getConstructor(Path.class).newInstance(installation);
        Object streamflow = host.loadClass("dev.streamflow.adapter.antmedia.AmsStreamflow").getMethod("start", layoutClass)
                .invoke(null, layout);
        try {
            assertEquals(Set.of(), call(call(streamflow, "streams"), "live"), "the engine and the pipeline are wired");
            assertEquals(host, call(streamflow, "ingest").getClass().getClassLoader());
            assertNotEquals(List.of(), call(call(streamflow, "channels"), "rules"), "streamflow.channels from the bundled defaults");
            Object settings = host.loadClass("dev.streamflow.core.config.Settings")
                    .getMethod("from", host.loadClass("dev.streamflow.shaded.com.typesafe.config.Config"))
                    .invoke(null, host.loadClass("dev.streamflow.core.config.StreamflowConfig")
                            .getMethod("load", java.util.Optional.class, Map.class)
                            .invoke(null, java.util.Optional.of(installation.resolve("conf/streamflow.conf")), Map.of()));
            assertEquals(8, call(settings, "hlsWindow"), "the admin's file over the bundled defaults");
            assertNotEquals(List.of(), call(settings, "ladder"), "the bundled streamflow-reference.conf was found");
        } finally {
            call(streamflow, "close");
        }
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private boolean allowed(JarFile file, JarEntry entry) throws IOException {
        String name = entry.getName();
        if (name.startsWith("META-INF/services/")) {
            return servicesAreRelocated(file, entry);
        }
        return name.startsWith("dev/streamflow/") || name.startsWith("fr/acinq/") || OUR_ENTRY_CLASSES.contains(name)
                || name.equals("streamflow-reference.conf") || HARMLESS_META_INF.matcher(name).matches();
    }

    /** A service file may only name relocated interfaces and implementations, or the host could load ours. */
    private static boolean servicesAreRelocated(JarFile file, JarEntry entry) throws IOException {
        String service = entry.getName().substring("META-INF/services/".length());
        String content = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        return service.startsWith("dev.streamflow.") && content.lines().map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty()).allMatch(l -> l.startsWith("dev.streamflow."));
    }

    private URL[] classpath() throws IOException {
        List<URL> urls = new ArrayList<>(List.of(jar.toUri().toURL()));
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> found = new ArrayList<>();
        for (String element : testClasspath.split(File.pathSeparator)) {
            String fileName = Path.of(element).getFileName().toString();
            if (HOST_API.stream().anyMatch(p -> p.matcher(fileName).matches())) {
                urls.add(Path.of(element).toUri().toURL());
                found.add(fileName);
            }
        }
        for (Pattern expected : HOST_API) {
            assertTrue(found.stream().anyMatch(f -> expected.matcher(f).matches()), "host jar " + expected + " in " + found);
        }
        return urls.toArray(URL[]::new);
    }
}
