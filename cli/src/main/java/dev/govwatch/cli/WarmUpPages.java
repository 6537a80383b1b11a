package dev.govwatch.cli;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.FetchedPage;

/**
 * The built-in pages the services warm up on: generated 2021-template report pages (tables 二, 三
 * and 四, running text), each for two years so that the year-on-year rules have a previous year
 * (listed in pairs: an agency's 2023 page, then its 2024 page), in UTF-8 and in GBK without a charset header, the two encodings portals serve. One of them has a
 * 表四 total that does not add up, so the alert path runs too.
 */
final class WarmUpPages {

    /** Sets of figures: enough variety that no branch is taken only once. */
    private static final int SEEDS = 4;

    private WarmUpPages() {
    }

    static List<FetchedPage> pages() {
        List<FetchedPage> pages = new ArrayList<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            Report2021Page page = new Report2021Page(seed);
            String agency = "预热县第" + seed + "局";
            for (int year : new int[] {2023, 2024}) {
                String html = page.as(agency, year, (year + 1) + "-01-20");
                if (seed == 0 && year == 2024) {
                    html = page.withReviewTotalOffBy(html, 3);
                }
                boolean gbk = seed % 2 == 1;
                pages.add(page("http://warmup.govwatch.invalid/" + seed + "/" + year + ".html", html, gbk));
            }
        }
        return pages;
    }

    private static FetchedPage page(String url, String html, boolean gbk) {
        Charset charset = gbk ? Charset.forName("GBK") : StandardCharsets.UTF_8;
        byte[] body = (gbk ? html.replace("charset=\"utf-8\"", "charset=\"gbk\"") : html).getBytes(charset);
        return FetchedPage.newBuilder().setUrl(url).setPortalId("warmup").setFetchedAt(Instant.now()).setHttpStatus(200)
                .setContentType(gbk ? "text/html" : "text/html; charset=UTF-8").setCharset(gbk ? null : "UTF-8")
                .setBody(ByteBuffer.wrap(body)).setSha256(Integer.toHexString(url.hashCode())).build();
    }
}
