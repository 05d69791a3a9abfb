package org.sdgsearch.api;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code sdg.admin.password} (normally the environment variable SDG_ADMIN_PASSWORD) into the embedded user
 * {@code admin} of quarkus-elytron-security-properties-file, and defines no such user at all when it is unset or
 * blank. A plain {@code users.admin=${sdg.admin.password:}} cannot do this: Quarkus refuses to start with an empty
 * user entry, and a committed default password would be a published secret.
 */
public class AdminUserConfig implements ConfigSourceFactory {

    static final String USER_PROPERTY = "quarkus.security.users.embedded.users.admin";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue password = context.getValue("sdg.admin.password");
        if (password == null || password.getValue() == null || password.getValue().isBlank()) {
            return List.of();
        }
        // Below the environment (300) so that an operator's explicit quarkus.security.* setting still wins.
        return List.of(new PropertiesConfigSource(Map.of(USER_PROPERTY, password.getValue()), "sdg-admin-user", 275));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }
}
