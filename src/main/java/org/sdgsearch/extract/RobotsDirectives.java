package org.sdgsearch.extract;

import java.util.List;
import java.util.Locale;

/**
 * The indexing directives of a robots meta tag or X-Robots-Tag header: "noindex", "nofollow", "none".
 */
record RobotsDirectives(boolean noindex, boolean nofollow) {
    static RobotsDirectives parse(List<String> values) {
        boolean noindex = false;
        boolean nofollow = false;
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String token = part.trim().toLowerCase(Locale.ROOT);
                // "googlebot: noindex" in X-Robots-Tag addresses another crawler; only bare directives bind us.
                int colon = token.indexOf(':');
                if (colon >= 0 && !token.startsWith("unavailable_after")) {
                    String agent = token.substring(0, colon).trim();
                    if (!agent.equals("sdgsearch") && !agent.equals("*")) {
                        continue;
                    }
                    token = token.substring(colon + 1).trim();
                }
                switch (token) {
                    case "noindex" -> noindex = true;
                    case "nofollow" -> nofollow = true;
                    case "none" -> {
                        noindex = true;
                        nofollow = true;
                    }
                    default -> {
                        // index, follow, noarchive... do not concern extraction
                    }
                }
            }
        }
        return new RobotsDirectives(noindex, nofollow);
    }
}
