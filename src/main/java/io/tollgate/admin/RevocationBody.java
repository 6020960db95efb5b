package io.tollgate.admin;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.token.TokenKind;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The JSON body of {@code POST /actuator/revocations}, read into what it asks to cut off: {@code
 * {"kind":…,"subject":…}} is every token of that kind and subject ({@link CutOffTarget.Subject}),
 * {@code {"client":…}} every OAuth token of that client ({@link CutOffTarget.Client}), each with an
 * optional {@code "issuer"} (default {@link CutOffTarget#DEFAULT_ISSUER}; any configured issuer
 * id, {@code tollgate.validation.issuers}). Anything else (another field, a value that is not a
 * string, both forms at once, neither, an unknown kind or issuer, a blank or overlong identifier)
 * is an {@link InvalidRevocationRequest}.
 */
final class RevocationBody {

    /** The longest subject or client id accepted: far above any account id, far below the body limit. */
    static final int MAX_IDENTIFIER_LENGTH = 256;

    private static final Set<String> FIELDS = Set.of("kind", "subject", "client", "issuer");

    private RevocationBody() {}

    /** @param issuers the configured issuer ids, {@code tollgate} among them */
    static CutOffTarget read(JsonNode body, Set<String> issuers) {
        if (body == null || !body.isObject()) {
            throw new InvalidRevocationRequest("The body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new InvalidRevocationRequest("Only the fields kind, subject, client and issuer are accepted");
            }
            if (!field.getValue().isString()) {
                throw new InvalidRevocationRequest("Every field must be a string");
            }
        }
        String issuer = body.has("issuer") ? body.get("issuer").stringValue() : CutOffTarget.DEFAULT_ISSUER;
        if (!issuers.contains(issuer)) {
            throw new InvalidRevocationRequest("Unknown issuer: name a configured issuer id, such as tollgate");
        }
        boolean bySubject = body.has("kind") || body.has("subject");
        if (bySubject == body.has("client")) {
            throw new InvalidRevocationRequest("Name either kind and subject, or client");
        }
        if (!bySubject) {
            return new CutOffTarget.Client(issuer, identifier(body, "client"));
        }
        if (!body.has("kind") || !body.has("subject")) {
            throw new InvalidRevocationRequest("kind and subject go together");
        }
        return new CutOffTarget.Subject(issuer, kind(body.get("kind").stringValue()), identifier(body, "subject"));
    }

    private static TokenKind kind(String value) {
        for (TokenKind kind : TokenKind.values()) {
            if (kind.claimValue().equals(value)) {
                return kind;
            }
        }
        throw new InvalidRevocationRequest("kind must be brand, channel, oauth-user or oauth-app");
    }

    private static String identifier(JsonNode body, String field) {
        String value = body.get(field).stringValue();
        if (value.isBlank() || value.length() > MAX_IDENTIFIER_LENGTH) {
            throw new InvalidRevocationRequest(
                    field + " must be 1 to " + MAX_IDENTIFIER_LENGTH + " characters, not blank");
        }
        return value;
    }
}
