package dev.streamflow.core.verify;

import dev.streamflow.core.verify.decode.DecodeWorkerMain;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command that starts a decode worker: this JVM's {@code java}, a small fixed heap, and a class path of just
 * what the worker needs, found where this JVM loaded it from, whatever the host: Streamflow's own classes, and
 * every jar or folder holding {@code org/bytedeco/javacpp} or {@code org/bytedeco/ffmpeg} (classes and natives).
 * The worker runs under {@code ulimit -v}, so a decoder that runs away fails to allocate instead of growing.
 */
final class WorkerLaunch {
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-XX:CompressedClassSpaceSize=32m",
            "-Djava.awt.headless=true");

    private WorkerLaunch() {
    }

    static ProcessBuilder command(long memoryLimitBytes) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -v " + memoryLimitBytes / 1024 + " && exec \"$@\"",
                "streamflow-decode-worker", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(bytedecoProperties());
        command.addAll(List.of("-cp", classPath(), DecodeWorkerMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // glibc would reserve 64 MiB of address space per thread arena, which counts against ulimit -v unused.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        // Options meant for the host's JVM (agents, heap sizes) are not the worker's: every JVM would read these.
        List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(builder.environment()::remove);
        return builder;
    }

    /** JavaCPP settings this JVM runs with (cache folder, platform extension such as -gpl) hold for the worker too. */
    private static List<String> bytedecoProperties() {
        List<String> options = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("org.bytedeco.")).sorted()
                .forEach(name -> options.add("-D" + name + "=" + System.getProperty(name)));
        return options;
    }

    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(DecodeWorkerMain.class));
        ClassLoader loader = DecodeWorkerMain.class.getClassLoader();
        for (String packageFolder : List.of("org/bytedeco/javacpp/", "org/bytedeco/ffmpeg/")) {
            try {
                for (URL url : Collections.list(loader.getResources(packageFolder))) {
                    entries.add(root(url, packageFolder));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list where " + packageFolder + " is loaded from", e);
            }
        }
        entries.add(location(org.bytedeco.javacpp.Loader.class));
        entries.add(location(org.bytedeco.ffmpeg.global.avcodec.class));
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " is loaded from: " + e, e);
        }
    }

    /** {@code jar:file:/x.jar!/org/...} → {@code /x.jar}; {@code file:/classes/org/...} → {@code /classes}. */
    private static String root(URL url, String packageFolder) {
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI()).toString();
            }
            Path folder = Path.of(url.toURI());
            for (int depth = packageFolder.split("/").length; depth > 0; depth--) {
                folder = folder.getParent();
            }
            return folder.toString();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot tell where " + url + " is", e);
        }
    }
}
