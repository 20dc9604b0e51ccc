package dev.streamflow.pm.testchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Where the npm test tools live: {@code node_modules} of the repository root (installed by ./streamflow test). */
public final class NodeTools {
    static final String ANVIL = "@foundry-rs/anvil-linux-amd64/bin/anvil";
    static final String LIVEPEER_ABIS = "@livepeer/sdk/abis/contracts";

    private NodeTools() {
    }

    /** The repository's node_modules: from the {@code streamflow.root} property Maven sets, else upwards from here. */
    public static Optional<Path> nodeModules() {
        String root = System.getProperty("streamflow.root");
        if (root != null && Files.isDirectory(Paths.get(root, "node_modules"))) {
            return Optional.of(Paths.get(root, "node_modules"));
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("node_modules"))) {
                return Optional.of(dir.resolve("node_modules"));
            }
        }
        return Optional.empty();
    }

    public static Optional<Path> anvil() {
        return nodeModules().map(m -> m.resolve(ANVIL)).filter(Files::isExecutable);
    }

    public static Optional<Path> livepeerArtifacts() {
        return nodeModules().map(m -> m.resolve(LIVEPEER_ABIS)).filter(Files::isDirectory);
    }
}
