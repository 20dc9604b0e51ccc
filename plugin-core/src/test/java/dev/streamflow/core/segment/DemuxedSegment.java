package dev.streamflow.core.segment;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

/** A segment's MPEG-TS bytes read back with raw avformat: its video and audio packets as the demuxer sees them. */
record DemuxedSegment(List<Packet> video, List<Packet> audio, int width, int height) {

    static final long PTS_MASK = (1L << 33) - 1;

    /**
     * A packet as read back. The demuxer may "unwrap" timestamps near 2^33 to negative values, so compare
     * {@link #pts33()} (what the TS header holds) with the source modulo 2^33.
     */
    record Packet(long pts, long dts, boolean keyframe, byte[] data) {
        long pts33() {
            return Math.floorMod(pts, 1L << 33);
        }
    }

    static DemuxedSegment of(byte[] ts, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "segment", ".ts");
        Files.write(file, ts);
        try {
            return read(file);
        } finally {
            Files.delete(file);
        }
    }

    static DemuxedSegment read(Path file) throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        if (avformat_open_input(context, file.toString(), null, null) < 0) {
            throw new IOException("cannot open " + file);
        }
        AVPacket packet = av_packet_alloc();
        try {
            if (avformat_find_stream_info(context, (PointerPointer<?>) null) < 0) {
                throw new IOException("cannot read the streams of " + file);
            }
            List<Packet> video = new ArrayList<>();
            List<Packet> audio = new ArrayList<>();
            int width = 0;
            int height = 0;
            while (av_read_frame(context, packet) >= 0) {
                try {
                    int type = context.streams(packet.stream_index()).codecpar().codec_type();
                    byte[] data = new byte[packet.size()];
                    packet.data().capacity(packet.size()).get(data);
                    Packet p = new Packet(packet.pts(), packet.dts(), (packet.flags() & AV_PKT_FLAG_KEY) != 0, data);
                    if (type == AVMEDIA_TYPE_VIDEO) {
                        video.add(p);
                        width = context.streams(packet.stream_index()).codecpar().width();
                        height = context.streams(packet.stream_index()).codecpar().height();
                    } else if (type == AVMEDIA_TYPE_AUDIO) {
                        audio.add(p);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            return new DemuxedSegment(video, audio, width, height);
        } finally {
            av_packet_free(packet);
            avformat_close_input(context);
        }
    }
}
