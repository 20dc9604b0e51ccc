package dev.streamflow.adapter.red5;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.ingest.flv.FlvTags;
import dev.streamflow.core.testing.FlvFile;
import org.apache.mina.core.buffer.IoBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.red5.server.api.scope.ScopeType;
import org.red5.server.api.stream.IStreamListener;
import org.red5.server.api.stream.IStreamPacket;
import org.red5.server.net.rtmp.event.AudioData;
import org.red5.server.net.rtmp.event.VideoData;
import org.red5.server.scope.Scope;
import org.red5.server.stream.ClientBroadcastStream;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The glue against Red5's own stream and packet classes. The RTMP path, through {@link StreamflowApplication}
 * in an embedded Red5, is tested in sample-server.
 */
class Red5IngestTest {
    private static final StreamKey KEY = new StreamKey("live", "cam1");
    private static FlvFile clip;

    private final RecordingHook hook = new RecordingHook();
    private final Red5Ingest ingest = new Red5Ingest(hook);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private ClientBroadcastStream stream;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = FlvFile.read(TestMedia.flv(TestMedia.Spec.pattern(320, 180, 30, 6.0)));
    }

    @BeforeEach
    void publish() {
        stream = broadcast("cam1");
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void detachLogs() {
        root().detachAppender(logs);
    }

    @Test
    void everyAudioAndVideoTagReachesTheHandleInOrderThenItCloses() throws Exception {
        ingest.broadcastStarted(stream);
        assertEquals(List.of(KEY), ingest.activeStreams());
        assertEquals(1, stream.getStreamListeners().size());

        List<MediaPacket> expected = new ArrayList<>();
        for (FlvFile.Tag tag : clip.tags()) {
            deliver(toHostPacket(tag));
            FlvTags.parse(tag.type(), tag.timestamp(), tag.body()).ifPresent(expected::add);
        }
        ingest.broadcastClosed(stream);

        RecordingHook.Recorded recorded = hook.stream(KEY);
        assertEquals(expected.size(), recorded.packets.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).dts(), recorded.packets.get(i).dts());
            assertEquals(expected.get(i).kind(), recorded.packets.get(i).kind());
            assertArrayEquals(expected.get(i).data(), recorded.packets.get(i).data());
        }
        assertEquals(1, recorded.closes.get());
        assertTrue(ingest.activeStreams().isEmpty());
        assertTrue(stream.getStreamListeners().isEmpty());
    }

    @Test
    void aPublisherThatFallsSilentIsEndedEvenIfRed5NeverClosesItsBroadcast() {
        Red5Ingest watching = new Red5Ingest(hook, Duration.ofSeconds(2));
        try {
            watching.broadcastStarted(stream);
            assertEquals(0, watching.endSilentStreams(), "a stream that just started is not silent");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (hook.stream(KEY).closes.get() == 0 && System.nanoTime() < deadline) {
                watching.endSilentStreams(); // the periodic check may get there first; either ends it once
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertEquals(1, hook.stream(KEY).closes.get(), "ended once, without Red5 closing the broadcast");
            assertTrue(watching.activeStreams().isEmpty());
            assertTrue(stream.getStreamListeners().isEmpty());
        } finally {
            watching.closeAll();
        }
    }

    @Test
    void theHostBufferIsCopiedWholeAndLeftWhereItWas() throws Exception {
        ingest.broadcastStarted(stream);
        FlvFile.Tag tag = clip.ofType(FlvTags.VIDEO).get(1);
        IoBuffer buffer = IoBuffer.wrap(tag.body().clone());
        buffer.position(2); // as Red5's codec sniffer leaves interframes
        VideoData packet = new VideoData(buffer);

        deliver(packet);
        buffer.put(5, (byte) 0x55); // the host reuses its buffer once we return

        assertEquals(2, buffer.position());
        MediaPacket received = hook.stream(KEY).packets.get(0);
        assertArrayEquals(FlvTags.parse(tag.type(), tag.timestamp(), tag.body()).orElseThrow().data(), received.data());
    }

    @Test
    void aMalformedTagEndsOurSideOfTheStreamWithOneLogLine() throws Exception {
        ingest.broadcastStarted(stream);
        deliver(toHostPacket(clip.ofType(FlvTags.VIDEO).get(0)));
        deliver(new VideoData(IoBuffer.wrap(new byte[] {0x17, 1})));
        deliver(toHostPacket(clip.ofType(FlvTags.VIDEO).get(1)));

        RecordingHook.Recorded recorded = hook.stream(KEY);
        assertEquals(1, recorded.packets.size(), "nothing after the malformed tag");
        assertEquals(1, recorded.closes.get());
        assertTrue(stream.getStreamListeners().isEmpty());
        assertTrue(ingest.activeStreams().isEmpty());
        List<String> warnings = warnings();
        assertEquals(List.of("Stream live/cam1: Streamflow stops ingesting it: "
                + "AVC video tag is 2 bytes, shorter than its 5-byte header"), warnings);

        ingest.broadcastClosed(stream);
        assertEquals(1, recorded.closes.get(), "closed once");
    }

    @Test
    void aStreamNameThatCannotBeAPathIsLeftAloneWithAWarning() {
        ClientBroadcastStream bad = broadcast("../etc");

        ingest.broadcastStarted(bad);

        assertTrue(hook.all().isEmpty());
        assertTrue(bad.getStreamListeners().isEmpty());
        assertEquals(1, warnings().size());
        assertTrue(warnings().get(0).startsWith("Stream 'live/../etc': Streamflow does not ingest it"), warnings().get(0));
    }

    @Test
    void closeAllEndsEveryStream() {
        ClientBroadcastStream other = broadcast("cam2");
        ingest.broadcastStarted(stream);
        ingest.broadcastStarted(other);

        ingest.closeAll();

        assertEquals(1, hook.stream(KEY).closes.get());
        assertEquals(1, hook.stream(new StreamKey("live", "cam2")).closes.get());
        assertTrue(ingest.activeStreams().isEmpty());
        assertTrue(other.getStreamListeners().isEmpty());
    }

    @Test
    void metadataPacketsAreIgnored() throws Exception {
        ingest.broadcastStarted(stream);
        deliver(new org.red5.server.net.rtmp.event.Notify(IoBuffer.wrap(clip.ofType(18).get(0).body())));
        assertTrue(hook.stream(KEY).packets.isEmpty());
        assertEquals(0, hook.stream(KEY).closes.get());
    }

    private void deliver(IStreamPacket packet) {
        for (IStreamListener listener : stream.getStreamListeners()) {
            listener.packetReceived(stream, packet);
        }
    }

    private static IStreamPacket toHostPacket(FlvFile.Tag tag) {
        IoBuffer data = IoBuffer.wrap(tag.body().clone());
        var packet = switch (tag.type()) {
            case FlvTags.AUDIO -> new AudioData(data);
            case FlvTags.VIDEO -> new VideoData(data);
            default -> new org.red5.server.net.rtmp.event.Notify(data);
        };
        packet.setTimestamp((int) tag.timestamp());
        return (IStreamPacket) packet;
    }

    private static ClientBroadcastStream broadcast(String name) {
        ClientBroadcastStream s = new ClientBroadcastStream();
        s.setRegisterJMX(false);
        s.setScope(new Scope(null, ScopeType.APPLICATION, "live", false));
        s.setPublishedName(name);
        return s;
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel().toString().equals("WARN"))
                .filter(e -> e.getLoggerName().startsWith("dev.streamflow"))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

}
