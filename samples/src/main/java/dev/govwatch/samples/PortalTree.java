package dev.govwatch.samples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole county portal on a simulated {@link PortalSimulator.Site}, laid out as one CMS family lays
 * it out: a home page, the 政府信息公开 platform, the government's own annual-report column, a
 * directory of departments and one of towns (the department directory paginated), each body with
 * its own 政府信息公开年报 column holding its reports — and what a discovery must not take for a
 * report column: a 通知公告 column, a department without a 年报 column, links off the site.
 */
public final class PortalTree {

    /** The CMS families whose layouts are imitated. */
    public enum Family {
        /** TRS WCM: {@code /zfxxgk/…/zfxxgknb/index.html}, reports {@code ./202501/t20250120_N.html}. */
        TRS,
        /** Hanweb (大汉): {@code /col/colNNNN/index.html} columns, reports {@code /art/2025/1/20/art_NNNN_M.html}. */
        HANWEB,
        /** JCMS: {@code /module/xxgk/…} platform pages, columns {@code /module/xxgk/AnnualReport_N.html}. */
        JCMS
    }

    /** A report column the tree holds, with the body it belongs to. */
    public record Column(String url, String agency, String level, int reports) {
    }

    private final PortalSimulator.Site site;
    private final Family family;
    private final String county;
    private final List<Column> columns = new ArrayList<>();
    private final java.util.Map<String, String> pages = new java.util.concurrent.ConcurrentHashMap<>();
    private int nextId = 100;

    private PortalTree(PortalSimulator.Site site, Family family, String county) {
        this.site = site;
        this.family = family;
        this.county = county;
    }

    /**
     * Serves a portal for {@code county} (e.g. 示范县) with {@code departments} departments (every
     * third without a 年报 column) and {@code towns} towns.
     */
    public static PortalTree serve(PortalSimulator.Site site, Family family, String county, int departments, int towns) {
        PortalTree tree = new PortalTree(site, family, county);
        tree.build(departments, towns);
        return tree;
    }

    /** The home page to discover from. */
    public String home() {
        return site.baseUrl() + "/index.html";
    }

    /** Every report column the tree holds. */
    public List<Column> columns() {
        return columns;
    }

    private static final String[] DEPARTMENTS = {"教育和体育局", "民政局", "财政局", "自然资源局", "住房和城乡建设局", "交通运输局",
        "水利局", "农业农村局", "卫生健康委员会", "应急管理局", "市场监督管理局", "医疗保障局", "发展和改革委员会", "司法局"};
    private static final String[] TOWNS = {"城关镇", "河口镇", "石门乡", "东城街道", "新集镇", "西岭乡"};

    private void build(int departments, int towns) {
        String government = county + "人民政府";
        String platform = path("platform", 0);
        String own = column(government, "COUNTY", 2);
        String deptIndex = path("departments", 0);
        String deptIndex2 = path("departments", 1);
        String townIndex = path("towns", 0);
        page("/index.html", government + "门户网站", "<a href=\"/\">首页</a> <a href=\"" + platform + "\">政府信息公开</a> "
                + "<a href=\"/zwfw/index.html\">政务服务</a> <a href=\"http://www.gov.cn/\">中国政府网</a> "
                + "<a href=\"/hdjl/index.html\">互动交流</a>");
        page("/zwfw/index.html", "政务服务", "<a href=\"/zwfw/bs.html\">在线办事</a>");
        page(platform, "政府信息公开", "<a href=\"" + own + "\">政府信息公开年报</a> <a href=\"" + path("notices", 0)
                + "\">通知公告</a> <a href=\"" + deptIndex + "\">部门信息公开</a> <a href=\"" + townIndex + "\">乡镇（街道）信息公开</a>"
                + " <a href=\"" + path("guide", 0) + "\">政府信息公开指南</a>");
        page(path("guide", 0), "政府信息公开指南", "<p>本指南……</p>");
        // Not a report column: its items are notices.
        page(path("notices", 0), "通知公告", "<ul><li><a href=\"" + path("notice", 1) + "\">关于开展2025年度安全生产检查的通知</a></li></ul>");
        StringBuilder first = new StringBuilder("<ul>");
        StringBuilder second = new StringBuilder("<ul>");
        for (int d = 0; d < departments; d++) {
            String name = county + DEPARTMENTS[d % DEPARTMENTS.length];
            String home = path("body", nextId++);
            (d < (departments + 1) / 2 ? first : second).append("<li><a href=\"").append(home).append("\">").append(name).append("</a></li>");
            if (d % 3 == 2) {
                page(home, name, "<a href=\"" + path("notices", nextId++) + "\">工作动态</a>");
            } else {
                page(home, name, "<a href=\"" + path("guide", 0) + "\">机构职能</a> <a href=\"" + column(name, "DEPARTMENT", 1 + d % 2)
                        + "\">政府信息公开年报</a>");
            }
        }
        page(deptIndex, "部门信息公开", first.append("</ul><a href=\"").append(deptIndex2).append("\">下一页</a>").toString());
        page(deptIndex2, "部门信息公开", second.append("</ul>").toString());
        StringBuilder townList = new StringBuilder("<ul>");
        for (int t = 0; t < towns; t++) {
            String name = TOWNS[t % TOWNS.length];
            String home = path("body", nextId++);
            townList.append("<li><a href=\"").append(home).append("\">").append(name).append("</a></li>");
            page(home, name + "人民政府", "<a href=\"" + column(name, "TOWN", 1) + "\">信息公开年报</a>");
        }
        page(townIndex, "乡镇（街道）信息公开", townList.append("</ul>").toString());
    }

