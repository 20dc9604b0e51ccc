package dev.streamflow.sample;

import dev.streamflow.core.discovery.OrchestratorUris;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The sample server's command line.
 *
 * @param orchestrators {@code --orchestrators}, normalized; empty when not given
 * @param noBridge      {@code --no-bridge}: no in-process bridge and no orchestrators, only the local engine
 * @param payments      {@code --pm} and the chain flags as {@code streamflow.payments.*} overrides; empty when not given
 */
public record Options(boolean demo, String bind, int rtmpPort, int httpPort, Path dataDir, Optional<Path> config,
                      List<URI> orchestrators, boolean noBridge, boolean help, Map<String, String> payments) {

    /** The chain flags and the {@code streamflow.payments} key each one sets. */
    private static final Map<String, String> PAYMENT_FLAGS = Map.of(
            "--pm", "streamflow.payments.mode",
            "--eth-url", "streamflow.payments.eth-url",
            "--controller", "streamflow.payments.controller",
            "--keystore", "streamflow.payments.keystore",
            "--password-file", "streamflow.payments.password-file");

    public static final String USAGE = """
            Usage: sample-server [options]
              --demo              publish a synthetic 1080p test stream to live/demo
              --rtmp-port N       RTMP port (default 1935)
              --http-port N       HTTP port for HLS and the player (default 8080)
              --bind ADDR         address to listen on (default 127.0.0.1; 0.0.0.0 for all)
              --data DIR          where HLS, the demo clip and Red5's files go (default ./data)
              --config FILE       Streamflow configuration (HOCON); default: the built-in defaults
              --orchestrators URL,...
                                  orchestrators to send segments to (http(s)://host[:port]); default: those of
                                  --config, else an in-process bridge on 127.0.0.1
              --no-bridge         no in-process bridge and no orchestrators: the local engine transcodes everything
              --pm offchain|onchain
                                  how orchestrators are paid (default: that of --config, else offchain)
              --eth-url URL       onchain: JSON-RPC endpoint
              --controller ADDR   onchain: the Livepeer Controller (default: the known one for the chain)
              --keystore FILE     onchain: V3 keystore of the funded broadcaster key
              --password-file FILE
                                  onchain: the keystore password on its first line
              --help              this text
            """;

    public Options {
        orchestrators = List.copyOf(orchestrators);
        payments = Map.copyOf(payments);
    }

    /** Without payment flags. */
    public Options(boolean demo, String bind, int rtmpPort, int httpPort, Path dataDir, Optional<Path> config,
                   List<URI> orchestrators, boolean noBridge, boolean help) {
        this(demo, bind, rtmpPort, httpPort, dataDir, config, orchestrators, noBridge, help, Map.of());
    }

    /** A command line that cannot be run; the message says which argument is wrong. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Options parse(String... args) throws UsageException {
        boolean demo = false;
        boolean noBridge = false;
        boolean help = false;
        String bind = "127.0.0.1";
        int rtmpPort = 1935;
        int httpPort = 8080;
        Path dataDir = Path.of("data");
        Optional<Path> config = Optional.empty();
        List<URI> orchestrators = List.of();
        Map<String, String> payments = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (PAYMENT_FLAGS.containsKey(flag)) {
                payments.put(PAYMENT_FLAGS.get(flag), value(args, ++i, flag));
                continue;
            }
            switch (flag) {
                case "--demo" -> demo = true;
                case "--no-bridge" -> noBridge = true;
                case "--help", "-h" -> help = true;
                case "--rtmp-port" -> rtmpPort = port(flag, value(args, ++i, flag));
                case "--http-port" -> httpPort = port(flag, value(args, ++i, flag));
                case "--bind" -> bind = value(args, ++i, flag);
                case "--data" -> dataDir = Path.of(value(args, ++i, flag));
                case "--config" -> config = Optional.of(Path.of(value(args, ++i, flag)));
                case "--orchestrators" -> orchestrators = orchestrators(flag, value(args, ++i, flag));
                default -> throw new UsageException("unknown option '" + flag + "'");
            }
        }
        if (!help && rtmpPort != 0 && rtmpPort == httpPort) {
            throw new UsageException("--rtmp-port and --http-port are both " + rtmpPort);
        }
        if (!help && noBridge && !orchestrators.isEmpty()) {
            throw new UsageException("--no-bridge (the local engine only) and --orchestrators contradict each other");
        }
        if (!help) {
            checkPayments(payments);
        }
        return new Options(demo, bind, rtmpPort, httpPort, dataDir, config, orchestrators, noBridge, help, payments);
    }

    private static void checkPayments(Map<String, String> payments) throws UsageException {
        String mode = payments.get("streamflow.payments.mode");
        if (mode == null && !payments.isEmpty()) {
            throw new UsageException("--eth-url, --controller, --keystore and --password-file need --pm onchain");
        }
        if (mode != null && !mode.equals("onchain") && !mode.equals("offchain")) {
            throw new UsageException("--pm is offchain or onchain, not '" + mode + "'");
        }
        if ("offchain".equals(mode) && payments.size() > 1) {
            throw new UsageException("--eth-url, --controller, --keystore and --password-file need --pm onchain");
        }
        if ("onchain".equals(mode) && (!payments.containsKey("streamflow.payments.eth-url")
                || !payments.containsKey("streamflow.payments.keystore"))) {
            throw new UsageException("--pm onchain needs --eth-url and --keystore (and --password-file unless "
                    + "STREAMFLOW_KEYSTORE_PASSWORD is set)");
        }
    }

    private static String value(String[] args, int i, String flag) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    private static int port(String flag, String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a port number 0-65535, not '" + text + "'");
    }

    /** Comma-separated http(s) URLs, checked here as the plugin reads them so that a typo fails before anything starts. */
    private static List<URI> orchestrators(String flag, String text) throws UsageException {
        List<URI> uris = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            String url = entry.strip();
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw new UsageException(flag + ": '" + url + "' is not an http(s) URL");
            }
            try {
                uris.add(OrchestratorUris.parse(url));
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + ": " + e.getMessage());
            }
        }
        return uris;
    }
}
