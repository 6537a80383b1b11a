package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The address-only test that lets a report page without article images go unparsed, and that it never drops one. */
class ArticleImagesTest {

    private static final String BASE = "http://portal.example/zfxxgk/202501/t1.html";

    @Test
    void aPageWithOnlyChromeImagesOrNoneIsNotParsed() {
        assertThat(ArticleImages.mayHoldArticleImage(bytes("<html><body><p>一、总体情况</p></body></html>"), "UTF-8")).isFalse();
        assertThat(ArticleImages.mayHoldArticleImage(bytes("<div class=header><IMG SRC='/images/logo.png'></div>"
                + "<img src=\"data:image/png;base64,AAAA\"><img alt=x src=icon_print.gif><img src=\"/count.jsp?id=1\">"), "UTF-8"))
                .isFalse();
    }

    @Test
    void anyImageThatCouldBeATableIsFoundByTheWholeParse() {
        for (String img : new String[] {"<img src=\"t3.png\" width=\"600\">", "<IMG\nclass=x SRC=scan_1.JPG>",
            "<img src='/upload/2025/表三.jpeg?v=2'>"}) {
            String page = "<html><body><div class=\"header\"><img src=\"/images/logo.png\"></div><div>" + img + "</div></body></html>";
            assertThat(ArticleImages.mayHoldArticleImage(bytes(page), "UTF-8")).as(img).isTrue();
            assertThat(ArticleImages.find(bytes(page), "UTF-8", BASE)).as(img).hasSize(1);
        }
        byte[] gbk = "<html><body><p>表三</p><img src=\"t3.png\"></body></html>".getBytes(Charset.forName("GBK"));
        assertThat(ArticleImages.find(gbk, "GBK", BASE)).containsExactly("http://portal.example/zfxxgk/202501/t3.png");
        byte[] utf16 = "<html><body><img src=\"t3.png\"></body></html>".getBytes(StandardCharsets.UTF_16LE);
        assertThat(ArticleImages.mayHoldArticleImage(utf16, "UTF-16LE")).isTrue();
    }

    private static byte[] bytes(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
