package dev.govwatch.extractor;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Entities;

import dev.govwatch.extractor.internal.CellValue;
import dev.govwatch.schemas.FetchedPage;

/**
 * Renders a report's text into the shapes portals serve: a TRS WCM page whose tables are real
 * {@code <table>} markup, the text with tables flattened as given, and the TRS page in GBK.
 * Table rows are recognised generically (a delimited line, or a text line followed by number
 * lines), independently of the extractor's label knowledge.
 */
final class PageShapes {

    static final Charset GBK = Charset.forName("GBK");

    private PageShapes() {
    }

    static FetchedPage plainText(String text, String url) {
        return page(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8", url);
    }

    static FetchedPage trsHtml(String text, String url, String pubDate) {
        return page(trsPage(text, pubDate, "UTF-8").getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8", url);
    }

    /** GBK bytes, charset only in the page's meta tag, as many county portals serve it. */
    static FetchedPage gbkHtml(String text, String url, String pubDate) {
        return page(trsPage(text, pubDate, "gbk").getBytes(GBK), "text/html", url);
    }

    static FetchedPage page(byte[] body, String contentType, String url) {
        return FetchedPage.newBuilder().setUrl(url).setPortalId("test").setFetchedAt(Instant.EPOCH).setHttpStatus(200)
                .setContentType(contentType).setBody(ByteBuffer.wrap(body)).setSha256("0".repeat(64)).build();
    }

    static String trsPage(String text, String pubDate, String charset) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=")
                .append(charset).append("\">");
        if (pubDate != null) {
            html.append("<meta name=\"PubDate\" content=\"").append(pubDate).append(" 09:00\">");
        }
        html.append("<meta name=\"SiteName\" content=\"测试县人民政府\"><title>政府信息公开年报</title></head><body>")
                .append("<div class=\"nav\">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>")
                .append("<div class=\"TRS_Editor\">");
        List<String> lines = text.lines().toList();
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (line.contains("|") || line.contains("\t")) {
                rows.add(List.of(line.split(line.contains("|") ? "\\|" : "\t", -1)));
                i++;
                continue;
            }
            int j = i + 1;
            List<String> cells = new ArrayList<>();
            cells.add(stripped);
            while (j < lines.size() && !lines.get(j).isBlank() && isNumberCell(lines.get(j))) {
                cells.add(lines.get(j).strip());
                j++;
            }
            if (cells.size() > 1 && !stripped.isEmpty() && !isNumberCell(stripped)) {
                rows.add(cells);
                i = j;
                continue;
            }
            flushTable(html, rows);
            if (!stripped.isEmpty()) {
                html.append("<p>").append(Entities.escape(stripped)).append("</p>\n");
            }
            i++;
        }
        flushTable(html, rows);
        html.append("</div></body></html>");
        return html.toString();
    }

    private static boolean isNumberCell(String s) {
        return CellValue.parse(s).kind() == dev.govwatch.schemas.CellKind.NUMBER;
    }

    private static void flushTable(StringBuilder html, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<table border=\"1\"><tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(Entities.escape(cell.strip())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        rows.clear();
    }
}
