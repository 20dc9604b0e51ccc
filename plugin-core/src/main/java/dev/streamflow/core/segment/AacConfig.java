package dev.streamflow.core.segment;

import dev.streamflow.core.ingest.IngestException;
import dev.streamflow.core.ingest.MediaPacket.BitstreamFormat;
import dev.streamflow.core.ingest.StreamKey;

import java.util.Arrays;

/**
 * What the muxer needs to know about an AAC stream: the AudioSpecificConfig (raw AAC; the MPEG-TS muxer writes
 * ADTS headers from it) or nothing (ADTS packets carry their own headers), plus sample rate and channel count.
 */
final class AacConfig {
    private static final int[] SAMPLE_RATES = {
            96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    private final BitstreamFormat format;
    private final byte[] audioSpecificConfig;
    private final int sampleRate;
    private final int channels;

    private AacConfig(BitstreamFormat format, byte[] audioSpecificConfig, int sampleRate, int channels) {
        this.format = format;
        this.audioSpecificConfig = audioSpecificConfig;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** From an AudioSpecificConfig (ISO 14496-3 §1.6.2.1), as RTMP and MP4 deliver it. */
    static AacConfig fromAudioSpecificConfig(StreamKey stream, byte[] asc) throws IngestException {
        Bits bits = new Bits(asc);
        if (asc.length < 2) {
            throw invalid(stream, asc, "it is shorter than 2 bytes");
        }
        int objectType = bits.read(5);
        if (objectType == 31) {
            objectType = 32 + bits.read(6);
        }
        int frequencyIndex = bits.read(4);
        int sampleRate = frequencyIndex == 15 ? bits.read(24) : rateAt(frequencyIndex);
        int channels = channelsOf(bits.read(4));
        if (bits.overrun() || objectType == 0 || sampleRate <= 0 || channels <= 0) {
            throw invalid(stream, asc, "audio object type " + objectType + ", sampling frequency index "
                    + frequencyIndex + " or the channel configuration is out of range");
        }
        return new AacConfig(BitstreamFormat.AAC_RAW, asc.clone(), sampleRate, channels);
    }

    /** From the header of the first ADTS frame (ISO 13818-7 §6.2). */
    static AacConfig fromAdtsHeader(StreamKey stream, byte[] frame) throws IngestException {
        if (frame.length < 7 || (frame[0] & 0xff) != 0xff || (frame[1] & 0xf0) != 0xf0) {
            throw new IngestException(stream + ": an AAC packet announced as ADTS has no ADTS header");
        }
        int sampleRate = rateAt((frame[2] >> 2) & 0x0f);
        int channels = channelsOf(((frame[2] & 0x01) << 2) | ((frame[3] >> 6) & 0x03));
        if (sampleRate <= 0 || channels <= 0) {
            throw new IngestException(stream + ": the ADTS header of the AAC audio has an invalid sample rate "
                    + "or channel configuration");
        }
        return new AacConfig(BitstreamFormat.AAC_ADTS, null, sampleRate, channels);
    }

    BitstreamFormat format() {
        return format;
    }

    /** The AudioSpecificConfig, or null for ADTS. */
    byte[] audioSpecificConfig() {
        return audioSpecificConfig;
    }

    int sampleRate() {
        return sampleRate;
    }

    int channels() {
        return channels;
    }

    boolean sameAs(AacConfig other) {
        return format == other.format && sampleRate == other.sampleRate && channels == other.channels
                && Arrays.equals(audioSpecificConfig, other.audioSpecificConfig);
    }

    private static int rateAt(int index) {
        return index < SAMPLE_RATES.length ? SAMPLE_RATES[index] : -1;
    }

    /** Channel configurations 1–7 (7 is 7.1); 0 means "in a program config element", which is not supported. */
    private static int channelsOf(int configuration) {
        if (configuration >= 1 && configuration <= 6) {
            return configuration;
        }
        return configuration == 7 ? 8 : -1;
    }

    private static IngestException invalid(StreamKey stream, byte[] asc, String why) {
        return new IngestException(stream + ": the AAC configuration (AudioSpecificConfig, " + asc.length
                + " bytes) from the publisher is not valid: " + why);
    }

    /** A big-endian bit reader that reports reading past the end instead of throwing. */
    private static final class Bits {
        private final byte[] data;
        private int position;

        Bits(byte[] data) {
            this.data = data;
        }

        int read(int count) {
            int value = 0;
            for (int i = 0; i < count; i++, position++) {
                int bit = position / 8 < data.length ? (data[position / 8] >> (7 - position % 8)) & 1 : 0;
                value = (value << 1) | bit;
            }
            return value;
        }

        boolean overrun() {
            return position > data.length * 8;
        }
    }
}
