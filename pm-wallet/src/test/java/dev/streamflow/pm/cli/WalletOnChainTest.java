package dev.streamflow.pm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.chain.SenderInfo;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.testchain.ChainRig;
import dev.streamflow.pm.testchain.LivepeerRig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The wallet command end to end against the real TicketBroker: every balance is checked to the wei. */
class WalletOnChainTest {
    @RegisterExtension
    static final ChainRig CHAIN = new ChainRig();

    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern FEE = Pattern.compile("gas fee ([0-9.]+) ETH");
    /** Fails the test if anything asks for a password on the console. */
    private static final PasswordSource.Prompt NO_PROMPT = prompt -> {
        throw new AssertionError("asked for a password: " + prompt);
    };

    @TempDir
    Path dir;

    LivepeerRig rig;
    EthereumKey key;
    Path keystore;
    Path passwordFile;

    record Result(int exit, String out, String err) {
        BigInteger fee() {
            Matcher m = FEE.matcher(out);
            assertTrue(m.find(), "no gas fee in: " + out);
            return new BigDecimal(m.group(1)).movePointRight(18).toBigIntegerExact();
        }
    }

    @BeforeEach
    void walletWithTenEth() throws Exception {
        rig = CHAIN.rig();
        key = rig.fundedKey(ETH.multiply(BigInteger.TEN));
        keystore = dir.resolve("wallet.json");
        new Keystore(Keystore.ScryptParams.LIGHT).write(key, PASSWORD.toCharArray(), keystore);
        passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    }

