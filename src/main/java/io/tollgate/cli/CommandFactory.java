package io.tollgate.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Makes the commands with the {@link CliContext} they take, everything else picocli's own way. */
final class CommandFactory implements CommandLine.IFactory {

    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == CliContext.class) {
                return type.cast(constructor.newInstance(context));
            }
        }
        return fallback.create(type);
    }
}
