package dev.streamflow.pm.testchain;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: anvil on a free loopback port for the test class, with the Livepeer rig deployed, torn
 * down afterwards. Without anvil or {@code @livepeer/sdk} in node_modules the class is SKIPPED, loudly.
 * Use as {@code @RegisterExtension static final ChainRig CHAIN = new ChainRig();}.
 */
public final class ChainRig implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private String missing;
    private Anvil anvil;
    private LivepeerRig rig;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> binary = NodeTools.anvil();
        Optional<Path> artifacts = NodeTools.livepeerArtifacts();
        if (binary.isEmpty() || artifacts.isEmpty()) {
            missing = "chain test tools missing from "
                    + NodeTools.nodeModules().map(Path::toString).orElse("node_modules (not found)") + ": "
                    + (binary.isEmpty() ? NodeTools.ANVIL + " " : "") + (artifacts.isEmpty() ? NodeTools.LIVEPEER_ABIS : "");
            System.err.println("\n*** SKIPPING every test of " + context.getDisplayName() + ": " + missing
                    + "\n*** run `npm ci` in the repository root (./streamflow test does it) to run the on-chain tests\n");
            return;
        }
        anvil = Anvil.start(binary.get());
        rig = LivepeerRig.deploy(anvil.url(), artifacts.get());
    }

    /** Skips each test (so the skip shows in the test counts) when the tools are missing. */
    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(missing == null, () -> "SKIPPED: " + missing);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (rig != null) {
            rig.eth().close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    public LivepeerRig rig() {
        return rig;
    }

    public String url() {
        return anvil.url();
    }
}
