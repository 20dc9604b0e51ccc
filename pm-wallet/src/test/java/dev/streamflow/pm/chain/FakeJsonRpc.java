package dev.streamflow.pm.chain;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A loopback JSON-RPC server answering each method with a canned JSON {@code result} (or error) text. */
final class FakeJsonRpc implements AutoCloseable {
    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    FakeJsonRpc() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = answer(request).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** {@code resultJson} is the raw JSON of the result, e.g. {@code "0x7a69"} with quotes, or an object. */
    FakeJsonRpc result(String method, String resultJson) {
        answers.put(method, "\"result\":" + resultJson);
        return this;
    }

    FakeJsonRpc error(String method, int code, String message) {
        answers.put(method, "\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}");
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String answer(String request) {
        Matcher method = METHOD.matcher(request);
        Matcher id = ID.matcher(request);
        String m = method.find() ? method.group(1) : "";
        String answer = answers.getOrDefault(m, "\"error\":{\"code\":-32601,\"message\":\"method not found: " + m + "\"}");
        return "{\"jsonrpc\":\"2.0\",\"id\":" + (id.find() ? id.group(1) : "1") + "," + answer + "}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
