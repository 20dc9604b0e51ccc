package dev.streamflow.sample;

import java.nio.file.Path;
import java.util.Optional;

/** The sample server's command line. */
public record Options(boolean demo, String bind, int rtmpPort, int httpPort, Path dataDir, Optional<Path> config,
                      boolean help) {

    public static final String USAGE = """
            Usage: sample-server [options]
              --demo              publish a synthetic 1080p test stream to live/demo
              --rtmp-port N       RTMP port (default 1935)
              --http-port N       HTTP port for HLS and the player (default 8080)
              --bind ADDR         address to listen on (default 127.0.0.1; 0.0.0.0 for all)
              --data DIR          where HLS, the demo clip and Red5's files go (default ./data)
              --config FILE       Streamflow configuration (HOCON); default: the built-in defaults
              --help              this text
            """;

    /** A command line that cannot be run; the message says which argument is wrong. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Options parse(String... args) throws UsageException {
        Options o = new Options(false, "127.0.0.1", 1935, 8080, Path.of("data"), Optional.empty(), false);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            o = switch (flag) {
                case "--demo" -> new Options(true, o.bind, o.rtmpPort, o.httpPort, o.dataDir, o.config, o.help);
                case "--help", "-h" -> new Options(o.demo, o.bind, o.rtmpPort, o.httpPort, o.dataDir, o.config, true);
                case "--rtmp-port" -> new Options(o.demo, o.bind, port(flag, value(args, ++i, flag)), o.httpPort, o.dataDir, o.config, o.help);
                case "--http-port" -> new Options(o.demo, o.bind, o.rtmpPort, port(flag, value(args, ++i, flag)), o.dataDir, o.config, o.help);
                case "--bind" -> new Options(o.demo, value(args, ++i, flag), o.rtmpPort, o.httpPort, o.dataDir, o.config, o.help);
                case "--data" -> new Options(o.demo, o.bind, o.rtmpPort, o.httpPort, Path.of(value(args, ++i, flag)), o.config, o.help);
                case "--config" -> new Options(o.demo, o.bind, o.rtmpPort, o.httpPort, o.dataDir, Optional.of(Path.of(value(args, ++i, flag))), o.help);
                default -> throw new UsageException("unknown option '" + flag + "'");
            };
        }
        if (!o.help && o.rtmpPort != 0 && o.rtmpPort == o.httpPort) {
            throw new UsageException("--rtmp-port and --http-port are both " + o.rtmpPort);
        }
        return o;
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
}
