package org.sdgsearch.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The sources in force: those of {@code crawler-config/} with the changes made through the admin API merged over
 * them. The changes live in their own file in the data directory (the configuration directory may be read-only and
 * belongs to the operator's version control), which is rewritten atomically on every change, so they survive a
 * restart. Every source, from either file, passes the same {@link SourceLoader} validation.
 *
 * <p>Thread-safe.
 */
public final class SourceCatalog {

    /** Where a source comes from. */
    public enum Origin {
        /** The sources file of crawler-config/. */
        CONFIG,
        /** Added or changed through the admin API. */
        ADMIN
    }

    private static final String HEADER = "# Written by the SDG Search admin API: sources added or changed (sources) and"
            + " sources of crawler-config/ removed (removed).\n# Merged over crawler-config at start; edit with care"
            + " while the service is stopped.\n";

    private final Path overridesFile;
    private final Map<String, Source> base = new LinkedHashMap<>();
    /** Raw mappings as submitted (after YAML/JSON parsing), kept to write them back. */
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private final Map<String, Source> overridden = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();

    /**
     * Loads the sources file and the overrides file (if it exists).
     *
     * @throws SourceConfigException naming file, line and field when either is invalid
     */
    public SourceCatalog(Path sourcesFile, Path overridesFile) {
        this.overridesFile = overridesFile;
        for (Source s : SourceLoader.load(sourcesFile)) {
            base.put(s.id(), s);
        }
        if (Files.exists(overridesFile)) {
            loadOverrides();
        }
    }

    @SuppressWarnings("unchecked")
    private void loadOverrides() {
        String text;
        try {
            text = Files.readString(overridesFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceConfigException(overridesFile, 0, "(file)", "cannot read: " + e);
        }
        Object root = yaml().load(text);
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new SourceConfigException(overridesFile, 1, "(file)", "expected a mapping with sources and removed");
        }
        Object list = map.get("sources");
        if (list instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                Object raw = items.get(i);
                Source s;
                try {
                    s = SourceLoader.parseOne(overridesFile, dump(raw));
                } catch (SourceConfigException e) {
                    throw new SourceConfigException(overridesFile, 0, "sources[" + i + "]." + e.field(),
                            e.getMessage());
                }
                overrides.put(s.id(), raw);
                overridden.put(s.id(), s);
            }
        }
        Object gone = map.get("removed");
        if (gone instanceof List<?> ids) {
            ids.forEach(id -> removed.add(String.valueOf(id)));
        }
    }

    /** Every source in force, crawler-config order first, then those added through the API. */
    public synchronized List<Source> all() {
        Map<String, Source> out = new LinkedHashMap<>();
        base.forEach((id, s) -> {
            if (!removed.contains(id)) {
                out.put(id, overridden.getOrDefault(id, s));
            }
        });
        overridden.forEach(out::putIfAbsent);
        return List.copyOf(out.values());
    }

    /** A source in force. */
    public synchronized Optional<Source> get(String id) {
        if (overridden.containsKey(id)) {
            return Optional.of(overridden.get(id));
        }
        return removed.contains(id) ? Optional.empty() : Optional.ofNullable(base.get(id));
    }

    /** Where a source in force comes from. */
    public synchronized Optional<Origin> origin(String id) {
        return get(id).map(s -> overridden.containsKey(id) ? Origin.ADMIN : Origin.CONFIG);
    }

    /**
     * Parses and validates one source given as YAML or JSON (JSON is YAML), without storing it.
     *
     * @param origin a name for messages, e.g. "request body"
     * @throws SourceConfigException naming the line and field at fault
     */
    public static Source parse(String origin, String text) {
        return SourceLoader.parseOne(Path.of(origin), text);
    }

    /**
     * Adds or replaces a source and persists the change.
     *
     * @param source the validated source (from {@link #parse})
     * @param text   the text it was parsed from, stored as given so that defaults keep following the code
     */
    public synchronized void put(Source source, String text) {
        Object raw = yaml().load(text);
        overrides.put(source.id(), raw);
        overridden.put(source.id(), source);
        removed.remove(source.id());
        save();
    }

    /** Removes a source (from either file) and persists the change; false when there was no such source. */
    public synchronized boolean remove(String id) {
        if (get(id).isEmpty()) {
            return false;
        }
        overrides.remove(id);
        overridden.remove(id);
        if (base.containsKey(id)) {
            removed.add(id);
        }
        save();
        return true;
    }

    private void save() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sources", new ArrayList<>(overrides.values()));
        root.put("removed", new ArrayList<>(removed));
        try {
            Path parent = overridesFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(overridesFile.getFileName() + ".tmp");
            Files.writeString(tmp, HEADER + dump(root), StandardCharsets.UTF_8);
            Files.move(tmp, overridesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the source overrides " + overridesFile, e);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(10 * 1024 * 1024);
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setWidth(120);
        return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options);
    }

    private static String dump(Object o) {
        return yaml().dump(o);
    }
}
