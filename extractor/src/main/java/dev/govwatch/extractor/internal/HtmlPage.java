package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * Reads a portal's HTML into a {@link ReportDocument}: the report body (TRS {@code div.TRS_Editor},
 * Hanweb and generic content containers, else the body), tables laid out as grids with rowspan and
 * colspan resolved, and the metadata the 政府网站发展指引 puts in {@code <meta>} tags.
 */
public final class HtmlPage {

    /** Content containers of the common portal systems, most specific first. */
    private static final String[] CONTENT_SELECTORS = {
        "div.TRS_Editor", "div.trs_editor_view", "#zoom", "div#UCAP-CONTENT", "div.bt-article-content",
        "div.article-content", "div.art_con", "div#content", "div.content", "article", "div.main"
    };
    private static final org.jsoup.select.Evaluator[] CONTENT_EVALUATORS = java.util.Arrays.stream(CONTENT_SELECTORS)
            .map(org.jsoup.select.QueryParser::parse).toArray(org.jsoup.select.Evaluator[]::new);
    /**
     * The tags the selectors name. Each selector names a tag or an id ("#zoom"), so an element of
     * another tag without an id can match none of them.
     */
    private static final Set<String> CONTENT_TAGS = java.util.Arrays.stream(CONTENT_SELECTORS)
            .map(selector -> {
                if (!selector.startsWith("#") && !Character.isLetter(selector.charAt(0))) {
                    throw new IllegalStateException("a content selector names a tag or an id: " + selector);
                }
                return selector.split("[.#]", 2)[0];
            })
            .filter(tag -> !tag.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li",
            "br", "tr", "section", "article", "header", "footer", "ul", "ol", "dd", "dt", "blockquote", "pre", "center");
    /** Bounds against hostile tables (a span of 10^6 cells). */
    private static final int MAX_SPAN = 100;
    private static final int MAX_GRID_CELLS = 200_000;

    private HtmlPage() {
    }

