package dev.streamflow.pm.chain;

import dev.streamflow.pm.key.Address;
import java.util.Arrays;
import java.util.Optional;

/** Livepeer's public deployments: the chain each Controller lives on (go-livepeer's starter networks). */
public enum LivepeerNetwork {
    ARBITRUM_ONE("arbitrum-one-mainnet", 42161, "0xD8E8328501E9645d16Cf49539efC04f734606ee4"),
    MAINNET("mainnet", 1, "0xf96d54e490317c557a967abfa5d6e33006be69b3");

    private final String displayName;
    private final long chainId;
    private final Address controller;

    LivepeerNetwork(String displayName, long chainId, String controller) {
        this.displayName = displayName;
        this.chainId = chainId;
        this.controller = Address.parse(controller);
    }

    public String displayName() {
        return displayName;
    }

    public long chainId() {
        return chainId;
    }

    public Address controller() {
        return controller;
    }

    public static Optional<LivepeerNetwork> byController(Address controller) {
        return Arrays.stream(values()).filter(n -> n.controller.equals(controller)).findFirst();
    }

    public static Optional<LivepeerNetwork> byChainId(long chainId) {
        return Arrays.stream(values()).filter(n -> n.chainId == chainId).findFirst();
    }
}
