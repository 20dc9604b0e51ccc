package dev.streamflow.core.config;

import dev.streamflow.pm.key.Address;
import dev.streamflow.pm.sender.SenderLimits;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentSettingsTest {

    private static PaymentSettings load(Map<String, ?> overrides) {
        return PaymentSettings.from(StreamflowConfig.load(Optional.empty(), overrides).getConfig("streamflow"));
    }

    @Test
    void offchainByDefaultWithGoLivepeersSenderGuards() {
        PaymentSettings settings = load(Map.of());
        assertFalse(settings.onchain());
        assertEquals(SenderLimits.DEFAULTS, settings.limits());
    }

    @Test
    void onchainTakesTheChainFlags() {
        PaymentSettings settings = load(Map.of("streamflow.payments.mode", "onchain",
                "streamflow.payments.eth-url", "http://127.0.0.1:8545",
                "streamflow.payments.controller", "0xD8E8328501E9645d16Cf49539efC04f734606ee4",
                "streamflow.payments.keystore", "/keys/broadcaster.json",
                "streamflow.payments.password-file", "/keys/password",
                "streamflow.payments.max-ticket-ev", "100000000000000000"));
        assertTrue(settings.onchain());
        assertEquals("http://127.0.0.1:8545", settings.ethUrl());
        assertEquals(Optional.of(Address.parse("0xD8E8328501E9645d16Cf49539efC04f734606ee4")), settings.controller());
        assertEquals(Optional.of(Path.of("/keys/broadcaster.json")), settings.keystore());
        assertEquals(Optional.of(Path.of("/keys/password")), settings.passwordFile());
        assertEquals(new BigInteger("100000000000000000"), settings.limits().maxTicketEV());
    }

    @Test
    void mistakesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("streamflow.payments.mode", "onchain")));
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("streamflow.payments.mode", "sometimes")));
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("streamflow.payments.max-total-ev", "-1")));
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("streamflow.payments.mode", "onchain",
                "streamflow.payments.eth-url", "http://x", "streamflow.payments.keystore", "k", "streamflow.payments.controller", "nope")));
    }
}
