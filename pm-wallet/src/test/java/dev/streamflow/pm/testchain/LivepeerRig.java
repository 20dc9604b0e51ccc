package dev.streamflow.pm.testchain;

import dev.streamflow.pm.chain.EthClient;
import dev.streamflow.pm.chain.LivepeerContracts;
import dev.streamflow.pm.chain.TransactionSender;
import dev.streamflow.pm.chain.TxProgress;
import dev.streamflow.pm.chain.TxSettings;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Signatures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes20;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.Response;

/**
 * The protocol's own TicketBroker test rig on anvil: the real Controller, TicketBroker, ServiceRegistry and
 * AdjustableRoundsManager bytecode from {@code @livepeer/sdk}, with the package's BondingManagerMock and
 * MinterMock standing in for staking and the ETH vault (implementation notes §9, clarification (c)).
 * The mocks answer per call data ({@code setMockUint256WithParam}), so the pool can be a real linked list.
 */
public final class LivepeerRig {
    public static final long ROUND_LENGTH = 50;
    public static final long FIRST_ROUND = 100;
    public static final long UNLOCK_PERIOD = 2;
    public static final long TICKET_VALIDITY_PERIOD = 2;
    public static final TxSettings FAST = new TxSettings(Duration.ofMillis(50), Duration.ofSeconds(30), 1, 25);

