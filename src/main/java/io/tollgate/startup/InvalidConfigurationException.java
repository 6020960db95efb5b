package io.tollgate.startup;

/**
 * A configuration that cannot work as written: a contradiction in the credentials file or in a
 * route's policy, or a value that cannot be read. Its message is one line that names the entry and
 * the fix, and never quotes a secret; {@link InvalidConfigurationFailureAnalyzer} makes that line
 * the whole report of a failed start.
 */
public class InvalidConfigurationException extends IllegalStateException {

    private final String source;

    /**
     * @param line what is wrong, with the entry it is in and how to fix it
     * @param source where the entry lives, such as "the credentials file", for the report's action
     */
    public InvalidConfigurationException(String line, String source) {
        super(line);
        this.source = source;
    }

    /** Where the entry lives, such as "the credentials file". */
    public String source() {
        return source;
    }
}
