package dev.streamflow.pm.recipient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.pm.ticket.Ticket;
import dev.streamflow.pm.ticket.TicketExpirationParams;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWinningTicketStoreTest {
    @TempDir
    Path dir;

    final EthereumKey sender = EthereumKey.generate(new SecureRandom());
    final Address recipient = Address.parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");

    @Test
    void ticketsSurviveAReopenInOrder() throws Exception {
        FileWinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket first = winner(3, 1_000);
        WinningTicket second = winner(1, 2_000);
        WinningTicket third = winner(2, 4_000);
        store.store(first);
        store.store(second);
        store.store(third);

        FileWinningTicketStore reopened = new FileWinningTicketStore(dir);
        assertEquals(List.of(first, second, third), reopened.pending());
        assertEquals(BigInteger.valueOf(7_000), reopened.pendingFaceValue(sender.address()));
        assertEquals(BigInteger.ZERO, reopened.pendingFaceValue(recipient));

        WinningTicket fourth = winner(4, 8_000);
        reopened.store(fourth);
        assertEquals(List.of(first, second, third, fourth), new FileWinningTicketStore(dir).pending());
    }

    @Test
    void removedTicketsStayRemovedAfterAReopen() throws Exception {
        FileWinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket kept = winner(1, 1_000);
        WinningTicket redeemed = winner(2, 1_000);
        store.store(kept);
        store.store(redeemed);
        store.remove(redeemed);
        assertEquals(List.of(kept), store.pending());
        assertEquals(List.of(kept), new FileWinningTicketStore(dir).pending());
    }

    @Test
    void storingTheSameTicketTwiceKeepsOneCopy() throws Exception {
        FileWinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket ticket = winner(1, 1_000);
        store.store(ticket);
        store.store(ticket);
        assertEquals(1, store.pending().size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void unreadableFilesAreQuarantinedNotLost() throws Exception {
        FileWinningTicketStore store = new FileWinningTicketStore(dir);
        WinningTicket good = winner(1, 1_000);
        store.store(good);
        Path garbage = dir.resolve("00ff.ticket");
        Files.writeString(garbage, "sequence=7\nrecipient=nonsense\n");
        assertEquals(List.of(good), new FileWinningTicketStore(dir).pending());
        assertTrue(Files.exists(dir.resolve("00ff.ticket.corrupt")));
    }

    private WinningTicket winner(long nonce, long faceValue) {
        byte[] randHash = new byte[32];
        randHash[0] = (byte) nonce;
        byte[] blockHash = new byte[32];
        blockHash[31] = 9;
        Ticket ticket = new Ticket(recipient, sender.address(), BigInteger.valueOf(faceValue), Ticket.MAX_WIN_PROB.shiftRight(1),
                nonce, randHash, new TicketExpirationParams(12, blockHash));
        return new WinningTicket(ticket, ticket.sign(sender), BigInteger.valueOf(nonce * 1_000_003), BigInteger.valueOf(1_040));
    }
}
