package dev.streamflow.pm.bench;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.key.Hex;
import dev.streamflow.pm.key.Keystore;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ticket signing and verification on one thread, and keystore unlock. Not a test (no *Test name), so
 * {@code mvn test} never runs it; see BENCHMARKS.md / the report for the command.
 */
@State(Scope.Thread)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
public class PmBenchmark {
    private EthereumKey key;
    private Ticket[] tickets;
    private Signature[] signatures;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        key = EthereumKey.fromPrivateKey(Hex.decode("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        Address recipient = Address.parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");
        byte[] randHash = new byte[32];
        new SecureRandom().nextBytes(randHash);
        byte[] blockHash = new byte[32];
        new SecureRandom().nextBytes(blockHash);
        tickets = new Ticket[1024];
        signatures = new Signature[tickets.length];
        for (int i = 0; i < tickets.length; i++) {
            tickets[i] = new Ticket(recipient, key.address(), BigInteger.valueOf(12_000_000_000_000L),
                    Ticket.MAX_WIN_PROB.divide(BigInteger.valueOf(1_500)), i + 1, randHash,
                    new TicketExpirationParams(3_500, blockHash));
            signatures[i] = tickets[i].sign(key);
        }
    }

    /** keccak(232-byte ticket) + EIP-191 + ECDSA sign (RFC 6979, low s, v). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Signature signTicket() {
        return tickets[next++ & 1023].sign(key);
    }

    /** keccak(ticket) + EIP-191 + recover + address compare: what a recipient does per ticket. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public boolean verifyTicket() {
        int i = next++ & 1023;
        return tickets[i].isSignedBySender(signatures[i]);
    }

    @State(Scope.Thread)
    public static class KeystoreFile {
        Path dir;
        Path file;
        final char[] password = "benchmark password".toCharArray();

        @Setup(Level.Trial)
        public void write() throws Exception {
            dir = Files.createTempDirectory("pm-bench-keystore");
            file = dir.resolve("wallet.json");
            new Keystore(Keystore.ScryptParams.STANDARD).write(EthereumKey.generate(new SecureRandom()), password, file);
        }

        @TearDown(Level.Trial)
        public void delete() throws Exception {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Standard scrypt (n=2^18, r=8, p=1) unlock, as at node start. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public EthereumKey unlockKeystore(KeystoreFile keystore) throws Exception {
        return new Keystore(Keystore.ScryptParams.STANDARD).unlock(keystore.file, keystore.password);
    }
}
