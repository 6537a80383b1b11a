package dev.govwatch.extractor.internal.ocr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agency's name in a report read by OCR, put right where the title misread one character of it
 * (准安市人民政府 for 淮安市人民政府): the body names the agency again ("本报告由淮安市人民政府办公室…"),
 * and a form one character away that the body repeats while the title's own form appears nowhere
 * else is the name as printed. A wrong agency name makes a report an orphan and its agency MISSING.
 */
public final class OcrAgency {

    private OcrAgency() {
    }

    /** The agency, or the body's repeated form of it one character away; {@code agency} when none. */
    public static String correct(String agency, List<String> lines) {
        if (agency == null || agency.length() < 4) {
            return agency;
        }
        String text = String.join("\n", lines);
        int own = count(text, agency);
        Map<String, Integer> variants = new HashMap<>();
        for (int i = 0; i + agency.length() <= text.length(); i++) {
            String candidate = text.substring(i, i + agency.length());
            if (!candidate.equals(agency) && oneApart(candidate, agency)) {
                variants.merge(candidate, 1, Integer::sum);
            }
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : variants.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        // the title is one occurrence of its own form; the body must repeat the other at least twice
        return best != null && bestCount >= 2 && bestCount > own - 1 ? best : agency;
    }

    private static int count(String text, String s) {
        int n = 0;
        for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
            n++;
        }
        return n;
    }

    /** Same length, one character different, and that character a Chinese one in both. */
    private static boolean oneApart(String a, String b) {
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (++diff > 1 || !Character.isIdeographic(a.charAt(i)) || !Character.isIdeographic(b.charAt(i))) {
                    return false;
                }
            }
        }
        return diff == 1;
    }
}
