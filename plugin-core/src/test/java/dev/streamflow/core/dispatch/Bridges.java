package dev.streamflow.core.dispatch;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.node.BridgeConfig;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.node.EngineTranscoder;
import dev.streamflow.bridge.node.SegmentTranscoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Real bridge nodes on 127.0.0.1 with a transcoder the test can count and freeze. */
final class Bridges {
    private static SegmentTranscoder engine;

    private Bridges() {
    }

    static BridgeNode start(Path dataDir, SegmentTranscoder transcoder, boolean tls, int maxSessions) throws IOException {
        BridgeConfig config = BridgeConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0).withCleartext(!tls)
                .withMaxSessions(maxSessions);
        return new BridgeNode(config, transcoder).start();
    }

    static synchronized SegmentTranscoder engine() {
        if (engine == null) {
            engine = new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect()));
        }
        return engine;
    }

    /** The real engine, with a count of segments and a switch that makes every later segment hang. */
    static final class Controlled implements SegmentTranscoder {
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger frozenCalls = new AtomicInteger();
        private final CountDownLatch thaw = new CountDownLatch(1);
        private volatile boolean frozen;

        @Override
        public List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis) throws TranscodeException {
            calls.incrementAndGet();
            if (frozen) {
                frozenCalls.incrementAndGet();
                try {
                    thaw.await(); // answered 200, never sends the result
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new TranscodeException("thawed at the end of the test");
            }
            return engine().transcode(sourceTs, profiles, durationMillis);
        }

        int calls() {
            return calls.get();
        }

        int frozenCalls() {
            return frozenCalls.get();
        }

        void freeze() {
            frozen = true;
        }

        void thaw() {
            thaw.countDown();
        }
    }
}
