package dev.streamflow.bridge.engine;

/**
 * One transcoded output of a segment: an MPEG-TS file whose video has {@code width x height} pixels and
 * {@code frames} frames, with the source segment's timestamps.
 */
public record Rendition(VideoProfile profile, int width, int height, int frames, byte[] ts) {
}
