package dev.streamflow.bridge.cheat;

import dev.streamflow.bridge.engine.EncoderChoice;
import dev.streamflow.bridge.engine.TranscodeEngine;
import dev.streamflow.bridge.ffmpeg.FfmpegTools;
import dev.streamflow.bridge.node.BridgeConfig;
import dev.streamflow.bridge.node.BridgeNode;
import dev.streamflow.bridge.node.EngineTranscoder;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A misbehaving orchestrator as its own process, for tests: a cleartext bridge node on 127.0.0.1 that speaks the
 * real protocol and cheats as told.
 * <pre>
 *   CheatMain MISBEHAVIOUR PORT DATA_DIR
 * </pre>
 * Prints {@code cheat ready} once it serves.
 */
public final class CheatMain {

    private CheatMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CheatMain MISBEHAVIOUR PORT DATA_DIR");
            System.exit(2);
        }
        Misbehaviour misbehaviour = Misbehaviour.valueOf(args[0]);
        BridgeConfig config = BridgeConfig.defaults(Path.of(args[2])).withBindAddress("127.0.0.1")
                .withPort(Integer.parseInt(args[1])).withCleartext(true);
        EngineTranscoder honest = new EngineTranscoder(new TranscodeEngine(EncoderChoice.detect()));
        BridgeNode node = new BridgeNode(config, misbehaviour.transcoder(honest, FfmpegTools.locate()), misbehaviour.signer()).start();
        System.out.println("cheat ready: " + misbehaviour + " on " + node.uri() + " as " + node.address());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "cheat-shutdown"));
        stopped.await();
    }
}
