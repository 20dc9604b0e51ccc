package dev.streamflow.core.verify;

import dev.streamflow.bridge.engine.VideoProfile;
import dev.streamflow.core.media.MalformedMediaException;
import dev.streamflow.core.media.Sps;
import dev.streamflow.core.media.TsInfo;
import dev.streamflow.core.media.TsProbe;

import java.util.ArrayList;
import java.util.List;

/**
 * One result under verification, with what several checks need computed once: the source's facts, each
 * rendition's probe and SPS, and (only when a deep check asks) the decoded sample frames. Used by one thread.
 */
public final class Subject {
    private final VerificationInput input;
    private final FrameSampler sampler;
    private final List<Object> probes;
    private SourceFacts source;
    private DeepSample deepSample;
    private DeepCheckException deepFailure;

    Subject(VerificationInput input, FrameSampler sampler) {
        this.input = input;
        this.sampler = sampler;
        this.probes = new ArrayList<>(java.util.Collections.nCopies(input.renditions().size(), null));
    }

    public VerificationInput input() {
        return input;
    }

    int renditionCount() {
        return input.renditions().size();
    }

    VideoProfile profile(int index) {
        return input.profiles().get(index);
    }

    byte[] rendition(int index) {
        return input.renditions().get(index);
    }

    SourceFacts source() {
        if (source == null) {
            source = SourceFacts.of(input.source(), TsProbe.probe(input.source().ts()));
        }
        return source;
    }

    /** The rendition's probe; throws {@link MalformedMediaException} (naming the rendition) if it is not H.264 MPEG-TS. */
    TsInfo probe(int index) {
        Object probe = probes.get(index);
        if (probe == null) {
            try {
                probe = TsProbe.probe(rendition(index));
            } catch (MalformedMediaException e) {
                probe = new MalformedMediaException(label(index) + ": " + e.getMessage());
            }
            probes.set(index, probe);
        }
        if (probe instanceof MalformedMediaException e) {
            throw e;
        }
        return (TsInfo) probe;
    }

    Sps sps(int index) {
        try {
            return probe(index).parsedSps();
        } catch (MalformedMediaException e) {
            throw new MalformedMediaException(label(index) + ": " + e.getMessage());
        }
    }

    FittedSize expectedSize(int index) {
        return FittedSize.of(source().width(), source().height(), profile(index));
    }

    /** Decoded sample frames and audio levels of the source and every rendition, from one decode worker request. */
    DeepSample deepSample() throws DeepCheckException {
        if (deepSample == null && deepFailure == null) {
            try {
                deepSample = sampler.sample(this);
            } catch (DeepCheckException e) {
                deepFailure = e;
            }
        }
        if (deepFailure != null) {
            throw deepFailure;
        }
        return deepSample;
    }

    String label(int index) {
        return "rendition " + index + " (" + profile(index).name() + ")";
    }
}