    public static ReportDocument read(String html, String baseUri) {
        Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri, Parser.htmlParser().setTrackErrors(0));
        Map<String, String> meta = new HashMap<>();
        Element content = contentAndMeta(doc, meta);
        meta.put("html-title", doc.title());
        Lines lines = new Lines();
        StringBuilder current = new StringBuilder();
        walk(content, lines, current);
        flush(lines, current);
        String header = headerText(doc, content);
        return new ReportDocument(lines.text, lines.cells, header, meta, dev.govwatch.schemas.ReadMethod.HTML, lines.images)
                .withNotes(lines.notes);
    }

    /**
     * The report body: the first element, in order of {@link #CONTENT_SELECTORS}, that holds real
     * text. One pass over the document collects the candidates of every selector and, into
     * {@code meta}, the {@code <meta name>} tags (the first of each name).
     */
    private static Element contentAndMeta(Document doc, Map<String, String> meta) {
        Element[] first = new Element[CONTENT_SELECTORS.length];
        // Element by element in document order, not getAllElements(): that gathered a list of every
        // element of the page through a stream first.
        for (Element e = doc; e != null; e = following(e, doc)) {
            String tag = e.normalName();
            if (tag.equals("meta") && e.hasAttr("name")) {
                meta.putIfAbsent(e.attr("name").toLowerCase(Locale.ROOT), e.attr("content").trim());
            }
            // Cells, paragraphs and spans — nearly all of a report — are not tried against every selector.
            if (!CONTENT_TAGS.contains(tag) && !e.hasAttr("id")) {
                continue;
            }
            for (int i = 0; i < CONTENT_SELECTORS.length; i++) {
                if (first[i] == null && CONTENT_EVALUATORS[i].matches(doc, e)) {
                    first[i] = e;
                }
            }
        }
        for (Element candidate : first) {
            if (candidate != null && hasText(candidate, 200)) {
                return candidate;
            }
        }
        return doc.body();
    }

    /** The element after {@code e} in document order within {@code root}, or null at the end. */
    static Element following(Element e, Element root) {
        Element child = e.firstElementChild();
        if (child != null) {
            return child;
        }
        for (Element at = e; at != root && at != null; at = at.parent()) {
            Element sibling = at.nextElementSibling();
            if (sibling != null) {
                return sibling;
            }
        }
        return null;
    }

    /** Whether the element holds at least {@code min} characters of text, without building all of it. */
    private static boolean hasText(Element element, int min) {
        int[] seen = {0};
        org.jsoup.select.NodeTraversor.filter(new org.jsoup.select.NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    seen[0] += text.text().length();
                }
                return seen[0] >= min ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        }, element);
        return seen[0] >= min;
    }

    /** Text outside the content container: breadcrumbs and the metadata block. */
    private static String headerText(Document doc, Element content) {
        Lines lines = new Lines();
        StringBuilder sb = new StringBuilder();
        if (content == doc.body()) {
            walk(doc.body(), lines, sb, null);
            flush(lines, sb);
            return String.join("\n", lines.text.subList(0, Math.min(lines.text.size(), 15)));
        }
        walk(doc.body(), lines, sb, content);
        flush(lines, sb);
        return String.join("\n", lines.text);
    }

    /** Lines of text and, for each, the grid cells when it is a table row. */
    private static final class Lines {
        final List<String> text = new ArrayList<>();
        final List<List<String>> cells = new ArrayList<>();
        final List<ReportDocument.ImageAt> images = new ArrayList<>();
        /** What reading the markup changed, for the report's warnings. */
        final List<String> notes = new ArrayList<>();

        void prose(String line) {
            text.add(line);
            cells.add(null);
        }

        void row(List<String> row) {
            text.add(String.join(" | ", row));
            cells.add(row);
        }
    }

    private static void walk(Node node, Lines lines, StringBuilder current) {
        walk(node, lines, current, null);
    }

    /** Appends the text of {@code node} as lines, leaving out {@code skip} and what it contains. */
    private static void walk(Node node, Lines lines, StringBuilder current, Element skip) {
        if (node instanceof TextNode text) {
            appendCollapsed(current, text.getWholeText());
            return;
        }
        if (!(node instanceof Element element) || element == skip) {
            return;
        }
        String tag = element.normalName();
        if (tag.equals("script") || tag.equals("style") || tag.equals("noscript")) {
            return;
        }
        if (tag.equals("img")) {
            // where the article shows an image (a table pasted as a picture): OCR may read it there
            String url = element.absUrl("src");
            if (!url.isEmpty()) {
                flush(lines, current);
                lines.images.add(new ReportDocument.ImageAt(lines.text.size(), url));
            }
            return;
        }
        if (tag.equals("table")) {
            flush(lines, current);
            HeaderColumns.Reordered table = HeaderColumns.toTemplateOrder(grid(element));
            if (table.note() != null) {
                lines.notes.add(table.note());
            }
            for (List<String> row : table.grid()) {
                lines.row(row);
            }
            return;
        }
        boolean block = BLOCK_TAGS.contains(tag);
        if (block) {
            flush(lines, current);
        }
        for (Node child : element.childNodes()) {
            walk(child, lines, current, skip);
        }
        if (block) {
            flush(lines, current);
        }
    }

    /** Appends text with runs of whitespace (tabs and newlines included) as one space. */
    private static void appendCollapsed(StringBuilder out, String text) {
        boolean space = out.length() > 0 && out.charAt(out.length() - 1) == ' ';
        int i = 0;
        while (i < text.length()) {
            if (collapsible(text.charAt(i))) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
                i++;
            } else {
                // A run of other characters in one append: char by char, the builder checked its room each time.
                int end = i + 1;
                while (end < text.length() && !collapsible(text.charAt(end))) {
                    end++;
                }
                out.append(text, i, end);
                space = false;
                i = end;
            }
        }
    }

    private static boolean collapsible(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }

    private static void flush(Lines lines, StringBuilder current) {
        String line = Text.strip(current.toString());
        if (!line.isEmpty()) {
            lines.prose(line);
        }
        current.setLength(0);
    }

    /** The table as a grid: a cell spanning rows or columns appears at its first position, blanks elsewhere. */
    static List<List<String>> grid(Element table) {
        List<Element> rows = new ArrayList<>();
        // Element by element, not children(): that built a new list for each table section and row.
        for (Element child = table.firstElementChild(); child != null; child = child.nextElementSibling()) {
            String name = child.normalName();
            if (name.equals("tr")) {
                rows.add(child);
            } else if (name.equals("tbody") || name.equals("thead") || name.equals("tfoot")) {
                for (Element tr = child.firstElementChild(); tr != null; tr = tr.nextElementSibling()) {
                    if (tr.normalName().equals("tr")) {
                        rows.add(tr);
                    }
                }
            }
        }
        List<List<String>> grid = new ArrayList<>();
        // Grid positions a span above or to the left covers, a row of bits per grid row.
        List<BitSet> occupied = new ArrayList<>();
        int cells = 0;
        for (int r = 0; r < rows.size(); r++) {
            List<String> out = row(grid, r);
            BitSet covered = bits(occupied, r);
            int c = 0;
            for (Element cell = rows.get(r).firstElementChild(); cell != null; cell = cell.nextElementSibling()) {
                if (!cell.normalName().equals("td") && !cell.normalName().equals("th")) {
                    continue;
                }
                while (covered.get(c)) {
                    set(out, c, "");
                    c++;
                }
                int colspan = span(cell.attr("colspan"));
                int rowspan = span(cell.attr("rowspan"));
                cells += colspan * rowspan;
                if (cells > MAX_GRID_CELLS) {
                    return grid;
                }
                set(out, c, cellText(cell));
                for (int dr = 0; dr < rowspan; dr++) {
                    if (dr > 0) {
                        bits(occupied, r + dr).set(c, c + colspan);
                    } else {
                        for (int dc = 1; dc < colspan; dc++) {
                            set(out, c + dc, "");
                        }
                        covered.set(c + 1, c + colspan);
                    }
                }
                c += colspan;
            }
        }
        return grid;
    }

    private static BitSet bits(List<BitSet> rows, int r) {
        while (rows.size() <= r) {
            rows.add(new BitSet());
        }
        return rows.get(r);
    }

    /**
     * {@link Element#text()} of a cell. Most cells hold one run of text without a space ("0", "行政许可"),
     * which is its own text: taken as it is, without jsoup's accumulator (a pooled builder and a
     * traversal for each of a report's ~400 cells).
     */
    static String cellText(Element cell) {
        if (cell.childNodeSize() == 1 && cell.childNode(0) instanceof TextNode only) {
            String text = only.getWholeText();
            if (!text.isEmpty() && hasNoSpaceOrInvisible(text)) {
                return text;
            }
        }
        return cell.text();
    }

    /** No character jsoup's text() would collapse, trim or drop: none at or below U+0020, no NBSP, ZWSP or soft hyphen. */
    private static boolean hasNoSpaceOrInvisible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '\u00a0' || c == '\u00ad' || c == '\u200b') {
                return false;
            }
        }
        return true;
    }

    private static List<String> row(List<List<String>> grid, int r) {
        while (grid.size() <= r) {
            grid.add(new ArrayList<>());
        }
        return grid.get(r);
    }

    private static void set(List<String> row, int c, String value) {
        while (row.size() <= c) {
            row.add("");
        }
        row.set(c, value);
    }

    private static int span(String attr) {
        // Most cells have no span: parsing "" would throw, and a thrown exception per cell cost 4 % of a page.
        if (attr.isEmpty()) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(MAX_SPAN, Integer.parseInt(attr.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
