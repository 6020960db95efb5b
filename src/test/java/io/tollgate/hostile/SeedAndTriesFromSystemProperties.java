package io.tollgate.hostile;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * {@code -Dhostile.seed=<seed>} runs every property of the class with that seed (the one a failure
 * report printed), {@code -Dhostile.tries=<n>} with that many tries, without editing an annotation.
 */
final class SeedAndTriesFromSystemProperties implements AroundPropertyHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("hostile.seed");
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.trim());
        }
        String tries = System.getProperty("hostile.tries");
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.valueOf(tries.trim()));
        }
        return property.execute();
    }
}
