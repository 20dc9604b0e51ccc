package dev.streamflow.core.hls;

import dev.streamflow.bridge.engine.Rendition;
import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.ingest.StreamKey;
import dev.streamflow.core.segment.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Publishes one live stream as HLS: {@code <app>/<stream>/master.m3u8}, and per ladder rung
 * {@code <app>/<stream>/<profile>/index.m3u8} with segments {@code <profile>/<source sequence>.ts}.
 *
 * <p>Every rendition lists the same segments with the same discontinuities, because one {@link LiveWindow}
 * renders all media playlists. HLS Media Sequence Numbers count published segments: they equal the source
 * sequence until the first gap and then stay consecutive (RFC 8216 §6.2.2 lets EXT-X-MEDIA-SEQUENCE grow only
 * by the number of segments removed), while file names keep the source sequence for tracing.
 *
 * <p>The master playlist is written from measured values when the first segment is published and again only
 * when a declared value stops describing the stream. Variants are listed in ladder order, so the first rung of
 * the ladder is where players that start with the first variant begin.
 *
 * <p>Calls must come in sequence order; methods are synchronized so they may come from different threads.
 */
public final class HlsPublisher {
    private static final Logger log = LoggerFactory.getLogger(HlsPublisher.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String MASTER = "master.m3u8";
    private static final String MEDIA = "index.m3u8";

    private final StreamKey stream;
    private final List<VideoProfile> ladder;
    private final SegmentStore store;
    private final String base;
    private final LiveWindow window;
    private final SegmentRetention retention;
    private final MasterPlaylist master = new MasterPlaylist();
    private final List<VariantStats> variants = new ArrayList<>();
    private long lastSequence = Long.MIN_VALUE;
    private long nextMediaSequence = -1;
    private boolean discontinuityPending;
    private Instant endOfLastSegment;
    private boolean allIndependent = true;
    private boolean ended;

    public HlsPublisher(StreamKey stream, List<VideoProfile> ladder, SegmentStore store, HlsSettings settings) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.ladder = List.copyOf(ladder);
        this.store = Objects.requireNonNull(store, "store");
        this.base = stream.app() + "/" + stream.stream() + "/";
        requireUsableLadder(this.ladder);
        this.window = new LiveWindow(settings.windowSegments(), settings.minTargetDurationSeconds());
        this.retention = new SegmentRetention(settings.retainedAfterWindow());
        for (VideoProfile profile : this.ladder) {
            variants.add(new VariantStats(profile, profile.name() + "/" + MEDIA, settings.audioKbps()));
        }
    }

    /** Path of the master playlist inside the store. */
    public String masterPath() {
        return base + MASTER;
    }

    /**
     * Publishes the renditions of one source segment, in ladder order. Throws {@link InvalidRenditionException}
     * (nothing written, state unchanged) when a rendition's TS is unusable.
     */
    public synchronized void publish(Segment source, List<Rendition> renditions) {
        requireOpen(source);
        requireInOrder(source);
        requireLadderOrder(source, renditions);
        if (source.duration() <= 0 || source.ingestedAt() == null) {
            throw new IllegalArgumentException(stream + ": segment " + source.sequence() + " has no duration or ingest time");
        }
        List<ProbedRendition> probed = renditions.stream().map(r -> ProbedRendition.probe(r, source.sequence())).toList();
        String fileName = source.sequence() + ".ts";
        writeSegmentFiles(fileName, probed);
        WindowEntry entry = commit(source, fileName, probed);
        List<WindowEntry> left = slide(entry);
        writeMediaPlaylists(false);
        deleteSegmentFiles(retention.retire(left));
        writeMasterIfOutdated();
        log.debug("{}: published segment {} as media sequence {} ({} renditions{})", stream, source.sequence(),
                entry.mediaSequence(), probed.size(), entry.discontinuity() ? ", discontinuity" : "");
    }

    /** Nothing is published for this segment; the next published one starts with a discontinuity. */
    public synchronized void gap(Segment source) {
        Objects.requireNonNull(source, "source");
        if (ended || source.sequence() <= lastSequence) {
            // the failure path must not fail: a late gap for a segment already handled changes nothing
            log.warn("{}: gap for segment {} ignored ({})", stream, source.sequence(), ended ? "stream ended" : "already handled");
            return;
        }
        requireOwnStream(source);
        lastSequence = source.sequence();
        discontinuityPending = true;
        log.info("{}: segment {} skipped; the next published segment starts with a discontinuity", stream, source.sequence());
    }

