package dev.govwatch.extractor;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.govwatch.extractor.internal.Attachments;
import dev.govwatch.extractor.internal.CellValue;
import dev.govwatch.extractor.internal.DigitRuns;
import dev.govwatch.extractor.internal.HtmlPage;
import dev.govwatch.extractor.internal.ImageTables;
import dev.govwatch.extractor.internal.InlineBreaks;
import dev.govwatch.extractor.internal.Layouts;
import dev.govwatch.extractor.internal.Metadata;
import dev.govwatch.extractor.internal.OcrConfirmation;
import dev.govwatch.extractor.internal.PageDecoder;
import dev.govwatch.extractor.internal.ProseTable;
import dev.govwatch.extractor.internal.ParsedRow;
import dev.govwatch.extractor.internal.QuotedFigures;
import dev.govwatch.extractor.internal.ReportDocument;
import dev.govwatch.extractor.internal.RowAligner;
import dev.govwatch.extractor.internal.Sections;
import dev.govwatch.extractor.internal.TableFit;
import dev.govwatch.extractor.internal.TableReader;
import dev.govwatch.extractor.internal.Text;
import dev.govwatch.extractor.internal.TextSignature;
import dev.govwatch.extractor.internal.UnreadCells;
import dev.govwatch.extractor.internal.Token;
import dev.govwatch.extractor.internal.Tokens;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.ReadMethod;
import dev.govwatch.schemas.Section;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;

/**
 * Reads one fetched page into an {@link AnnualReport}: metadata, the six sections, the statistics
 * tables of whichever generation the report uses (every cell with its raw text), the figures quoted
 * in the text, and warnings for everything it had to doubt. Stateless and thread-safe.
 */
public final class ReportExtractor {

    static {
        dev.govwatch.schemas.TrustedAvroClasses.install();
    }

    /** Written into every record, so that a replay after a fix is visible downstream. */
    public static final String VERSION = "0.1.0";

    /** Less prose than this is too little to call two reports' texts alike. */
    private static final int MIN_SIGNED_PROSE = 400;
    private static final Pattern REPORT_TITLE = Pattern.compile("(信息公开|政务公开).{0,10}(年度报告|年报)|政府信息公开情况统计表");
    private static final Pattern T2_2021_HEADER = Pattern.compile("本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量");
    private static final Pattern T2_2019_HEADER = Pattern.compile("本年新制作数量|采购项目数量|上一年项目数量|本年新公开数量");

    /**
     * Reads a page found on a portal whose entry gives {@code portalRegion}: the entry's region is the
     * report's, its text only filling what the entry leaves blank ({@link PortalRegion}); a
     * disagreement is a warning on the report. A null {@code portalRegion} is {@link #extract(FetchedPage, Instant)}.
     */
    public Extraction extract(FetchedPage page, Instant now, dev.govwatch.schemas.Region portalRegion) {
        Extraction extraction = extract(page, now);
        if (portalRegion == null || !(extraction instanceof Extraction.Report r)) {
            return extraction;
        }
        AnnualReport report = r.report();
        PortalRegion placed = PortalRegion.of(portalRegion, report.getRegion());
        report.setRegion(placed.region());
        if (!placed.warnings().isEmpty()) {
            List<String> warnings = new ArrayList<>(report.getWarnings());
            warnings.addAll(placed.warnings());
            report.setWarnings(warnings);
        }
        // The key places a government named without its place (本县人民政府) by the region: the portal's now.
        report.setReportKey(dev.govwatch.schemas.ReportKey.of(report.getAgency() == null ? page.getUrl() : report.getAgency(),
                placed.region(), report.getReportYear()).toString());
        return extraction;
    }

