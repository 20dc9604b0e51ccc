package dev.streamflow.sample;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void defaults() throws Exception {
        Options o = Options.parse();
        assertEquals(new Options(false, "127.0.0.1", 1935, 8080, Path.of("data"), Optional.empty(), List.of(), false, false), o);
    }

    @Test
    void everyFlag() throws Exception {
        Options o = Options.parse("--demo", "--rtmp-port", "19350", "--http-port", "0", "--data", "/tmp/sf",
                "--config", "conf/streamflow.conf", "--bind", "0.0.0.0");
        assertEquals(new Options(true, "0.0.0.0", 19350, 0, Path.of("/tmp/sf"), Optional.of(Path.of("conf/streamflow.conf")),
                List.of(), false, false), o);
        assertTrue(Options.parse("--no-bridge").noBridge());
    }

    @Test
    void orchestratorsAreHttpUrlsReadAsThePluginReadsThem() throws Exception {
        Options o = Options.parse("--orchestrators", "https://orch1.example:8935,http://10.0.0.2:9000/, HTTPS://orch3.example");
        assertEquals(List.of(URI.create("https://orch1.example:8935"), URI.create("http://10.0.0.2:9000"),
                URI.create("https://orch3.example:8935")), o.orchestrators());
        assertEquals(List.of(URI.create("https://127.0.0.1:8935")), Options.parse("--orchestrators", "https://127.0.0.1").orchestrators());
    }

    @Test
    void aBadOrchestratorIsNamed() {
        assertEquals("--orchestrators: 'orch.example:8935' is not an http(s) URL",
                message("--orchestrators", "https://ok.example:8935,orch.example:8935"));
        assertEquals("--orchestrators: 'ftp://orch.example' is not an http(s) URL", message("--orchestrators", "ftp://orch.example"));
        assertEquals("--orchestrators: '' is not an http(s) URL", message("--orchestrators", "https://a.example,"));
        assertTrue(message("--orchestrators", "https://orch.example:8935/segment")
                .startsWith("--orchestrators: orchestrator address 'https://orch.example:8935/segment' must be just scheme://host[:port]"));
        assertEquals("--orchestrators needs a value", message("--orchestrators", "--demo"));
        assertEquals("--no-bridge (the local engine only) and --orchestrators contradict each other",
                message("--no-bridge", "--orchestrators", "https://orch.example"));
    }

    @Test
    void aBadOrchestratorExits2BeforeAnythingStarts() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--orchestrators", "https://ok.example,nope"}, print(out), print(err), new CountDownLatch(1));

        assertEquals(2, exit);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("sample-server: --orchestrators: 'nope' is not an http(s) URL\nUsage:"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertEquals("unknown option '--dmeo'", message("--dmeo"));
        assertEquals("--rtmp-port needs a value", message("--rtmp-port"));
        assertEquals("--data needs a value", message("--data", "--demo"));
        assertEquals("--http-port must be a port number 0-65535, not '80a'", message("--http-port", "80a"));
        assertEquals("--rtmp-port must be a port number 0-65535, not '70000'", message("--rtmp-port", "70000"));
        assertEquals("--rtmp-port and --http-port are both 9000", message("--rtmp-port", "9000", "--http-port", "9000"));
    }

    @Test
    void anUnknownFlagPrintsTheUsageAndExits2() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--frobnicate"}, print(out), print(err), new CountDownLatch(1));

        assertEquals(2, exit);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("sample-server: unknown option '--frobnicate'\nUsage:"));
    }

    @Test
    void helpPrintsTheUsageAndExits0() {
        var out = new ByteArrayOutputStream();
        var stopped = new CountDownLatch(1);
        int exit = Main.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()), stopped);

        assertEquals(0, exit);
        assertEquals(Options.USAGE, out.toString(StandardCharsets.UTF_8));
        assertEquals(0, stopped.getCount(), "nothing keeps running");
    }

    private static String message(String... args) {
        return assertThrows(Options.UsageException.class, () -> Options.parse(args)).getMessage();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    void paymentFlagsBecomePaymentsOverrides() throws Exception {
        assertEquals(java.util.Map.of(), Options.parse().payments());
        Options o = Options.parse("--pm", "onchain", "--eth-url", "http://127.0.0.1:8545", "--controller",
                "0xD8E8328501E9645d16Cf49539efC04f734606ee4", "--keystore", "b.json", "--password-file", "pw");
        assertEquals(java.util.Map.of("streamflow.payments.mode", "onchain", "streamflow.payments.eth-url", "http://127.0.0.1:8545",
                "streamflow.payments.controller", "0xD8E8328501E9645d16Cf49539efC04f734606ee4",
                "streamflow.payments.keystore", "b.json", "streamflow.payments.password-file", "pw"), o.payments());
        assertThrows(Options.UsageException.class, () -> Options.parse("--pm", "onchain", "--eth-url", "http://x"));
        assertThrows(Options.UsageException.class, () -> Options.parse("--keystore", "b.json"));
        assertThrows(Options.UsageException.class, () -> Options.parse("--pm", "sometimes"));
    }
}
