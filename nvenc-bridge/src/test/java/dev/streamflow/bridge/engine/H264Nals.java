package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

/** Reads the NAL unit types of the first video access unit of an MPEG-TS file (Annex B), with the raw API. */
final class H264Nals {
    static final int IDR_SLICE = 5;
    static final int NON_IDR_SLICE = 1;

    private H264Nals() {
    }

    static List<Integer> firstAccessUnit(byte[] ts) throws IOException {
        Path file = Files.createTempFile("nals-", ".ts");
        AVFormatContext format = new AVFormatContext(null);
        AVPacket packet = av_packet_alloc();
        try {
            Files.write(file, ts);
            if (avformat_open_input(format, file.toString(), null, (AVDictionary) null) < 0) {
                throw new IOException("cannot open " + file);
            }
            int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            while (av_read_frame(format, packet) >= 0) {
                if (packet.stream_index() == video) {
                    byte[] data = new byte[packet.size()];
                    packet.data().get(data);
                    return nalTypes(data);
                }
                av_packet_unref(packet);
            }
            throw new IOException("no video packet in " + file);
        } finally {
            av_packet_free(packet);
            avformat_close_input(format);
            Files.delete(file);
        }
    }

    private static List<Integer> nalTypes(byte[] data) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                types.add(data[i + 3] & 0x1f);
                i += 2;
            }
        }
        return types;
    }
}
