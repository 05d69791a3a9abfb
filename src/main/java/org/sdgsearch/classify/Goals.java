package org.sdgsearch.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 17 Sustainable Development Goals: number, official colour and short names in the six UN languages.
 */
public final class Goals {

    /** The six UN languages, in the order of the names. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "zh", "ru");

    /**
     * One goal.
     *
     * @param number 1..17
     * @param colour official colour, e.g. "#26BDE2"
     * @param names  short name per language code
     */
    public record Goal(int number, String colour, Map<String, String> names) {
    }

    private static final List<Goal> ALL = load();

    private Goals() {
    }

    /** All 17 goals in order. */
    public static List<Goal> all() {
        return ALL;
    }

    /** One goal, 1..17. */
    public static Goal goal(int number) {
        return ALL.get(number - 1);
    }

    private static List<Goal> load() {
        try (InputStream in = Goals.class.getResourceAsStream("/classify/goals.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Goal> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Map<String, String> names = new LinkedHashMap<>();
                for (int i = 0; i < LANGUAGES.size(); i++) {
                    names.put(LANGUAGES.get(i), f[2 + i]);
                }
                out.add(new Goal(Integer.parseInt(f[0]), f[1], Map.copyOf(names)));
            }
            if (out.size() != 17) {
                throw new IllegalStateException("goals.tsv must list 17 goals, found " + out.size());
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
