package dev.streamflow.adapter.red5;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.testing.DecodeWorkerProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged drop-in JAR (run after {@code package}): it holds nothing that could clash with what Red5 ships,
 * names its plugin class for Red5's PluginLauncher, and starts in a class loader that sees only Red5's API.
 */
class DropInJarIT {
    /** What a Red5 1.3 installation's lib folder provides a plugin: Red5 itself, MINA, Spring and SLF4J 1.7. */
    private static final List<Pattern> HOST_API = List.of(
            Pattern.compile("red5-(server|server-common|io)-1\\.3\\.17\\.jar"),
            Pattern.compile("mina-core-2\\.0\\.23\\.jar"),
            Pattern.compile("spring-[a-z]+-5\\.3\\.[0-9]+\\.jar"),
            Pattern.compile("slf4j-api-1\\.7\\.36\\.jar"));
    private static final Pattern HARMLESS_META_INF = Pattern.compile(
            "META-INF/(MANIFEST\\.MF|(LICENSE|NOTICE|DISCLAIMER)(\\.txt|\\.md)?|license/.*|thirdparty-LICENSE|FastDoubleParser-(LICENSE|NOTICE))");

    private final Path jar = Path.of(System.getProperty("streamflow.plugin.jar", "target/adapter-red5-0.1.0-SNAPSHOT-plugin.jar"));

    @TempDir
    Path red5Root;

    @Test
    void onlyOurOwnRelocatedAndJniClassesAreInside() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (!entry.isDirectory() && !allowed(file, entry)) {
                    foreign.add(entry.getName());
                }
            }
            assertEquals(List.of(), foreign, "entries outside dev/streamflow, org/bytedeco, fr/acinq and harmless META-INF");
            Attributes manifest = file.getManifest().getMainAttributes();
            assertEquals(StreamflowRed5Plugin.class.getName(), manifest.getValue("Red5-Plugin-Main-Class"));
            assertFalse(manifest.containsKey(new Attributes.Name("Multi-Release")));
            for (String expected : List.of("dev/streamflow/adapter/red5/StreamflowRed5Plugin.class",
                    "dev/streamflow/core/ingest/flv/FlvTags.class", "dev/streamflow/shaded/com/google/inject/Guice.class",
                    "dev/streamflow/shaded/com/typesafe/config/Config.class", "dev/streamflow/shaded/io/grpc/ManagedChannel.class",
                    "dev/streamflow/shaded/org/bouncycastle/crypto/Digest.class", "dev/streamflow/shaded/okhttp3/OkHttpClient.class",
                    "org/bytedeco/ffmpeg/global/avcodec.class", "org/bytedeco/javacpp/Loader.class", "streamflow-reference.conf",
                    "META-INF/services/dev.streamflow.shaded.io.grpc.ManagedChannelProvider")) {
                assertNotNull(file.getEntry(expected), expected + " is bundled");
            }
            assertTrue(file.stream().anyMatch(e -> e.getName().matches("org/bytedeco/ffmpeg/linux-x86_64/libavcodec\\.so.*")),
                    "FFmpeg's linux-x86_64 natives are bundled: Red5 has no FFmpeg");
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("org/slf4j/") || e.getName().startsWith("ch/qos/")),
                    "no SLF4J API or binding");
        }
    }

    /**
     * Relocation rewrites every reference to a relocated package, even to one the JAR does not bundle: a reference
     * to a host API (MINA's IoBuffer, say) that was relocated by mistake fails only when Red5 calls us.
     */
    @Test
    void ourClassesReferToNoRelocatedPackageThatIsNotInside() throws IOException {
        Pattern shadedName = Pattern.compile("dev/streamflow/shaded/[A-Za-z0-9_/$]+/");
        Set<String> dangling = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> packages = file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.lastIndexOf('/') + 1)).collect(Collectors.toSet());
            for (JarEntry entry : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                if (entry.getName().startsWith("dev/streamflow/") && !entry.getName().startsWith("dev/streamflow/shaded/")) {
                    Matcher m = shadedName.matcher(new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        if (!packages.contains(m.group())) {
                            dangling.add(m.group() + " (from " + entry.getName() + ")");
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), dangling);
    }

    @Test
    void startsAndStopsInAFreshClassLoaderWithOnlyRed5sApi() throws Exception {
        try (URLClassLoader host = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
            for (String original : List.of("com.google.inject.Guice", "com.typesafe.config.Config", "io.grpc.ManagedChannel",
                    "kotlin.Unit", "com.fasterxml.jackson.core.JsonFactory", "org.bouncycastle.crypto.Digest")) {
                assertThrows(ClassNotFoundException.class, () -> host.loadClass(original), original + " must not be visible");
            }
            assertEquals(jar.toUri().toURL(), host.loadClass("org.bytedeco.ffmpeg.global.avcodec").getProtectionDomain()
                    .getCodeSource().getLocation(), "FFmpeg comes from the plugin JAR");

            Files.createDirectories(red5Root.resolve("conf"));
            Files.writeString(red5Root.resolve("conf/streamflow.conf"), "streamflow.hls.window = 8\n");
            Class<?> layout = host.loadClass(Red5Layout.class.getName());
            Class<?> pluginClass = host.loadClass(StreamflowRed5Plugin.class.getName());
            Object plugin = pluginClass.getConstructor(layout).newInstance(layout.getConstructor(Path.class).newInstance(red5Root));
            Class<?> server = host.loadClass("org.red5.server.Server");
            pluginClass.getMethod("setServer", server).invoke(plugin, server.getConstructor().newInstance());

            pluginClass.getMethod("doStart").invoke(plugin);
            try {
                assertEquals(List.of(), pluginClass.getMethod("activeStreams").invoke(plugin), "started, nothing published yet");
            } finally {
                pluginClass.getMethod("doStop").invoke(plugin);
            }
        }
    }

    /** Deep checks decode in a worker JVM whose class path is found at run time: here, the plugin JAR alone. */
    @Test
    void aDecodeWorkerStartsFromThePluginJarAlone() throws Exception {
        Path ts = TestMedia.ts(TestMedia.Spec.pattern(320, 180, 30, 1.0));
        try (URLClassLoader host = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
            DecodeWorkerProbe.Result result = DecodeWorkerProbe.decode(host, ts);

            assertEquals("OK", result.outcome(), result.message());
            assertEquals(jar.toAbsolutePath().toString(), result.workerClassPath());
        }
    }

    private boolean allowed(JarFile file, JarEntry entry) throws IOException {
        String name = entry.getName();
        if (name.startsWith("META-INF/services/")) {
            return servicesAreRelocated(file, entry);
        }
        // META-INF/versions/** would load unrelocated in a multi-release JAR, so it is never allowed.
        return name.startsWith("dev/streamflow/") || name.startsWith("org/bytedeco/") || name.startsWith("fr/acinq/")
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
        List<String> found = new ArrayList<>();
        for (String element : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator)) {
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
