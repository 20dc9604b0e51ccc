package dev.streamflow.bridge.node;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;

import java.io.IOException;
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
 * </pre>
 */
public final class BridgeMain {

    private BridgeMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        BridgeConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bridge: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        SegmentTranscoder transcoder = config.echo() ? new EchoTranscoder() : new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect()));
        BridgeNode node = new BridgeNode(config, transcoder).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "bridge-shutdown"));
        stopped.await();
    }

    static BridgeConfig parse(String[] args) {
        BridgeConfig config = BridgeConfig.defaults(Path.of("bridge-data"));
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String flag = rest.pop();
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
        return config;
    }

    static String usage() {
        return "usage: bridge [--port N] [--bind ADDRESS] [--data DIR] [--http] [--price-per-unit WEI] [--pixels-per-unit N]"
                + " [--max-sessions N] [--service-uri URI] [--echo]";
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
