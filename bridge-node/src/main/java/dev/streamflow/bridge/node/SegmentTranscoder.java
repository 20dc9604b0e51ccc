package dev.streamflow.bridge.node;

import dev.streamflow.bridge.engine.TranscodeException;
import dev.streamflow.bridge.engine.VideoProfile;

import java.util.List;

/** What the node does with an accepted segment: one output per profile, in profile order. */
public interface SegmentTranscoder {

    List<Output> transcode(byte[] sourceTs, List<VideoProfile> profiles, long durationMillis) throws TranscodeException;

    /** One rendition's MPEG-TS bytes and the pixels it holds (width × height × frames). */
    record Output(byte[] ts, long pixels) {
    }
}
