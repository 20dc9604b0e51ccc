package dev.streamflow.core.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A pure-Java look into one MPEG-TS segment: PAT → PMT → the first H.264 (stream type 0x1B) and AAC/ADTS (0x0F)
 * streams, with their PES packets reassembled. Meant for untrusted bytes: one linear pass, no decoding, memory
 * bounded by a small multiple of the input, and a {@link MalformedMediaException} naming the first thing wrong.
 */
public final class TsProbe {
    public static final int PACKET_SIZE = 188;
    public static final int MAX_INPUT_BYTES = 64 * 1024 * 1024;
    private static final int SYNC = 0x47;
    private static final int PAT_PID = 0;
    private static final int STREAM_TYPE_H264 = 0x1B;
    private static final int STREAM_TYPE_AAC_ADTS = 0x0F;

    private final byte[] ts;
    private final PsiSection pat = new PsiSection("PAT");
    private final PsiSection pmt = new PsiSection("PMT");
    private final VideoScan video = new VideoScan();
    private final PesAssembler videoPes = new PesAssembler(video::pes);
    private final PesAssembler audioPes = new PesAssembler(this::audio);
    private final List<Integer> streamTypes = new ArrayList<>();
    private int pmtPid = -1;
    private int videoPid = -1;
    private int audioPid = -1;
    private AudioConfig audioConfig;
    private long firstAudioPts = -1;
    private final MessageDigest audioDigest;

    private TsProbe(byte[] ts, boolean digestAudio) {
        this.ts = ts;
        this.audioDigest = digestAudio ? sha256() : null;
    }

    /** Probes a whole segment; throws {@link MalformedMediaException} when it is not a usable H.264 MPEG-TS. */
    public static TsInfo probe(byte[] ts) {
        validate(ts);
        return new TsProbe(ts, false).run();
    }

    /**
     * SHA-256 of the segment's AAC elementary stream (every PES payload, in order), if it has audio: equal digests
     * mean the same sound, however a muxer split it into PES packets. A probe of its own, for the rare caller.
     */
    public static Optional<byte[]> audioDigest(byte[] ts) {
        validate(ts);
        TsProbe probe = new TsProbe(ts, true);
        probe.run();
        return probe.audioConfig == null ? Optional.empty() : Optional.of(probe.audioDigest.digest());
    }

    private static void validate(byte[] ts) {
        if (ts == null || ts.length == 0) {
            throw new MalformedMediaException("MPEG-TS is empty");
        }
        if (ts.length > MAX_INPUT_BYTES) {
            throw new MalformedMediaException("MPEG-TS of " + ts.length + " bytes exceeds the " + MAX_INPUT_BYTES + "-byte limit");
        }
        if (ts.length % PACKET_SIZE != 0) {
            throw new MalformedMediaException("MPEG-TS is truncated: " + ts.length + " bytes is not a whole number of "
                    + PACKET_SIZE + "-byte packets");
        }
    }

    private TsInfo run() {
        for (int offset = 0; offset < ts.length; offset += PACKET_SIZE) {
            packet(offset);
        }
        videoPes.flush();
        audioPes.flush();
        requireVideo();
        return new TsInfo(video.pts(), Optional.ofNullable(video.sps()), Optional.ofNullable(video.pps()),
                video.startsWithIdr(), video.accessUnits(), Optional.ofNullable(audioConfig),
                firstAudioPts < 0 ? OptionalLong.empty() : OptionalLong.of(firstAudioPts));
    }

    private void packet(int offset) {
        if ((ts[offset] & 0xFF) != SYNC) {
            throw new MalformedMediaException("MPEG-TS has no sync byte at offset " + offset + " (packet " + offset / PACKET_SIZE + ")");
        }
        int pid = ((ts[offset + 1] & 0x1F) << 8) | (ts[offset + 2] & 0xFF);
        boolean unitStart = (ts[offset + 1] & 0x40) != 0;
        int adaptationFieldControl = (ts[offset + 3] >> 4) & 0x3;
        if ((adaptationFieldControl & 0x1) == 0) {
            return; // adaptation field only, no payload
        }
        int end = offset + PACKET_SIZE;
        int payload = offset + 4;
        if ((adaptationFieldControl & 0x2) != 0) {
            payload += 1 + (ts[offset + 4] & 0xFF);
            if (payload > end) {
                throw new MalformedMediaException("MPEG-TS packet " + offset / PACKET_SIZE + ": adaptation field overruns the packet");
            }
        }
        if (payload == end) {
            return;
        }
        route(pid, unitStart, offset, payload, end);
    }

