package dev.govwatch.crawler;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.ExpectedAgency;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;

/**
 * The portal file: the portals to watch, in YAML. Every error is reported with its line, all of them
 * at once, so that a file with many portals is fixed in one pass.
 *
 * <pre>
 * portals:
 *   - id: yiyuan
 *     name: 沂源县人民政府
 *     region: {code: "370323", province: 山东省, prefecture: 淄博市, county: 沂源县}
 *     listPages: [http://www.yiyuan.gov.cn/gongkai/zfxxgknb/index.html]
 *     home: http://www.yiyuan.gov.cn/   # optional; alone (no listPages), the columns are discovered from it;
 *                                       # with listPages, a column that drifts is looked for again from it
 *     linkPatterns: ['.*&#47;t\d{8}_\d+\.html']       # optional
 *     expectedAgencies: [{name: 沂源县人民政府, level: COUNTY}]   # optional
 *     crawlInterval: 6h            # optional, default 6h: 90s, 30m, 6h, 1d, 1h30m (at least 1m)
 *     hostDelayMillis: 2000        # optional, default 2000
 *     charset: GB18030             # optional
 *     acceptBrokenTls: false       # optional
 *     allowPrivateAddresses: false # optional
 * </pre>
 */
public final class PortalFile {

    private static final List<String> KEYS = List.of("id", "name", "region", "listPages", "home", "linkPatterns", "expectedAgencies",
            "crawlInterval", "crawlIntervalHours", "hostDelayMillis", "charset", "acceptBrokenTls", "allowPrivateAddresses");
    private static final List<String> REGION_KEYS = List.of("code", "province", "prefecture", "county");

