package dev.govwatch.notifier;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.govwatch.schemas.AlertCategory;

/**
 * The webhook file: who receives which alerts. Every error is reported with its line, all at once.
 * Secrets come from the environment ({@code secretEnv}), so the file can be committed.
 *
 * <pre>
 * webhooks:
 *   - name: evaluators                      # letters, digits, '.', '_', '-'
 *     url: https://hooks.example.org/govwatch
 *     secretEnv: GOVWATCH_HOOK_SECRET       # or secret: … (tests)
 *     categories: [MISSING, LATE]           # optional; default all
 *     regions: [河北省, "130100"]            # optional; default all
 *     severity: INFO                        # optional; the least severity sent (default WARNING,
 *                                           #   or the command's --notify-severity)
 * </pre>
 */
public final class WebhookFile {

    private static final Set<String> KEYS = Set.of("name", "url", "secret", "secretEnv", "categories", "regions",
            "severity");
    private static final Set<String> CATEGORIES = Arrays.stream(AlertCategory.values()).map(Enum::name).collect(Collectors.toSet());

    /** The webhooks read, and every error found with its line. */
    public record Result(List<Webhook> webhooks, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private WebhookFile() {
    }

    public static Result read(Path file, Map<String, String> environment) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, environment);
        }
    }

    public static Result parse(Reader reader, Map<String, String> environment) {
        Node root;
        try {
            root = new Yaml().compose(reader);
        } catch (YAMLException e) {
            return new Result(List.of(), List.of("not YAML: " + e.getMessage()));
        }
        Node list = root instanceof MappingNode map ? value(map, "webhooks") : null;
        if (!(list instanceof SequenceNode items)) {
            return new Result(List.of(), List.of(line(root) + "the file must have a top-level 'webhooks:' list"));
        }
        List<String> errors = new ArrayList<>();
        List<Webhook> hooks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : items.getValue()) {
            if (!(item instanceof MappingNode entry)) {
                errors.add(line(item) + "each webhook is a mapping with name, url, secretEnv …");
                continue;
            }
            int before = errors.size();
            for (NodeTuple t : entry.getValue()) {
                String key = scalar(t.getKeyNode());
                if (!KEYS.contains(key)) {
                    errors.add(line(t.getKeyNode()) + "unknown key '" + key + "' (expected one of " + KEYS + ")");
                }
            }
            String name = scalar(value(entry, "name"));
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                errors.add(line(entry) + "'name' is required: letters, digits, '.', '_' and '-'");
            } else if (!names.add(name)) {
                errors.add(line(value(entry, "name")) + "duplicate webhook name '" + name + "'");
            }
            String url = scalar(value(entry, "url"));
            URI uri = null;
            if (url == null || !url.matches("(?i)https?://\\S+")) {
                errors.add(line(value(entry, "url") == null ? entry : value(entry, "url")) + "'url' is required: an http(s) URL");
            } else {
                uri = URI.create(url);
            }
            String secret = scalar(value(entry, "secret"));
            String secretEnv = scalar(value(entry, "secretEnv"));
            if (secret == null && secretEnv != null) {
                secret = environment.get(secretEnv);
                if (secret == null || secret.isBlank()) {
                    errors.add(line(value(entry, "secretEnv")) + "environment variable " + secretEnv + " is not set");
                }
            } else if (secret == null) {
                errors.add(line(entry) + "give 'secretEnv' (the variable holding the signing secret) or 'secret'");
            }
            Set<String> categories = texts(entry, "categories", errors);
            for (String c : categories) {
                if (!CATEGORIES.contains(c)) {
                    errors.add(line(value(entry, "categories")) + "unknown category '" + c + "' (one of " + CATEGORIES + ")");
                }
            }
            Set<String> regions = texts(entry, "regions", errors);
            String severityText = scalar(value(entry, "severity"));
            dev.govwatch.schemas.Severity severity = null;
            if (severityText != null) {
                try {
                    severity = dev.govwatch.schemas.Severity.valueOf(severityText.trim().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(line(value(entry, "severity")) + "unknown severity '" + severityText + "' (INFO, WARNING or ERROR)");
                }
            }
            if (errors.size() == before) {
                hooks.add(new Webhook(name, uri, secret, categories, regions, severity));
            }
        }
        return new Result(errors.isEmpty() ? hooks : List.of(), errors);
    }

    private static Set<String> texts(MappingNode entry, String key, List<String> errors) {
        Node node = value(entry, key);
        Set<String> out = new LinkedHashSet<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            errors.add(line(node) + "'" + key + "' must be a list");
            return out;
        }
        for (Node item : seq.getValue()) {
            String text = scalar(item);
            if (text == null) {
                errors.add(line(item) + "'" + key + "' holds text items only");
            } else {
                out.add(text.trim());
            }
        }
        return out;
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
