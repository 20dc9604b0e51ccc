package dev.streamflow.protocol.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.List;

/**
 * A deliberately misbehaving HTTP/1.1 server on 127.0.0.1: it reads each request whole, then runs a script
 * that writes whatever bytes it likes (or stalls until the server is closed).
 */
final class ScriptedHttpServer implements AutoCloseable {

    interface Script {
        void answer(OutputStream out, ScriptedHttpServer server) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Script script;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch requestRead = new CountDownLatch(1);

    ScriptedHttpServer(Script script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread acceptor = new Thread(this::acceptLoop, "scripted-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUri() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Blocks a script until the test ends, standing for a peer that stopped answering. */
    void stall() throws InterruptedException {
        closed.await();
    }

    boolean sawRequest() {
        return requestRead.getCount() == 0;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread handler = new Thread(() -> handle(connection), "scripted-http-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            readRequest(connection.getInputStream());
            requestRead.countDown();
            script.answer(connection.getOutputStream(), this);
        } catch (IOException | InterruptedException e) {
            // the test is over or the client left
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended inside its headers");
            }
            head.write(b);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        in.readNBytes((int) length);
    }
}
