package dev.govwatch.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Pages no extractor should trust: broken encodings, binary bodies, absurd tables, hostile markup,
 * fake documents. Generated, so the corpus needs no files and can be as large as the case demands.
 * Each must end as a report, a skipped page or a dead letter, never as a crash or a stuck stream.
 */
public final class HostilePages {

    /** One hostile page: what it is, the Content-Type it is served with, its bytes. */
    public record Case(String name, String contentType, byte[] body) {
    }

    private HostilePages() {
    }

    public static List<Case> all() {
        String report = new Report2021Page(42).html;
        List<Case> cases = new ArrayList<>();
        add(cases, "empty body", "text/html", new byte[0]);
        add(cases, "one byte", "text/html", new byte[] {'<'});
        add(cases, "random binary served as text/html", "text/html", random(100_000, 1));
        add(cases, "PNG served as text/html", "text/html", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, random(5_000, 2)));
        add(cases, "undecoded gzip served as text/html", "text/html", concat(new byte[] {0x1f, (byte) 0x8b, 8, 0}, random(5_000, 3)));
        add(cases, "invalid UTF-8 sequences in a report", "text/html; charset=UTF-8",
                inject(report.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, (byte) 0xF0, (byte) 0x90, 0x28, (byte) 0xFF}));
        add(cases, "invalid GBK sequences in a report", "text/html; charset=GBK",
                inject(report.replace("utf-8", "gbk").getBytes(Charset.forName("GBK")), new byte[] {(byte) 0x81, 0x20, (byte) 0xFF, (byte) 0xFE, (byte) 0x80}));
        add(cases, "UTF-16 body declared UTF-8", "text/html; charset=UTF-8", report.getBytes(StandardCharsets.UTF_16LE));
        add(cases, "unknown charset name", "text/html; charset=x-no-such-charset", report.getBytes(StandardCharsets.UTF_8));
        add(cases, "UTF-7 charset", "text/html; charset=UTF-7", report.getBytes(StandardCharsets.UTF_8));
        add(cases, "NUL bytes through the text", "text/html", report.replace("。", "\u0000。").getBytes(StandardCharsets.UTF_8));
        add(cases, "lone surrogates and emoji", "text/html", report.replace("总体情况", "总体\uD800情况\uD83D\uDE00").getBytes(StandardCharsets.UTF_8));
        add(cases, "16 MB page (the largest a page topic carries)", "text/html", padded(report, 16 * 1024 * 1024 - 4096));
        add(cases, "a 10,000-row table", "text/html", html("<table>" + "<tr><td>本年新收政府信息公开申请数量</td><td>1</td><td>2</td></tr>".repeat(10_000) + "</table>"));
        add(cases, "HTML nested 5,000 deep", "text/html", html("<div>".repeat(5_000) + "二、主动公开政府信息情况" + "</div>".repeat(5_000)));
        add(cases, "tables nested 300 deep", "text/html", html("<table><tr><td>".repeat(300) + "总计 1" + "</td></tr></table>".repeat(300)));
        add(cases, "a table of 1,000,000 cells", "text/html", html("<table>" + ("<tr>" + "<td>7</td>".repeat(1_000) + "</tr>").repeat(1_000) + "</table>"));
        add(cases, "colspan and rowspan of 99,999", "text/html", html(report.replace("<td colspan=\"7\">申请人情况</td>",
                "<td colspan=\"99999\" rowspan=\"99999\">申请人情况</td>")));
        add(cases, "negative and non-numeric spans", "text/html", html(report.replace("rowspan=\"3\"", "rowspan=\"-4\"")
                .replace("colspan=\"3\"", "colspan=\"abc\"")));
        add(cases, "10,000 tables", "text/html", html("<table><tr><td>总计</td><td>1</td></tr></table>".repeat(10_000)));
        add(cases, "every number blank", "text/html", blankNumbers(report).getBytes(StandardCharsets.UTF_8));
        add(cases, "absurdly large numbers", "text/html", report.replaceAll("<td>(\\d+)</td>", "<td>9$199999999999999999999999</td>")
                .getBytes(StandardCharsets.UTF_8));
        add(cases, "numbers in scientific notation", "text/html", report.replaceAll("<td>(\\d+)</td>", "<td>1e308</td>").getBytes(StandardCharsets.UTF_8));
        add(cases, "negative numbers everywhere", "text/html", report.replaceAll("<td>(\\d+)</td>", "<td>-$1</td>").getBytes(StandardCharsets.UTF_8));
        add(cases, "full-width digits", "text/html", fullWidth(report).getBytes(StandardCharsets.UTF_8));
        add(cases, "text in every number cell", "text/html", report.replaceAll("<td>(\\d+)</td>", "<td>详见附件</td>").getBytes(StandardCharsets.UTF_8));
        add(cases, "year 9999 and a date that does not exist", "text/html", report.replace("2024", "9999").replace("2025-01-20", "2025-13-45")
                .getBytes(StandardCharsets.UTF_8));
        add(cases, "year 0", "text/html", report.replace("2024", "0").getBytes(StandardCharsets.UTF_8));
        add(cases, "title only", "text/html", html("<title>某县2024年政府信息公开工作年度报告</title>"));
        add(cases, "script only", "text/html", html("<script>" + "var a=1;".repeat(50_000) + "</script>"));
        add(cases, "a comment never closed", "text/html", ("<html><body>年度报告<!-- " + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        add(cases, "no tag closed", "text/html", ("<html><body>" + "<table><tr><td>总计<p><b><i>".repeat(2_000)).getBytes(StandardCharsets.UTF_8));
        add(cases, "a 1 MB attribute", "text/html", html("<div title=\"" + "年".repeat(1_000_000) + "\">2024年度报告</div>"));
        add(cases, "a 1 MB line without tags", "text/html", ("收到申请1件".repeat(150_000)).getBytes(StandardCharsets.UTF_8));
        add(cases, "the 表三 header 1,000 times", "text/html", html(("三、收到和处理政府信息公开申请情况<table><tr><td>申请人情况</td><td>自然人</td></tr></table>")
                .repeat(1_000)));
        add(cases, "a PDF that is not a PDF", "application/pdf", concat("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), random(20_000, 4)));
        add(cases, "a truncated PDF", "application/pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        add(cases, "a DOCX that is not a zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", random(10_000, 5));
        add(cases, "a DOCX zip bomb", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxBomb());
        add(cases, "a legacy .doc", "application/msword", concat(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                random(20_000, 6)));
        add(cases, "a spreadsheet", "application/vnd.ms-excel", random(8_000, 7));
        add(cases, "octet-stream", "application/octet-stream", random(8_000, 8));
        add(cases, "no content type", null, report.getBytes(StandardCharsets.UTF_8));
        return cases;
    }

    private static void add(List<Case> cases, String name, String type, byte[] body) {
        cases.add(new Case(name, type, body));
    }

    private static byte[] html(String body) {
        return ("<html><head><meta charset=\"utf-8\"><title>测试县2024年政府信息公开工作年度报告</title></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The bytes with {@code bad} written in every few hundred bytes. */
    private static byte[] inject(byte[] page, byte[] bad) {
        byte[] out = page.clone();
        for (int i = 400; i + bad.length < out.length; i += 700) {
            System.arraycopy(bad, 0, out, i, bad.length);
        }
        return out;
    }

    private static byte[] padded(String report, int size) {
        String paragraph = "<p>围绕优化营商环境、乡村振兴和民生保障等重点领域，持续加大信息公开力度。</p>\n";
        StringBuilder sb = new StringBuilder(size + 1024);
        sb.append(report, 0, report.indexOf("<p>二、"));
        while (sb.length() * 3 < size) {
            sb.append(paragraph);
        }
        sb.append(report.substring(report.indexOf("<p>二、")));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String blankNumbers(String report) {
        return report.replaceAll("<td>[\\d,.]+</td>", "<td></td>").replaceAll("(<td colspan=\"3\">)[\\d,.]+(</td>)", "$1$2")
                .replaceAll("共收到政府信息公开申请\\s*\\d+", "共收到政府信息公开申请");
    }

    private static String fullWidth(String report) {
        StringBuilder sb = new StringBuilder(report.length());
        boolean inCell = false;
        for (int i = 0; i < report.length(); i++) {
            char c = report.charAt(i);
            if (report.startsWith("<td", i)) {
                inCell = true;
            } else if (c == '<') {
                inCell = report.startsWith("<td", i);
            }
            sb.append(inCell && c >= '0' && c <= '9' && i > 0 && report.charAt(i - 1) != '"' && report.charAt(i - 1) != '=' ? (char) (c - '0' + '０') : c);
        }
        return sb.toString();
    }

    /** A DOCX whose document.xml inflates to 200 MB. */
    private static byte[] docxBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                    + "wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            zip.write("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
            zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
