package dev.streamflow.core.media;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What {@link TsProbe} found in one MPEG-TS segment.
 *
 * @param videoPts           PTS of every video PES in file order, 90 kHz, 33-bit as stored
 * @param sps                the first SPS NAL unit (header byte included, escaped as in the stream), if any
 * @param pps                the first PPS NAL unit, if any
 * @param startsWithIdr      the first coded slice is an IDR slice (NAL unit type 5)
 * @param accessUnits        coded pictures: slices with first_mb_in_slice = 0
 * @param audio              the first ADTS header of the AAC stream, if the segment has one
 * @param firstAudioPts      PTS of the first AAC PES, if any
 */
public record TsInfo(List<Long> videoPts, Optional<byte[]> sps, Optional<byte[]> pps, boolean startsWithIdr,
                     int accessUnits, Optional<AudioConfig> audio, OptionalLong firstAudioPts) {

    public TsInfo {
        videoPts = List.copyOf(videoPts);
    }

    /** Frames per second from the median PTS step (see {@link FrameRate}). */
    public OptionalDouble frameRate() {
        return FrameRate.fromPts(videoPts);
    }

    /** The parsed first SPS; fails if the segment has none. */
    public Sps parsedSps() {
        return SpsParser.parse(sps.orElseThrow(() -> new MalformedMediaException("the H.264 stream has no SPS")));
    }
}