    /** Reads a page as fetched: charset, HTML or plain text. */
    public Extraction extract(FetchedPage page, Instant now) {
        ByteBuffer buffer = page.getBody().duplicate();
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        String contentType = page.getContentType() == null ? "" : page.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (startsWith(body, "%PDF")) {
            return extractAttachment(() -> Attachments.pdf(body), "PDF", page, now);
        }
        if (startsWith(body, "PK\u0003\u0004")) {
            return extractAttachment(() -> Attachments.docx(body), "DOCX", page, now);
        }
        if (contentType.contains("pdf") || contentType.contains("msword") || contentType.contains("officedocument")
                || startsWith(body, "\u00d0\u00cf\u0011\u00e0")) {
            return new Extraction.Unreadable("attachment served as '" + page.getContentType()
                    + "' is not a PDF or DOCX file (legacy .doc/.wps are not read)");
        }
        PageDecoder.Decoded decoded = PageDecoder.decode(body, page.getContentType(), page.getCharset());
        String text = decoded.text();
        if (text.indexOf('\u0000') >= 0) {
            return new Extraction.Unreadable("binary content served as " + page.getContentType());
        }
        ReportDocument doc = looksLikeHtml(contentType, text) ? HtmlPage.read(text, page.getUrl()) : ReportDocument.ofText(text);
        Extraction extraction = extract(doc, page.getUrl(), page.getSha256(), page.getPortalId(), now);
        if (doc.images().isEmpty() || page.getImages().isEmpty() || hasStatistics(extraction)) {
            return extraction;
        }
        // The text left the statistics tables unread and the article has pictures: tables pasted as images.
        ImageTables.Read read = ImageTables.read(doc, page.getImages());
        Extraction fromImages = read.document() == null ? extraction
                : extract(read.document(), page.getUrl(), page.getSha256(), page.getPortalId(), now);
        if (fromImages instanceof Extraction.Report r && !read.problems().isEmpty()) {
            List<String> warnings = new ArrayList<>(r.report().getWarnings());
            warnings.addAll(read.problems());
            r.report().setWarnings(warnings);
        }
        return fromImages;
    }

    /**
     * The images of an HTML page's article, absolute URLs in page order: what the extractor reads by
     * OCR when the page's text leaves its tables unread. For callers that fetch a page themselves
     * ({@code govwatch extract URL}) and should bring the images along, as the crawler does.
     */
    public static List<String> articleImages(FetchedPage page) {
        ByteBuffer buffer = page.getBody().duplicate();
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        String contentType = page.getContentType() == null ? "" : page.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (startsWith(body, "%PDF") || startsWith(body, "PK\u0003\u0004")) {
            return List.of();
        }
        String text = PageDecoder.decode(body, page.getContentType(), page.getCharset()).text();
        if (!looksLikeHtml(contentType, text)) {
            return List.of();
        }
        return HtmlPage.read(text, page.getUrl()).images().stream().map(ReportDocument.ImageAt::url).distinct().toList();
    }

    /** Whether the report's table 三 (or the old statistics table) was read. */
    private static boolean hasStatistics(Extraction extraction) {
        return extraction instanceof Extraction.Report r && r.report().getTables().stream()
                .anyMatch(t -> t.getId().equals("T3") || t.getId().equals("OLD"));
    }

    private interface AttachmentReader {
        ReportDocument read() throws java.io.IOException;
    }

    private Extraction extractAttachment(AttachmentReader reader, String kind, FetchedPage page, Instant now) {
        ReportDocument doc;
        try {
            doc = reader.read();
        } catch (java.io.IOException | RuntimeException e) {
            return new Extraction.Unreadable("cannot read the " + kind + " attachment: " + e.getMessage());
        }
        if (doc.lines().isEmpty()) {
            return new Extraction.Unreadable(kind + " attachment has no text (a scanned image?)");
        }
        Extraction extraction = extract(doc, page.getUrl(), page.getSha256(), page.getPortalId(), now);
        return extraction instanceof Extraction.NotAReport notAReport
                ? new Extraction.Unreadable(kind + " attachment is not an annual report: " + notAReport.reason())
                : extraction;
    }

