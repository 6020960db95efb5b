package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a verb that makes an account reports: the lines that say what was done, then the new
 * secret, once, alone on the last line of standard output (so {@code | tail -n 1} captures it);
 * or, with {@code --json}, one JSON object and nothing else: {@code {"id":…,"secret":…}} and any
 * further fields (a public client, which has no secret, gets {@code {"id":…}}).
 */
final class Outcome {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> lines;
    private final String secret;

    /**
     * @param id the account ("id" of the JSON form)
     * @param lines what was done, one line each
     * @param secret the new secret, or {@code null} when there is none
     */
    Outcome(String id, List<String> lines, String secret) {
        this.fields.put("id", id);
        if (secret != null) {
            this.fields.put("secret", secret);
        }
        this.lines = List.copyOf(lines);
        this.secret = secret;
    }

    /** A further field of the JSON form, such as the brand's api-key. */
    Outcome with(String name, String value) {
        fields.put(name, value);
        return this;
    }

    void print(PrintWriter out, boolean json) {
        if (json) {
            out.println(JSON.writeValueAsString(fields));
            return;
        }
        lines.forEach(out::println);
        if (secret != null) {
            out.println(secret);
        }
    }
}
