package org.sdgsearch.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The field schema read from index-schema/schema.yaml. Its fingerprint is stored in each commit of the index so
 * that an index built with another schema is refused instead of silently returning wrong results.
 *
 * @param version     schema version number
 * @param languages   language code → analyzer name, in declaration order
 * @param fields      field definitions by name, in declaration order
 * @param fingerprint SHA-256 of the normalised definitions (comments and formatting do not count)
 */
public record IndexSchema(int version, Map<String, String> languages, Map<String, FieldDef> fields,
                          String fingerprint) {

    /** The types a field may have. */
    public enum Type { KEYWORD, TEXT, INT, LONG, DATE, FLOAT, STORED }

    /**
     * One field.
     *
     * @param name        field name
     * @param type        value type
     * @param analyzer    "neutral" or "per-language" for text fields, else null
     * @param stored      returned in results
     * @param indexed     searchable or filterable
     * @param docValues   column-stored for sorting, boosting, facets
     * @param facet       a facet dimension
     * @param multiValued may hold several values
     * @param offsets     text fields: character offsets kept in the postings (for highlighting without re-analysis)
     */
    public record FieldDef(String name, Type type, String analyzer, boolean stored, boolean indexed,
                           boolean docValues, boolean facet, boolean multiValued, boolean offsets) {
    }

    private static final Set<String> ANALYZERS = Set.of("english", "french", "spanish", "arabic", "smartcn",
            "russian", "standard");

    /** What the code needs from the file: field name → type. */
    private static final Map<String, Type> REQUIRED = Map.ofEntries(
            Map.entry(Fields.ID, Type.KEYWORD), Map.entry(Fields.URL, Type.KEYWORD),
            Map.entry(Fields.PARTNERSHIP, Type.KEYWORD), Map.entry(Fields.TITLE, Type.TEXT),
            Map.entry(Fields.DESCRIPTION, Type.TEXT), Map.entry(Fields.TEXT, Type.TEXT),
            Map.entry(Fields.LANGUAGE, Type.KEYWORD), Map.entry(Fields.TYPE, Type.KEYWORD),
            Map.entry(Fields.MEDIA_TYPE, Type.STORED), Map.entry(Fields.COUNTRY, Type.KEYWORD),
            Map.entry(Fields.STAKEHOLDER, Type.KEYWORD), Map.entry(Fields.SDG, Type.KEYWORD),
            Map.entry(Fields.SDG_SCORE, Type.FLOAT), Map.entry(Fields.SDG_PROFILE, Type.STORED),
            Map.entry(Fields.YEAR, Type.INT), Map.entry(Fields.PUBLISHED, Type.DATE),
            Map.entry(Fields.MODIFIED, Type.DATE), Map.entry(Fields.FETCHED, Type.DATE),
            Map.entry(Fields.CHANGED, Type.DATE), Map.entry(Fields.AUTHOR, Type.STORED),
            Map.entry(Fields.PAGES, Type.STORED), Map.entry(Fields.PAGE_TEXTS, Type.STORED),
            Map.entry(Fields.SUGGEST, Type.TEXT));

    /**
     * Loads and validates a schema file.
     *
     * @throws IllegalStateException with a message naming the file and the problem
     */
    public static IndexSchema load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read index schema " + file + ": " + e, e);
        }
    }

    /** Parses schema YAML; {@code name} is used in messages. */
    @SuppressWarnings("unchecked")
    public static IndexSchema parse(String yaml, String name) {
        Object root;
        try {
            root = new Yaml(new LoaderOptions()).load(yaml);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Index schema " + name + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalStateException("Index schema " + name + ": expected a mapping with version, languages, fields");
        }
        int version = map.get("version") instanceof Integer v ? v : fail(name, "version", "must be a whole number");
        Map<String, String> languages = new LinkedHashMap<>();
        if (!(map.get("languages") instanceof Map<?, ?> langs) || langs.isEmpty()) {
            return fail(name, "languages", "must map language codes to analyzers");
        }
        for (Map.Entry<?, ?> e : langs.entrySet()) {
            String analyzer = String.valueOf(e.getValue());
            if (!ANALYZERS.contains(analyzer)) {
                fail(name, "languages." + e.getKey(), "unknown analyzer '" + analyzer + "' (known: " + ANALYZERS + ")");
            }
            languages.put(String.valueOf(e.getKey()), analyzer);
        }
        if (!(map.get("fields") instanceof List<?> list)) {
            return fail(name, "fields", "must be a list of field definitions");
        }
        Map<String, FieldDef> fields = new LinkedHashMap<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> f) || !(f.get("name") instanceof String fname)) {
                return fail(name, "fields", "every field needs a name");
            }
            Type type;
            try {
                type = Type.valueOf(String.valueOf(f.get("type")).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return fail(name, "fields." + fname + ".type", "unknown type '" + f.get("type") + "'");
            }
            String analyzer = f.get("analyzer") == null ? null : String.valueOf(f.get("analyzer"));
            if (type == Type.TEXT && !("neutral".equals(analyzer) || "per-language".equals(analyzer))) {
                fail(name, "fields." + fname + ".analyzer", "text fields need analyzer neutral or per-language");
            }
            FieldDef def = new FieldDef(fname, type, analyzer, flag(f, "stored"), flag(f, "indexed"),
                    flag(f, "doc-values"), flag(f, "facet"), flag(f, "multi-valued"), flag(f, "offsets"));
            if (def.offsets() && type != Type.TEXT) {
                fail(name, "fields." + fname + ".offsets", "only text fields can keep offsets");
            }
            if (fields.put(fname, def) != null) {
                fail(name, "fields." + fname, "declared twice");
            }
        }
        for (Map.Entry<String, Type> need : REQUIRED.entrySet()) {
            FieldDef def = fields.get(need.getKey());
            if (def == null) {
                fail(name, "fields." + need.getKey(), "is missing (the code needs it)");
            } else if (def.type() != need.getValue()) {
                fail(name, "fields." + need.getKey() + ".type", "is " + def.type() + " but the code needs "
                        + need.getValue());
            }
        }
        StringBuilder canonical = new StringBuilder("v" + version + ";");
        languages.forEach((k, v) -> canonical.append(k).append('=').append(v).append(';'));
        fields.values().forEach(d -> canonical.append(d).append(';'));
        return new IndexSchema(version, Map.copyOf(languages), java.util.Collections.unmodifiableMap(fields),
                sha256(canonical.toString()));
    }

    /** The facet dimensions, in declaration order. */
    public List<String> facetFields() {
        List<String> out = new ArrayList<>();
        fields.values().stream().filter(FieldDef::facet).forEach(d -> out.add(d.name()));
        return out;
    }

    /** The field's definition; fails for unknown names (a programming error). */
    public FieldDef field(String name) {
        FieldDef def = fields.get(name);
        if (def == null) {
            throw new IllegalArgumentException("No field '" + name + "' in the index schema");
        }
        return def;
    }

    private static boolean flag(Map<?, ?> f, String key) {
        return Boolean.TRUE.equals(f.get(key));
    }

    private static <T> T fail(String file, String field, String problem) {
        throw new IllegalStateException("Index schema " + file + ": field '" + field + "' " + problem);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