    /** Reads an already decoded document. */
    public Extraction extract(ReportDocument document, String url, String sha256, String portalId, Instant now) {
        ReportDocument doc = InlineBreaks.apply(document);
        StringBuilder opening = new StringBuilder(Text.normalize(
                doc.meta().getOrDefault("articletitle", "") + doc.meta().getOrDefault("html-title", "")));
        for (int i = 0; i < Math.min(doc.lines().size(), 40); i++) {
            opening.append('\n').append(doc.normalized(i));
        }
        if (!REPORT_TITLE.matcher(opening).find()) {
            return new Extraction.NotAReport("no 政府信息公开年度报告 title or statistics table");
        }
        List<String> warnings = new ArrayList<>(doc.notes());
        Metadata meta = Metadata.read(doc, warnings);
        if (doc.readBy() == ReadMethod.OCR) {
            String agency = dev.govwatch.extractor.internal.ocr.OcrAgency.correct(meta.agency(), doc.lines());
            if (agency != null && !agency.equals(meta.agency())) {
                warnings.add("agency read as '" + meta.agency() + "' in the title, as '" + agency + "' in the text: taken as '"
                        + agency + "'");
                meta = new Metadata(meta.title(), agency, meta.region(), meta.level(), meta.year(), meta.published(),
                        meta.periodStart(), meta.periodEnd());
            }
        }
        List<Sections.Found> sections = Sections.find(doc.lines());
        List<Token> tokens = tableTokens(doc, sections);

        Map<String, ParsedRow> old = readOld(tokens, warnings);
        Range t2 = range(tokens, sections, 2, 3);
        Range t3 = range(tokens, sections, 3, 4);
        Range t4 = range(tokens, sections, 4, 5);
        FormatGeneration generation = generation(tokens, t2, meta.year(), old);
        Map<String, ParsedRow> t3Rows = old.size() >= 3 ? Map.of() : TableFit.resolve("T3", "表三",
                TableReader.read(tokens, t3.from, t3.to, Layouts.T3_ROWS, key -> Layouts.T3_COLUMNS,
                        key -> Layouts.t3Row(), "表三", warnings), warnings);
        if (generation == FormatGeneration.GEN_2019 && (t3Rows.containsKey("apps.other.noCorrection")
                || t3Rows.containsKey("apps.other.noFee"))) {
            warnings.add("表三 uses the 2021 其他处理 rows in a report on the 2019 layout");
        }
        FormatGeneration t2Generation = generation;
        Map<String, ParsedRow> t2Rows = old.size() >= 3 ? Map.of() : TableReader.read(tokens, t2.from, t2.to,
                Layouts.T2_ROWS, key -> Layouts.t2Columns(key, t2Generation),
                key -> new RowAligner(Layouts.t2Columns(key, t2Generation).size(), 0), "表二", warnings);
        List<ParsedRow> t4Rows = old.size() >= 3 ? List.of() : readTable4(tokens, t4, warnings);

        if (meta.year() == null && sections.isEmpty() && t3Rows.isEmpty() && old.isEmpty()) {
            return new Extraction.Unreadable("looks like an annual report, but neither its year, its sections nor its tables could be read");
        }
        List<String> placeholders = QuotedFigures.placeholders(doc);
        for (String placeholder : placeholders) {
            warnings.add("placeholder '" + placeholder + "': a measure word without its number");
        }
        List<dev.govwatch.schemas.QuotedFigure> quoted = QuotedFigures.find(doc);
        if (old.isEmpty() && generation == FormatGeneration.PRE_2019) {
            old = ProseTable.of(quoted);
            if (!old.isEmpty()) {
                warnings.add("no statistics table: " + old.size() + " figures taken from the prose");
            }
        }
        List<StatTable> tables = new ArrayList<>();
        if (!t2Rows.isEmpty()) {
            tables.add(table("T2", List.of(), t2Rows.values()));
        }
        if (!t3Rows.isEmpty()) {
            tables.add(table("T3", Layouts.T3_COLUMNS, t3Rows.values()));
        }
        if (!t4Rows.isEmpty()) {
            tables.add(table("T4", Layouts.T4_COLUMNS, t4Rows));
        }
        if (!old.isEmpty()) {
            tables.add(table("OLD", List.of("total"), old.values()));
        }
        if (doc.readBy() == ReadMethod.OCR) {
            tables = OcrConfirmation.apply(tables);
        }
        // Canonical: the same report gets the same key whether or not its text gave the region code.
        String reportKey = dev.govwatch.schemas.ReportKey.of(meta.agency() == null ? url : meta.agency(), meta.region(),
                meta.year()).toString();
        return new Extraction.Report(AnnualReport.newBuilder()
                .setReportKey(reportKey)
                .setAgency(meta.agency())
                .setRegion(meta.region())
                .setLevel(meta.level())
                .setReportYear(meta.year())
                .setGeneration(generation)
                .setPublicationDate(meta.published())
                .setPeriodStart(meta.periodStart())
                .setPeriodEnd(meta.periodEnd())
                .setTitle(meta.title())
                .setPortalId(portalId)
                .setSourceUrl(url)
                .setReadBy(doc.readBy())
                .setPageSha256(sha256)
                .setSections(sections(doc.lines(), sections))
                .setTables(tables)
                .setQuotedFigures(quoted)
                .setWarnings(warnings)
                .setUnreadCells(unread(UnreadCells.of(tables), tables, doc, tokens, t2))
                .setPlaceholders(placeholders)
                .setTextSignature(TextSignature.of(doc, MIN_SIGNED_PROSE))
                .setExtractorVersion(VERSION)
                .setExtractedAt(now)
                .build());
    }

