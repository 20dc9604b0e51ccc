package dev.streamflow.sample.http;

import dev.streamflow.core.ingest.StreamKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebServerTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final List<StreamKey> live = new CopyOnWriteArrayList<>();
    private static WebServer server;
    private static byte[] master;
    private static byte[] segment;

    @BeforeAll
    static void start(@TempDir Path hls) throws IOException {
        Path stream = Files.createDirectories(hls.resolve("live/demo/360p30"));
        master = ("#EXTM3U\n#EXT-X-VERSION:3\n" + "#EXT-X-STREAM-INF:BANDWIDTH=880000,RESOLUTION=640x360\n360p30/index.m3u8\n"
                .repeat(20)).getBytes(StandardCharsets.UTF_8);
        segment = new byte[188 * 500];
        new Random(7).nextBytes(segment);
        Files.write(hls.resolve("live/demo/master.m3u8"), master);
        Files.write(stream.resolve("seg_00001.ts"), segment);
        Files.writeString(hls.resolve("live/demo/notes.txt"), "not HLS");
        Files.writeString(hls.getParent().resolve("secret.m3u8"), "#EXTM3U secret");
        server = WebServer.start("127.0.0.1", 0, hls, () -> live, "Publish to rtmp://127.0.0.1:1935/live/<name>.");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void playlistsAreUncachedAppleMpegUrlWithCors() throws Exception {
        HttpResponse<byte[]> r = get("/hls/live/demo/master.m3u8");

        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.apple.mpegurl", header(r, "Content-Type"));
        assertEquals("no-cache", header(r, "Cache-Control"));
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        assertEquals("", header(r, "Content-Encoding"), "no gzip unless asked for");
        assertArrayEquals(master, r.body());
    }

    @Test
    void playlistsAreGzippedForClientsThatAcceptIt() throws Exception {
        HttpResponse<byte[]> r = get("/hls/live/demo/master.m3u8", "Accept-Encoding", "deflate, gzip;q=0.8");

        assertEquals("gzip", header(r, "Content-Encoding"));
        assertEquals("Accept-Encoding", header(r, "Vary"));
        assertTrue(r.body().length < master.length, "compressed");
        assertArrayEquals(master, new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes());
        assertEquals("", header(get("/hls/live/demo/master.m3u8", "Accept-Encoding", "gzip;q=0"), "Content-Encoding"));
    }

    @Test
    void segmentsAreMpegTsAndCacheable() throws Exception {
        HttpResponse<byte[]> r = get("/hls/live/demo/360p30/seg_00001.ts", "Accept-Encoding", "gzip");

        assertEquals(200, r.statusCode());
        assertEquals("video/mp2t", header(r, "Content-Type"));
        assertEquals("public, max-age=86400", header(r, "Cache-Control"));
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        assertEquals("", header(r, "Content-Encoding"), "segments are sent as they are");
        assertArrayEquals(segment, r.body());
    }

    @Test
    void headGivesTheLengthWithoutABody() throws Exception {
        HttpResponse<byte[]> r = http.send(request("/hls/live/demo/360p30/seg_00001.ts")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, r.statusCode());
        assertEquals(Integer.toString(segment.length), header(r, "Content-Length"));
        assertEquals(0, r.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/hls/../secret.m3u8", "/hls/live/../../secret.m3u8", "/hls/live/demo/%2e%2e/%2e%2e/%2e%2e/secret.m3u8",
            "/hls/live/demo/..%2f..%2f..%2fsecret.m3u8", "/hls/live/demo/.hidden.m3u8", "/hls/live//demo/master.m3u8",
            "/hls/live/demo/master.m3u8%00.ts", "/hls/"})
    void pathsThatAreNotPlainNamesAreRejected(String target) throws Exception {
        assertEquals(400, RawHttp.status(server.port(), "GET", target), target);
    }

    @Test
    void missingFilesAndOtherFileTypesAre404() throws Exception {
        assertEquals(404, get("/hls/live/demo/360p30/seg_00002.ts").statusCode());
        assertEquals(404, get("/hls/live/other/master.m3u8").statusCode());
        HttpResponse<byte[]> notHls = get("/hls/live/demo/notes.txt");
        assertEquals(404, notHls.statusCode());
        assertEquals("*", header(notHls, "Access-Control-Allow-Origin"));
        assertTrue(new String(notHls.body(), StandardCharsets.UTF_8).startsWith("no HLS file at /hls/live/demo/notes.txt"));
    }

    @Test
    void corsPreflightAndWrongMethods() throws Exception {
        HttpResponse<byte[]> preflight = http.send(request("/hls/live/demo/master.m3u8")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://example.org").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(204, preflight.statusCode());
        assertEquals("*", header(preflight, "Access-Control-Allow-Origin"));
        assertTrue(header(preflight, "Access-Control-Allow-Methods").contains("GET"));

        HttpResponse<byte[]> post = http.send(request("/hls/live/demo/master.m3u8")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "Allow"));
    }

    @Test
    void thePlayerPageLoadsHlsJsFromThisServerOnly() throws Exception {
        HttpResponse<byte[]> r = get("/player/live/demo");
        String page = new String(r.body(), StandardCharsets.UTF_8);

        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", header(r, "Content-Type"));
        assertTrue(page.contains("<h1 id=\"stream-name\">live/demo</h1>"), page);
        assertTrue(page.contains("data-master=\"/hls/live/demo/master.m3u8\""), page);
        assertTrue(page.contains("<script src=\"/assets/player.js\"></script>"), page);
        assertEquals(Assets.hasHlsJs(), page.contains("<script src=\"/assets/hls.min.js\"></script>"), page);
        assertFalse(page.contains("src=\"http"), "no script or resource from another host");
        assertFalse(page.toLowerCase().contains("cdn"), "no CDN");
    }

    @Test
    void withoutBundledHlsJsThePageSaysWhatToRun() {
        String page = new PlayerHandler(false).page(new StreamKey("live", "demo"));

        assertFalse(page.contains("hls.min.js\"></script>"));
        assertTrue(page.contains("Run &#39;npm ci&#39; in the repository root"), page);
        assertTrue(new PlayerHandler(true).page(new StreamKey("live", "demo"))
                .contains("<script src=\"/assets/hls.min.js\"></script>"));
    }

    @Test
    void thePlayerScriptAndHlsJsAreServed() throws Exception {
        HttpResponse<byte[]> player = get("/assets/player.js");
        assertEquals(200, player.statusCode());
        assertEquals("text/javascript; charset=utf-8", header(player, "Content-Type"));
        assertTrue(new String(player.body(), StandardCharsets.UTF_8).contains("window.streamflow"));

        HttpResponse<byte[]> hlsJs = get("/assets/hls.min.js");
        if (Assets.hasHlsJs()) {
            assertEquals(200, hlsJs.statusCode());
            assertTrue(hlsJs.body().length > 100_000, "the real hls.js build");
        } else {
            assertEquals(404, hlsJs.statusCode());
            assertTrue(new String(hlsJs.body(), StandardCharsets.UTF_8).contains("npm ci"));
        }
        assertEquals(404, get("/assets/../pom.xml").statusCode());
        assertEquals(404, get("/assets/player.html").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/player/live", "/player/live/demo/extra", "/player/live/..", "/player/live/%3Cscript%3E", "/player/"})
    void badPlayerUrlsAre400WithAReason(String target) throws Exception {
        HttpResponse<byte[]> r = get(target);
        assertEquals(400, r.statusCode(), target);
        assertEquals("text/plain; charset=utf-8", header(r, "Content-Type"));
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).length() > 20);
    }

    @Test
    void theIndexListsLiveStreamsWithTheirPlayers() throws Exception {
        live.clear();
        String empty = new String(get("/").body(), StandardCharsets.UTF_8);
        assertTrue(empty.contains("No stream is being published. Publish to rtmp://127.0.0.1:1935/live/&lt;name&gt;."), empty);

        live.addAll(List.of(new StreamKey("live", "cam1"), new StreamKey("live", "demo")));
        String listed = new String(get("/").body(), StandardCharsets.UTF_8);
        assertTrue(listed.contains("<a href=\"/player/live/cam1\">live/cam1</a>"), listed);
        assertTrue(listed.contains("<a href=\"/player/live/demo\">live/demo</a>"), listed);
        assertEquals(404, get("/nothing-here").statusCode());
        assertEquals(204, get("/favicon.ico").statusCode());
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = request(path);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }
}
