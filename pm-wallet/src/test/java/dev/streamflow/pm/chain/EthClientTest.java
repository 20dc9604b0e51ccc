package dev.streamflow.pm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.key.Address;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** JSON-RPC handling against a loopback fake node: Arbitrum block headers, errors, wrong chains. */
class EthClientTest {
    /** Shaped like an Arbitrum block (with its extra l1BlockNumber, sendCount, sendRoot); the values are made up. */
    private static final String ARBITRUM_BLOCK = """
            {"baseFeePerGas":"0x989680","difficulty":"0x1","extraData":"0x3b5a3b0b2c1e3e4b",
             "gasLimit":"0x4000000000000","gasUsed":"0x1b4a7f","hash":"0x5b3ba8a4ba4e5cce8de0d6f5e17d34b3bb0bd98b8bd6a3a2f1f6d6c0b5c4a3e2",
             "l1BlockNumber":"0x1545a4e","miner":"0xa4b000000000000000000073657175656e636572","mixHash":"0x0000000000022f3e00000000013e0c8a00000000000000000000000000000000",
             "nonce":"0x00000000000ab1e1","number":"0x10a2f6c3","parentHash":"0x4e2f1f4d1b0c9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706",
             "sendCount":"0x1c4a0b","sendRoot":"0x9f3a0a5f8e2c0d1b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9",
             "size":"0x4d6","timestamp":"0x65f1c0de","totalDifficulty":"0x1a4b","transactions":[],"uncles":[]}""";

    @Test
    void readsTheL1BlockNumberFromAnArbitrumHeader() throws Exception {
        try (FakeJsonRpc node = new FakeJsonRpc().result("eth_getBlockByNumber", ARBITRUM_BLOCK);
             EthClient eth = EthClient.connect(node.url(), Duration.ofSeconds(5))) {
            assertEquals(0x1545a4eL, eth.latestL1BlockNumber());
        }
    }

    @Test
    void fallsBackToTheBlockNumberWithoutL1BlockNumber() throws Exception {
        try (FakeJsonRpc node = new FakeJsonRpc().result("eth_getBlockByNumber", "{\"number\":\"0x2a\",\"hash\":\"0x00\"}");
             EthClient eth = EthClient.connect(node.url(), Duration.ofSeconds(5))) {
            assertEquals(42, eth.latestL1BlockNumber());
        }
    }

    @Test
    void aNodeErrorSaysWhatFailed() throws Exception {
        try (FakeJsonRpc node = new FakeJsonRpc().error("eth_chainId", -32000, "backend overloaded");
             EthClient eth = EthClient.connect(node.url(), Duration.ofSeconds(5))) {
            ChainException e = assertThrows(ChainException.class, eth::chainId);
            assertEquals("eth_chainId failed: backend overloaded (JSON-RPC error -32000)", e.getMessage());
        }
    }

    @Test
    void aRevertCarriesTheContractsReason() throws Exception {
        try (FakeJsonRpc node = new FakeJsonRpc().error("eth_estimateGas", 3, "execution reverted: account is locked");
             EthClient eth = EthClient.connect(node.url(), Duration.ofSeconds(5))) {
            ContractRevertedException e = assertThrows(ContractRevertedException.class,
                    () -> eth.estimateGas(Address.ZERO, Address.ZERO, "0x3ccfd60b", java.math.BigInteger.ZERO, "withdraw"));
            assertEquals("account is locked", e.reason());
            assertEquals("withdraw reverted: account is locked", e.getMessage());
        }
    }

    @Test
    void anUnreachableNodeIsAChainException() {
        try (EthClient eth = EthClient.connect("http://127.0.0.1:9", Duration.ofSeconds(2))) {
            ChainException e = assertThrows(ChainException.class, eth::chainId);
            assertTrue(e.getMessage().startsWith("cannot reach the Ethereum node at http://127.0.0.1:9"), e.getMessage());
        }
    }

    @Test
    void arbitrumsControllerOnAnotherChainIsTheWrongChain() throws Exception {
        try (FakeJsonRpc node = new FakeJsonRpc().result("eth_chainId", "\"0x7a69\"");
             EthClient eth = EthClient.connect(node.url(), Duration.ofSeconds(5))) {
            WrongChainException e = assertThrows(WrongChainException.class,
                    () -> LivepeerContracts.resolve(eth, LivepeerNetwork.ARBITRUM_ONE.controller()));
            assertEquals("wrong chain: 0xD8E8328501E9645d16Cf49539efC04f734606ee4 is the Livepeer arbitrum-one-mainnet "
                    + "Controller (chain id 42161), but " + node.url() + " serves chain id 31337", e.getMessage());
        }
    }

    @Test
    void noCodeAtTheControllerIsTheWrongChainOrController() throws Exception {
        try (FakeJsonRpc node = new FakeJsonRpc().result("eth_chainId", "\"0xa4b1\"").result("eth_getCode", "\"0x\"");
             EthClient eth = EthClient.connect(node.url(), Duration.ofSeconds(5))) {
            Address elsewhere = Address.parse("0x00000000000000000000000000000000000000aa");
            WrongChainException e = assertThrows(WrongChainException.class, () -> LivepeerContracts.resolve(eth, elsewhere));
            assertEquals("wrong chain or controller: no contract at " + elsewhere + " on chain id 42161 (" + node.url()
                    + "); Livepeer's arbitrum-one-mainnet Controller is 0xD8E8328501E9645d16Cf49539efC04f734606ee4",
                    e.getMessage());
        }
    }
}
