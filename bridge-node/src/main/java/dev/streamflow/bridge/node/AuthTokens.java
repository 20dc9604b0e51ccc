package dev.streamflow.bridge.node;

import com.google.protobuf.ByteString;
import dev.streamflow.protocol.net.AuthToken;
import dev.streamflow.protocol.wire.ProtocolErrors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Session credentials. As in go-livepeer, a token is an HMAC-SHA256 under a secret made at start
 * (so tokens die with the process) over {@code UTF8(session_id) || minBE(expiration)}, with an 8-hex-char
 * session id and a 30 minute life. Unlike go-livepeer, the HMAC also covers the 20-byte address the token
 * was issued to (zero for an anonymous broadcaster), so that a segment whose sender differs from the one
 * who asked is refused, and an anonymous broadcaster cannot use a signed one's session. The secret and
 * session ids come from {@link SecureRandom}, not a time-seeded generator.
 */
final class AuthTokens {
    static final Duration VALIDITY = Duration.ofMinutes(30);
    static final byte[] ANONYMOUS = new byte[20];

    private final byte[] secret = new byte[32];
    private final SecureRandom random;
    private final Clock clock;

    AuthTokens(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
        random.nextBytes(secret);
    }

    AuthToken issue(byte[] holder) {
        byte[] id = new byte[4];
        random.nextBytes(id);
        return forSession(HexFormat.of().formatHex(id), holder);
    }

    /** A fresh token for an existing session, e.g. in the OrchestratorInfo returned with a result. */
    AuthToken forSession(String sessionId, byte[] holder) {
        long expiration = clock.instant().plus(VALIDITY).getEpochSecond();
        return AuthToken.newBuilder()
                .setSessionId(sessionId)
                .setExpiration(expiration)
                .setToken(ByteString.copyFrom(mac(sessionId, expiration, holder)))
                .build();
    }

    /** Why {@code token} does not admit {@code holder}, in go-livepeer's words, or empty if it does. */
    Optional<String> problem(AuthToken token, byte[] holder) {
        if (token.getSessionId().isEmpty() && token.getToken().isEmpty()) {
            return Optional.of(ProtocolErrors.MISSING_AUTH_TOKEN);
        }
        if (!genuine(token, holder)) {
            return Optional.of(ProtocolErrors.INVALID_AUTH_TOKEN);
        }
        if (clock.instant().getEpochSecond() > token.getExpiration()) {
            return Optional.of(ProtocolErrors.EXPIRED_AUTH_TOKEN);
        }
        return Optional.empty();
    }

    boolean genuine(AuthToken token, byte[] holder) {
        return MessageDigest.isEqual(mac(token.getSessionId(), token.getExpiration(), holder), token.getToken().toByteArray());
    }

    private byte[] mac(String sessionId, long expiration, byte[] holder) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(sessionId.getBytes(StandardCharsets.UTF_8));
            mac.update(minimalBigEndian(expiration));
            mac.update(holder);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    private static byte[] minimalBigEndian(long value) {
        if (value <= 0) {
            return new byte[0];
        }
        byte[] bytes = BigInteger.valueOf(value).toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