    /**
     * The unread cells, and in a report read by OCR each row of table 二 whose figures were read but
     * whose label was not ("其" for 规章): table 二's rows vary by agency, so such a row would
     * otherwise be lost without a word.
     */
    private static List<dev.govwatch.schemas.UnreadCell> unread(List<dev.govwatch.schemas.UnreadCell> cells, List<StatTable> tables,
                                                              ReportDocument doc, List<Token> tokens, Range t2) {
        if (doc.readBy() != ReadMethod.OCR) {
            return cells;
        }
        List<dev.govwatch.schemas.UnreadCell> out = new ArrayList<>(cells);
        // From a scan, a table 三 or 四 that did not come out at all was not read (a text report without it
        // leaves it out; a scan's rulings or print failed us): every row of it is named, never lost.
        boolean oldTable = tables.stream().anyMatch(t -> t.getId().equals("OLD"));
        for (var template : List.of(dev.govwatch.schemas.template.ReportTemplate.T3, dev.govwatch.schemas.template.ReportTemplate.T4)) {
            if (oldTable || tables.stream().anyMatch(t -> t.getId().equals(template.id()))) {
                continue;
            }
            for (var row : template.rows()) {
                out.add(dev.govwatch.schemas.UnreadCell.newBuilder().setTable(template.id()).setRow(row.key()).setColumn(null)
                        .setLabel(template.describe(row.key(), null)).setReason("OCR 未能读出" + template.name()).build());
            }
        }
        int lastLine = -1;
        for (int i = t2.from; i < t2.to; i++) {
            Token label = tokens.get(i);
            if (label.line() == lastLine || !label.delimited() || label.cellLike()) {
                continue;
            }
            lastLine = label.line();
            String line = doc.lines().get(label.line());
            if (line.indexOf(dev.govwatch.extractor.internal.ocr.OcrMarks.CONFIDENCE) >= 0
                    && TableReader.match(label, Layouts.T2_ROWS, null) == null) {
                out.add(dev.govwatch.schemas.UnreadCell.newBuilder().setTable("T2").setRow("?").setColumn(null)
                        .setLabel("表二 未能识别的一行（印作“" + label.text() + "”）")
                        .setReason("OCR 读出了该行的数字，未能读出行名").build());
            }
        }
        return out;
    }

