package dev.streamflow.core.verify;

import dev.streamflow.core.media.TsProbe;
import dev.streamflow.core.verify.decode.DecodeReply;
import dev.streamflow.core.verify.decode.DecodeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Decodes the deep check's sample frames in a {@link DecodeWorkers decode worker}, never in this JVM: a crafted
 * rendition that crashes or bloats the decoder must not take the host media server down (implementation notes §10).
 *
 * <p>Audio is decoded only where it can differ from the source: a rendition whose AAC stream is byte for byte the
 * source's (go-livepeer and our engine copy audio) sounds exactly like it, so it is neither missing nor silent.
 */
final class WorkerFrameSampler implements FrameSampler {
    private static final Logger log = LoggerFactory.getLogger(WorkerFrameSampler.class);

    private final DecodeWorkers workers;
    private final DeepCheckSettings settings;
    private final Random random;

    WorkerFrameSampler(DecodeWorkers workers, DeepCheckSettings settings, Random random) {
        this.workers = workers;
        this.settings = settings;
        this.random = random;
    }

    @Override
    public DeepSample sample(Subject subject) throws DeepCheckException {
        List<Double> times = SampleTimes.choose(subject, settings, random);
        List<Boolean> audioCopied = audioCopied(subject);
        Path dir = workDir();
        try {
            DecodeReply reply = workers.decode(request(subject, times, audioCopied, dir));
            return switch (reply.outcome()) {
                case OK -> sample(subject, times, audioCopied, reply);
                case RENDITION_FAULT -> throw new DeepCheckException(reply.message(), true);
                case ERROR -> throw new DeepCheckException(reply.message(), false);
            };
        } catch (IOException e) {
            throw new DeepCheckException("deep check I/O in " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    @Override
    public void warmUp() {
        workers.warmUp();
    }

    @Override
    public void close() {
        workers.close();
    }

    private Path workDir() throws DeepCheckException {
        try {
            return Files.createTempDirectory(settings.workDir(), "streamflow-verify-");
        } catch (IOException e) {
            throw new DeepCheckException("cannot create a deep-check directory in " + settings.workDir() + ": " + e.getMessage(), e);
        }
    }

    private static DecodeRequest request(Subject subject, List<Double> times, List<Boolean> audioCopied, Path dir) throws IOException {
        Path source = Files.write(dir.resolve("source.ts"), subject.input().source().ts());
        double sourcePeriod = 1.0 / subject.source().frameRate();
        List<DecodeRequest.Rendition> renditions = new ArrayList<>();
        boolean anyAudioDiffers = false;
        for (int i = 0; i < subject.renditionCount(); i++) {
            var sps = subject.sps(i);
            double period = 1.0 / subject.probe(i).frameRate().orElse(subject.source().frameRate());
            boolean measureAudio = subject.source().hasAudio() && !audioCopied.get(i);
            anyAudioDiffers |= measureAudio;
            renditions.add(new DecodeRequest.Rendition(Files.write(dir.resolve("r" + i + ".ts"), subject.rendition(i)), period,
                    sps.width(), sps.height(), measureAudio));
        }
        return new DecodeRequest(source, sourcePeriod, anyAudioDiffers, renditions, times);
    }

    /** Per rendition: its AAC is byte for byte the source's. */
    private static List<Boolean> audioCopied(Subject subject) {
        Optional<byte[]> source = TsProbe.audioDigest(subject.input().source().ts());
        List<Boolean> copied = new ArrayList<>();
        for (int i = 0; i < subject.renditionCount(); i++) {
            Optional<byte[]> rendition = TsProbe.audioDigest(subject.rendition(i));
            copied.add(source.isPresent() && rendition.isPresent() && Arrays.equals(source.get(), rendition.get()));
        }
        return copied;
    }

    private static DeepSample sample(Subject subject, List<Double> times, List<Boolean> audioCopied, DecodeReply reply) {
        List<DeepSample.RenditionSample> samples = new ArrayList<>();
        for (int i = 0; i < subject.renditionCount(); i++) {
            DecodeReply.Frames frames = reply.renditions().get(i);
            samples.add(new DeepSample.RenditionSample(frames.width(), frames.height(), frames.source(), frames.rendition(),
                    reply.renditionAudio().get(i).map(WorkerFrameSampler::level), audioCopied.get(i)));
        }
        return new DeepSample(times, samples, reply.sourceAudio().map(WorkerFrameSampler::level));
    }

    private static DeepSample.AudioLevel level(DecodeReply.Level level) {
        return new DeepSample.AudioLevel(level.meanDb(), level.maxDb());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete deep-check directory {}: {}", dir, e.getMessage());
        }
    }
}
