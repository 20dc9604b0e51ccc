package dev.streamflow.pm.key;

/** A keystore that cannot be read, written or decrypted. Messages never contain the password or key. */
public class KeystoreException extends Exception {
    public KeystoreException(String message) {
        super(message);
    }

    public KeystoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The keystore is intact but the password does not decrypt it. */
    public static final class WrongPassword extends KeystoreException {
        public WrongPassword(String message) {
            super(message);
        }
    }
}