    private record Range(int from, int to) {
    }

    /**
     * Tokens of the part of the document that holds tables: sections 二 to 四 when the headings are
     * there (section 一 is long prose), the old statistics table to the end, else everything.
     */
    private static List<Token> tableTokens(ReportDocument doc, List<Sections.Found> sections) {
        int size = doc.lines().size();
        int from = size;
        int to = 0;
        for (Sections.Found s : sections) {
            if (s.number() >= 2 && s.number() <= 4) {
                from = Math.min(from, s.line());
            }
            if (s.number() >= 5) {
                to = Math.max(to, s.line());
            }
        }
        boolean twoToFour = from < size;
        if (!twoToFour || to <= from) {
            from = twoToFour ? from : 0;
            to = size;
        }
        for (int i = 0; i < size; i++) {
            String line = doc.lines().get(i);
            if (line.contains("统计表") || line.contains("統計表")) {
                from = Math.min(from, i);
                to = size;
                break;
            }
        }
        return Tokens.of(doc, from, to);
    }

    /** Tokens of section {@code number} up to section {@code next}; the whole text if headings are missing. */
    private static Range range(List<Token> tokens, List<Sections.Found> sections, int number, int next) {
        Integer startLine = null;
        Integer endLine = null;
        for (Sections.Found s : sections) {
            if (s.number() == number) {
                startLine = s.line();
            } else if (s.number() >= next && startLine != null && endLine == null) {
                endLine = s.line();
            }
        }
        if (startLine == null) {
            return new Range(0, tokens.size());
        }
        int from = tokens.size();
        int to = tokens.size();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).line() >= startLine && from == tokens.size()) {
                from = i;
            }
            if (endLine != null && tokens.get(i).line() >= endLine) {
                to = i;
                break;
            }
        }
        return new Range(from, to);
    }

    private static FormatGeneration generation(List<Token> tokens, Range t2, Integer year, Map<String, ParsedRow> old) {
        if (old.size() >= 3) {
            return FormatGeneration.PRE_2019;
        }
        StringBuilder header = new StringBuilder();
        for (int i = t2.from; i < t2.to; i++) {
            header.append(tokens.get(i).normalized()).append('\n');
        }
        if (T2_2021_HEADER.matcher(header).find()) {
            return FormatGeneration.GEN_2021;
        }
        if (T2_2019_HEADER.matcher(header).find()) {
            return FormatGeneration.GEN_2019;
        }
        if (year == null) {
            return FormatGeneration.UNKNOWN;
        }
        return year <= 2018 ? FormatGeneration.PRE_2019 : year <= 2020 ? FormatGeneration.GEN_2019 : FormatGeneration.GEN_2021;
    }

    private static Map<String, ParsedRow> readOld(List<Token> tokens, List<String> warnings) {
        int from = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).normalized().contains("政府信息公开情况统计表")) {
                from = i;
            }
        }
        if (from < 0) {
            return Map.of();
        }
        return TableReader.read(tokens, from, tokens.size(), Layouts.OLD_ROWS, key -> List.of("total"),
                key -> new RowAligner(1, 0), "统计表", warnings);
    }

    /** Table 四 is one row of 15 numbers under a two-level header: the first long run of numbers. */
    private static List<ParsedRow> readTable4(List<Token> tokens, Range range, List<String> warnings) {
        for (int i = range.from; i < range.to; i++) {
            List<CellValue> run = new ArrayList<>();
            int j = i;
            while (j < range.to && tokens.get(j).cellLike()) {
                if (!tokens.get(j).text().isEmpty() || tokens.get(j).delimited()) {
                    run.add(CellValue.parse(tokens.get(j).text()));
                }
                j++;
            }
            long numbers = run.stream().filter(c -> c.kind() == dev.govwatch.schemas.CellKind.NUMBER).count();
            if (run.size() == 1 && DigitRuns.isRun(run.get(0).raw(), Layouts.T4_WIDTH)) {
                return table4Run(run.get(0).raw(), warnings);
            }
            if (numbers >= 5) {
                RowAligner.Aligned aligned = fit15(run);
                if (aligned.realigned()) {
                    warnings.add("表四: " + run.stream().filter(c -> c.kind() != dev.govwatch.schemas.CellKind.BLANK).count()
                            + " cells printed for " + Layouts.T4_WIDTH + (aligned.uncertain()
                            ? "; cells that could belong to more than one column are left empty"
                            : "; realigned by the row's arithmetic"));
                }
                List<ParsedRow> rows = new ArrayList<>();
                for (int g = 0; g < 3; g++) {
                    rows.add(new ParsedRow(Layouts.T4_GROUPS.get(g), Layouts.T4_GROUPS.get(g), Layouts.T4_COLUMNS,
                            aligned.cells().subList(g * 5, g * 5 + 5)));
                }
                return rows;
            }
            i = Math.max(i, j);
        }
        return List.of();
    }

    /** Table 四's 15 figures printed with no separator: split by its three groups' arithmetic, or unread. */
    private static List<ParsedRow> table4Run(String digits, List<String> warnings) {
        List<ParsedRow> rows = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            rows.add(null);
        }
        ParsedRow all = TableReader.runRow("review", "表四", java.util.Collections.nCopies(Layouts.T4_WIDTH, "c"), digits,
                Layouts.t4Row(), "表四", warnings);
        for (int g = 0; g < 3; g++) {
            rows.set(g, new ParsedRow(Layouts.T4_GROUPS.get(g), Layouts.T4_GROUPS.get(g), Layouts.T4_COLUMNS,
                    all.cells().subList(g * 5, g * 5 + 5)));
        }
        return rows;
    }

    private static RowAligner.Aligned fit15(List<CellValue> run) {
        List<CellValue> cells = new ArrayList<>(run);
        while (cells.size() > Layouts.T4_WIDTH && cells.get(cells.size() - 1).kind() == dev.govwatch.schemas.CellKind.BLANK) {
            cells.remove(cells.size() - 1);
        }
        while (cells.size() > Layouts.T4_WIDTH && cells.get(0).kind() == dev.govwatch.schemas.CellKind.BLANK) {
            cells.remove(0);
        }
        return Layouts.t4Row().align(cells);
    }

    private static StatTable table(String id, List<String> columns, Iterable<ParsedRow> rows) {
        List<TableRow> out = new ArrayList<>();
        for (ParsedRow row : rows) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < row.cells().size(); i++) {
                CellValue c = row.cells().get(i);
                cells.add(Cell.newBuilder().setColumn(row.columns().get(i)).setKind(c.kind()).setValue(c.value())
                        .setRaw(c.raw()).setSource(c.source()).setConfidence(c.confidence()).build());
            }
            out.add(TableRow.newBuilder().setKey(row.key()).setLabel(row.label()).setCells(cells).build());
        }
        return StatTable.newBuilder().setId(id).setColumns(columns).setRows(out).build();
    }

    private static List<Section> sections(List<String> lines, List<Sections.Found> found) {
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            int end = i + 1 < found.size() ? found.get(i + 1).line() : lines.size();
            int length = 0;
            for (int l = found.get(i).line() + 1; l < end; l++) {
                length += Text.nonSpaceLength(lines.get(l));
            }
            sections.add(Section.newBuilder().setNumber(found.get(i).number()).setHeading(found.get(i).heading())
                    .setTextLength(length).build());
        }
        return sections;
    }

    private static boolean looksLikeHtml(String contentType, String text) {
        if (contentType.contains("html")) {
            return true;
        }
        String head = text.substring(0, Math.min(text.length(), 1024)).toLowerCase(java.util.Locale.ROOT);
        return head.contains("<html") || head.contains("<!doctype") || head.contains("<body") || head.contains("<table");
    }

    private static boolean startsWith(byte[] body, String prefix) {
        if (body.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

}
