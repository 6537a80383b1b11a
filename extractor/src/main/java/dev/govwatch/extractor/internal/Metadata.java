package dev.govwatch.extractor.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Region;

/**
 * Who published the report, for which year and when: read from the mandated {@code <meta>} tags,
 * the 索引号/发布机构/发文日期 block, the title and finally the body.
 *
 * @param title       the report's title
 * @param agency      publishing agency
 * @param region      where it sits
 * @param level       its administrative level
 * @param year        the report year
 * @param published   publication date
 * @param periodStart stated start of the statistical period
 * @param periodEnd   stated end of the statistical period
 */
public record Metadata(String title, String agency, Region region, AgencyLevel level, Integer year,
                       LocalDate published, LocalDate periodStart, LocalDate periodEnd) {

    private static final Pattern YEAR = Pattern.compile("(20\\d{2})年");
    private static final Pattern TITLE = Pattern.compile("(\\d{4})\\s*年度?.{0,20}(信息公开|政务公开).{0,12}(年度报告|年报|工作报告)");
    private static final Pattern TITLE_HEAD = Pattern.compile("(\\d{4})\\s*年度?.{0,20}(信息公开|政务公开)(工作)?$");
    private static final Pattern TITLE_TAIL = Pattern.compile("^(工作)?(年度报告|年报)");
    private static final Pattern TITLE_LABEL = Pattern.compile("^(标题|文章标题|名称)\\s*[:：]\\s*(.+)$");
    private static final Pattern DATE_LABEL = Pattern.compile(
            "(发文日期|发布日期|发布时间|成文日期|公开日期|生成日期|日期|时间)\\s*[:：]?\\s*(\\d{4})\\s*[-年/.]\\s*(\\d{1,2})\\s*[-月/.]\\s*(\\d{1,2})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})");
    /** What a title names before its year: 「某某局2024年政府信息公开工作年度报告」. */
    private static final Pattern TITLE_AGENCY = Pattern.compile("^(.*?)(?:关于)?(\\d{4})\\s*年");
    private static final String[] PUBLISHER_WORDS = {"发布机构", "发文机关", "来源", "信息来源", "发布单位"};
    private static final Pattern PUBLISHER = Pattern.compile("(" + String.join("|", PUBLISHER_WORDS)
            + ")\\s*[:：]\\s*([\\u4e00-\\u9fa5（）()]{2,30})");
    private static final Pattern PERIOD = Pattern.compile(
            "(\\d{4})年(\\d{1,2})月(\\d{1,2})日\\s*(?:起|始)?\\s*[,，]?\\s*(?:至|到|—|－|-|~)\\s*(\\d{4})?年?(\\d{1,2})月(\\d{1,2})日");
    /** A prefecture and county named together is the surest sign of where a body without a title sits. */
    private static final Pattern BODY_REGION = Pattern.compile(
            "([\\u4e00-\\u9fa5]{2,3}(?:市|州|盟))([\\u4e00-\\u9fa5]{1,3}?(?:县|区|旗))");
    private static final Pattern BODY_COUNTY = Pattern.compile(
            "(?<![\\u4e00-\\u9fa5])([\\u4e00-\\u9fa5]{1,4}?(?:县|区|旗))(?=\\d{4}年|人民政府)");
    /** What follows the place name in the name of its government or the government's general office. */
    private static final Pattern GOVERNMENT_OR_OFFICE = Pattern.compile("^(人民)?(政府)?(办公室|办公厅)?$");
    private static final Pattern AGENCY_SUFFIX = Pattern.compile("(人民政府|政府|街道办事处|办事处|管委会|管理委员会)");
    private static final Pattern PROVINCE = Pattern.compile("^([\\u4e00-\\u9fa5]{2,7}?(?:省|自治区))");
    private static final Pattern PREFECTURE = Pattern.compile("^([\\u4e00-\\u9fa5]{2,6}?(?:市|州|盟|地区))");
    private static final Pattern COUNTY = Pattern.compile("^([\\u4e00-\\u9fa5]{1,6}?(?:县|区|旗|市))");

    /** Reads the metadata; {@code warnings} receives what could not be read. */
    public static Metadata read(ReportDocument doc, List<String> warnings) {
        String header = doc.headerText();
        List<String> lines = doc.lines();
        String title = title(doc);
        Integer year = null;
        if (title != null) {
            Matcher m = TITLE.matcher(Text.normalize(title));
            if (m.find()) {
                year = Integer.valueOf(m.group(1));
            }
        }
        LocalDate published = publicationDate(doc);
        LocalDate periodStart = null;
        LocalDate periodEnd = null;
        // Periods and years are in lines with 年; only those are normalized.
        StringBuilder dated = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).indexOf('年') >= 0) {
                dated.append(doc.normalized(i)).append('\n');
            }
        }
        String normalizedBody = dated.toString();
        Matcher p = PERIOD.matcher(normalizedBody);
        if (p.find()) {
            periodStart = date(p.group(1), p.group(2), p.group(3));
            periodEnd = date(p.group(4) == null ? p.group(1) : p.group(4), p.group(5), p.group(6));
        }
        if (year == null && periodStart != null) {
            year = periodStart.getYear();
        }
        if (year == null) {
            Matcher y = YEAR.matcher(normalizedBody);
            if (y.find()) {
                year = Integer.valueOf(y.group(1));
            }
        }
        if (year == null && published != null) {
            year = published.getYear() - 1;
            warnings.add("report year taken from the publication date");
        }
        String agency = agency(doc, title, normalizedBody);
        Region region = region(agency, doc.meta().get("siteidcode"));
        AgencyLevel level = level(agency, region);
        if (title == null) {
            warnings.add("no title found");
        }
        if (agency == null) {
            warnings.add("publishing agency not found");
        }
        return new Metadata(title, agency, region, level, year, published, periodStart, periodEnd);
    }

    private static String title(ReportDocument doc) {
        String meta = doc.meta().get("articletitle");
        if (meta != null && !meta.isBlank()) {
            return meta.trim();
        }
        for (String line : (doc.headerText() + "\n" + String.join("\n", doc.lines())).lines().limit(60).toList()) {
            Matcher m = TITLE_LABEL.matcher(Text.strip(line));
            if (m.matches() && TITLE.matcher(Text.normalize(m.group(2))).find()) {
                return Text.strip(m.group(2));
            }
        }
        List<String> lines = doc.lines();
        for (int i = 0; i < Math.min(lines.size(), 60); i++) {
            String line = Text.strip(lines.get(i).replaceFirst("^#+", ""));
            if (line.length() > 80 || line.contains("|")) {
                continue;
            }
            String n = Text.normalize(line);
            if (TITLE.matcher(n).find() && n.length() <= 60) {
                // "淮安市人民政府" on one line and "2024年…年度报告" on the next, as PDFs print titles.
                if (Character.isDigit(n.charAt(0)) && i > 0) {
                    String previous = Text.strip(lines.get(i - 1));
                    // a name ending as an agency's does; a breadcrumb ("首页 > 政府信息公开年报") is none
                    if (!previous.isEmpty() && previous.length() <= 20 && AGENCY_SUFFIX.matcher(previous).find()
                            && !previous.matches(".*\\d.*") && !BREADCRUMB.matcher(previous).find()) {
                        return previous + line;
                    }
                }
                return line;
            }
            if (TITLE_HEAD.matcher(n).find() && i + 1 < lines.size()
                    && TITLE_TAIL.matcher(Text.normalize(lines.get(i + 1))).find()) {
                return line + Text.strip(lines.get(i + 1));
            }
        }
        String html = doc.meta().get("html-title");
        if (html != null && TITLE.matcher(Text.normalize(html)).find()) {
            return html.split("[_|－-]")[0].trim();
        }
        return null;
    }

    private static LocalDate publicationDate(ReportDocument doc) {
        String meta = doc.meta().get("pubdate");
        if (meta != null) {
            Matcher m = ISO_DATE.matcher(meta);
            if (m.find()) {
                return date(m.group(1), m.group(2), m.group(3));
            }
        }
        String head = doc.headerText() + "\n" + String.join("\n", doc.lines().subList(0, Math.min(20, doc.lines().size())));
        Matcher m = DATE_LABEL.matcher(head);
        if (m.find()) {
            return date(m.group(2), m.group(3), m.group(4));
        }
        return null;
    }

    /**
     * The publisher named in the page's head ("发布机构：…"). A match begins with one of the
     * pattern's words, so the search starts at the first of them: tried at every character of a
     * portal's header and opening lines, the pattern cost 2 % of a page.
     */
    private static String publisher(String head) {
        int from = -1;
        for (String word : PUBLISHER_WORDS) {
            int at = head.indexOf(word);
            if (at >= 0 && (from < 0 || at < from)) {
                from = at;
            }
        }
        if (from < 0) {
            return null;
        }
        Matcher m = PUBLISHER.matcher(head);
        return m.find(from) ? m.group(2) : null;
    }

    private static String agency(ReportDocument doc, String title, String normalizedBody) {
        String fromTitle = null;
        if (title != null) {
            Matcher m = TITLE_AGENCY.matcher(Text.normalize(title));
            if (m.find() && !m.group(1).isBlank()) {
                fromTitle = m.group(1).replaceAll("[《》“”\"]", "");
            }
        }
        String publisher = doc.meta().get("contentsource");
        if (publisher == null || publisher.isBlank()) {
            String head = doc.headerText() + "\n" + String.join("\n", doc.lines().subList(0, Math.min(20, doc.lines().size())));
            publisher = publisher(Text.fold(head));
        }
        if (fromTitle != null && AGENCY_SUFFIX.matcher(fromTitle).find() || fromTitle != null && !isRegionOnly(fromTitle)) {
            return fromTitle;
        }
        if (fromTitle != null) {
            // The title names only the place ("示范县2025年…"): the government's own report, whether its
            // office posted it (发布机构 示范县人民政府办公室) or not. Only a department that posted it under
            // the bare place name keeps its own name.
            boolean department = publisher != null && publisher.startsWith(fromTitle)
                    && !GOVERNMENT_OR_OFFICE.matcher(publisher.substring(fromTitle.length())).matches();
            return department ? publisher : fromTitle + "人民政府";
        }
        if (publisher != null) {
            if (isRegionOnly(publisher) || startsWithRegion(publisher)) {
                return publisher;
            }
            Matcher r = BODY_REGION.matcher(normalizedBody);
            if (r.find()) {
                return r.group(1) + r.group(2) + publisher;
            }
            Matcher c = BODY_COUNTY.matcher(body(doc));
            if (c.find()) {
                return c.group(1) + publisher;
            }
            return publisher;
        }
        return firstPersonAgency(doc, body(doc));
    }

    /** The whole text, joined only where the title and the publisher left the agency unsaid (most reports name it). */
    private static String body(ReportDocument doc) {
        return String.join("\n", doc.lines());
    }

    /** How a report says "we": 我镇, 我乡, 我局 … and the ending of the name it stands for. */
    private static final Pattern FIRST_PERSON = Pattern.compile("我(镇|乡|街道|县|区|市|局|委|办|厅|院|中心|所)");
    /** Where a page names its agency besides the title: the page title's parts, the breadcrumb's steps. */
    private static final java.util.Set<String> PLACES = java.util.Set.of("县", "区", "市");
    private static final Pattern NAME_PARTS = Pattern.compile("[_|｜>＞»›/\\s－—–-]+");
    private static final Pattern BREADCRUMB = Pattern.compile("[>＞»›|｜]");

    /**
     * A page whose title gives only the year ("2015年政府信息公开工作年度报告"), with no 发布机构:
     * the agency is the one its page title or breadcrumb names, but only if the report's own
     * first-person wording says it is that kind of body (我镇 for a 镇, 我局 for a 局), since a
     * department's page carries its portal's name too.
     */
    private static String firstPersonAgency(ReportDocument doc, String text) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        Matcher we = FIRST_PERSON.matcher(text);
        while (we.find()) {
            counts.merge(we.group(1), 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return null;
        }
        // A bureau's report speaks of 我市 or 我县 too; where a body says 我局 at all, that is who it is.
        boolean body = counts.keySet().stream().anyMatch(u -> !PLACES.contains(u));
        String unit = counts.entrySet().stream().filter(e -> !body || !PLACES.contains(e.getKey()))
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Pattern named = Pattern.compile("^[\\u4e00-\\u9fa5]{1,16}" + switch (unit) {
            case "镇", "乡", "县", "区", "市" -> unit + "(人民政府)?";
            case "街道" -> "街道(办事处)?";
            case "委" -> "委(员会)?";
            case "办" -> "办(公室)?";
            default -> unit;
        } + "$");
        String sources = doc.meta().getOrDefault("html-title", "") + "\n" + doc.headerText();
        for (String part : NAME_PARTS.split(Text.fold(sources))) {
            String name = Text.strip(part);
            if (named.matcher(name).matches() && !name.contains("年")) {
                return name;
            }
        }
        return null;
    }

    private static boolean isRegionOnly(String name) {
        return name.matches("[\\u4e00-\\u9fa5]{1,12}(省|自治区|市|州|盟|地区|县|区|旗)");
    }

    private static boolean startsWithRegion(String name) {
        return PROVINCE.matcher(name).find() || PREFECTURE.matcher(name).find()
                || (COUNTY.matcher(name).find() && !name.startsWith("政府") && !name.startsWith("区政府")
                    && !name.startsWith("县政府"));
    }

    static Region region(String agency, String siteIdCode) {
        Region.Builder region = Region.newBuilder();
        if (siteIdCode != null && siteIdCode.matches("\\d{6}.*")) {
            region.setCode(siteIdCode.substring(0, 6));
        }
        if (agency == null) {
            return region.build();
        }
        String rest = agency;
        Matcher suffix = AGENCY_SUFFIX.matcher(rest);
        if (suffix.find()) {
            rest = rest.substring(0, suffix.start());
        }
        Matcher m = PROVINCE.matcher(rest);
        if (m.find()) {
            region.setProvince(m.group(1));
            rest = rest.substring(m.end());
        }
        m = PREFECTURE.matcher(rest);
        if (m.find() && m.end() < rest.length() && COUNTY.matcher(rest.substring(m.end())).find()) {
            region.setPrefecture(m.group(1));
            rest = rest.substring(m.end());
        } else if (m.find(0) && m.end() == rest.length()) {
            region.setPrefecture(m.group(1));
            return region.build();
        }
        m = COUNTY.matcher(rest);
        if (m.find()) {
            region.setCounty(m.group(1));
        }
        return region.build();
    }

    static AgencyLevel level(String agency, Region region) {
        if (agency == null) {
            return AgencyLevel.UNKNOWN;
        }
        if (agency.matches(".*(镇|乡|街道|街道办事处)(人民政府)?$")) {
            return AgencyLevel.TOWN;
        }
        if (agency.matches(".*(人民政府|政府)$")) {
            if (region.getCounty() != null) {
                return AgencyLevel.COUNTY;
            }
            if (region.getPrefecture() != null) {
                return AgencyLevel.CITY;
            }
            if (region.getProvince() != null) {
                return AgencyLevel.PROVINCE;
            }
            return AgencyLevel.UNKNOWN;
        }
        return AgencyLevel.DEPARTMENT;
    }

    private static LocalDate date(String y, String m, String d) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The region as one name, most specific parts last, e.g. 邢台市襄都区. */
    public String regionName() {
        StringBuilder sb = new StringBuilder();
        if (region.getProvince() != null) {
            sb.append(region.getProvince());
        }
        if (region.getPrefecture() != null) {
            sb.append(region.getPrefecture());
        }
        if (region.getCounty() != null) {
            sb.append(region.getCounty());
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
