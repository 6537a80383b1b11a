package dev.govwatch.extractor.internal;

import java.text.Normalizer;
import java.util.Map;

/**
 * Normal form used to match labels: NFKC (full-width brackets, digits and letters become ASCII),
 * traditional characters common in these reports mapped to simplified ones, all whitespace removed.
 */
public final class Text {

    private static final Map<Character, Character> TRADITIONAL = traditionalMap(
            "開开報报請请數数處处額额總总計计結结轉转複复議议訟讼訴诉國国機机關关規规範范費费條条項项與与務务發发書书類类"
                    + "產产業业個个資资無无為为來来會会實实從从對对應应證证審审問问題题況况維维糾纠護护權权際际組组織织並并"
                    + "訊讯網网絡络員员費费經经營营採采購购訪访談谈聞闻舉举辦办歷历屆届");

    private Text() {
    }

    public static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000' || c == '\u200b' || c == '\ufeff') {
                continue;
            }
            out.append(TRADITIONAL.getOrDefault(c, c));
        }
        return out.toString();
    }

    /** Trims ordinary, non-breaking and ideographic spaces. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000' || c == '\u200b' || c == '\ufeff';
    }

    private static Map<Character, Character> traditionalMap(String pairs) {
        Map<Character, Character> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            map.put(pairs.charAt(i), pairs.charAt(i + 1));
        }
        return Map.copyOf(map);
    }
}
