package dev.streamflow.sample.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs {@code src/test/e2e/play.mjs} (node + playwright-core + Debian's Chromium) against a player URL. */
public final class BrowserCheck {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    /** What the script printed and how it exited. */
    public record Result(int exitCode, String json, String stderr) {
    }

    private BrowserCheck() {
    }

    /** Skips the calling test, loudly, when node, playwright-core or Chromium is missing. */
    public static void assumeAvailable() {
        String missing = missing();
        if (!missing.isEmpty()) {
            System.err.println("\n*** SKIPPING browser test: " + missing + " ***\n");
        }
        assumeTrue(missing.isEmpty(), "browser test skipped: " + missing);
    }

    public static Result play(String playerUrl, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script().toString(), playerUrl));
        command.addAll(List.of(options));
        Process node = new ProcessBuilder(command).directory(script().getParent().toFile()).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(node.getErrorStream()));
        String stdout = readAll(node.getInputStream());
        if (!node.waitFor(3, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new IllegalStateException("play.mjs did not finish in 3 minutes");
        }
        return new Result(node.exitValue(), stdout, stderr.join());
    }

    private static String missing() {
        List<String> missing = new ArrayList<>();
        if (!nodeRuns()) {
            missing.add("node is not on the PATH (install Node 20)");
        }
        if (!Files.isDirectory(nodeModules().resolve("playwright-core"))) {
            missing.add("playwright-core is not installed (run 'npm ci' in the repository root)");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " is missing (apt-get install chromium)");
        }
        return String.join("; ", missing);
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path script() {
        return Path.of(System.getProperty("streamflow.e2e.dir", "src/test/e2e")).resolve("play.mjs").toAbsolutePath();
    }

    private static Path nodeModules() {
        return Path.of(System.getProperty("streamflow.node.modules", "../node_modules"));
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
