package dev.govwatch.extractor.internal;

import java.util.List;
import java.util.Map;

/**
 * A page reduced to what extraction reads: the text of its main content as lines (tables as
 * {@code |}-separated rows) and the metadata the portal published beside it.
 *
 * @param lines      main content, one line per paragraph or table row
 * @param headerText text around the content (breadcrumbs, 索引号/发布机构/发文日期 block)
 * @param meta       {@code <meta name=…>} values by lower-case name, plus "html-title"
 */
public record ReportDocument(List<String> lines, String headerText, Map<String, String> meta) {

    public static ReportDocument ofText(String text) {
        List<String> lines = text.lines().toList();
        String header = String.join("\n", lines.subList(0, Math.min(lines.size(), 15)));
        return new ReportDocument(lines, header, Map.of());
    }
}
