package dev.streamflow.core.media;

import java.util.Arrays;

/** Collects one PSI section (PAT or PMT) from the payloads of its PID and checks its CRC. */
final class PsiSection {
    private static final int MAX_SECTION = 1024; // 3-byte header + section_length ≤ 1021
    private static final int HEADER = 8;

    private final String name;
    private final byte[] buffer = new byte[MAX_SECTION + TsProbe.PACKET_SIZE];
    private int length;
    private boolean started;
    private byte[] section;

    PsiSection(String name) {
        this.name = name;
    }

    boolean complete() {
        return section != null;
    }

    /** The complete section: 8-byte header, body, CRC. */
    byte[] bytes() {
        return section;
    }

    /** Offset of the CRC, i.e. the end of the body. */
    int bodyEnd() {
        return section.length - 4;
    }

    int bodyStart() {
        return HEADER;
    }

    void accept(boolean unitStart, byte[] ts, int from, int to) {
        if (section != null) {
            return; // the first complete copy is enough; repeats are identical or irrelevant for one segment
        }
        if (unitStart) {
            int pointer = ts[from] & 0xFF;
            from += 1 + pointer;
            if (from >= to) {
                throw new MalformedMediaException(name + ": pointer_field " + pointer + " points past the packet");
            }
            started = true;
            length = 0;
        } else if (!started) {
            return;
        }
        int count = Math.min(to - from, buffer.length - length);
        System.arraycopy(ts, from, buffer, length, count);
        length += count;
        completeIfWhole();
    }

    private void completeIfWhole() {
        if (length < 3) {
            return;
        }
        int sectionLength = ((buffer[1] & 0x0F) << 8) | (buffer[2] & 0xFF);
        int total = 3 + sectionLength;
        if (sectionLength < HEADER - 3 + 4 || total > MAX_SECTION) {
            throw new MalformedMediaException(name + ": section_length " + sectionLength + " is out of range");
        }
        if (length < total) {
            return;
        }
        if (crc32(buffer, total) != 0) {
            throw new MalformedMediaException(name + ": CRC mismatch");
        }
        section = Arrays.copyOf(buffer, total);
    }

    /** CRC-32/MPEG-2 over data[0, length); 0 when the trailing CRC is right. */
    static int crc32(byte[] data, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xFF) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }
}
