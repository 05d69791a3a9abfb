package org.sdgsearch.source;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads and validates a sources file (see crawler-config/README.md for the format). We walk SnakeYAML's node tree
 * instead of binding to classes so that every error can name its line and field.
 */
public final class SourceLoader {

    /** Weekly, Sunday 03:00, when a source names no schedule. */
    public static final String DEFAULT_SCHEDULE = "0 0 3 ? * SUN";
    static final int DEFAULT_MAX_DEPTH = 10;
    static final int DEFAULT_MAX_PAGES = 10_000;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> SOURCE_KEYS = Set.of("id", "name", "description", "lead-organisations",
            "stakeholder-types", "countries", "declared-sdgs", "websites", "folders", "schedule");
    private static final Set<String> WEBSITE_KEYS = Set.of("seeds", "sitemaps", "hosts", "subdomains",
            "path-prefixes", "include", "exclude", "max-depth", "max-pages");
    private static final Set<String> FOLDER_KEYS = Set.of("path", "base-url", "include");

    private final Path file;

    private SourceLoader(Path file) {
        this.file = file;
    }

    /**
     * Reads and validates a sources file.
     *
     * @throws SourceConfigException naming file, line and field when the file is missing or invalid
     */
    public static List<Source> load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceConfigException(file, 0, "(file)", "cannot read: " + e);
        }
        return parse(file, yaml);
    }

    /** Validates sources given as YAML text; {@code file} is only used in messages and to resolve folders. */
    public static List<Source> parse(Path file, String yaml) {
        return new SourceLoader(file).read(new StringReader(yaml));
    }

    /** Validates one source given as a YAML mapping (the admin API uses this). */
    public static Source parseOne(Path file, String yaml) {
        SourceLoader loader = new SourceLoader(file);
        Node root = loader.compose(new StringReader(yaml));
        if (!(root instanceof MappingNode map)) {
            throw loader.error(root, "source", "expected a mapping with id, name and websites or folders");
        }
        return loader.source(map, "source");
    }

    private Node compose(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(10 * 1024 * 1024);
        try {
            return new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new SourceConfigException(file, line, "(syntax)", e.getProblem());
        } catch (RuntimeException e) {
            throw new SourceConfigException(file, 0, "(syntax)", String.valueOf(e.getMessage()));
        }
    }

    private List<Source> read(Reader reader) {
        Node root = compose(reader);
        if (root == null) {
            throw new SourceConfigException(file, 1, "sources", "the file is empty");
        }
        if (!(root instanceof MappingNode map)) {
            throw error(root, "sources", "expected a mapping with a 'sources' list");
        }
        Node list = null;
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode(), "(key)");
            if (!key.equals("sources")) {
                throw error(t.getKeyNode(), key, "unknown top-level field (expected 'sources')");
            }
            list = t.getValueNode();
        }
        if (!(list instanceof SequenceNode seq)) {
            throw error(list == null ? root : list, "sources", "expected a list of sources");
        }
        List<Source> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node n = seq.getValue().get(i);
            String path = "sources[" + i + "]";
            if (!(n instanceof MappingNode m)) {
                throw error(n, path, "expected a mapping");
            }
            Source s = source(m, path);
            if (!ids.add(s.id())) {
                throw error(n, path + ".id", "duplicate id '" + s.id() + "'");
            }
            sources.add(s);
        }
        return List.copyOf(sources);
    }

    private Source source(MappingNode m, String path) {
        checkKeys(m, path, SOURCE_KEYS);
        String id = requiredString(m, path, "id");
        if (!ID.matcher(id).matches()) {
            throw error(value(m, "id"), path + ".id",
                    "'" + id + "' must be lower-case letters, digits and '-' (at most 64)");
        }
        String name = requiredString(m, path, "name");
        String description = optionalString(m, path, "description", "");
        List<String> leads = strings(m, path, "lead-organisations");
        List<String> stakeholders = strings(m, path, "stakeholder-types");
        List<String> countries = new ArrayList<>();
        for (String c : strings(m, path, "countries")) {
            String code = c.toUpperCase(Locale.ROOT);
            if (!COUNTRY.matcher(code).matches()) {
                throw error(value(m, "countries"), path + ".countries",
                        "'" + c + "' is not an ISO 3166-1 alpha-2 country code");
            }
            countries.add(code);
        }
        List<Integer> sdgs = new ArrayList<>();
        for (String g : strings(m, path, "declared-sdgs")) {
            int goal;
            try {
                goal = Integer.parseInt(g);
            } catch (NumberFormatException e) {
                goal = 0;
            }
            if (goal < 1 || goal > 17) {
                throw error(value(m, "declared-sdgs"), path + ".declared-sdgs", "'" + g + "' is not an SDG 1-17");
            }
            sdgs.add(goal);
        }
        List<Website> websites = new ArrayList<>();
        Node ws = value(m, "websites");
        if (ws != null) {
            List<Node> items = sequence(ws, path + ".websites");
            for (int i = 0; i < items.size(); i++) {
                websites.add(website(items.get(i), path + ".websites[" + i + "]"));
            }
        }
        List<DocumentFolder> folders = new ArrayList<>();
        Node fs = value(m, "folders");
        if (fs != null) {
            List<Node> items = sequence(fs, path + ".folders");
            for (int i = 0; i < items.size(); i++) {
                folders.add(folder(items.get(i), path + ".folders[" + i + "]"));
            }
        }
        if (websites.isEmpty() && folders.isEmpty()) {
            throw error(m, path + ".websites", "a source needs at least one website or document folder");
        }
        String schedule = optionalString(m, path, "schedule", DEFAULT_SCHEDULE);
        String cronProblem = Cron.problem(schedule);
        if (cronProblem != null) {
            throw error(value(m, "schedule"), path + ".schedule", cronProblem);
        }
        return new Source(id, name, description, leads, stakeholders, countries, sdgs, websites, folders, schedule);
    }

    private Website website(Node n, String path) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, path, "expected a mapping with seeds");
        }
        checkKeys(m, path, WEBSITE_KEYS);
        List<URI> seeds = urls(m, path, "seeds");
        if (seeds.isEmpty()) {
            throw error(m, path + ".seeds", "at least one seed URL is required");
        }
        List<URI> sitemaps = urls(m, path, "sitemaps");
        List<String> hosts = strings(m, path, "hosts");
        if (hosts.isEmpty()) {
            hosts = seeds.stream().map(u -> u.getHost().toLowerCase(Locale.ROOT)).distinct().toList();
        }
        boolean subdomains = bool(m, path, "subdomains", false);
        List<String> prefixes = strings(m, path, "path-prefixes");
        for (String p : prefixes) {
            if (!p.startsWith("/")) {
                throw error(value(m, "path-prefixes"), path + ".path-prefixes", "'" + p + "' must start with '/'");
            }
        }
        List<Pattern> include = patterns(m, path, "include");
        List<Pattern> exclude = patterns(m, path, "exclude");
        int maxDepth = integer(m, path, "max-depth", DEFAULT_MAX_DEPTH, 0, 1000);
        int maxPages = integer(m, path, "max-pages", DEFAULT_MAX_PAGES, 1, 10_000_000);
        Scope scope = new Scope(hosts, subdomains, prefixes, include, exclude);
        for (URI seed : seeds) {
            if (!scope.contains(seed)) {
                throw error(value(m, "seeds"), path + ".seeds", "seed " + seed + " is outside the website's scope");
            }
        }
        return new Website(seeds, sitemaps, scope, maxDepth, maxPages);
    }

    private DocumentFolder folder(Node n, String path) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, path, "expected a mapping with a path");
        }
        checkKeys(m, path, FOLDER_KEYS);
        String p = requiredString(m, path, "path");
        Path dir = Path.of(p);
        if (!dir.isAbsolute()) {
            Path parent = file.toAbsolutePath().getParent();
            dir = parent == null ? dir : parent.resolve(dir).normalize();
        }
        String baseUrl = optionalString(m, path, "base-url", null);
        if (baseUrl != null) {
            parseUrl(value(m, "base-url"), path + ".base-url", baseUrl);
        }
        return new DocumentFolder(dir, baseUrl, strings(m, path, "include"));
    }

    // ---- small typed readers; each names the field in its error ----

    private void checkKeys(MappingNode m, String path, Set<String> allowed) {
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), path);
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), path + "." + key, "unknown field (allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
            if (!seen.add(key)) {
                throw error(t.getKeyNode(), path + "." + key, "given twice");
            }
        }
    }

    private static Node value(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private String scalar(Node n, String path) {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, path, "expected a single value");
        }
        return s.getValue().trim();
    }

    private String requiredString(MappingNode m, String path, String key) {
        Node n = value(m, key);
        if (n == null) {
            throw error(m, path + "." + key, "is required");
        }
        String s = scalar(n, path + "." + key);
        if (s.isEmpty()) {
            throw error(n, path + "." + key, "must not be empty");
        }
        return s;
    }

    private String optionalString(MappingNode m, String path, String key, String dflt) {
        Node n = value(m, key);
        if (n == null) {
            return dflt;
        }
        String s = scalar(n, path + "." + key);
        return s.isEmpty() ? dflt : s;
    }

    private boolean bool(MappingNode m, String path, String key, boolean dflt) {
        Node n = value(m, key);
        if (n == null) {
            return dflt;
        }
        String s = scalar(n, path + "." + key).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw error(n, path + "." + key, "expected true or false, got '" + s + "'");
        };
    }

    private int integer(MappingNode m, String path, String key, int dflt, int min, int max) {
        Node n = value(m, key);
        if (n == null) {
            return dflt;
        }
        String s = scalar(n, path + "." + key);
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw error(n, path + "." + key, v + " is outside " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(n, path + "." + key, "expected a whole number, got '" + s + "'");
        }
    }

    private List<Node> sequence(Node n, String path) {
        if (!(n instanceof SequenceNode seq)) {
            throw error(n, path, "expected a list");
        }
        return seq.getValue();
    }

    private List<String> strings(MappingNode m, String path, String key) {
        Node n = value(m, key);
        if (n == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : sequence(n, path + "." + key)) {
            String s = scalar(item, path + "." + key);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private List<URI> urls(MappingNode m, String path, String key) {
        Node n = value(m, key);
        if (n == null) {
            return List.of();
        }
        List<URI> out = new ArrayList<>();
        for (Node item : sequence(n, path + "." + key)) {
            out.add(parseUrl(item, path + "." + key, scalar(item, path + "." + key)));
        }
        return out;
    }

    private URI parseUrl(Node n, String path, String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw error(n, path, "'" + s + "' is not an absolute http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw error(n, path, "'" + s + "' is not a valid URL: " + e.getReason());
        }
    }

    private List<Pattern> patterns(MappingNode m, String path, String key) {
        List<Pattern> out = new ArrayList<>();
        for (String s : strings(m, path, key)) {
            try {
                out.add(Pattern.compile(s));
            } catch (PatternSyntaxException e) {
                throw error(value(m, key), path + "." + key, "'" + s + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return out;
    }

    private SourceConfigException error(Node n, String field, String problem) {
        int line = n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
        return new SourceConfigException(file, line, field, problem);
    }
}
