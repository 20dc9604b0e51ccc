package dev.streamflow.pm.testchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Creation bytecode from the Hardhat artifacts that {@code @livepeer/sdk} ships (solc 0.8.9). */
public final class LivepeerArtifacts {
    public static final String CONTROLLER = "Controller.sol/Controller.json";
    public static final String TICKET_BROKER = "pm/TicketBroker.sol/TicketBroker.json";
    public static final String ADJUSTABLE_ROUNDS_MANAGER = "rounds/AdjustableRoundsManager.sol/AdjustableRoundsManager.json";
    public static final String BONDING_MANAGER_MOCK = "test/mocks/BondingManagerMock.sol/BondingManagerMock.json";
    public static final String MINTER_MOCK = "test/mocks/MinterMock.sol/MinterMock.json";
    public static final String SERVICE_REGISTRY = "ServiceRegistry.sol/ServiceRegistry.json";

    private static final Pattern LINK_PLACEHOLDER = Pattern.compile("__\\$[0-9a-fA-F]{34}\\$__");

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper();

    public LivepeerArtifacts(Path directory) {
        this.directory = directory;
    }

    /** {@code 0x}-prefixed creation code; refuses artifacts that still need library linking. */
    public String bytecode(String artifact) throws IOException {
        JsonNode node = json.readTree(directory.resolve(artifact).toFile());
        String code = node.path("bytecode").asText("");
        if (!code.startsWith("0x") || code.length() < 4) {
            throw new IOException(artifact + " has no bytecode");
        }
        if (LINK_PLACEHOLDER.matcher(code).find()) {
            throw new IOException(artifact + " needs library linking, which this rig does not do");
        }
        return code;
    }
}
