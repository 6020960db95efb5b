package io.tollgate.issuer.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /platform/oauth/static/tollgate.css}: the pages' one stylesheet, the operator's
 * {@code tollgate.css} from {@code tollgate.pages.static-dir} when there is one, else the built-in
 * one. Read once, at start, so serving it never touches a file on an event loop.
 */
final class PageStylesheet implements HandlerFunction<ServerResponse> {

    static final String PATH = "/platform/oauth/static/tollgate.css";
    static final String FILE = "tollgate.css";
    private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

    private final byte[] css;

    private PageStylesheet(byte[] css) {
        this.css = css;
    }

    static PageStylesheet read(Path staticDir) {
        Path override = staticDir.resolve(FILE);
        try {
            if (Files.isRegularFile(override)) {
                return new PageStylesheet(Files.readAllBytes(override));
            }
            try (InputStream builtIn = new ClassPathResource(FILE, PageStylesheet.class).getInputStream()) {
                return new PageStylesheet(builtIn.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pages' stylesheet " + override, e);
        }
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(CSS)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .header("X-Content-Type-Options", "nosniff")
                .bodyValue(css);
    }
}
