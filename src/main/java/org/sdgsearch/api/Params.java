package org.sdgsearch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks of query parameters; each failure is a 400 naming the parameter.
 */
final class Params {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Params() {
    }

    static int intIn(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw Problem.badRequest(name, name + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name, name + " must be a whole number, got '" + abbreviate(value) + "'");
        }
    }

    static Integer optionalInt(String name, String value, int min, int max) {
        return value == null || value.isBlank() ? null : intIn(name, value, 0, min, max);
    }

    /** Values given as repeated parameters and/or comma-separated. */
    static List<String> list(List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String r : raw) {
                if (r != null) {
                    for (String v : r.split(",")) {
                        if (!v.isBlank()) {
                            out.add(v.trim());
                        }
                    }
                }
            }
        }
        return out;
    }

    static List<Integer> sdgs(String name, List<String> raw) {
        List<Integer> out = new ArrayList<>();
        for (String v : list(raw)) {
            out.add(intIn(name, v, 0, 1, 17));
        }
        return out;
    }

    static List<String> codes(String name, List<String> raw, boolean upper) {
        List<String> out = new ArrayList<>();
        for (String v : list(raw)) {
            if (!CODE.matcher(v).matches()) {
                throw Problem.badRequest(name, name + " '" + abbreviate(v) + "' is not a valid value");
            }
            out.add(upper ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
