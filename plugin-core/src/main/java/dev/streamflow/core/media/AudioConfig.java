package dev.streamflow.core.media;

/**
 * The MPEG-4 AudioSpecificConfig essentials, as carried by an ADTS header.
 *
 * @param objectType             audio object type (2 = AAC-LC); ADTS profile + 1
 * @param samplingFrequencyIndex index into the MPEG-4 sampling frequency table (3 = 48 kHz)
 * @param channelConfiguration   channel configuration (2 = stereo; 0 = defined in-band)
 */
public record AudioConfig(int objectType, int samplingFrequencyIndex, int channelConfiguration) {
    private static final int[] SAMPLE_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    public AudioConfig {
        if (samplingFrequencyIndex < 0 || samplingFrequencyIndex >= SAMPLE_RATES.length) {
            throw new MalformedMediaException("AAC sampling frequency index " + samplingFrequencyIndex + " is reserved");
        }
    }

    public int sampleRate() {
        return SAMPLE_RATES[samplingFrequencyIndex];
    }
}
