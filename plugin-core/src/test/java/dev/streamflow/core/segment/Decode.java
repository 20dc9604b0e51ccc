package dev.streamflow.core.segment;

import dev.streamflow.bridge.testing.TestMedia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Decodes a segment completely with the bundled ffprobe ({@code -count_frames}) and keeps what it printed. */
record Decode(List<Map<String, String>> streams, String errors) {

    static Decode of(byte[] ts, Path dir) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "decode", ".ts");
        Files.write(file, ts);
        try {
            return run(file);
        } finally {
            Files.delete(file);
        }
    }

    private static Decode run(Path file) throws IOException, InterruptedException {
        Process process = TestMedia.tools().ffprobe(List.of("-v", "error", "-count_frames",
                "-show_entries", "stream=codec_type,codec_name,width,height,nb_read_frames",
                "-of", "default=noprint_wrappers=1", file.toString())).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        String stdout = drain(process.getInputStream());
        int rc = process.waitFor();
        String errors = stderr.join() + (rc == 0 ? "" : "exit code " + rc);
        return new Decode(parse(stdout), errors);
    }

    private static List<Map<String, String>> parse(String stdout) {
        List<Map<String, String>> streams = new ArrayList<>();
        Map<String, String> stream = null;
        for (String line : stdout.split("\n")) {
            String[] kv = line.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("codec_name")) {
                stream = new LinkedHashMap<>();
                streams.add(stream);
            }
            if (stream != null) {
                stream.put(kv[0], kv[1]);
            }
        }
        return streams;
    }

    /** Frames decoded in the stream of {@code type} ("video", "audio"), or -1 if there is none. */
    int frames(String type) {
        return streams.stream().filter(s -> type.equals(s.get("codec_type")))
                .mapToInt(s -> Integer.parseInt(s.get("nb_read_frames"))).findFirst().orElse(-1);
    }

    String codec(String type) {
        return streams.stream().filter(s -> type.equals(s.get("codec_type"))).map(s -> s.get("codec_name"))
                .findFirst().orElse(null);
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot read ffprobe's output: " + e.getMessage();
        }
    }
}
