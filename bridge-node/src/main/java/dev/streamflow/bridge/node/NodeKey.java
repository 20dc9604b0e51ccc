package dev.streamflow.bridge.node;

import dev.streamflow.pm.key.EthereumKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The node's Ethereum key, which signs results and Ping replies: made at first start and kept as hex in
 * {@code <data>/node-key} (mode 600). Never logged; only its address is.
 */
final class NodeKey {
    static final String FILE_NAME = "node-key";
    private static final Logger log = LoggerFactory.getLogger(NodeKey.class);
    private static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private NodeKey() {
    }

    static EthereumKey loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file);
        }
        byte[] secret = newSecret(random);
        try {
            DataFiles.writeSecret(file, HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII));
            EthereumKey key = EthereumKey.fromPrivateKey(secret);
            log.info("made a new node key in {}: address {}", file, key.address());
            return key;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static EthereumKey load(Path file) throws IOException {
        DataFiles.checkOwnerOnly(file);
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] secret;
        try {
            secret = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a hex private key", e);
        }
        try {
            if (secret.length != 32 || !inRange(secret)) {
                throw new IOException(file + " does not hold a 32-byte secp256k1 private key");
            }
            return EthereumKey.fromPrivateKey(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[32];
        do {
            random.nextBytes(secret);
        } while (!inRange(secret));
        return secret;
    }

    private static boolean inRange(byte[] secret) {
        BigInteger k = new BigInteger(1, secret);
        return k.signum() > 0 && k.compareTo(CURVE_ORDER) < 0;
    }
}
