package dev.streamflow.bridge.node;

import dev.streamflow.pm.key.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIdentityTest {

    @Test
    void keyAndCertificateSurviveARestart(@TempDir Path dataDir) throws Exception {
        Address address;
        String fingerprint;
        try (BridgeNode node = new BridgeNode(NodeFixture.config(dataDir, false).withEcho(true), NodeFixture.engine()).start()) {
            address = node.address();
            fingerprint = node.certificateFingerprint().orElseThrow();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(NodeKey.FILE_NAME))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(NodeCertificate.KEY_FILE))));
        try (BridgeNode node = new BridgeNode(NodeFixture.config(dataDir, false).withEcho(true), NodeFixture.engine()).start()) {
            assertEquals(address, node.address());
            assertEquals(fingerprint, node.certificateFingerprint().orElseThrow());
        }
    }

    @Test
    void anotherDataDirectoryIsAnotherNode(@TempDir Path first, @TempDir Path second) throws Exception {
        try (BridgeNode a = new BridgeNode(NodeFixture.config(first, true).withEcho(true), NodeFixture.engine()).start();
             BridgeNode b = new BridgeNode(NodeFixture.config(second, true).withEcho(true), NodeFixture.engine()).start()) {
            assertNotEquals(a.address(), b.address());
            assertTrue(a.certificateFingerprint().isEmpty(), "cleartext nodes make no certificate");
        }
    }

    @Test
    void aKeyOthersCanReadIsRefused(@TempDir Path dataDir) throws Exception {
        new BridgeNode(NodeFixture.config(dataDir, true).withEcho(true), NodeFixture.engine()).start().close();
        Files.setPosixFilePermissions(dataDir.resolve(NodeKey.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class,
                () -> new BridgeNode(NodeFixture.config(dataDir, true).withEcho(true), NodeFixture.engine()).start());
        assertTrue(e.getMessage().contains("readable by its owner only"), e.getMessage());
    }
}
