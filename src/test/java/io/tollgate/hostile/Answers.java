package io.tollgate.hostile;

import io.tollgate.support.RawResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers docs/API.md documents for each kind of route, status by status: a response is
 * documented when its status is in the table and its body is that status's body, byte for byte
 * where the contract fixes the bytes. {@link #check} names what is wrong, or nothing.
 *
 * <p>The path firewall's 400 uses the dialect of the route the raw path matches, and the bearer
 * dialect's where that route has none (the OAuth pages and documents, the public route, no route),
 * so those tables also hold the bearer {@code invalid_request}.
 */
enum Answers {
    /** {@code /demo/genuin/**}: the upstream's answer, or a genuin rejection. */
    GENUIN {
        @Override
        Optional<String> body(RawResponse response) {
            return switch (response.status()) {
                case 200 -> upstreamEcho(response);
                case 400 -> exact(response, GENUIN_MALFORMED);
                case 401 -> oneOf(response, List.of(genuin("4010", "Access token missing."),
                        genuin("4011", "Access token invalid."), genuin("4012", "Access token expired.")));
                case 403 -> exact(response, genuin("4030", "Access denied."));
                case 429 -> exact(response, genuin("4290", "Too many requests."));
                case 503 -> exact(response, GENUIN_UNAVAILABLE);
                default -> undocumented(response);
            };
        }
    },
    /** {@code POST /api/thirdparty/auth}. */
    BRAND {
        @Override
        Optional<String> body(RawResponse response) {
            return switch (response.status()) {
                case 200 -> exact(response,
                        "{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}");
                case 400 -> exact(response, GENUIN_MALFORMED);
                case 404 -> exact(response, genuin("5235", "Brand not exists."));
                case 412 -> exact(response, genuin("5166", "XXXX-[Invalid Use of API]"));
                case 503 -> exact(response, GENUIN_UNAVAILABLE);
                default -> undocumented(response);
            };
        }
    },
    /** {@code POST /generateToken}: plain text. */
    CHANNEL {
        @Override
        Optional<String> body(RawResponse response) {
            if (!response.mediaType().equals("text/plain")) {
                return Optional.of("Content-Type " + response.header("content-type") + ", not text/plain");
            }
            return switch (response.status()) {
                case 200 -> response.text().isBlank() ? Optional.of("an empty token") : Optional.empty();
                case 400 -> exact(response, "invalid request");
                case 401 -> exact(response, "invalid username or password");
                case 403 -> exact(response, "token expired");
                case 413 -> exact(response, "request too large");
                case 429 -> exact(response, "too many requests");
                case 503 -> exact(response, "service unavailable");
                default -> undocumented(response);
            };
        }
    },
    /** {@code /demo/bearer/**}: the upstream's answer, or an RFC 6750 rejection. */
    BEARER {
        @Override
        Optional<String> body(RawResponse response) {
            if (response.status() == 200) {
                return upstreamEcho(response);
            }
            if (response.status() == 401 && response.header("www-authenticate").stream()
                    .noneMatch(challenge -> challenge.startsWith("Bearer realm=\"tollgate\""))) {
                return Optional.of("401 without the Bearer challenge: " + response.header("www-authenticate"));
            }
            return bearerError(response);
        }
    },
    /** {@code /demo/public/**}: the upstream's answer, or the firewall's 400. */
    PUBLIC {
        @Override
        Optional<String> body(RawResponse response) {
            return response.status() == 200 ? upstreamEcho(response) : firewall(response);
        }
    },
    /** The OAuth JSON endpoints: {@code request_token}, {@code introspect}, {@code validate_token}, {@code invalidate_token}. */
    OAUTH {
        @Override
        Optional<String> body(RawResponse response) {
            if (response.status() == 200) {
                return jsonObject(response).isPresent() ? Optional.empty() : Optional.of("200 without a JSON object");
            }
            Set<String> errors = switch (response.status()) {
                case 400 -> Set.of("invalid_request", "invalid_grant", "unsupported_grant_type", "invalid_scope",
                        "invalid_token");
                case 401 -> Set.of("invalid_client", "unauthorized_client");
                case 429 -> Set.of("too_many_requests");
                case 503 -> Set.of("temporarily_unavailable");
                default -> Set.of();
            };
            return errors.isEmpty() ? undocumented(response) : oauthError(response, errors);
        }
    },
    /** The authorization pages: HTML (405 for a GET of the login or consent form), or a redirect. */
    PAGE {
        @Override
        Optional<String> body(RawResponse response) {
            int status = response.status();
            if (status == 303 || status == 302) {
                return response.header("location").isEmpty() ? Optional.of(status + " without Location") : Optional.empty();
            }
            if (status == 400 && response.mediaType().equals("application/json")) {
                return firewall(response);
            }
            if (!Set.of(200, 400, 401, 403, 405, 429, 503).contains(status)) {
                return undocumented(response);
            }
            return response.mediaType().equals("text/html") && response.text().toLowerCase(Locale.ROOT).contains("<html")
                    ? Optional.empty()
                    : Optional.of(status + " that is not the HTML page: " + response.header("content-type"));
        }
    },
    /** JWKS and the authorization server metadata: a JSON document. */
    DOCUMENT {
        @Override
        Optional<String> body(RawResponse response) {
            if (response.status() == 200) {
                return jsonObject(response).isPresent() ? Optional.empty() : Optional.of("200 without a JSON object");
            }
            return firewall(response);
        }
    },
    /** No route: Spring's standard error response, or the firewall's 400. */
    UNROUTED {
        @Override
        Optional<String> body(RawResponse response) {
            if (response.status() == 400 && firewall(response).isEmpty()) {
                return Optional.empty();
            }
            return standardError(response);
        }
    };

    static final String GENUIN_MALFORMED = genuin("1099", "An unexpected error occurred processing the request");
    static final String GENUIN_UNAVAILABLE = genuin("5030", "Service temporarily unavailable.");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> STANDARD_ERROR_FIELDS = Set.of("timestamp", "path", "status", "error", "requestId");

    /**
     * What is wrong with {@code response}'s body for its status, or nothing. A HEAD answer has no
     * body to judge: its status must still be one the route documents.
     */
    Optional<String> check(HostileRequest request, RawResponse response) {
        if (request.isHead()) {
            return response.status() >= 500 && response.status() != 503
                    ? Optional.of("HEAD answered " + response.status()) : Optional.empty();
        }
        return body(response);
    }

    abstract Optional<String> body(RawResponse response);

    /**
     * The server's own refusal of a request that is not HTTP (a control character in a header, a
     * request target that is not a URI): 400 (or 431 for an oversized head) with no body, from
     * Netty's codec or Spring's server adapter, before any route.
     */
    static boolean codecRefusal(RawResponse response) {
        return (response.status() == 400 || response.status() == 431) && response.body().length == 0;
    }

    private static String genuin(String code, String message) {
        return "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"data\":{}}";
    }

    private static Optional<String> exact(RawResponse response, String expected) {
        return oneOf(response, List.of(expected));
    }

    private static Optional<String> oneOf(RawResponse response, List<String> expected) {
        return expected.contains(response.text())
                ? Optional.empty()
                : Optional.of(response.status() + " with body " + shown(response) + ", expected one of " + expected);
    }

    private static Optional<String> undocumented(RawResponse response) {
        return Optional.of("undocumented status " + response.status() + " with body " + shown(response));
    }

    private static Optional<String> upstreamEcho(RawResponse response) {
        return jsonObject(response).filter(echo -> echo.has("path") && echo.has("method")).isPresent()
                ? Optional.empty()
                : Optional.of("200 that is not the upstream's echo: " + shown(response));
    }

    /** The bearer dialect's {@code invalid_request}: the firewall's answer where a route has no dialect. */
    private static Optional<String> firewall(RawResponse response) {
        return response.status() == 400 ? oauthError(response, Set.of("invalid_request")) : undocumented(response);
    }

    private static Optional<String> bearerError(RawResponse response) {
        Set<String> errors = switch (response.status()) {
            case 400 -> Set.of("invalid_request");
            case 401 -> Set.of("unauthorized", "invalid_token");
            case 403 -> Set.of("insufficient_scope");
            case 429 -> Set.of("too_many_requests");
            case 503 -> Set.of("temporarily_unavailable");
            default -> Set.of();
        };
        return errors.isEmpty() ? undocumented(response) : oauthError(response, errors);
    }

    /** {@code {"error":…,"error_description":…}} and nothing else, with {@code error} one of {@code errors}. */
    private static Optional<String> oauthError(RawResponse response, Set<String> errors) {
        Optional<JsonNode> body = jsonObject(response);
        boolean documented = body.isPresent()
                && Set.copyOf(body.get().propertyNames()).equals(Set.of("error", "error_description"))
                && body.get().get("error").isString() && errors.contains(body.get().get("error").stringValue())
                && body.get().get("error_description").isString();
        return documented ? Optional.empty()
                : Optional.of(response.status() + " with body " + shown(response) + ", expected an error of " + errors);
    }

    /** Spring's standard error response: its five fields, its status the response's. */
    private static Optional<String> standardError(RawResponse response) {
        Optional<JsonNode> body = jsonObject(response);
        boolean standard = response.status() >= 400 && response.status() < 500 && body.isPresent()
                && Set.copyOf(body.get().propertyNames()).equals(STANDARD_ERROR_FIELDS)
                && body.get().get("status").asInt() == response.status();
        return standard ? Optional.empty()
                : Optional.of(response.status() + " that is not Spring's standard error response: " + shown(response));
    }

    private static Optional<JsonNode> jsonObject(RawResponse response) {
        if (!response.mediaType().equals("application/json")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    private static String shown(RawResponse response) {
        String text = HostileRequest.visible(response.text());
        return "[" + response.header("content-type") + "] " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }
}
