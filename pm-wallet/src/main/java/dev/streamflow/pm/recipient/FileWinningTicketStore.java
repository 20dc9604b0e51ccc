package dev.streamflow.pm.recipient;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.Hex;
import dev.streamflow.pm.key.Signature;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small text file per winning ticket ({@code <ticket hash>.ticket}) in a directory, written to a
 * temporary file, fsynced, renamed into place and the directory fsynced, so a ticket that
 * {@link #store} returned for survives a crash. A file that fails to parse is renamed
 * {@code .corrupt} on open and logged, never silently dropped.
 */
public final class FileWinningTicketStore implements WinningTicketStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileWinningTicketStore.class);
    private static final String SUFFIX = ".ticket";

    private final Path directory;
    private final Map<String, Entry> tickets = new LinkedHashMap<>();
    private long nextSequence;

    private record Entry(long sequence, WinningTicket ticket) {
    }

    public FileWinningTicketStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        load();
    }

    @Override
    public synchronized void store(WinningTicket ticket) throws IOException {
        String hash = ticket.hashHex();
        if (tickets.containsKey(hash)) {
            return;
        }
        long sequence = nextSequence++;
        Path temp = directory.resolve("." + hash + ".tmp");
        writeSynced(temp, encode(sequence, ticket));
        Files.move(temp, fileOf(hash), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        tickets.put(hash, new Entry(sequence, ticket));
    }

    @Override
    public synchronized List<WinningTicket> pending() {
        return tickets.values().stream().sorted(Comparator.comparingLong(Entry::sequence)).map(Entry::ticket).toList();
    }

    @Override
    public synchronized void remove(WinningTicket ticket) throws IOException {
        String hash = ticket.hashHex();
        if (tickets.remove(hash) != null) {
            Files.deleteIfExists(fileOf(hash));
            syncDirectory();
        }
    }

    @Override
    public synchronized BigInteger pendingFaceValue(Address sender) {
        return WinningTicketStore.super.pendingFaceValue(sender);
    }

    private void load() throws IOException {
        List<Entry> loaded = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    loaded.add(decode(file));
                } catch (RuntimeException e) {
                    Path quarantined = file.resolveSibling(file.getFileName() + ".corrupt");
                    Files.move(file, quarantined, StandardCopyOption.REPLACE_EXISTING);
                    LOG.error("winning ticket file {} is unreadable ({}); moved to {}", file, e.getMessage(), quarantined);
                }
            }
        }
        loaded.sort(Comparator.comparingLong(Entry::sequence));
        for (Entry entry : loaded) {
            tickets.put(entry.ticket().hashHex(), entry);
            nextSequence = Math.max(nextSequence, entry.sequence() + 1);
        }
        if (!loaded.isEmpty()) {
            LOG.info("loaded {} winning ticket(s) awaiting redemption from {}", loaded.size(), directory);
        }
    }

    private Path fileOf(String hash) {
        return directory.resolve(hash + SUFFIX);
    }

    private static byte[] encode(long sequence, WinningTicket winning) {
        Ticket t = winning.ticket();
        String text = "sequence=" + sequence + "\n"
                + "recipient=" + t.recipient() + "\n"
                + "sender=" + t.sender() + "\n"
                + "faceValue=" + t.faceValue() + "\n"
                + "winProb=" + t.winProb() + "\n"
                + "senderNonce=" + t.senderNonce() + "\n"
                + "recipientRandHash=" + Hex.encode(t.recipientRandHash()) + "\n"
                + "creationRound=" + t.expirationParams().creationRound() + "\n"
                + "creationRoundBlockHash=" + Hex.encode(t.expirationParams().creationRoundBlockHash()) + "\n"
                + "sig=" + winning.sig().toHex() + "\n"
                + "recipientRand=" + winning.recipientRand() + "\n"
                + "paramsExpirationBlock=" + winning.paramsExpirationBlock() + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Entry decode(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
        Ticket ticket = new Ticket(
                Address.parse(required(p, "recipient")),
                Address.parse(required(p, "sender")),
                new BigInteger(required(p, "faceValue")),
                new BigInteger(required(p, "winProb")),
                Long.parseLong(required(p, "senderNonce")),
                Hex.decode(required(p, "recipientRandHash")),
                new TicketExpirationParams(Long.parseLong(required(p, "creationRound")),
                        Hex.decode(required(p, "creationRoundBlockHash"))));
        WinningTicket winning = new WinningTicket(ticket, Signature.fromHex(required(p, "sig")),
                new BigInteger(required(p, "recipientRand")), new BigInteger(required(p, "paramsExpirationBlock")));
        String expectedName = winning.hashHex() + SUFFIX;
        if (!file.getFileName().toString().equals(expectedName)) {
            throw new IllegalStateException("content hashes to " + expectedName);
        }
        return new Entry(Long.parseLong(required(p, "sequence")), winning);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("missing " + key);
        }
        return value.trim();
    }

    private static void writeSynced(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes the rename or delete itself durable (Linux: fsync on the directory). */
    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {} on this platform: {}", directory, e.toString());
        }
    }

    @Override
    public String toString() {
        return "FileWinningTicketStore[" + directory + "]";
    }
}
