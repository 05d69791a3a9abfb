package org.sdgsearch.source;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * Validates recrawl schedules with the same Quartz cron dialect and parser that quarkus-scheduler uses, so a
 * schedule that passes here also runs there.
 */
final class Cron {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private Cron() {
    }

    /** Null when the expression is valid, else what is wrong with it. */
    static String problem(String expression) {
        try {
            PARSER.parse(expression).validate();
            return null;
        } catch (IllegalArgumentException e) {
            return "'" + expression + "' is not a Quartz cron expression (e.g. '0 0 3 ? * SUN'): " + e.getMessage();
        }
    }
}
