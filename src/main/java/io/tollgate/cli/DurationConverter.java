package io.tollgate.cli;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ITypeConverter;

/** A duration written as the server's settings are ({@code 7d}, {@code 12h}, {@code PT36H}): Spring Boot's {@link DurationStyle}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration = DurationStyle.detectAndParse(value);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return duration;
    }
}