    /** Ends every media playlist with EXT-X-ENDLIST. Later calls do nothing. */
    public synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (!window.isEmpty()) {
            writeMediaPlaylists(true);
        }
        log.info("{}: HLS ended", stream);
    }

    private WindowEntry commit(Segment source, String fileName, List<ProbedRendition> probed) {
        boolean encoderChanged = false;
        for (int i = 0; i < probed.size(); i++) {
            ProbedRendition rendition = probed.get(i);
            if (variants.get(i).parameterSetsChangedBy(rendition)) {
                encoderChanged = true;
                log.info("{}: {} changed SPS/PPS at segment {}: discontinuity in every rendition", stream,
                        ladder.get(i).name(), source.sequence());
            }
            variants.get(i).record(rendition, source.duration());
            allIndependent &= rendition.info().startsWithIdr();
        }
        boolean skipped = nextMediaSequence >= 0 && source.sequence() != lastSequence + 1;
        boolean discontinuity = nextMediaSequence >= 0
                && (source.discontinuity() || discontinuityPending || skipped || encoderChanged);
        if (nextMediaSequence < 0) {
            nextMediaSequence = source.sequence();
        }
        lastSequence = source.sequence();
        discontinuityPending = false;
        long millis = Math.round(source.duration() / (Segment.CLOCK_HZ / 1000.0));
        Instant programDateTime = programDateTime(source, discontinuity);
        endOfLastSegment = programDateTime.plusMillis(millis);
        return new WindowEntry(nextMediaSequence++, fileName, millis, programDateTime, discontinuity);
    }

    /**
     * The wall clock anchors the first segment and every one after a break; in between, each segment starts
     * where the previous one ended, so PDT agrees with EXTINF whatever the ingest jitter. Never goes back.
     */
    private Instant programDateTime(Segment source, boolean discontinuity) {
        if (endOfLastSegment == null) {
            return source.ingestedAt();
        }
        if (discontinuity && source.ingestedAt().isAfter(endOfLastSegment)) {
            return source.ingestedAt();
        }
        return endOfLastSegment;
    }

    private List<WindowEntry> slide(WindowEntry entry) {
        int target = window.targetDuration();
        boolean first = window.isEmpty();
        List<WindowEntry> left = window.add(entry);
        if (!first && window.targetDuration() > target) {
            // RFC 8216 §6.2.1 wants a constant target; the alternative, an EXTINF above it, breaks players
            log.warn("{}: segment of {} ms raised EXT-X-TARGETDURATION from {} to {}; set a minimum target duration",
                    stream, entry.durationMillis(), target, window.targetDuration());
        }
        return left;
    }

    private void writeSegmentFiles(String fileName, List<ProbedRendition> probed) {
        List<String> written = new ArrayList<>();
        try {
            for (ProbedRendition rendition : probed) {
                String path = renditionDir(rendition.rendition().profile()) + fileName;
                store.write(path, rendition.rendition().ts());
                written.add(path);
            }
        } catch (IOException e) {
            written.forEach(this::deleteQuietly);
            throw new UncheckedIOException(stream + ": cannot write segment " + fileName, e);
        }
    }

    private void writeMediaPlaylists(boolean endList) {
        byte[] text = window.render(endList).getBytes(StandardCharsets.UTF_8);
        for (VideoProfile profile : ladder) {
            write(renditionDir(profile) + MEDIA, text);
        }
    }

    private void writeMasterIfOutdated() {
        List<VariantEntry> measured = variants.stream().map(VariantStats::measured).toList();
        if (master.needsRewrite(measured, allIndependent)) {
            write(masterPath(), master.declare(measured, allIndependent).getBytes(StandardCharsets.UTF_8));
            log.info("{}: master playlist written: {}", stream, measured);
        }
    }

    private void deleteSegmentFiles(List<WindowEntry> expired) {
        for (WindowEntry entry : expired) {
            for (VideoProfile profile : ladder) {
                deleteQuietly(renditionDir(profile) + entry.fileName());
            }
        }
    }

    private void write(String path, byte[] content) {
        try {
            store.write(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(stream + ": cannot write " + path, e);
        }
    }

    private void deleteQuietly(String path) {
        try {
            store.delete(path);
        } catch (IOException e) {
            log.warn("{}: cannot delete {}: {}", stream, path, e.toString());
        }
    }

    private String renditionDir(VideoProfile profile) {
        return base + profile.name() + "/";
    }

    private void requireOpen(Segment source) {
        Objects.requireNonNull(source, "source");
        if (ended) {
            throw new IllegalStateException(stream + ": segment " + source.sequence() + " published after end()");
        }
        requireOwnStream(source);
    }

    private void requireOwnStream(Segment source) {
        if (!stream.equals(source.stream())) {
            throw new IllegalArgumentException("segment of " + source.stream() + " given to the publisher of " + stream);
        }
    }

    private void requireInOrder(Segment source) {
        if (source.sequence() <= lastSequence) {
            throw new IllegalArgumentException(stream + ": segment " + source.sequence()
                    + " arrived after segment " + lastSequence + " was already handled");
        }
    }

    private void requireLadderOrder(Segment source, List<Rendition> renditions) {
        if (renditions == null || renditions.size() != ladder.size()) {
            throw new IllegalArgumentException(stream + ": segment " + source.sequence() + " has "
                    + (renditions == null ? 0 : renditions.size()) + " renditions for a ladder of " + ladder.size());
        }
        for (int i = 0; i < ladder.size(); i++) {
            Rendition rendition = renditions.get(i);
            if (rendition == null || !ladder.get(i).name().equals(rendition.profile().name())) {
                throw new IllegalArgumentException(stream + ": segment " + source.sequence() + " rendition " + i
                        + " is " + (rendition == null ? "missing" : rendition.profile().name()) + ", expected " + ladder.get(i).name());
            }
        }
    }

    private static void requireUsableLadder(List<VideoProfile> ladder) {
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("the ladder is empty");
        }
        Set<String> names = new HashSet<>();
        for (VideoProfile profile : ladder) {
            if (!SAFE_NAME.matcher(profile.name()).matches() || profile.name().contains("..")) {
                throw new IllegalArgumentException("profile name '" + profile.name() + "' cannot be a directory name");
            }
            if (!names.add(profile.name())) {
                throw new IllegalArgumentException("profile name '" + profile.name() + "' appears twice in the ladder");
            }
        }
    }
}