    private static final BigInteger RICH = BigInteger.TEN.pow(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EthClient eth;
    private final TransactionSender deployer;
    private final Address controller;
    private final Address roundsManager;
    private final Address bondingManager;
    private final LivepeerContracts contracts;
    private final byte[] roundBlockHash = Signatures.keccak256("streamflow round".getBytes(StandardCharsets.US_ASCII));

    private LivepeerRig(EthClient eth, TransactionSender deployer, LivepeerArtifacts artifacts) throws IOException {
        this.eth = eth;
        this.deployer = deployer;
        this.controller = deploy(artifacts.bytecode(LivepeerArtifacts.CONTROLLER), "Controller");
        Address broker = deploy(artifacts.bytecode(LivepeerArtifacts.TICKET_BROKER) + constructorArg(controller),
                "TicketBroker");
        this.roundsManager = deploy(artifacts.bytecode(LivepeerArtifacts.ADJUSTABLE_ROUNDS_MANAGER)
                + constructorArg(controller), "AdjustableRoundsManager");
        this.bondingManager = deploy(artifacts.bytecode(LivepeerArtifacts.BONDING_MANAGER_MOCK), "BondingManagerMock");
        Address minter = deploy(artifacts.bytecode(LivepeerArtifacts.MINTER_MOCK), "MinterMock");
        Address serviceRegistry = deploy(artifacts.bytecode(LivepeerArtifacts.SERVICE_REGISTRY)
                + constructorArg(controller), "ServiceRegistry");
        register("TicketBroker", broker);
        register("RoundsManager", roundsManager);
        register("BondingManager", bondingManager);
        register("Minter", minter);
        register("ServiceRegistry", serviceRegistry);
        send(controller, "unpause");
        send(broker, "setUnlockPeriod", new Uint256(UNLOCK_PERIOD));
        send(broker, "setTicketValidityPeriod", new Uint256(TICKET_VALIDITY_PERIOD));
        send(roundsManager, "setRoundLength", new Uint256(ROUND_LENGTH));
        send(roundsManager, "setBlockHash", new Bytes32(roundBlockHash));
        send(roundsManager, "setBlockNum", new Uint256(FIRST_ROUND * ROUND_LENGTH));
        send(roundsManager, "initializeRound");
        this.contracts = LivepeerContracts.resolve(eth, controller);
    }

    public static LivepeerRig deploy(String url, Path artifactsDir) throws IOException {
        EthClient eth = EthClient.connect(url, Duration.ofSeconds(10));
        EthereumKey deployerKey = EthereumKey.generate(RANDOM);
        setBalance(eth, deployerKey.address(), RICH);
        TransactionSender deployer = new TransactionSender(eth, deployerKey, eth.chainId(), FAST, TxProgress.NONE);
        return new LivepeerRig(eth, deployer, new LivepeerArtifacts(artifactsDir));
    }

    public EthClient eth() {
        return eth;
    }

    public long chainId() {
        return contracts.chainId();
    }

    public Address controller() {
        return controller;
    }

    public LivepeerContracts contracts() {
        return contracts;
    }

    /** The hash every round's {@code blockHashForRound} returns (AdjustableRoundsManager's settable hash). */
    public byte[] roundBlockHash() {
        return roundBlockHash.clone();
    }

    /** A fresh key holding {@code wei} on the chain. */
    public EthereumKey fundedKey(BigInteger wei) {
        EthereumKey key = EthereumKey.generate(RANDOM);
        setBalance(eth, key.address(), wei);
        return key;
    }

    public TransactionSender sender(EthereumKey key) {
        return new TransactionSender(eth, key, chainId(), FAST, TxProgress.NONE);
    }

    /** Moves the rounds clock {@code rounds} rounds ahead and initializes the new round. */
    public void advanceRounds(long rounds) {
        send(roundsManager, "mineBlocks", new Uint256(rounds * ROUND_LENGTH));
        send(roundsManager, "initializeRound");
    }

    /** Mines {@code blocks} empty blocks (the L1 block number anvil reports). */
    public void mineBlocks(long blocks) {
        eth.request("anvil_mine", List.of("0x" + Long.toHexString(blocks)), AnyResponse.class);
    }

    public void setPoolSize(long size) {
        mockUint(bondingManager, "getTranscoderPoolSize()", new byte[0], BigInteger.valueOf(size));
    }

    public void setActiveTranscoder(Address transcoder) {
        mockUint(bondingManager, "isActiveTranscoder(address)", addressArg(transcoder), BigInteger.ONE);
    }

    /** One transcoder in the mocked pool. */
    public record PoolMember(Address address, BigInteger stake, boolean active) {
    }

    /** Makes the BondingManager pool the linked list {@code pool}, in order (the real one is sorted by stake). */
    public void setPool(List<PoolMember> pool) {
        setPoolSize(pool.size());
        mockUint(bondingManager, "getFirstTranscoderInPool()", new byte[0], new BigInteger(1, pool.get(0).address().bytes()));
        for (int i = 0; i < pool.size(); i++) {
            PoolMember member = pool.get(i);
            mockUint(bondingManager, "isActiveTranscoder(address)", addressArg(member.address()),
                    member.active() ? BigInteger.ONE : BigInteger.ZERO);
            mockUint(bondingManager, "transcoderTotalStake(address)", addressArg(member.address()), member.stake());
            if (i + 1 < pool.size()) {
                mockUint(bondingManager, "getNextTranscoderInPool(address)", addressArg(member.address()),
                        new BigInteger(1, pool.get(i + 1).address().bytes()));
            }
        }
    }

    public void setServiceUri(EthereumKey orchestrator, String uri) {
        sender(orchestrator).call(contracts.serviceRegistry().address(),
                new Function("setServiceURI", List.of(new org.web3j.abi.datatypes.Utf8String(uri)), List.of()),
                BigInteger.ZERO, "setServiceURI");
    }

    /**
     * GenericMock keys per-call answers by keccak256(msg.data) and falls back to the default when the keyed
     * value is 0 (so 0 means "false" / "end of list"); an empty argument list sets the default.
     */
    private void mockUint(Address mock, String signature, byte[] args, BigInteger value) {
        byte[] selector = Arrays.copyOf(Signatures.keccak256(signature.getBytes(StandardCharsets.US_ASCII)), 4);
        if (args.length == 0) {
            send(mock, "setMockUint256", new Bytes4(selector), new Uint256(value));
            return;
        }
        byte[] callData = new byte[4 + args.length];
        System.arraycopy(selector, 0, callData, 0, 4);
        System.arraycopy(args, 0, callData, 4, args.length);
        send(mock, "setMockUint256WithParam", new Bytes4(selector), new Bytes32(Signatures.keccak256(callData)),
                new Uint256(value));
    }

    private static byte[] addressArg(Address address) {
        byte[] word = new byte[32];
        System.arraycopy(address.bytes(), 0, word, 12, 20);
        return word;
    }

    private Address deploy(String code, String name) {
        return deployer.deploy(code, "deploy " + name).contractAddress();
    }

    private void register(String name, Address contract) {
        send(controller, "setContractInfo",
                new Bytes32(Signatures.keccak256(name.getBytes(StandardCharsets.US_ASCII))),
                new org.web3j.abi.datatypes.Address(contract.toLowerHex()), new Bytes20(new byte[20]));
    }

    private void send(Address contract, String function, Type<?>... args) {
        deployer.call(contract, new Function(function, new ArrayList<>(Arrays.asList(args)), List.of()),
                BigInteger.ZERO, function);
    }

    private static String constructorArg(Address address) {
        return FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.Address(address.toLowerHex())));
    }

    static void setBalance(EthClient eth, Address account, BigInteger wei) {
        eth.request("anvil_setBalance", List.of(account.toLowerHex(), "0x" + wei.toString(16)), AnyResponse.class);
    }

    public static final class AnyResponse extends Response<Object> {
    }
}
