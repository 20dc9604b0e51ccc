package dev.streamflow.pm.key;

/**
 * A signature that is malformed or does not recover to a public key. Unchecked so that signature
 * parsing can sit in value constructors; messages follow go-livepeer's {@code crypto/verify.go} texts.
 */
public class SignatureException extends IllegalArgumentException {
    public SignatureException(String message) {
        super(message);
    }
}
