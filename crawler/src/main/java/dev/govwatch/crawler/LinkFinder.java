package dev.govwatch.crawler;

import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds, on a report column's list page, the links to report pages (by anchor text and title:
 * 年度报告, 年报; by the portal's own link patterns; attachments) and to the column's other pages
 * ({@code index_1.html}-style pagination).
 */
final class LinkFinder {

    private static final Pattern REPORT_TEXT = Pattern.compile("年度报告|年报|工作报告");
    private static final Pattern ATTACHMENT = Pattern.compile("(?i)\\.(pdf|docx?|wps|xlsx?)(\\?.*)?$");
    private static final Pattern PAGINATION = Pattern.compile("(?i)(^|/)index_\\d+\\.s?html?$");
    /** Page parameters of Hanweb, JCMS and hand-made columns ({@code ?uid=…&pageNum=2}). */
    private static final Pattern PAGE_PARAMETER = Pattern.compile("(?i)[?&](page|pagenum|pageno|pageindex|currentpage|curpage)=\\d+");

    /** Links found on one list page. */
    record Links(Set<String> reports, Set<String> pages) {
    }

    private LinkFinder() {
    }

    /**
     * Whether a URL named without anchor text (in a sitemap) is a report candidate: it matches one of
     * the portal's link patterns, or it is an attachment or page inside one of the watched columns'
     * directories and not one of the column's own list pages.
     */
    static boolean isColumnItem(String url, List<String> listPages, List<Pattern> linkPatterns) {
        if (linkPatterns.stream().anyMatch(p -> p.matcher(url).matches())) {
            return true;
        }
        if (PAGINATION.matcher(url).find() || url.matches("(?i).*/index\\.s?html?$") || url.endsWith("/")) {
            return false;
        }
        for (String listPage : listPages) {
            String column = listPage.substring(0, listPage.lastIndexOf('/') + 1);
            if (url.startsWith(column) && !listPages.contains(url)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePageWithPageParameter(String url, String baseUrl) {
        if (!PAGE_PARAMETER.matcher(url).find()) {
            return false;
        }
        int q = url.indexOf('?');
        int bq = baseUrl.indexOf('?');
        return url.substring(0, q).equals(bq < 0 ? baseUrl : baseUrl.substring(0, bq));
    }

    static Links find(byte[] body, Charset charset, String baseUrl, List<Pattern> linkPatterns) {
        Document doc = Jsoup.parse(new String(body, charset), baseUrl);
        Set<String> reports = new LinkedHashSet<>();
        Set<String> pages = new LinkedHashSet<>();
        for (Element a : doc.select("a[href]")) {
            String href = a.absUrl("href");
            if (href.isEmpty() || href.startsWith("javascript")) {
                continue;
            }
            int fragment = href.indexOf('#');
            String url = fragment < 0 ? href : href.substring(0, fragment);
            String label = a.text() + " " + a.attr("title");
            if (PAGINATION.matcher(url).find() || samePageWithPageParameter(url, baseUrl)) {
                pages.add(url);
            } else if (REPORT_TEXT.matcher(label).find() || ATTACHMENT.matcher(url).find()
                    || linkPatterns.stream().anyMatch(p -> p.matcher(url).matches())) {
                reports.add(url);
            }
        }
        return new Links(reports, pages);
    }
}
