package dev.streamflow.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.sender.SenderLimits;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code streamflow.payments}: off-chain (no tickets) or on-chain (tickets signed by the keystore's key, checked
 * against the sender guards).
 *
 * @param controller   empty: the known Controller of the endpoint's chain
 * @param passwordFile empty: the {@value #PASSWORD_ENV} environment variable
 */
public record PaymentSettings(Mode mode, String ethUrl, Optional<Address> controller, Optional<Path> keystore,
                              Optional<Path> passwordFile, SenderLimits limits) {
    public static final String PASSWORD_ENV = "STREAMFLOW_KEYSTORE_PASSWORD";

    public enum Mode { OFFCHAIN, ONCHAIN }

    public PaymentSettings {
        if (mode == Mode.ONCHAIN && (ethUrl.isBlank() || keystore.isEmpty())) {
            throw new IllegalArgumentException("streamflow.payments.mode = onchain needs streamflow.payments.eth-url and "
                    + "streamflow.payments.keystore");
        }
    }

    public static PaymentSettings offchain() {
        return new PaymentSettings(Mode.OFFCHAIN, "", Optional.empty(), Optional.empty(), Optional.empty(), SenderLimits.DEFAULTS);
    }

    public boolean onchain() {
        return mode == Mode.ONCHAIN;
    }

    /** From the {@code streamflow} tree. */
    public static PaymentSettings from(Config streamflow) {
        try {
            Config c = streamflow.getConfig("payments");
            return new PaymentSettings(mode(c.getString("mode")), c.getString("eth-url").strip(),
                    controller(c.getString("controller")), path(c.getString("keystore")), path(c.getString("password-file")),
                    new SenderLimits(wei(c, "max-ticket-ev"), wei(c, "max-total-ev"), wei(c, "deposit-multiplier")));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad Streamflow configuration: " + e.getMessage(), e);
        }
    }

    private static Mode mode(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "offchain" -> Mode.OFFCHAIN;
            case "onchain" -> Mode.ONCHAIN;
            default -> throw new IllegalArgumentException("streamflow.payments.mode is offchain or onchain, not '" + text + "'");
        };
    }

    private static Optional<Address> controller(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Address.parse(text.strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("streamflow.payments.controller '" + text + "' is not an address");
        }
    }

    private static Optional<Path> path(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(Path.of(text.strip()));
    }

    private static BigInteger wei(Config c, String key) {
        String text = c.getString(key).strip();
        try {
            BigInteger value = new BigInteger(text);
            if (value.signum() <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("streamflow.payments." + key + " '" + text + "' is not a positive whole number of wei");
        }
    }
}
