package dev.streamflow.bridge.cheat;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.bridge.ffmpeg.FfmpegTools;
import dev.streamflow.bridge.node.ResultSigner;
import dev.streamflow.bridge.node.SegmentTranscoder;
import dev.streamflow.bridge.node.SegmentTranscoder.Output;
import dev.streamflow.pm.key.EthereumKey;
import dev.streamflow.protocol.wire.ResultSignature;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The ways a dishonest orchestrator cheats, each built around the honest engine so that everything else about
 * its answer is right.
 */
public enum Misbehaviour {
    HONEST,
    /** Every frame black, everything else honest. */
    BLACK_FRAMES,
    /** Each rendition at 3/4 of its fitted size. */
    WRONG_RESOLUTION,
    /** The first segment's renditions, returned for every segment. */
    STALE_OUTPUT,
    /** Each rendition cut to its first half (at a packet boundary, so it still parses), billed in full. */
    TRUNCATED_OUTPUT,
    /** Honest renditions, signed by a key other than the one the node offers. */
    BAD_SIGNATURE,
    /** Honest renditions, billed at twice their pixels. */
    WRONG_PIXEL_COUNT,
    /** Another clip at the right size, rate and timestamps. */
    DIFFERENT_VIDEO,
    /** Each rendition at twice its profile's size, as far as the source allows: more than was asked for. */
    OVERSIZED_OUTPUT,
    /** Random bytes in place of each rendition, billed in full. */
    GARBAGE_OUTPUT;

    public SegmentTranscoder transcoder(SegmentTranscoder honest, FfmpegTools tools) {
        return switch (this) {
            case HONEST, BAD_SIGNATURE -> honest;
            case BLACK_FRAMES -> (ts, profiles, ms) -> honest.transcode(new SourceRewriter(tools).black(ts), profiles, ms);
            case DIFFERENT_VIDEO -> (ts, profiles, ms) -> honest.transcode(new SourceRewriter(tools).differentVideo(ts), profiles, ms);
            case WRONG_RESOLUTION -> (ts, profiles, ms) -> honest.transcode(ts, profiles.stream().map(Misbehaviour::smaller).toList(), ms);
            case STALE_OUTPUT -> new StaleTranscoder(honest);
            case TRUNCATED_OUTPUT -> (ts, profiles, ms) -> honest.transcode(ts, profiles, ms).stream().map(Misbehaviour::firstHalf).toList();
            case WRONG_PIXEL_COUNT -> (ts, profiles, ms) -> honest.transcode(ts, profiles, ms).stream()
                    .map(o -> new Output(o.ts(), o.pixels() * 2)).toList();
            case OVERSIZED_OUTPUT -> (ts, profiles, ms) -> honest.transcode(ts, profiles.stream().map(Misbehaviour::larger).toList(), ms);
            case GARBAGE_OUTPUT -> (ts, profiles, ms) -> honest.transcode(ts, profiles, ms).stream().map(Misbehaviour::garbage).toList();
        };
    }

    public ResultSigner signer() {
        if (this != BAD_SIGNATURE) {
            return ResultSigner.STANDARD;
        }
        EthereumKey stranger = EthereumKey.generate(new SecureRandom());
        return (key, renditions) -> ResultSignature.sign(stranger, renditions);
    }

    private static VideoProfile smaller(VideoProfile p) {
        return new VideoProfile(p.name(), Math.max(16, p.width() * 3 / 4), Math.max(16, p.height() * 3 / 4), p.fps(), p.bitrateKbps());
    }

    private static VideoProfile larger(VideoProfile p) {
        return new VideoProfile(p.name(), p.width() * 2, p.height() * 2, p.fps(), p.bitrateKbps());
    }

    private static Output garbage(Output o) {
        byte[] noise = new byte[o.ts().length];
        new SecureRandom().nextBytes(noise);
        return new Output(noise, o.pixels());
    }

    private static Output firstHalf(Output o) {
        int packets = o.ts().length / 188;
        return new Output(Arrays.copyOf(o.ts(), Math.max(1, packets / 2) * 188), o.pixels());
    }

    /** Transcodes the first segment honestly and answers every later one with the same renditions. */
    private static final class StaleTranscoder implements SegmentTranscoder {
        private final SegmentTranscoder honest;
        private List<Output> first;

        StaleTranscoder(SegmentTranscoder honest) {
            this.honest = honest;
        }

        @Override
        public synchronized List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis)
                throws dev.streamflow.bridge.engine.TranscodeException {
            if (first == null) {
                first = honest.transcode(sourceTs, profiles, durationMillis);
            }
            return first;
        }
    }
}
