package dev.govwatch.crawler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The images of a report page worth fetching with it: those of the article, where offices paste a
 * table as a picture or put the scanned report. Left out: the portal's chrome (images inside header,
 * nav and footer elements, logos, icons, QR codes, share buttons), images declared smaller than a
 * table could be, data: URIs, and anything past {@link #MAX_IMAGES}.
 */
final class ArticleImages {

    /** A report has at most a few pasted tables or scanned pages; more is a gallery. */
    static final int MAX_IMAGES = 8;
    private static final Pattern CHROME = Pattern.compile(
            "(?i)(logo|icon|banner|qrcode|ewm|erweima|share|weixin|weibo|wechat|print|close|arrow|bg|button|btn|jiathis|gongan|jiucuo|dzjg)");
    private static final Pattern IMAGE = Pattern.compile("(?i)\\.(png|jpe?g|bmp|gif|tiff?|webp)(\\?.*)?$");
    /** A table's image is wider than this (in the page's declared pixels) when a width is given. */
    private static final int MIN_DECLARED_WIDTH = 200;

    private ArticleImages() {
    }

    /** Absolute URLs of the page's article images, in page order. */
    static List<String> find(byte[] html, String charset, String pageUrl) {
        if (!mayHoldArticleImage(html, charset)) {
            return List.of();
        }
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(html), charset, pageUrl);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        Set<String> urls = new LinkedHashSet<>();
        for (Element img : doc.select("body img[src]")) {
            if (img.parents().is("header, nav, footer, .header, .footer, .nav, #header, #footer")) {
                continue;
            }
            String src = img.attr("src").trim();
            String abs = img.absUrl("src");
            if (src.startsWith("data:") || abs.isEmpty() || CHROME.matcher(src).find() || !IMAGE.matcher(path(abs)).find()
                    || declaredWidth(img) < MIN_DECLARED_WIDTH) {
                continue;
            }
            urls.add(abs);
            if (urls.size() == MAX_IMAGES) {
                break;
            }
        }
        return new ArrayList<>(urls);
    }

    private static final Pattern IMG_SRC = Pattern.compile("(?i)<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']?([^\"'\\s>]+)");

    /**
     * Whether some {@code <img>} of the page passes the tests its address alone decides (not data:,
     * not chrome by name, an image file): a crawler that publishes a million report pages a sweep
     * spends most of its CPU parsing them, and a page whose only images are logos and icons, or that
     * has none, needs no parse. Charsets that are not ASCII-compatible are always parsed.
     */
    static boolean mayHoldArticleImage(byte[] html, String charset) {
        if (charset != null && charset.toUpperCase(Locale.ROOT).matches("UTF-?(16|32).*")) {
            return true;
        }
        // The tags are found by a byte scan and only they are matched: a case-insensitive regex search
        // over every report page was a tenth of a national sweep's CPU.
        java.util.regex.Matcher m = null;
        for (int i = imgTag(html, 0); i >= 0; i = imgTag(html, i + 4)) {
            if (m == null) {
                m = IMG_SRC.matcher(new String(html, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            if (m.region(i, html.length).lookingAt()) {
                String src = m.group(1);
                if (!src.startsWith("data:") && !CHROME.matcher(src).find() && IMAGE.matcher(path(src)).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the next {@code <img} (any case) starts at or after {@code from}, or -1. */
    private static int imgTag(byte[] html, int from) {
        for (int i = from; i + 3 < html.length; i++) {
            if (html[i] == '<' && (html[i + 1] | 0x20) == 'i' && (html[i + 2] | 0x20) == 'm' && (html[i + 3] | 0x20) == 'g') {
                return i;
            }
        }
        return -1;
    }

    private static String path(String url) {
        try {
            String p = URI.create(url).getPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The width the page declares (attribute or inline style), or a large number when it declares none. */
    private static int declaredWidth(Element img) {
        String w = img.attr("width").trim().toLowerCase(Locale.ROOT);
        if (w.isEmpty()) {
            var m = java.util.regex.Pattern.compile("width\\s*:\\s*(\\d+)px").matcher(img.attr("style").toLowerCase(Locale.ROOT));
            w = m.find() ? m.group(1) : "";
        }
        try {
            return w.isEmpty() || w.endsWith("%") ? Integer.MAX_VALUE : Integer.parseInt(w.replace("px", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
