package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.govwatch.samples.HostilePages;
import dev.govwatch.samples.Report2021Page;

/** The content lookup walks a page's elements as jsoup's {@code getAllElements()} lists them. */
class HtmlPageOrderTest {

    private static final String[] TAGS = {"div", "p", "span", "table", "tbody", "tr", "td", "b", "br", "img", "ul", "li", "article", "font"};

    @Test
    void followingVisitsEveryElementInDocumentOrder() {
        Random random = new Random(17);
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            pages.add(randomPage(random));
        }
        pages.add(new Report2021Page(3, 2_000).html);
        for (HostilePages.Case page : HostilePages.all()) {
            pages.add(new String(page.body(), StandardCharsets.UTF_8));
        }
        long elements = 0;
        for (String html : pages) {
            Document doc = Jsoup.parse(html);
            List<Element> walked = new ArrayList<>();
            for (Element e = doc; e != null; e = HtmlPage.following(e, doc)) {
                walked.add(e);
            }
            assertSameElements(walked, doc.getAllElements(), html);
            elements += walked.size();
        }
        assertThat(elements).as("elements compared").isGreaterThan(20_000);
    }

    @Test
    void followingStaysInsideTheRootItStartsFrom() {
        Document doc = Jsoup.parse("<div id=a><p>1<span>2</span></p><p>3</p></div><div id=b><p>4</p></div>");
        Element a = doc.getElementById("a");
        List<Element> walked = new ArrayList<>();
        for (Element e = a; e != null; e = HtmlPage.following(e, a)) {
            walked.add(e);
        }
        assertSameElements(walked, a.getAllElements(), "div#a");
        assertThat(walked).hasSize(4);
    }

    /** The same elements, the same objects, in the same order (AssertJ's diff of large lists is quadratic). */
    private static void assertSameElements(List<Element> walked, List<Element> all, String page) {
        assertThat(walked.size()).as("elements of %s", page).isEqualTo(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (walked.get(i) != all.get(i)) {
                throw new AssertionError("element " + i + " differs: " + walked.get(i).normalName() + " instead of "
                        + all.get(i).normalName() + " in " + page);
            }
        }
    }

    /** Nested elements of random tags with text, comments and stray closing tags, as a parser must take them. */
    private static String randomPage(Random random) {
        StringBuilder html = new StringBuilder("<html><body>");
        List<String> open = new ArrayList<>();
        int steps = random.nextInt(60);
        for (int i = 0; i < steps; i++) {
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    String tag = TAGS[random.nextInt(TAGS.length)];
                    html.append('<').append(tag).append(random.nextBoolean() ? " id=x" + i : "").append('>');
                    open.add(tag);
                }
                case 2 -> {
                    if (!open.isEmpty()) {
                        html.append("</").append(open.remove(open.size() - 1)).append('>');
                    }
                }
                case 3 -> html.append("文字").append(i);
                default -> html.append(random.nextBoolean() ? "<!-- c -->" : "</" + TAGS[random.nextInt(TAGS.length)] + ">");
            }
        }
        return html.append("</body></html>").toString();
    }
}
