package dev.streamflow.core.media;

/**
 * The three bytes of an {@code avc1.PPCCLL} codec string. {@link #covering} gives a declaration that a decoder
 * able to play it can also play both inputs: the higher profile, the higher level, and only the constraint
 * flags that both keep.
 */
public record AvcCodec(int profileIdc, int constraintFlags, int levelIdc) {

    public static AvcCodec of(Sps sps) {
        return new AvcCodec(sps.profileIdc(), sps.constraintFlags(), sps.levelIdc());
    }

    /** Parses {@code avc1.PPCCLL} (hex, any case). */
    public static AvcCodec parse(String codec) {
        if (codec == null || !codec.matches("avc1\\.[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("'" + codec + "' is not an avc1.PPCCLL codec string");
        }
        int value = Integer.parseInt(codec.substring(5), 16);
        return new AvcCodec(value >> 16, (value >> 8) & 0xFF, value & 0xFF);
    }

    /** Profiles are ordered by profile_idc, which matches Baseline ⊂ Main ⊂ High ⊂ High 10 ⊂ … for the usual ones. */
    public boolean covers(AvcCodec other) {
        return profileIdc >= other.profileIdc && levelIdc >= other.levelIdc;
    }

    public AvcCodec covering(AvcCodec other) {
        int flags;
        if (profileIdc == other.profileIdc) {
            flags = constraintFlags & other.constraintFlags;
        } else {
            flags = profileIdc > other.profileIdc ? constraintFlags : other.constraintFlags;
        }
        return new AvcCodec(Math.max(profileIdc, other.profileIdc), flags, Math.max(levelIdc, other.levelIdc));
    }

    @Override
    public String toString() {
        return CodecStrings.avc(profileIdc, constraintFlags, levelIdc);
    }
}
