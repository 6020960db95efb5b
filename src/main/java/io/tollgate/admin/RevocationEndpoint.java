package io.tollgate.admin;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.issuer.MalformedRequestException;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.revocation.RevocationOrigin;
import io.tollgate.revocation.SubjectRevocations;
import io.tollgate.store.StoreUnavailableException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /actuator/revocations} on the management port: cuts off every token of a subject or
 * a client issued before the call ({@link SubjectRevocations}) and answers {@code
 * {"revoked-before":"<RFC 3339>"}}.
 *
 * <p>The checks run in this order, each refusal a fixed JSON body {@code {"error":…,
 * "error_description":…}}: another method 405 (with {@code Allow: POST}); no operator token or a
 * wrong one 401 ({@link OperatorTokens}, with a {@code WWW-Authenticate} challenge); a {@code
 * Content-Type} other than {@code application/json} 415; a body over the limit 413; a body that
 * breaks the contract 400 {@code invalid_request} ({@link RevocationBody}); the state store
 * unreachable 503 {@code temporarily_unavailable}, nothing cut off. Every call is one audit line:
 * a cut-off is {@link SubjectRevocations}' own line (target, cut-off, this endpoint and the client
 * address); a refusal is {@code admin.revocation.refused} with the client address, the target when
 * the body named one, and the outcome. The operator token is in neither.
 */
final class RevocationEndpoint implements HandlerFunction<ServerResponse> {

    static final String VIA = "POST /actuator/revocations";

    private static final Logger log = LoggerFactory.getLogger(RevocationEndpoint.class);

    private final OperatorTokens tokens;
    private final SubjectRevocations revocations;
    private final AuditLog audit;
    private final JsonMapper json;
    private final ObjectReader reader;
    private final int maxBodyBytes;
    private final Set<String> issuers;
    private final AdminAnswer methodNotAllowed;
    private final AdminAnswer unauthorized;
    private final AdminAnswer unsupportedMediaType;
    private final AdminAnswer tooLarge;
    private final AdminAnswer unavailable;
    private final AdminAnswer failed;

    RevocationEndpoint(
            OperatorTokens tokens,
            SubjectRevocations revocations,
            Set<String> issuers,
            AuditLog audit,
            JsonMapper json,
            int maxBodyBytes) {
        this.tokens = tokens;
        this.issuers = Set.copyOf(issuers);
        this.revocations = revocations;
        this.audit = audit;
        this.json = json;
        this.reader = json.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBodyBytes = maxBodyBytes;
        this.methodNotAllowed = AdminAnswer.error(json, HttpStatus.METHOD_NOT_ALLOWED, "invalid_request",
                "Only POST is accepted", "method_not_allowed").withHeader(HttpHeaders.ALLOW, "POST");
        this.unauthorized = AdminAnswer.error(json, HttpStatus.UNAUTHORIZED, "invalid_token",
                "An operator token from tollgate.admin.tokens is required", "unauthorized")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, AdminAnswer.CHALLENGE);
        this.unsupportedMediaType = AdminAnswer.error(json, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
                "The body must be application/json", "unsupported_media_type");
        this.tooLarge = AdminAnswer.error(json, HttpStatus.PAYLOAD_TOO_LARGE, "invalid_request",
                "The body is over the size limit", "too_large");
        this.unavailable = AdminAnswer.error(json, HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "The state store is unreachable: nothing was cut off, try again", "unavailable");
        this.failed = AdminAnswer.error(json, HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                "The cut-off failed: nothing was cut off", "failed");
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        AuditEvent call = AuditEvent.of("admin.revocation.refused")
                .with("via", VIA)
                .with("client.address", ClientAddress.of(request.exchange().getRequest()).orElse(ClientAddress.UNKNOWN));
        return answer(request, call).flatMap(AdminAnswer::send);
    }

    private Mono<AdminAnswer> answer(ServerRequest request, AuditEvent call) {
        if (!HttpMethod.POST.equals(request.method())) {
            return refuse(methodNotAllowed, call);
        }
        if (!tokens.admit(request.headers().asHttpHeaders())) {
            return refuse(unauthorized, call);
        }
        if (!isJson(request)) {
            return refuse(unsupportedMediaType, call);
        }
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxBodyBytes)
                .map(this::read)
                .switchIfEmpty(Mono.error(() -> new InvalidRevocationRequest("The body must be a JSON object")))
                .flatMap(target -> cutOff(target, call))
                .onErrorResume(error -> refuse(refusal(error), call));
    }

    private Mono<AdminAnswer> cutOff(CutOffTarget target, AuditEvent call) {
        AuditEvent named = named(call, target);
        RevocationOrigin origin = new RevocationOrigin(VIA, call.fields().get("client.address"));
        return revocations.cutOff(target, origin)
                .map(cutOff -> AdminAnswer.ok(json, Map.of("revoked-before", cutOff.toString())))
                .onErrorResume(error -> refuse(refusal(error), named));
    }

    /** The call's audit event with the fields that name what it cuts off. */
    private static AuditEvent named(AuditEvent call, CutOffTarget target) {
        AuditEvent named = call.with("issuer", target.issuer());
        if (target instanceof CutOffTarget.Subject subject) {
            return named.with("kind", subject.kind().claimValue()).with("subject", subject.subject());
        }
        return named.with("client_id", ((CutOffTarget.Client) target).clientId());
    }

    private CutOffTarget read(DataBuffer body) {
        JsonNode node;
        try {
            node = reader.readTree(body.asInputStream());
        } catch (JacksonException e) {
            throw new InvalidRevocationRequest("The body is not JSON");
        } finally {
            DataBufferUtils.release(body);
        }
        return RevocationBody.read(node, issuers);
    }

    private AdminAnswer refusal(Throwable error) {
        if (error instanceof InvalidRevocationRequest invalid) {
            return invalid(invalid.getMessage());
        }
        if (error instanceof DataBufferLimitException) {
            return tooLarge;
        }
        if (MalformedRequestException.isMalformedInput(error)) {
            return invalid("The body could not be read");
        }
        if (error instanceof StoreUnavailableException) {
            log.warn("Revocation by subject refused: {}", error.getMessage());
            return unavailable;
        }
        log.error("Revocation by subject failed", error);
        return failed;
    }

    private AdminAnswer invalid(String description) {
        return AdminAnswer.error(json, HttpStatus.BAD_REQUEST, "invalid_request", description, "invalid_request");
    }

    private Mono<AdminAnswer> refuse(AdminAnswer answer, AuditEvent call) {
        audit.record(call.with("outcome", answer.outcome()));
        return Mono.just(answer);
    }

    private static boolean isJson(ServerRequest request) {
        String value = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
        if (value == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(value));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