    /** The portals read, and every error found with its line. */
    public record Result(List<Portal> portals, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private PortalFile() {
    }

    public static Result read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    public static Result read(Reader reader) {
        List<String> errors = new ArrayList<>();
        List<Portal> portals = new ArrayList<>();
        Node root;
        try {
            root = new Yaml().compose(reader);
        } catch (YAMLException e) {
            return new Result(List.of(), List.of("not valid YAML: " + e.getMessage().replace('\n', ' ')));
        }
        if (!(root instanceof MappingNode map) || value(map, "portals") == null) {
            return new Result(List.of(), List.of(line(root) + "the file must have a top-level 'portals:' list"));
        }
        if (!(value(map, "portals") instanceof SequenceNode list)) {
            return new Result(List.of(), List.of(line(value(map, "portals")) + "'portals' must be a list"));
        }
        Set<String> ids = new HashSet<>();
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode entry)) {
                errors.add(line(item) + "each portal is a mapping with id, name, listPages …");
                continue;
            }
            String id = scalar(value(entry, "id"));
            if (id != null && !ids.add(id)) {
                errors.add(line(entry) + "duplicate portal id '" + id + "'");
            }
            Portal portal = portal(entry, errors);
            if (portal != null) {
                portals.add(portal);
            }
        }
        return new Result(errors.isEmpty() ? portals : List.of(), errors);
    }

    private static Portal portal(MappingNode entry, List<String> errors) {
        int before = errors.size();
        for (NodeTuple t : entry.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!KEYS.contains(key)) {
                errors.add(line(t.getKeyNode()) + "unknown key '" + key + "' (expected one of " + KEYS + ")");
            }
        }
        String id = required(entry, "id", errors);
        String name = required(entry, "name", errors);
        String where = id == null ? "" : "portal '" + id + "': ";
        if (id != null && !id.matches("[A-Za-z0-9_.-]+")) {
            errors.add(line(value(entry, "id")) + "portal id '" + id + "' may hold only letters, digits, '.', '_' and '-'");
        }
        List<String> listPages = strings(entry, "listPages", errors, where);
        String home = scalar(value(entry, "home"));
        if (home != null && !home.matches("(?i)https?://[^/\\s]+.*")) {
            errors.add(line(value(entry, "home")) + where + "'home' is not an http(s) URL: '" + home + "'");
        }
        if (listPages.isEmpty() && value(entry, "listPages") == null && home == null) {
            errors.add(line(entry) + where + "'listPages' is required (the report column pages to watch), or 'home' to discover them from");
        }
        for (String url : listPages) {
            try {
                URI uri = URI.create(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.add(line(value(entry, "listPages")) + where + "'" + url + "' is not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                errors.add(line(value(entry, "listPages")) + where + "'" + url + "' is not a URL");
            }
        }
        List<String> patterns = strings(entry, "linkPatterns", errors, where);
        for (String pattern : patterns) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                errors.add(line(value(entry, "linkPatterns")) + where + "bad link pattern '" + pattern + "': " + e.getDescription());
            }
        }
        List<ExpectedAgency> agencies = new ArrayList<>();
        Node expected = value(entry, "expectedAgencies");
        if (expected instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof MappingNode agency && scalar(value(agency, "name")) != null) {
                    String level = scalar(value(agency, "level"));
                    AgencyLevel parsed = AgencyLevel.UNKNOWN;
                    if (level != null) {
                        try {
                            parsed = AgencyLevel.valueOf(level);
                        } catch (IllegalArgumentException e) {
                            errors.add(line(value(agency, "level")) + where + "unknown level '" + level + "' (one of "
                                    + List.of(AgencyLevel.values()) + ")");
                        }
                    }
                    agencies.add(ExpectedAgency.newBuilder().setName(scalar(value(agency, "name"))).setLevel(parsed).build());
                } else {
                    errors.add(line(item) + where + "an expected agency is {name: …, level: COUNTY|DEPARTMENT|TOWN|…}");
                }
            }
        } else if (expected != null) {
            errors.add(line(expected) + where + "'expectedAgencies' must be a list");
        }
        Region.Builder region = Region.newBuilder();
        Node regionNode = value(entry, "region");
        if (regionNode instanceof MappingNode r) {
            for (NodeTuple t : r.getValue()) {
                String key = scalar(t.getKeyNode());
                if (!REGION_KEYS.contains(key)) {
                    errors.add(line(t.getKeyNode()) + where + "unknown region key '" + key + "' (one of " + REGION_KEYS + ")");
                }
            }
            region.setCode(scalar(value(r, "code"))).setProvince(scalar(value(r, "province")))
                    .setPrefecture(scalar(value(r, "prefecture"))).setCounty(scalar(value(r, "county")));
            if (region.getCode() != null && !region.getCode().matches("\\d{6}")) {
                errors.add(line(value(r, "code")) + where + "region code '" + region.getCode() + "' is not a 6-digit 行政区划代码");
            }
        } else if (regionNode != null) {
            errors.add(line(regionNode) + where + "'region' is a mapping {code, province, prefecture, county}");
        }
        long intervalSeconds = interval(entry, errors, where);
        long delay = number(entry, "hostDelayMillis", 2000, errors, where);
        if (errors.size() > before) {
            return null;
        }
        return Portal.newBuilder().setId(id).setName(name).setRegion(region.build()).setListPages(listPages).setHome(home)
                .setLinkPatterns(patterns).setExpectedAgencies(agencies).setCrawlIntervalSeconds(intervalSeconds)
                .setHostDelayMillis(delay).setCharset(scalar(value(entry, "charset")))
                .setAcceptBrokenTls(bool(entry, "acceptBrokenTls")).setAllowPrivateAddresses(bool(entry, "allowPrivateAddresses"))
                .build();
    }

    private static String required(MappingNode entry, String key, List<String> errors) {
        String v = scalar(value(entry, key));
        if (v == null || v.isBlank()) {
            errors.add(line(entry) + "'" + key + "' is required");
            return null;
        }
        return v;
    }

    private static List<String> strings(MappingNode entry, String key, List<String> errors, String where) {
        Node node = value(entry, key);
        List<String> values = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String v = scalar(item);
                if (v == null) {
                    errors.add(line(item) + where + "'" + key + "' holds text items only");
                } else {
                    values.add(v);
                }
            }
        } else if (node != null) {
            errors.add(line(node) + where + "'" + key + "' must be a list");
        }
        return values;
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("((\\d+)([dhms]))+");
    private static final java.util.regex.Pattern DURATION_PART = java.util.regex.Pattern.compile("(\\d+)([dhms])");
    private static final long MIN_INTERVAL_SECONDS = 60;

    /** {@code crawlInterval: 30m} (or {@code 90s}, {@code 6h}, {@code 1d}, {@code 1h30m}); the older {@code crawlIntervalHours: 6} still read. */
    private static long interval(MappingNode entry, List<String> errors, String where) {
        Node duration = value(entry, "crawlInterval");
        Node hours = value(entry, "crawlIntervalHours");
        if (duration != null && hours != null) {
            errors.add(line(hours) + where + "give 'crawlInterval' or the older 'crawlIntervalHours', not both");
            return 0;
        }
        if (duration == null) {
            return number(entry, "crawlIntervalHours", 6, errors, where) * 3600;
        }
        String text = String.valueOf(scalar(duration)).trim().toLowerCase(java.util.Locale.ROOT);
        if (!DURATION.matcher(text).matches()) {
            errors.add(line(duration) + where + "'crawlInterval' is a duration such as 30m, 6h, 1d or 1h30m, not '" + scalar(duration) + "'");
            return 0;
        }
        long seconds = 0;
        java.util.regex.Matcher m = DURATION_PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            seconds += switch (m.group(2)) {
                case "d" -> n * 86_400;
                case "h" -> n * 3_600;
                case "m" -> n * 60;
                default -> n;
            };
        }
        if (seconds < MIN_INTERVAL_SECONDS) {
            errors.add(line(duration) + where + "'crawlInterval' must be at least 1m (a portal is not a feed), not '" + scalar(duration) + "'");
        }
        return seconds;
    }

    private static long number(MappingNode entry, String key, long fallback, List<String> errors, String where) {
        Node node = value(entry, key);
        if (node == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(String.valueOf(scalar(node)));
            if (v <= 0) {
                errors.add(line(node) + where + "'" + key + "' must be positive");
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(line(node) + where + "'" + key + "' must be a whole number, not '" + scalar(node) + "'");
            return fallback;
        }
    }

    private static boolean bool(MappingNode entry, String key) {
        return "true".equalsIgnoreCase(scalar(value(entry, key)));
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (key.equals(scalar(t.getKeyNode()))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static String line(Node node) {
        return node == null ? "" : "line " + (node.getStartMark().getLine() + 1) + ": ";
    }

}
