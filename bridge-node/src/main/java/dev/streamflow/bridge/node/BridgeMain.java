package dev.streamflow.bridge.node;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;

import dev.streamflow.pm.key.Address;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./streamflow bridge}: runs a bridge node until it is stopped.
 * <pre>
 *   --port N              gRPC and /segment port (default 8935; 0 picks a free one)
 *   --bind ADDRESS        interface to listen on (default 0.0.0.0)
 *   --data DIR            node key and TLS certificate (default ./bridge-data)
 *   --http                cleartext h2c and HTTP/1.1 instead of TLS
 *   --price-per-unit WEI  price of pixels-per-unit pixels (default 0)
 *   --pixels-per-unit N   pixels the price covers (default 1)
 *   --max-sessions N      sessions served at once (default 10)
 *   --service-uri URI     transcoder URI to advertise (default http(s)://127.0.0.1:PORT)
 *   --echo                benchmarks only: return the source as every rendition, no transcoding
 *   --pm offchain|onchain payments (default offchain: no tickets asked for)
 *   --eth-url URL         on chain: JSON-RPC endpoint
 *   --controller ADDR     on chain: the Livepeer Controller
 *   --keystore FILE       on chain: V3 keystore of the orchestrator key (signs results, redeems tickets)
 *   --password-file FILE  on chain: the keystore password on the first line
 *   --ticket-ev WEI       on chain: target expected value per ticket (default 8000000000)
 *   --max-face-value WEI  on chain: face-value cap (default 0 = none)
 * </pre>
 */
public final class BridgeMain {

    private BridgeMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        BridgeConfig config;
        Optional<OnchainOptions> onchain;
        try {
            Parsed parsed = parseAll(args);
            config = parsed.config();
            onchain = parsed.onchain();
        } catch (IllegalArgumentException e) {
            System.err.println("bridge: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        SegmentTranscoder transcoder = config.echo() ? new EchoTranscoder() : new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect()));
        BridgeNode node = new BridgeNode(config, transcoder, ResultSigner.STANDARD, onchain).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "bridge-shutdown"));
        stopped.await();
    }

    /** The node's configuration and, with {@code --pm onchain}, its on-chain options. */
    record Parsed(BridgeConfig config, Optional<OnchainOptions> onchain) {
    }

    static BridgeConfig parse(String[] args) {
        return parseAll(args).config();
    }

    static Parsed parseAll(String[] args) {
        BridgeConfig config = BridgeConfig.defaults(Path.of("bridge-data"));
        Map<String, String> pm = new HashMap<>();
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String flag = rest.pop();
            if (PM_FLAGS.contains(flag)) {
                pm.put(flag, value(flag, rest));
                continue;
            }
            config = switch (flag) {
                case "--port" -> config.withPort(integer(flag, value(flag, rest)));
                case "--bind" -> config.withBindAddress(value(flag, rest));
                case "--data" -> withDataDir(config, Path.of(value(flag, rest)));
                case "--http" -> config.withCleartext(true);
                case "--price-per-unit" -> config.withPrice(number(flag, value(flag, rest)), config.pixelsPerUnit());
                case "--pixels-per-unit" -> config.withPrice(config.pricePerUnit(), number(flag, value(flag, rest)));
                case "--max-sessions" -> config.withMaxSessions(integer(flag, value(flag, rest)));
                case "--service-uri" -> config.withServiceUri(uri(value(flag, rest)));
                case "--echo" -> config.withEcho(true);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            };
        }
        return new Parsed(config, onchain(pm));
    }

    private static final List<String> PM_FLAGS = List.of("--pm", "--eth-url", "--controller", "--keystore", "--password-file",
            "--ticket-ev", "--max-face-value");

    private static Optional<OnchainOptions> onchain(Map<String, String> pm) {
        String mode = pm.getOrDefault("--pm", "offchain");
        if (mode.equals("offchain")) {
            if (pm.size() > (pm.containsKey("--pm") ? 1 : 0)) {
                throw new IllegalArgumentException("chain flags need --pm onchain");
            }
            return Optional.empty();
        }
        if (!mode.equals("onchain")) {
            throw new IllegalArgumentException("--pm is offchain or onchain, not '" + mode + "'");
        }
        for (String needed : List.of("--eth-url", "--controller", "--keystore", "--password-file")) {
            if (!pm.containsKey(needed)) {
                throw new IllegalArgumentException("--pm onchain needs " + needed);
            }
        }
        Address controller;
        try {
            controller = Address.parse(pm.get("--controller"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--controller '" + pm.get("--controller") + "' is not an address");
        }
        OnchainOptions options = OnchainOptions.of(pm.get("--eth-url"), controller, Path.of(pm.get("--keystore")),
                Path.of(pm.get("--password-file")));
        if (pm.containsKey("--ticket-ev")) {
            options = options.withTicketEV(wei("--ticket-ev", pm.get("--ticket-ev")));
        }
        if (pm.containsKey("--max-face-value")) {
            options = options.withMaxFaceValue(wei("--max-face-value", pm.get("--max-face-value")));
        }
        return Optional.of(options);
    }

    private static BigInteger wei(String flag, String text) {
        try {
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " wants a whole number of wei, not '" + text + "'");
        }
    }

    static String usage() {
        return "usage: bridge [--port N] [--bind ADDRESS] [--data DIR] [--http] [--price-per-unit WEI] [--pixels-per-unit N]"
                + " [--max-sessions N] [--service-uri URI] [--echo]"
                + " [--pm offchain|onchain --eth-url URL --controller ADDR --keystore FILE --password-file FILE"
                + " [--ticket-ev WEI] [--max-face-value WEI]]";
    }

    private static BridgeConfig withDataDir(BridgeConfig c, Path dir) {
        return new BridgeConfig(c.bindAddress(), c.port(), dir, c.cleartext(), c.pricePerUnit(), c.pixelsPerUnit(), c.maxSessions(),
                c.serviceUri(), c.echo(), c.limits());
    }

    private static String value(String flag, Deque<String> rest) {
        if (rest.isEmpty() || rest.peek().startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.pop();
    }

    private static int integer(String flag, String text) {
        return Math.toIntExact(number(flag, text));
    }

    private static long number(String flag, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " wants a whole number, not '" + text + "'");
        }
    }

    private static URI uri(String text) {
        try {
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--service-uri '" + text + "' is not a URI");
        }
    }
}