    /** A report column with {@code reports} reports of its body; returns its path. */
    private String column(String agency, String level, int reports) {
        int id = nextId++;
        String list = path("column", id);
        StringBuilder items = new StringBuilder("<ul class=\"list\">");
        for (int r = 0; r < reports; r++) {
            String report = report(id, r);
            int year = 2024 - r;
            page(report, agency + year + "年政府信息公开工作年度报告", "<div class=\"article-content\"><p>" + agency + year
                    + "年政府信息公开工作年度报告</p><p>一、总体情况</p></div>");
            items.append("<li><a href=\"").append(report).append("\">").append(agency).append(year)
                    .append("年政府信息公开工作年度报告</a><span>").append(year + 1).append("-01-20</span></li>");
        }
        page(list, "政府信息公开年报", items.append("</ul>").toString());
        columns.add(new Column(site.baseUrl() + list, agency, level, reports));
        return list;
    }

    private String path(String kind, int id) {
        return switch (family) {
            case TRS -> switch (kind) {
                case "platform" -> "/zfxxgk/index.html";
                case "departments" -> id == 0 ? "/zfxxgk/bmxxgk/index.html" : "/zfxxgk/bmxxgk/index_" + id + ".html";
                case "towns" -> "/zfxxgk/xzxxgk/index.html";
                case "guide" -> "/zfxxgk/zn/index.html";
                case "notices" -> "/zfxxgk/tzgg" + id + "/index.html";
                case "notice" -> "/zfxxgk/tzgg0/202503/t20250301_" + id + ".html";
                case "body" -> "/zfxxgk/bm" + id + "/index.html";
                case "column" -> "/zfxxgk/nb" + id + "/zfxxgknb/index.html";
                default -> throw new IllegalArgumentException(kind);
            };
            case HANWEB -> switch (kind) {
                case "platform" -> "/col/col1229/index.html";
                case "departments" -> "/col/col" + (1300 + id) + "/index.html";
                case "towns" -> "/col/col1400/index.html";
                case "guide" -> "/col/col1231/index.html";
                case "notices" -> "/col/col" + (5000 + id) + "/index.html";
                case "notice" -> "/art/2025/3/1/art_5000_" + id + ".html";
                default -> "/col/col" + (2000 + id) + "/index.html";
            };
            case JCMS -> switch (kind) {
                case "platform" -> "/module/xxgk/index.html";
                case "departments" -> "/module/xxgk/dept_" + id + ".html";
                case "towns" -> "/module/xxgk/town.html";
                case "guide" -> "/module/xxgk/guide.html";
                case "notices" -> "/module/xxgk/tzgg_" + id + ".html";
                case "notice" -> "/module/xxgk/info_" + id + ".html";
                case "body" -> "/module/xxgk/tree_" + id + ".html";
                case "column" -> "/module/xxgk/AnnualReport_" + id + ".html";
                default -> throw new IllegalArgumentException(kind);
            };
        };
    }

    private String report(int column, int n) {
        return switch (family) {
            case TRS -> "/zfxxgk/nb" + column + "/zfxxgknb/202501/t20250120_" + (column * 10 + n) + ".html";
            case HANWEB -> "/art/2025/1/20/art_" + (2000 + column) + "_" + n + ".html";
            case JCMS -> "/module/xxgk/info_" + (column * 10 + n) + ".html";
        };
    }

    private void page(String path, String title, String body) {
        String html = "<html><head><meta charset=\"utf-8\"><title>" + title + "_" + county + "人民政府</title></head><body>"
                + "<div class=\"nav\"><a href=\"/index.html\">首页</a></div><h1>" + title + "</h1>" + body + "</body></html>";
        serve(path, html);
    }

    private void serve(String path, String html) {
        pages.put(path, html);
        site.serve(path, PortalSimulator.Response.of(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A redesign moves the agency's column: the old address answers 404, the column is served at a
     * new one, and the pages that linked to it link there. Returns the new URL.
     */
    public String move(String agency) {
        Column column = column(agency);
        String old = path(column.url());
        String fresh = old.endsWith("/index.html") ? old.replace("/index.html", "/v2/index.html") : old.replace(".html", "_v2.html");
        String html = pages.remove(old);
        serve(fresh, html);
        relink(old, fresh);
        site.serve(old, PortalSimulator.Response.of(404, "text/html", "<html><body>404</body></html>".getBytes(StandardCharsets.UTF_8)));
        columns.set(columns.indexOf(column), new Column(site.baseUrl() + fresh, column.agency(), column.level(), column.reports()));
        return site.baseUrl() + fresh;
    }

    /** The agency's column is taken down and no page links to it any more (until {@link #restore}). */
    public void remove(String agency) {
        String old = path(column(agency).url());
        relink(old, "/404.html");
        site.serve(old, PortalSimulator.Response.of(404, "text/html", "<html><body>404</body></html>".getBytes(StandardCharsets.UTF_8)));
    }

    /** The removed column is back where it was. */
    public void restore(String agency) {
        String old = path(column(agency).url());
        relink("/404.html", old);
        serve(old, pages.get(old));
    }

    private Column column(String agency) {
        return columns.stream().filter(c -> c.agency().equals(agency)).findFirst().orElseThrow();
    }

    private String path(String url) {
        return url.substring(site.baseUrl().length());
    }

    private void relink(String from, String to) {
        for (var e : List.copyOf(pages.entrySet())) {
            if (e.getValue().contains("href=\"" + from + "\"")) {
                serve(e.getKey(), e.getValue().replace("href=\"" + from + "\"", "href=\"" + to + "\""));
            }
        }
    }
}
