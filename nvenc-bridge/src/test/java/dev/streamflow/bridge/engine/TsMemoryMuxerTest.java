package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.api.Test;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The muxer's error must name the timestamps of the packet it was given, not those of the packet after FFmpeg reset it. */
class TsMemoryMuxerTest {

    @Test
    void aRejectedPacketIsReportedWithItsOwnTimestamps() throws Exception {
        AVFormatContext source = avformat_alloc_context();
        AVPacket packet = av_packet_alloc();
        try (TsMemoryMuxer muxer = TsMemoryMuxer.create()) {
            AVStream aac = avformat_new_stream(source, null);
            aac.codecpar().codec_type(AVMEDIA_TYPE_AUDIO).codec_id(AV_CODEC_ID_AAC).sample_rate(48000);
            av_channel_layout_default(aac.codecpar().ch_layout(), 2);
            aac.time_base(Ff.rational(1, 90000));
            int index = muxer.addCopy(aac);
            muxer.start();

            write(muxer, packet, index, 8589934000L);
            TranscodeException e = assertThrows(TranscodeException.class, () -> write(muxer, packet, index, 8589933000L));

            assertTrue(e.getMessage().contains("dts 8589933000"), e.getMessage());
            assertTrue(!e.getMessage().contains("NOPTS") && !e.getMessage().contains("-9223372036854775808"), e.getMessage());
        } finally {
            av_packet_free(packet);
            avformat_free_context(source);
        }
    }

    /** Eight zero bytes stand in for an AAC frame: the muxer rejects the second packet on its dts alone. */
    private static void write(TsMemoryMuxer muxer, AVPacket packet, int index, long ts) throws TranscodeException {
        Ff.check(av_new_packet(packet, 8), "packet");
        packet.pts(ts).dts(ts).duration(1920);
        muxer.write(packet, index, Ff.rational(1, 90000));
    }
}
