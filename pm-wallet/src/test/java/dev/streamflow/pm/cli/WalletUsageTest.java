package dev.streamflow.pm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamflow.pm.key.Keystore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no chain, and usage errors (exit code 2). */
class WalletUsageTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    Result run(Map<String, String> env, PasswordSource.Prompt prompt, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new WalletMain(env, prompt, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result run(String... args) {
        return run(Map.of(), prompt -> null, args);
    }

    @Test
    void createsAKeystoreAndPrintsItsAddress() throws Exception {
        Path keystore = dir.resolve("wallet.json");
        Path password = Files.writeString(dir.resolve("pw"), "s3cret pass\n");
        Result created = run("create", "--keystore", keystore.toString(), "--password-file", password.toString(), "--lightkdf");
        assertEquals(0, created.exit(), created.err());
        String address = new Keystore(Keystore.ScryptParams.LIGHT).declaredAddress(keystore).toString();
        assertTrue(created.out().contains(address), created.out());
        assertFalse(created.out().contains("s3cret"));
        assertEquals(address, new Keystore(Keystore.ScryptParams.LIGHT).unlock(keystore, "s3cret pass".toCharArray())
                .address().toString(), "the password file's first line, without its newline");

        Result shown = run("address", "--keystore=" + keystore);
        assertEquals(0, shown.exit());
        assertEquals(address, shown.out().trim());

        Result again = run("create", "--keystore", keystore.toString(), "--password-file", password.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void aTypedPasswordIsAskedTwiceAndMustMatch() {
        Path keystore = dir.resolve("typed.json");
        String[] answers = {"first", "second"};
        int[] asked = {0};
        Result mismatch = run(Map.of(), prompt -> answers[asked[0]++].toCharArray(), "create", "--keystore",
                keystore.toString(), "--lightkdf");
        assertEquals(2, mismatch.exit());
        assertEquals(2, asked[0]);
        assertTrue(mismatch.err().contains("the passwords do not match"), mismatch.err());
        assertFalse(Files.exists(keystore));
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() throws Exception {
        Path keystore = dir.resolve("env.json");
        Result created = run(Map.of(PasswordSource.ENV, "from env"), prompt -> null, "create", "--keystore",
                keystore.toString(), "--lightkdf");
        assertEquals(0, created.exit(), created.err());
        new Keystore(Keystore.ScryptParams.LIGHT).unlock(keystore, "from env".toCharArray());
    }

    @Test
    void withoutAnyPasswordSourceTheCommandSaysHowToGiveOne() {
        Result r = run("create", "--keystore", dir.resolve("x.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--password-file FILE or set STREAMFLOW_KEYSTORE_PASSWORD"), r.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        String ks = dir.resolve("k.json").toString();
        assertEquals(2, run().exit());
        assertEquals(0, run("help").exit());
        assertEquals(2, run("deposit", "--keystore", ks, "--eth-url", "http://127.0.0.1:1").exit());
        assertEquals(2, run("deposit", "-5", "--keystore", ks, "--eth-url", "http://127.0.0.1:1").exit());
        assertEquals(2, run("status", "--keystore", ks).exit());
        assertEquals(2, run("status", "--keystore", ks, "--eth-url", "http://x", "--frobnicate", "1").exit());
        assertEquals(2, run("status", "--keystore", ks, "--eth-url", "http://x", "--controller", "0x12").exit());
        assertEquals(2, run("launch", "--keystore", ks).exit());
        Result r = run("unlock", "extra", "--keystore", ks, "--eth-url", "http://x");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unlock takes no arguments"), r.err());
    }

    @Test
    void aMissingKeystoreIsAnError() {
        Result r = run("address", "--keystore", dir.resolve("none.json").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no keystore at"), r.err());
    }
}
