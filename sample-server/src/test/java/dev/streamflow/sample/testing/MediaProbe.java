package dev.streamflow.sample.testing;

import dev.streamflow.bridge.testing.TestMedia;
import dev.streamflow.core.ingest.MediaPacket;

import java.nio.file.Path;
import java.util.List;

/** The packets of a clip as the bundled ffprobe reads them, to compare with what a server received. */
public record MediaProbe(List<Packet> video, List<Packet> audio) {

    /** One packet: decode time (ms), payload size, keyframe flag. */
    public record Packet(long dts, int size, boolean keyframe) {
        public static Packet of(MediaPacket p) {
            return new Packet(p.dts(), p.data().length, p.keyframe());
        }
    }

    public static MediaProbe of(Path clip) throws Exception {
        String csv = TestMedia.tools().probe(List.of("-v", "error", "-show_entries",
                "packet=codec_type,dts,size,flags", "-of", "csv=p=0", clip.toString()));
        List<String[]> rows = csv.lines().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
        return new MediaProbe(packets(rows, "video"), packets(rows, "audio"));
    }

    private static List<Packet> packets(List<String[]> rows, String type) {
        return rows.stream().filter(r -> r[0].equals(type))
                .map(r -> new Packet(Long.parseLong(r[1]), Integer.parseInt(r[2]), r[3].startsWith("K")))
                .toList();
    }

    public long videoKeyframes() {
        return video.stream().filter(Packet::keyframe).count();
    }

    /** Media packets (config packets left out) in the probe's terms. */
    public static List<Packet> media(List<MediaPacket> packets) {
        return packets.stream().filter(p -> !p.config()).map(Packet::of).toList();
    }
}
