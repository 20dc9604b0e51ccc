package dev.streamflow.sample.testing;

import dev.streamflow.bridge.testing.TestMedia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A live two-rendition HLS ladder (640x360 and 426x240, 2 s segments, 6-segment window) written in real time
 * by the bundled ffmpeg: a stand-in for the pipeline's output when testing the HTTP side and the player.
 */
public final class LiveHlsFixture implements AutoCloseable {
    private final Process ffmpeg;

    private LiveHlsFixture(Process ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    public static LiveHlsFixture start(Path streamDir, int seconds) throws IOException {
        Files.createDirectories(streamDir);
        List<String> args = List.of("-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds),
                "-filter_complex", "[0:v]split=2[a][b];[b]scale=426:240[b2]",
                "-map", "[a]", "-map", "[b2]", "-map", "1:a", "-map", "1:a",
                "-c:v", "libopenh264", "-b:v:0", "800k", "-b:v:1", "400k", "-g", "60", "-keyint_min", "60",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
                "-f", "hls", "-hls_time", "2", "-hls_list_size", "6",
                "-hls_flags", "independent_segments+delete_segments+temp_file",
                "-hls_segment_filename", streamDir.resolve("v%v/seg_%05d.ts").toString(),
                "-master_pl_name", "master.m3u8",
                "-var_stream_map", "v:0,a:0,name:360p v:1,a:1,name:240p",
                streamDir.resolve("v%v/index.m3u8").toString());
        return new LiveHlsFixture(TestMedia.tools().ffmpeg(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    @Override
    public void close() throws InterruptedException {
        ffmpeg.destroy();
        ffmpeg.waitFor();
    }
}
