package dev.streamflow.pm.key;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.utils.Numeric;

/**
 * Encrypted Ethereum V3 keystore files (scrypt + aes-128-ctr, geth compatible). Writing uses the
 * injected scrypt cost; reading follows whatever parameters the file declares.
 */
public final class Keystore {
    private static final Logger LOG = LoggerFactory.getLogger(Keystore.class);
    private static final String INVALID_PASSWORD = "Invalid password provided"; // web3j's CipherException text

    /** scrypt cost: memory is 128·r·n bytes, so STANDARD needs 256 MiB of heap. */
    public record ScryptParams(int n, int p) {
        /** geth's standard parameters (n=2^18, r=8, p=1): about 1–3 s to unlock. */
        public static final ScryptParams STANDARD = new ScryptParams(1 << 18, 1);
        /** geth's light parameters (n=2^12, r=8, p=6): for tests and throwaway keys only. */
        public static final ScryptParams LIGHT = new ScryptParams(1 << 12, 6);

        public ScryptParams {
            if (n < 2 || Integer.bitCount(n) != 1 || p < 1) {
                throw new IllegalArgumentException("scrypt n must be a power of two ≥ 2 and p ≥ 1");
            }
        }
    }

    private final ScryptParams scrypt;
    private final ObjectMapper json;

    public Keystore(ScryptParams scrypt) {
        this.scrypt = scrypt;
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Encrypts {@code key} into a new file (mode 600 where POSIX); never overwrites an existing one. */
    public void write(EthereumKey key, char[] password, Path file) throws KeystoreException {
        if (Files.exists(file)) {
            throw new KeystoreException("keystore " + file + " already exists; refusing to overwrite it");
        }
        byte[] content = encrypt(key, password);
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".keystore-", ".tmp");
            try {
                restrictToOwner(temp);
                writeSynced(temp, content);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new KeystoreException("cannot write keystore " + file + ": " + e, e);
        }
        LOG.info("wrote keystore {} for {}", file, key.address());
    }

    /** Decrypts the key in {@code file}. A wrong password gives {@link KeystoreException.WrongPassword}. */
    public EthereumKey unlock(Path file, char[] password) throws KeystoreException {
        WalletFile wallet = read(file);
        ECKeyPair pair;
        try {
            pair = Wallet.decrypt(new String(password), wallet);
        } catch (CipherException e) {
            if (INVALID_PASSWORD.equals(e.getMessage())) {
                throw new KeystoreException.WrongPassword("wrong password for keystore " + file);
            }
            throw new KeystoreException("cannot decrypt keystore " + file + ": " + e.getMessage());
        } catch (RuntimeException e) { // malformed hex or missing fields inside the crypto section
            throw new KeystoreException("keystore " + file + " is not a valid V3 keystore: " + e.getMessage());
        }
        EthereumKey key = EthereumKey.fromPrivateKey(Numeric.toBytesPadded(pair.getPrivateKey(), 32));
        requireDeclaredAddress(file, wallet, key.address());
        LOG.info("unlocked keystore {} for {}", file, key.address());
        return key;
    }

    /** The address a keystore file declares, read without decrypting it. */
    public Address declaredAddress(Path file) throws KeystoreException {
        WalletFile wallet = read(file);
        if (wallet.getAddress() == null || wallet.getAddress().isEmpty()) {
            throw new KeystoreException("keystore " + file + " declares no address");
        }
        try {
            return Address.parse(wallet.getAddress());
        } catch (IllegalArgumentException e) {
            throw new KeystoreException("keystore " + file + " has an invalid address: " + e.getMessage());
        }
    }

    private byte[] encrypt(EthereumKey key, char[] password) throws KeystoreException {
        byte[] privateKey = key.exportPrivateKey();
        try {
            WalletFile wallet = Wallet.create(new String(password), ECKeyPair.create(privateKey), scrypt.n(), scrypt.p());
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(wallet);
        } catch (CipherException | IOException e) {
            throw new KeystoreException("cannot encrypt the key: " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(privateKey, (byte) 0);
        }
    }

    private WalletFile read(Path file) throws KeystoreException {
        try {
            WalletFile wallet = json.readValue(Files.readAllBytes(file), WalletFile.class);
            if (wallet == null || wallet.getCrypto() == null) {
                throw new KeystoreException("keystore " + file + " is not a V3 keystore (no crypto section)");
            }
            return wallet;
        } catch (NoSuchFileException e) {
            throw new KeystoreException("no keystore at " + file);
        } catch (IOException e) {
            throw new KeystoreException("keystore " + file + " is not a V3 keystore: " + e.getMessage(), e);
        }
    }

    private static void requireDeclaredAddress(Path file, WalletFile wallet, Address actual) throws KeystoreException {
        String declared = wallet.getAddress();
        if (declared != null && !declared.isEmpty() && !Address.parse(declared).equals(actual)) {
            throw new KeystoreException("keystore " + file + " declares address " + declared
                    + " but holds the key of " + actual);
        }
    }

    private static void writeSynced(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Override
    public String toString() {
        return "Keystore[scrypt n=" + scrypt.n() + " p=" + scrypt.p() + "]";
    }
}