    private void route(int pid, boolean unitStart, int offset, int payload, int end) {
        if (pid == PAT_PID) {
            pat.accept(unitStart, ts, payload, end);
            if (pat.complete() && pmtPid < 0) {
                readPat();
            }
        } else if (pid == pmtPid) {
            pmt.accept(unitStart, ts, payload, end);
            if (pmt.complete() && videoPid < 0 && streamTypes.isEmpty()) {
                readPmt();
            }
        } else if (pid == videoPid || pid == audioPid) {
            if ((ts[offset + 3] & 0xC0) != 0) {
                throw new MalformedMediaException("MPEG-TS PID " + pid + " is scrambled");
            }
            (pid == videoPid ? videoPes : audioPes).accept(unitStart, ts, payload, end);
        }
    }

    private void readPat() {
        byte[] s = pat.bytes();
        if (s[0] != 0x00) {
            throw new MalformedMediaException("PAT has table_id " + (s[0] & 0xFF) + ", expected 0");
        }
        for (int i = pat.bodyStart(); i + 4 <= pat.bodyEnd(); i += 4) {
            int program = ((s[i] & 0xFF) << 8) | (s[i + 1] & 0xFF);
            if (program != 0) { // program 0 points at the network information table
                pmtPid = ((s[i + 2] & 0x1F) << 8) | (s[i + 3] & 0xFF);
                return;
            }
        }
        throw new MalformedMediaException("PAT lists no program");
    }

    private void readPmt() {
        byte[] s = pmt.bytes();
        if (s[0] != 0x02) {
            throw new MalformedMediaException("PMT has table_id " + (s[0] & 0xFF) + ", expected 2");
        }
        int programInfoLength = ((s[10] & 0x0F) << 8) | (s[11] & 0xFF);
        int i = pmt.bodyStart() + 4 + programInfoLength;
        while (i + 5 <= pmt.bodyEnd()) {
            int type = s[i] & 0xFF;
            int pid = ((s[i + 1] & 0x1F) << 8) | (s[i + 2] & 0xFF);
            int infoLength = ((s[i + 3] & 0x0F) << 8) | (s[i + 4] & 0xFF);
            streamTypes.add(type);
            if (type == STREAM_TYPE_H264 && videoPid < 0) {
                videoPid = pid;
            } else if (type == STREAM_TYPE_AAC_ADTS && audioPid < 0) {
                audioPid = pid;
            }
            i += 5 + infoLength;
        }
        if (i != pmt.bodyEnd()) {
            throw new MalformedMediaException("PMT: elementary stream loop overruns the section");
        }
    }

    private void audio(byte[] data, int length) {
        if (audioConfig != null && audioDigest == null) {
            return;
        }
        PesHeader header = PesHeader.parse(data, length, "AAC stream");
        if (audioConfig == null) {
            firstAudioPts = header.pts();
            audioConfig = Adts.parse(data, header.payloadStart(), header.payloadEnd());
        }
        if (audioDigest != null) {
            audioDigest.update(data, header.payloadStart(), header.payloadEnd() - header.payloadStart());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private void requireVideo() {
        if (!pat.complete()) {
            throw new MalformedMediaException("MPEG-TS has no PAT");
        }
        if (!pmt.complete()) {
            throw new MalformedMediaException("MPEG-TS has no PMT (PID " + pmtPid + ")");
        }
        if (videoPid < 0) {
            throw new MalformedMediaException("MPEG-TS has no H.264 video stream (stream type 0x1B); PMT stream types: "
                    + streamTypes.stream().map(t -> String.format("0x%02X", t)).toList());
        }
        if (video.accessUnits() == 0) {
            throw new MalformedMediaException("MPEG-TS H.264 stream (PID " + videoPid + ") has no coded pictures in "
                    + video.pesCount() + " PES packets");
        }
    }
}
