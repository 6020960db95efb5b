package io.tollgate.hostile;

import io.tollgate.support.RawResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The invariants every answer to a hostile request keeps, each a small named check. {@link
 * #violations} lists those broken, each as {@code name: what was seen}, so a failure says which
 * invariant broke; the property's report adds the request.
 */
final class Invariants {

    /** Text that only a stack trace or an exception's name puts in a body. */
    private static final Set<String> INTERNALS = Set.of(
            "Exception", "Caused by", "at io.", "at org.", "at java.", "java.", "reactor.", "springframework", ".java:");

    private Invariants() {}

    static List<String> violations(HostileRequest request, Optional<RawResponse> answer, Optional<String> upstreamTarget) {
        List<String> broken = new ArrayList<>();
        if (answer.isEmpty()) {
            broken.add("answered: the connection ended without a complete HTTP response");
            return broken;
        }
        RawResponse response = answer.get();
        Surface route = Surface.routeFor(request.method(), request.path());
        noServerFault(response).ifPresent(seen -> broken.add("noServerFault: " + seen));
        noInternalsInBody(response).ifPresent(seen -> broken.add("noInternalsInBody: " + seen));
        documentedAnswer(route, request, response).ifPresent(seen -> broken.add("documentedAnswer(" + route + "): " + seen));
        upstreamInsideRoute(route, upstreamTarget).ifPresent(seen -> broken.add("upstreamInsideRoute: " + seen));
        ambiguousCredentialsNotAdmitted(route, request, response)
                .ifPresent(seen -> broken.add("ambiguousCredentialsNotAdmitted: " + seen));
        return broken;
    }

    /** Never a 5xx other than the documented 503 (whose body {@link #documentedAnswer} checks). */
    static Optional<String> noServerFault(RawResponse response) {
        return response.status() >= 500 && response.status() != 503
                ? Optional.of("status " + response.status() + ", body " + HostileRequest.visible(response.text()))
                : Optional.empty();
    }

    /** Never a stack trace or an exception class name in a body. */
    static Optional<String> noInternalsInBody(RawResponse response) {
        String body = response.text();
        return INTERNALS.stream().filter(body::contains).findFirst()
                .map(marker -> "\"" + marker + "\" in " + HostileRequest.visible(body));
    }

    /**
     * The answer is one the route documents for its status; a request that is not HTTP at all, or
     * whose head is over Netty's limit, may instead get the server's bare 400 or 431 before any
     * route sees it.
     */
    static Optional<String> documentedAnswer(Surface route, HostileRequest request, RawResponse response) {
        if (request.refusableByServer() && Answers.codecRefusal(response)) {
            return Optional.empty();
        }
        return route.answers.check(request, response);
    }

    /**
     * A guarded route never admits a request whose credential headers are ambiguous: the guard
     * cannot know which one the upstream will read.
     */
    static Optional<String> ambiguousCredentialsNotAdmitted(Surface route, HostileRequest request, RawResponse response) {
        boolean ambiguous = route == Surface.DEMO_GENUIN && request.ambiguousCredentials(true)
                || route == Surface.DEMO_BEARER && request.ambiguousCredentials(false);
        return ambiguous && response.status() / 100 == 2
                ? Optional.of("admitted with " + response.status() + " by " + route)
                : Optional.empty();
    }

    /**
     * No upstream receives a path outside the part of its path space that the route admitting the
     * request owns, read as the most lenient upstream would read it.
     */
    static Optional<String> upstreamInsideRoute(Surface route, Optional<String> upstreamTarget) {
        if (upstreamTarget.isEmpty()) {
            return Optional.empty();
        }
        String received = upstreamTarget.get();
        if (route.upstreamPrefix == null) {
            return Optional.of("the upstream received " + HostileRequest.visible(received) + " through " + route);
        }
        String read = LenientUpstream.read(received);
        return read.equals(route.upstreamPrefix) || read.startsWith(route.upstreamPrefix + "/")
                ? Optional.empty()
                : Optional.of("admitted by " + route + " (" + route.upstreamPrefix + "/**), the upstream received "
                        + HostileRequest.visible(received) + ", which an upstream resolving it reads as " + read);
    }
}
