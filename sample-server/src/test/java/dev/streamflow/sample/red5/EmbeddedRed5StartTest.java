package dev.streamflow.sample.red5;

import dev.streamflow.adapter.red5.Red5Ingest;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.sample.testing.PacketCopyPublisher;
import dev.streamflow.sample.testing.Poll;
import dev.streamflow.sample.testing.Red5Timing;
import dev.streamflow.sample.testing.RecordingHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting and stopping: each test owns the JVM's one Red5 while it runs. */
class EmbeddedRed5StartTest {

    @Test
    void aPortInUseFailsTheStartAndLeavesRoomForTheNextServer(@TempDir Path root) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var e = assertThrows(RuntimeException.class, () -> start(root, taken.getLocalPort()));
            assertTrue(rootCause(e).getMessage().contains("RTMP cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    rootCause(e).getMessage());
        }
        try (EmbeddedRed5 red5 = start(root, 0)) {
            assertTrue(red5.rtmpPort() > 0);
        }
    }

    @Test
    void restartsInTheSameJvmAndRefusesASecondServerAtOnce(@TempDir Path root) throws Exception {
        int firstPort;
        try (EmbeddedRed5 first = start(root, 0)) {
            firstPort = first.rtmpPort();
            var e = assertThrows(IllegalStateException.class, () -> start(root, 0));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
        }
        RecordingHook hook = new RecordingHook();
        try (EmbeddedRed5 again = EmbeddedRed5.start("127.0.0.1", firstPort, root, new Red5Ingest(hook))) {
            assertTrue(again.rtmpUrl().endsWith(":" + firstPort + "/live"), again.rtmpUrl());
            Path clip = TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 1.0));
            new PacketCopyPublisher(clip, again.rtmpUrl() + "/after-restart").start().get(30, TimeUnit.SECONDS);
            Poll.until(Red5Timing.NOTICES_DISCONNECT, "the restarted server ingests and closes a stream",
                    () -> hook.isClosed(new StreamKey("live", "after-restart")));
        }
    }

    private static EmbeddedRed5 start(Path root, int port) throws IOException {
        return EmbeddedRed5.start("127.0.0.1", port, root, new Red5Ingest(new RecordingHook()));
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
