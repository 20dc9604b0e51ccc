package dev.streamflow.bridge.engine;

import dev.streamflow.bridge.testing.TestMedia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bundled ffprobe says about an MPEG-TS file: its streams (with every frame decoded and counted),
 * its packets, and anything it printed on standard error while decoding (empty for a clean file).
 */
record ProbedTs(List<StreamInfo> streams, List<PacketInfo> packets, String errors) {

    record StreamInfo(int index, int pid, String type, String codec, String profile, int width, int height, int decodedFrames) {
    }

    record PacketInfo(int stream, long pts, long dts, long duration, boolean key) {
    }

    static ProbedTs of(byte[] ts) throws IOException, InterruptedException {
        Path file = Files.createTempFile("probed-", ".ts");
        try {
            Files.write(file, ts);
            return of(file);
        } finally {
            Files.delete(file);
        }
    }

    static ProbedTs of(Path file) throws IOException, InterruptedException {
        ProcessBuilder builder = TestMedia.tools().ffprobe(List.of("-v", "error", "-count_frames",
                "-show_entries", "stream=index,id,codec_type,codec_name,profile,width,height,nb_read_frames:packet=stream_index,pts,dts,duration,flags",
                "-of", "compact", file.toString()));
        Process process = builder.start();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(stderr);
            } catch (IOException ignored) {
                // what arrived is kept
            }
        });
        drain.start();
        String out = new String(process.getInputStream().readAllBytes());
        int rc = process.waitFor();
        drain.join();
        if (rc != 0) {
            throw new IOException("ffprobe exited " + rc + ": " + stderr);
        }
        return parse(out, stderr.toString().strip());
    }

    private static ProbedTs parse(String out, String errors) {
        List<StreamInfo> streams = new ArrayList<>();
        List<PacketInfo> packets = new ArrayList<>();
        for (String line : out.split("\n")) {
            Map<String, String> fields = fields(line);
            if (line.startsWith("packet|")) {
                packets.add(new PacketInfo(integer(fields, "stream_index"), number(fields, "pts"), number(fields, "dts"),
                        number(fields, "duration"), fields.getOrDefault("flags", "").startsWith("K")));
            } else if (line.startsWith("stream|")) {
                streams.add(new StreamInfo(integer(fields, "index"), Integer.decode(fields.getOrDefault("id", "-1")), fields.get("codec_type"), fields.get("codec_name"),
                        fields.get("profile"), integer(fields, "width"), integer(fields, "height"), integer(fields, "nb_read_frames")));
            }
        }
        return new ProbedTs(streams, packets, errors);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }

    private static long number(Map<String, String> fields, String key) {
        String value = fields.get(key);
        return value == null || value.equals("N/A") ? Long.MIN_VALUE : Long.parseLong(value);
    }

    private static int integer(Map<String, String> fields, String key) {
        long value = number(fields, key);
        return value == Long.MIN_VALUE ? -1 : Math.toIntExact(value);
    }

    StreamInfo video() {
        return streams.stream().filter(s -> "video".equals(s.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no video stream in " + streams));
    }

    Optional<StreamInfo> audio() {
        return streams.stream().filter(s -> "audio".equals(s.type())).findFirst();
    }

    List<PacketInfo> videoPackets() {
        int index = video().index();
        return packets.stream().filter(p -> p.stream() == index).toList();
    }

    List<PacketInfo> audioPackets() {
        return audio().map(a -> packets.stream().filter(p -> p.stream() == a.index()).toList()).orElse(List.of());
    }

    /** Video presentation timestamps in display order. */
    long[] videoPts() {
        return videoPackets().stream().mapToLong(PacketInfo::pts).sorted().toArray();
    }
}
