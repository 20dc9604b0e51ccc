package dev.streamflow.core.media;

import java.util.Locale;

/** RFC 6381 codec strings for the CODECS attribute of a master playlist. */
public final class CodecStrings {
    private CodecStrings() {
    }

    /** {@code avc1.PPCCLL}: profile_idc, the constraint flag byte and level_idc (SPS bytes 1–3) in hex. */
    public static String avc(Sps sps) {
        return avc(sps.profileIdc(), sps.constraintFlags(), sps.levelIdc());
    }

    public static String avc(int profileIdc, int constraintFlags, int levelIdc) {
        return String.format(Locale.ROOT, "avc1.%02X%02X%02X", profileIdc, constraintFlags, levelIdc);
    }

    /** {@code mp4a.40.<audio object type>}, e.g. {@code mp4a.40.2} for AAC-LC. */
    public static String aac(AudioConfig config) {
        return "mp4a.40." + config.objectType();
    }
}
