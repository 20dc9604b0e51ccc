package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;

/**
 * One demuxed source segment: its video stream, its AAC audio stream if it has one, and all of its packets
 * in file order, read up front (a segment is a few MB) so the file can go at once.
 */
final class SourceSegment implements AutoCloseable {
    /** MPEG-TS timestamps are 33 bits wide. */
    static final long TIMESTAMP_WRAP = 1L << 33;
    private static final int MAX_FPS = 240;

    private final AVFormatContext format;
    private final List<AVPacket> packets = new ArrayList<>();
    private int videoIndex = -1;
    private int audioIndex = -1;
    private String droppedAudioCodec;
    private int videoPackets;
    private AVRational frameRate;

    private SourceSegment(AVFormatContext format) {
        this.format = format;
    }

    /** Validates, stages and demuxes {@code ts}. */
    static SourceSegment open(byte[] ts, EngineSettings settings, Deadline deadline) throws TranscodeException {
        TsBytes.validate(ts, settings.maxInputBytes());
        Path file = stage(ts, settings.workDir());
        try {
            SourceSegment segment = new SourceSegment(openDemuxer(file));
            try {
                segment.pickStreams(settings);
                segment.readPackets(deadline);
                segment.decideFrameRate();
                return segment;
            } catch (TranscodeException | RuntimeException e) {
                segment.close();
                throw e;
            }
        } finally {
            delete(file);
        }
    }

    AVStream video() {
        return format.streams(videoIndex);
    }

    /** The AAC stream that is copied into every rendition, or null. */
    AVStream audio() {
        return audioIndex < 0 ? null : format.streams(audioIndex);
    }

    boolean isVideo(AVPacket packet) {
        return packet.stream_index() == videoIndex;
    }

    /** The codec name of an audio stream that is not AAC and therefore left out, or null. */
    String droppedAudioCodec() {
        return droppedAudioCodec;
    }

    List<AVPacket> packets() {
        return packets;
    }

    int videoPackets() {
        return videoPackets;
    }

    AVRational frameRate() {
        return frameRate;
    }

    @Override
    public void close() {
        packets.forEach(packet -> av_packet_free(packet));
        packets.clear();
        avformat_close_input(format);
    }

    private static Path stage(byte[] ts, Path dir) throws TranscodeException {
        try {
            Path file = Files.createTempFile(dir, "streamflow-segment-", ".ts");
            Files.write(file, ts);
            return file;
        } catch (IOException e) {
            throw new TranscodeException("cannot stage the segment in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staged segment " + file, e);
        }
    }

    private static AVFormatContext openDemuxer(Path file) throws TranscodeException {
        AVFormatContext format = new AVFormatContext(null);
        AVDictionary options = Ff.dictionary(Map.of("protocol_whitelist", "file"));
        try {
            Ff.check(avformat_open_input(format, "file:" + file, av_find_input_format("mpegts"), options),
                    "segment is not readable MPEG-TS");
        } finally {
            av_dict_free(options);
        }
        int found = avformat_find_stream_info(format, (AVDictionary) null);
        if (found < 0) {
            avformat_close_input(format);
            throw new TranscodeException("segment has no readable MPEG-TS streams: " + Ff.describe(found));
        }
        return format;
    }

    private void pickStreams(EngineSettings settings) throws TranscodeException {
        videoIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
        if (videoIndex < 0) {
            throw new TranscodeException("segment has no video stream (" + format.nb_streams() + " streams found)");
        }
        AVCodecParameters video = video().codecpar();
        if (video.width() <= 0 || video.height() <= 0) {
            throw new TranscodeException("cannot determine the video frame size (" + avcodec_get_name(video.codec_id()).getString()
                    + " stream without decodable parameters)");
        }
        if ((long) video.width() * video.height() > settings.maxSourcePixels()) {
            throw new TranscodeException("source frame " + video.width() + "x" + video.height() + " is over the limit of "
                    + settings.maxSourcePixels() + " pixels");
        }
        int audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, videoIndex, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
        if (audio >= 0 && format.streams(audio).codecpar().codec_id() == AV_CODEC_ID_AAC) {
            audioIndex = audio;
        } else if (audio >= 0) {
            droppedAudioCodec = avcodec_get_name(format.streams(audio).codecpar().codec_id()).getString();
        }
    }

