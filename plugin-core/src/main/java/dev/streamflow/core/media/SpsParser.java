package dev.streamflow.core.media;

import java.util.Set;

/** Parses an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) up to frame cropping; VUI is not read. */
public final class SpsParser {
    /** Profiles whose SPS carries chroma format, bit depths and scaling matrices. */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);
    private static final int MAX_MBS_PER_SIDE = 1024; // 16384 pixels, beyond every H.264 level
    private static final int MAX_SPS_BYTES = 4096;

    private SpsParser() {
    }

    /** Parses a whole SPS NAL unit, header byte included, as it appears in the stream (escaped). */
    public static Sps parse(byte[] nal) {
        if (nal == null || nal.length < 4) {
            throw new MalformedMediaException("SPS is too short: " + (nal == null ? 0 : nal.length) + " bytes");
        }
        if (nal.length > MAX_SPS_BYTES) {
            throw new MalformedMediaException("SPS is implausibly long: " + nal.length + " bytes");
        }
        if (NalUnits.type(nal[0]) != NalUnits.SPS) {
            throw new MalformedMediaException("not an SPS: NAL unit type " + NalUnits.type(nal[0]));
        }
        byte[] rbsp = NalUnits.unescape(nal, 1, nal.length);
        return read(new BitReader(rbsp, "SPS"));
    }

    private static Sps read(BitReader in) {
        int profileIdc = in.u(8);
        int constraintFlags = in.u(8);
        int levelIdc = in.u(8);
        int spsId = in.ue("seq_parameter_set_id", 31);
        ChromaFormat chroma = ChromaFormat.DEFAULT;
        if (HIGH_PROFILES.contains(profileIdc)) {
            chroma = readChromaFormat(in);
        }
        skipPictureOrderFields(in);
        in.ue("max_num_ref_frames", 255);
        in.flag(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = in.ue("pic_width_in_mbs_minus1", MAX_MBS_PER_SIDE - 1) + 1;
        int heightMapUnits = in.ue("pic_height_in_map_units_minus1", MAX_MBS_PER_SIDE - 1) + 1;
        boolean frameMbsOnly = in.flag();
        if (!frameMbsOnly) {
            in.flag(); // mb_adaptive_frame_field_flag
        }
        in.flag(); // direct_8x8_inference_flag
        int codedWidth = widthMbs * 16;
        int codedHeight = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        Crop crop = in.flag() ? readCrop(in) : Crop.NONE;
        int cropUnitX = chroma.cropUnitX();
        int cropUnitY = chroma.cropUnitY(frameMbsOnly);
        long width = codedWidth - (long) cropUnitX * (crop.left + crop.right);
        long height = codedHeight - (long) cropUnitY * (crop.top + crop.bottom);
        if (width <= 0 || height <= 0) {
            throw new MalformedMediaException("SPS: cropping " + crop + " leaves no picture of " + codedWidth + "x" + codedHeight);
        }
        return new Sps(profileIdc, constraintFlags, levelIdc, spsId, chroma.idc, chroma.bitDepthLuma, chroma.bitDepthChroma,
                frameMbsOnly, codedWidth, codedHeight, (int) width, (int) height);
    }

    private static ChromaFormat readChromaFormat(BitReader in) {
        int idc = in.ue("chroma_format_idc", 3);
        boolean separateColourPlanes = idc == 3 && in.flag();
        int bitDepthLuma = in.ue("bit_depth_luma_minus8", 6) + 8;
        int bitDepthChroma = in.ue("bit_depth_chroma_minus8", 6) + 8;
        in.flag(); // qpprime_y_zero_transform_bypass_flag
        if (in.flag()) { // seq_scaling_matrix_present_flag
            int lists = idc == 3 ? 12 : 8;
            for (int i = 0; i < lists; i++) {
                if (in.flag()) {
                    skipScalingList(in, i < 6 ? 16 : 64);
                }
            }
        }
        return new ChromaFormat(idc, separateColourPlanes, bitDepthLuma, bitDepthChroma);
    }

    /** scaling_list(): only the syntax matters here, the values are not kept. */
    private static void skipScalingList(BitReader in, int size) {
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size && nextScale != 0; j++) {
            long delta = in.se();
            if (delta < -128 || delta > 127) {
                throw new MalformedMediaException("SPS: delta_scale " + delta + " is outside -128..127");
            }
            nextScale = (int) ((lastScale + delta + 256) % 256);
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
    }

    private static void skipPictureOrderFields(BitReader in) {
        in.ue("log2_max_frame_num_minus4", 12);
        int pocType = in.ue("pic_order_cnt_type", 2);
        if (pocType == 0) {
            in.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (pocType == 1) {
            in.flag(); // delta_pic_order_always_zero_flag
            in.se(); // offset_for_non_ref_pic
            in.se(); // offset_for_top_to_bottom_field
            int cycle = in.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < cycle; i++) {
                in.se(); // offset_for_ref_frame[i]
            }
        }
    }

    private static Crop readCrop(BitReader in) {
        int limit = MAX_MBS_PER_SIDE * 16;
        return new Crop(in.ue("frame_crop_left_offset", limit), in.ue("frame_crop_right_offset", limit),
                in.ue("frame_crop_top_offset", limit), in.ue("frame_crop_bottom_offset", limit));
    }

    private record Crop(int left, int right, int top, int bottom) {
        static final Crop NONE = new Crop(0, 0, 0, 0);
    }

    private record ChromaFormat(int idc, boolean separateColourPlanes, int bitDepthLuma, int bitDepthChroma) {
        static final ChromaFormat DEFAULT = new ChromaFormat(1, false, 8, 8);

        /** ChromaArrayType is 0 for monochrome and for separately coded colour planes (Table 6-1, §7.4.2.1.1). */
        private boolean hasChromaArray() {
            return idc != 0 && !separateColourPlanes;
        }

        int cropUnitX() {
            return hasChromaArray() && idc != 3 ? 2 : 1; // SubWidthC is 2 for 4:2:0 and 4:2:2
        }

        int cropUnitY(boolean frameMbsOnly) {
            int fieldFactor = frameMbsOnly ? 1 : 2;
            return (hasChromaArray() && idc == 1 ? 2 : 1) * fieldFactor; // SubHeightC is 2 only for 4:2:0
        }
    }
}