    Result wallet(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--eth-url", CHAIN.url(), "--controller", rig.controller().toString(),
                "--keystore", keystore.toString()));
        return walletExactly(env, all.toArray(String[]::new));
    }

    Result walletExactly(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new WalletMain(env, NO_PROMPT, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result wallet(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--password-file", passwordFile.toString()));
        return wallet(Map.of(), all.toArray(String[]::new));
    }

    SenderInfo info() {
        return rig.contracts().ticketBroker().senderInfo(key.address());
    }

    BigInteger balance() {
        return rig.eth().balance(key.address());
    }

    @Test
    void depositReserveUnlockCancelAndWithdrawToTheWei() {
        BigInteger balance = balance();
        Result deposit = ok(wallet("deposit", "0.5ETH"));
        BigInteger half = ETH.divide(BigInteger.TWO);
        assertEquals(new SenderInfo(half, 0, BigInteger.ZERO, BigInteger.ZERO), info());
        assertEquals(balance = balance.subtract(half).subtract(deposit.fee()), balance());

        Result reserve = ok(wallet("reserve", "1000000wei"));
        BigInteger reserveWei = BigInteger.valueOf(1_000_000);
        assertEquals(new SenderInfo(half, 0, reserveWei, BigInteger.ZERO), info());
        assertEquals(balance = balance.subtract(reserveWei).subtract(reserve.fee()), balance());
        assertTrue(reserve.err().contains("confirmed tx 0x"), "progress line: " + reserve.err());

        Result status = ok(wallet("status"));
        assertTrue(status.out().contains("deposit       0.5 ETH"), status.out());
        assertTrue(status.out().contains("reserve       0.000000000001 ETH"), status.out());
        assertTrue(status.out().contains("ETH balance   " + Amounts.eth(balance)), status.out());

        long round = rig.contracts().roundsManager().currentRound();
        Result unlock = ok(wallet("unlock"));
        assertEquals(round + LivepeerRig.UNLOCK_PERIOD, info().withdrawRound());
        assertEquals(balance = balance.subtract(unlock.fee()), balance());

        Result twice = wallet("unlock");
        assertEquals(1, twice.exit());
        assertTrue(twice.err().contains("an unlock is already in progress: withdraw possible from round "
                + (round + LivepeerRig.UNLOCK_PERIOD)), twice.err());
        Result early = wallet("withdraw");
        assertEquals(1, early.exit());
        assertTrue(early.err().contains("funds are locked until round " + (round + LivepeerRig.UNLOCK_PERIOD)
                + " (current round " + round + ")"), early.err());
        assertEquals(balance, balance(), "refused commands send nothing");

        Result cancel = ok(wallet("cancel-unlock"));
        assertEquals(0, info().withdrawRound());
        assertEquals(balance = balance.subtract(cancel.fee()), balance());
        Result noUnlock = wallet("cancel-unlock");
        assertEquals(1, noUnlock.exit());
        assertTrue(noUnlock.err().contains("no unlock in progress"), noUnlock.err());

        Result again = ok(wallet("unlock"));
        balance = balance.subtract(again.fee());
        rig.advanceRounds(LivepeerRig.UNLOCK_PERIOD);
        Result withdraw = ok(wallet("withdraw"));
        assertTrue(withdraw.out().startsWith("withdrew deposit 0.5 ETH and reserve 0.000000000001 ETH"), withdraw.out());
        assertEquals(BigInteger.ZERO, info().deposit());
        assertEquals(BigInteger.ZERO, info().reserveFundsRemaining());
        // The rig's MinterMock keeps the ETH (it only emits TrustedWithdrawETH), so only the gas leaves the wallet.
        assertEquals(balance.subtract(withdraw.fee()), balance());
    }

    @Test
    void aWrongPasswordFailsWithExitOneAndSendsNothing() throws Exception {
        Files.writeString(passwordFile, "not the password\n");
        BigInteger nonce = rig.eth().pendingNonce(key.address());
        Result r = wallet("deposit", "1");
        assertEquals(1, r.exit());
        assertEquals("wallet: wrong password for keystore " + keystore + "\n", r.err());
        assertEquals(nonce, rig.eth().pendingNonce(key.address()));
        assertFalse(r.err().contains("not the password"));
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() {
        BigInteger balance = balance();
        Result r = wallet(Map.of(PasswordSource.ENV, PASSWORD), "deposit", "2gwei");
        assertEquals(0, r.exit(), r.err());
        assertEquals(BigInteger.valueOf(2_000_000_000L), info().deposit());
        assertEquals(balance.subtract(BigInteger.valueOf(2_000_000_000L)).subtract(r.fee()), balance());
    }

    @Test
    void insufficientFundsAreNamedBeforeAnythingIsSent() {
        Result tooMuch = wallet("deposit", "11ETH");
        assertEquals(1, tooMuch.exit());
        assertEquals("wallet: insufficient funds: deposit of 11 ETH but " + key.address() + " holds only 10 ETH\n",
                tooMuch.err());
        Result noGas = wallet("reserve", "10ETH");
        assertEquals(1, noGas.exit());
        assertTrue(noGas.err().startsWith("wallet: insufficient funds: reserve of 10 ETH plus up to "), noGas.err());
        assertEquals(ETH.multiply(BigInteger.TEN), balance());
    }

    @Test
    void nothingToUnlockOrWithdraw() {
        Result unlock = wallet("unlock");
        assertEquals(1, unlock.exit());
        assertTrue(unlock.err().contains("nothing to unlock: the deposit and reserve of " + key.address() + " are zero"),
                unlock.err());
        Result withdraw = wallet("withdraw");
        assertEquals(1, withdraw.exit());
        assertTrue(withdraw.err().contains("nothing to withdraw"), withdraw.err());
    }

    @Test
    void theWrongChainIsNamedWithoutAskingForThePassword() {
        Result arbitrum = walletExactly(Map.of(), "status", "--controller", "0xD8E8328501E9645d16Cf49539efC04f734606ee4",
                "--eth-url", CHAIN.url(), "--keystore", keystore.toString());
        assertEquals(1, arbitrum.exit());
        assertEquals("wallet: wrong chain: 0xD8E8328501E9645d16Cf49539efC04f734606ee4 is the Livepeer arbitrum-one-mainnet"
                + " Controller (chain id 42161), but " + CHAIN.url() + " serves chain id 31337\n", arbitrum.err());

        Result nowhere = walletExactly(Map.of(), "deposit", "1", "--controller", key.address().toString(),
                "--eth-url", CHAIN.url(), "--keystore", keystore.toString());
        assertEquals(1, nowhere.exit());
        assertEquals("wallet: wrong chain or controller: no contract at " + key.address() + " on chain id 31337 ("
                + CHAIN.url() + ")\n", nowhere.err());
    }

    @Test
    void runsAsItsOwnProcess() throws Exception {
        ok(wallet("deposit", "0.125"));
        Result status = java("status", "--eth-url", CHAIN.url(), "--controller", rig.controller().toString(),
                "--keystore", keystore.toString());
        assertEquals(0, status.exit(), status.out());
        assertTrue(status.out().contains("deposit       0.125 ETH"), status.out());

        Files.writeString(passwordFile, "wrong");
        Result deposit = java("deposit", "1", "--eth-url", CHAIN.url(), "--controller", rig.controller().toString(),
                "--keystore", keystore.toString(), "--password-file", passwordFile.toString());
        assertEquals(1, deposit.exit(), deposit.out());
        assertTrue(deposit.out().contains("wallet: wrong password for keystore " + keystore), deposit.out());
    }

    /** {@code java -cp <test classpath> WalletMain ARGS}; stdout and stderr together in {@link Result#out()}. */
    private Result java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WalletMain.class.getName()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "wallet", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "wallet process did not finish");
        return new Result(p.exitValue(), Files.readString(output), "");
    }

    private static Result ok(Result r) {
        assertEquals(0, r.exit(), "exit code; stderr: " + r.err() + " stdout: " + r.out());
        return r;
    }
}
