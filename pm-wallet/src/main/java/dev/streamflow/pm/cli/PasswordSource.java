package dev.streamflow.pm.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The keystore password: from {@code --password-file} (its first line), else the environment variable
 * {@value #ENV}, else typed at the console without echo. It is never printed or logged.
 */
final class PasswordSource {
    static final String ENV = "STREAMFLOW_KEYSTORE_PASSWORD";

    /** Reads a password without echo; null when there is no interactive console. */
    interface Prompt {
        char[] read(String prompt);

        static Prompt console() {
            return prompt -> {
                Console console = System.console();
                return console == null ? null : console.readPassword("%s", prompt);
            };
        }
    }

    private final Path file;
    private final Map<String, String> env;
    private final Prompt prompt;

    PasswordSource(Path file, Map<String, String> env, Prompt prompt) {
        this.file = file;
        this.env = env;
        this.prompt = prompt;
    }

    char[] existing(Path keystore) throws UsageException, IOException {
        return obtain("password for " + keystore + ": ");
    }

    /** For a new keystore: a typed password is asked twice; an empty one is refused. */
    char[] fresh(Path keystore) throws UsageException, IOException {
        boolean typed = file == null && env.get(ENV) == null;
        char[] password = obtain("new password for " + keystore + ": ");
        if (password.length == 0) {
            throw new UsageException("refusing an empty password for a new keystore");
        }
        if (typed) {
            char[] again = obtain("repeat the password: ");
            boolean same = Arrays.equals(password, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(password, '\0');
                throw new UsageException("the passwords do not match");
            }
        }
        return password;
    }

    private char[] obtain(String question) throws UsageException, IOException {
        if (file != null) {
            return firstLine(file);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        char[] typed = prompt.read(question);
        if (typed == null) {
            throw new UsageException("no password: use --password-file FILE or set " + ENV
                    + " (there is no console to ask on)");
        }
        return typed;
    }

    private static char[] firstLine(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int end = content.indexOf('\n');
        String line = end < 0 ? content : content.substring(0, end);
        return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
    }
}
