package dev.streamflow.core.verify;

import dev.streamflow.core.segment.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps what a dispute needs for every rejected result — the source segment, the renditions as received and
 * the verdict as JSON — in one folder per fault under a root, keeping only the newest {@code maxFaults}.
 */
public final class FaultEvidence {
    private static final Logger log = LoggerFactory.getLogger(FaultEvidence.class);

    private final Path root;
    private final int maxFaults;

    public FaultEvidence(Path root, int maxFaults) {
        if (maxFaults < 1) {
            throw new IllegalArgumentException("maxFaults must be at least 1, was " + maxFaults);
        }
        this.root = root;
        this.maxFaults = maxFaults;
    }

    /** Writes one fault's folder and returns it; never throws into the dispatch path (a failure is logged). */
    public Path keep(Segment source, List<byte[]> renditions, Verdict verdict) {
        Path folder = root.resolve(folderName(source, verdict));
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve("source.ts"), source.ts());
            for (int i = 0; i < renditions.size(); i++) {
                Files.write(folder.resolve("rendition-" + i + ".ts"), renditions.get(i));
            }
            Files.writeString(folder.resolve("verdict.json"), verdict.toJson(), StandardCharsets.UTF_8);
            pruneOldest();
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not keep the evidence of a rejected result in {}: {}", folder, e.getMessage());
        }
        return folder;
    }

    private static String folderName(Segment source, Verdict verdict) {
        String who = verdict.orchestrator().replaceAll("[^A-Za-z0-9]", "");
        return System.currentTimeMillis() + "-" + source.stream().app() + "-" + source.stream().stream()
                + "-" + source.sequence() + "-" + (who.isEmpty() ? "unknown" : who);
    }

    private void pruneOldest() throws IOException {
        List<Path> faults;
        try (Stream<Path> children = Files.list(root)) {
            faults = children.filter(Files::isDirectory).sorted(Comparator.comparing(Path::getFileName)).toList();
        }
        for (Path old : faults.subList(0, Math.max(0, faults.size() - maxFaults))) {
            deleteTree(old);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