    private void readPackets(Deadline deadline) throws TranscodeException {
        while (true) {
            deadline.check("reading packet " + packets.size());
            AVPacket packet = av_packet_alloc();
            int result = av_read_frame(format, packet);
            if (result < 0 || !keep(packet)) {
                av_packet_free(packet);
                if (result == AVERROR_EOF) {
                    break;
                }
                Ff.check(result, "cannot read the segment");
                continue;
            }
            packets.add(packet);
            rejectDamaged(packet);
            if (isVideo(packet)) {
                videoPackets++;
            }
        }
        if (videoPackets == 0) {
            throw new TranscodeException("segment has a video stream but no video packets");
        }
        unwrapTimestamps();
    }

    private boolean keep(AVPacket packet) {
        int index = packet.stream_index();
        return index == videoIndex || index == audioIndex;
    }

    /** The demuxer flags packets whose PES was cut short or whose continuity counter skipped. */
    private void rejectDamaged(AVPacket packet) throws TranscodeException {
        if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
            throw new TranscodeException("segment is damaged: the " + (isVideo(packet) ? "video" : "audio") + " packet with dts "
                    + packet.dts() + " (packet " + packets.size() + ") is incomplete or corrupt");
        }
    }

    /**
     * libavformat makes timestamps that straddle the 33-bit wrap monotonic, but when the segment begins in
     * the last minute before the wrap it does so by making the early ones negative. Shifting the whole
     * segment up by 2^33 then gives the same values modulo 2^33 (which is all MPEG-TS can carry), all
     * non-negative, so encoders and the muxer see ordinary increasing timestamps.
     */
    private void unwrapTimestamps() {
        boolean negative = packets.stream().anyMatch(p -> isNegative(p.pts()) || isNegative(p.dts()));
        if (!negative) {
            return;
        }
        for (AVPacket packet : packets) {
            if (packet.pts() != AV_NOPTS_VALUE) {
                packet.pts(packet.pts() + TIMESTAMP_WRAP);
            }
            if (packet.dts() != AV_NOPTS_VALUE) {
                packet.dts(packet.dts() + TIMESTAMP_WRAP);
            }
        }
    }

    private static boolean isNegative(long timestamp) {
        return timestamp != AV_NOPTS_VALUE && timestamp < 0;
    }

    private void decideFrameRate() throws TranscodeException {
        AVRational guess = av_guess_frame_rate(format, video(), null);
        if (guess.num() > 0 && guess.den() > 0 && guess.num() <= (long) MAX_FPS * guess.den()) {
            frameRate = guess;
            return;
        }
        frameRate = frameRateFromTimestamps();
    }

    /** The median distance between consecutive video timestamps, for streams that declare no rate. */
    private AVRational frameRateFromTimestamps() throws TranscodeException {
        long[] pts = packets.stream().filter(this::isVideo).mapToLong(AVPacket::pts)
                .filter(t -> t != AV_NOPTS_VALUE).sorted().toArray();
        long[] steps = new long[Math.max(0, pts.length - 1)];
        for (int i = 1; i < pts.length; i++) {
            steps[i - 1] = pts[i] - pts[i - 1];
        }
        Arrays.sort(steps);
        AVRational timeBase = video().time_base();
        if (steps.length == 0 || steps[steps.length / 2] <= 0) {
            throw new TranscodeException("cannot determine the source frame rate from " + pts.length + " video timestamps");
        }
        long step = steps[steps.length / 2];
        return Ff.rational(Math.toIntExact(timeBase.den()), Math.toIntExact(step * timeBase.num()));
    }
}
