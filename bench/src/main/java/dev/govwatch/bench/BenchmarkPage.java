package dev.govwatch.bench;

import dev.govwatch.samples.Renderings;
import dev.govwatch.samples.Report2021Page;

/**
 * The report pages extraction is timed on: one report (seed 1, 2021 template, ~34,000 characters of
 * running text in section 一) in three of the forms portals publish it in, each about the same size,
 * so that what each form costs to read shows beside the clean table.
 */
public enum BenchmarkPage {
    /** The portal's own HTML tables (TRS-like, official rowspan/colspan layout): ~100 KB. */
    TABLE,
    /** The tables pasted from Word: {@code mso-*} styles, a span per character of each label, table 三 split by a page break. */
    WORD,
    /** The tables flattened into text, each row's labels and figures run together (archive texts), served as text/plain. */
    FLAT;

    /** Characters of running text added to section 一, what makes the clean page ~100 KB. */
    static final int PROSE_CHARS = 34_000;

    /** The page as a portal serves it: its bytes and Content-Type. */
    public Renderings.Rendered rendered() {
        Report2021Page report = new Report2021Page(1, PROSE_CHARS);
        return switch (this) {
            case TABLE -> new Renderings.Rendered(Renderings.Shape.HTML_TABLE,
                    report.html.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html");
            case WORD -> Renderings.render(report, Renderings.Shape.WORD_HTML);
            case FLAT -> Renderings.render(report, Renderings.Shape.RUN_TOGETHER);
        };
    }
}
