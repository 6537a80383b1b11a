package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the six numbered sections of a 2019/2021 report (一、总体情况 … 六、其他需要报告的事项),
 * matching headings by their distinctive words so that local variants still count.
 */
public final class Sections {

    private static final Pattern HEADING = Pattern.compile("^#*\\s*([一二三四五六])[、.．]\\s*(.{2,40})$");
    private static final Pattern[] KEYWORDS = java.util.stream.Stream.of(
        "总体情况|概述|总体",
        "主动公开",
        "收到和处理|依申请|申请情况|处理.*申请",
        "复议|诉讼",
        "问题|改进",
        "其他需要报告|其他事项|其他需报告"
    ).map(Pattern::compile).toArray(Pattern[]::new);
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");
    private static final Pattern LEADING_HASHES = Pattern.compile("^#+");
    private static final String NUMERALS = "一二三四五六";

    /**
     * A section heading found in the text.
     *
     * @param number 1 … 6
     * @param heading as printed
     * @param line   line index of the heading
     */
    public record Found(int number, String heading, int line) {
    }

    private Sections() {
    }

    /** Cheap test before the regex: the first non-space, non-'#' character is 一 … 六. */
    private static boolean startsWithNumeral(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' || Text.isSpace(c) || c == '|') {
                continue;
            }
            return NUMERALS.indexOf(c) >= 0;
        }
        return false;
    }

    /** Headings in document order, each number at most once and numbers increasing. */
    public static List<Found> find(List<String> lines) {
        List<Found> found = new ArrayList<>();
        int next = 1;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.length() > 120 || !startsWithNumeral(raw)) {
                continue;
            }
            String line = SPACES.matcher(Text.strip(raw.replace('|', ' ').replace('\t', ' '))).replaceAll(" ");
            Matcher m = HEADING.matcher(Text.fold(line));
            if (!m.matches()) {
                continue;
            }
            int number = NUMERALS.indexOf(m.group(1).charAt(0)) + 1;
            String words = Text.normalize(m.group(2));
            if (number >= next && KEYWORDS[number - 1].matcher(words).find()) {
                found.add(new Found(number, Text.strip(LEADING_HASHES.matcher(line).replaceFirst("")), i));
                next = number + 1;
            }
        }
        return found;
    }
}
