package dev.streamflow.core.hls;

import java.time.Instant;

/**
 * One segment as listed in every rendition's media playlist.
 *
 * @param mediaSequence   its HLS Media Sequence Number: consecutive, unlike source sequences after a gap
 * @param fileName        its file name inside each rendition directory
 * @param durationMillis  EXTINF in milliseconds
 * @param programDateTime wall-clock time of its first frame
 * @param discontinuity   an EXT-X-DISCONTINUITY precedes it
 */
record WindowEntry(long mediaSequence, String fileName, long durationMillis, Instant programDateTime, boolean discontinuity) {

    /** EXTINF rounded to the nearest second, halves up: what RFC 8216 §4.3.3.1 compares with the target duration. */
    int roundedSeconds() {
        return (int) ((durationMillis + 500) / 1000);
    }
}
