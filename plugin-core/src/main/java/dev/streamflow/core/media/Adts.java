package dev.streamflow.core.media;

/** The fixed header of an ADTS frame (ISO/IEC 13818-7 / 14496-3 §1.A.2.2). */
final class Adts {
    private Adts() {
    }

    /** Reads the ADTS header that an AAC PES payload must start with. */
    static AudioConfig parse(byte[] data, int start, int end) {
        if (end - start < 7) {
            throw new MalformedMediaException("AAC stream: PES payload of " + (end - start) + " bytes holds no ADTS header");
        }
        // syncword 0xFFF, then layer = 00
        if ((data[start] & 0xFF) != 0xFF || (data[start + 1] & 0xF6) != 0xF0) {
            throw new MalformedMediaException("AAC stream: PES payload does not start with an ADTS header");
        }
        int profile = (data[start + 2] >> 6) & 0x3;
        int frequencyIndex = (data[start + 2] >> 2) & 0xF;
        int channels = ((data[start + 2] & 0x1) << 2) | ((data[start + 3] >> 6) & 0x3);
        return new AudioConfig(profile + 1, frequencyIndex, channels);
    }
}
