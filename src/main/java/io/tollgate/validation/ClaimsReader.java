package io.tollgate.validation;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.filter.FilteringParserDelegate;
import tools.jackson.core.filter.TokenFilter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a token's claims JSON into nimbus's {@link JWTClaimsSet}, keeping only the members that
 * some trusted issuer's checks or mapping look at ({@link #names}): JWT's registered claims (nimbus
 * checks {@code exp}, {@code nbf}, {@code iss} and {@code aud} by these names), and for each issuer
 * the claims its mapping reads ({@link ClaimsMapping#names}) and those its claims rules require,
 * prohibit or match exactly. Derived from the configured issuers, never listed by hand: a mapping
 * that reads a claim brings it along.
 *
 * <p>A Keycloak token carries about twice the claims anyone reads ({@code realm_access}, {@code
 * resource_access}, {@code allowed-origins}, …); building maps and lists for them, then having
 * {@code JWTClaimsSet.parse} walk them, was part of what an external token cost beyond a Tollgate
 * one (docs/BENCHMARKS.md, issue #15). Jackson's {@link FilteringParserDelegate} skips them, and
 * stays as strict as reading everything: the parser underneath still reads every member, nested
 * ones included, so a member given twice anywhere is refused ({@link
 * StreamReadFeature#STRICT_DUPLICATE_DETECTION}), as is malformed JSON or anything after the object.
 */
final class ClaimsReader {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Set<String> names;
    private final TokenFilter filter;

    private ClaimsReader(Set<String> names) {
        this.names = names;
        this.filter = new Members(names);
    }

    /** The reader of the claims that {@code issuers} use. */
    static ClaimsReader of(Collection<IssuerTrust> issuers) {
        Set<String> names = new TreeSet<>(JWTClaimsSet.getRegisteredNames());
        for (IssuerTrust trust : issuers) {
            names.addAll(trust.mapping().names());
            names.addAll(trust.claims().getRequiredClaims());
            names.addAll(trust.claims().getProhibitedClaims());
            names.addAll(trust.claims().getExactMatchClaims().getClaims().keySet());
        }
        return new ClaimsReader(Set.copyOf(names));
    }

    /** The claims read; every other member is skipped. */
    Set<String> names() {
        return names;
    }

    /**
     * @param json the claims part, decoded
     * @throws ParseException when the claims are no JSON object, or a registered claim has the wrong type
     * @throws JacksonException when the JSON is malformed, has a member twice, or goes on after the object
     */
    JWTClaimsSet read(byte[] json) throws ParseException {
        try (JsonParser parser = JSON.createParser(json);
                JsonParser filtered = new FilteringParserDelegate(
                        parser, filter, TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            Map<String, Object> claims = JSON.readValue(filtered, JSON_OBJECT);
            if (claims == null) {
                throw new ParseException("The claims are no JSON object", 0);
            }
            if (parser.nextToken() != null) {
                throw new ParseException("The claims go on after their JSON object", 0);
            }
            return JWTClaimsSet.parse(claims);
        }
    }

    /** The members of the claims object whose names are read; the object itself, even if none is there. */
    private static final class Members extends TokenFilter {

        private final Set<String> names;

        Members(Set<String> names) {
            this.names = names;
        }

        @Override
        public TokenFilter includeProperty(String name) {
            return names.contains(name) ? TokenFilter.INCLUDE_ALL : null;
        }

        @Override
        public boolean includeEmptyObject(boolean contentsFiltered) {
            return true;
        }
    }
}
