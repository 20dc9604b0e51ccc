package dev.streamflow.bridge.engine;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** Small helpers around FFmpeg return codes, dictionaries and rationals. */
final class Ff {
    private Ff() {
    }

    /** FFmpeg's own text for an error code, e.g. "Invalid data found when processing input". */
    static String describe(int errorCode) {
        byte[] text = new byte[256];
        if (av_strerror(errorCode, text, text.length) < 0) {
            return "FFmpeg error " + errorCode;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.US_ASCII);
    }

    /** Returns {@code result} if it is not an error, otherwise throws with {@code what} and FFmpeg's text. */
    static int check(int result, String what) throws TranscodeException {
        if (result < 0) {
            throw new TranscodeException(what + ": " + describe(result));
        }
        return result;
    }

    static AVDictionary dictionary(Map<String, String> entries) {
        AVDictionary dictionary = new AVDictionary(null);
        entries.forEach((key, value) -> av_dict_set(dictionary, key, value, 0));
        return dictionary;
    }

    /** The keys an open call left in the dictionary, i.e. the options nobody consumed. */
    static List<String> keys(AVDictionary dictionary) {
        List<String> keys = new ArrayList<>();
        AVDictionaryEntry entry = null;
        while ((entry = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX)) != null) {
            keys.add(entry.key().getString());
        }
        return keys;
    }

    static AVRational rational(int num, int den) {
        return new AVRational().num(num).den(den);
    }

    static String text(AVRational q) {
        return q.num() + "/" + q.den();
    }
}
