package org.dtrmigration.cli;

import java.time.Duration;
import org.dtrmigration.util.Durations;
import picocli.CommandLine;

/** picocli's view of {@link Durations#parse}: 90s, 30m, 2h, 1d or PT30M. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse("duration", value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage().substring("duration: ".length()));
        }
    }
}
