package io.tollgate.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit event: what happened ({@code action}, a dotted name such as {@code
 * credentials.account.suspended}) and the identifiers it concerns, in the order they were added.
 * Values are identifiers only (account ids, token ids, key ids, client addresses), never a secret,
 * a password or a token.
 *
 * @param action the event's name
 * @param fields the identifiers, by field name
 */
public record AuditEvent(String action, Map<String, String> fields) {

    public AuditEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static AuditEvent of(String action) {
        return new AuditEvent(action, Map.of());
    }

    /** This event with one more field; {@code value} is written with {@link String#valueOf}. */
    public AuditEvent with(String field, Object value) {
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(field, String.valueOf(value));
        return new AuditEvent(action, more);
    }
}
