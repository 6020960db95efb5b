package io.tollgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak, the external issuer of the tests: the server distribution Maven unpacked into
 * {@code target/keycloak} (system property {@code keycloak.home}, set by the pom), started once per
 * test JVM on the first call of {@link #shared()} and stopped when the JVM exits. It runs {@code
 * bin/kc.sh start-dev} on a free loopback port with an in-memory database, so every run starts
 * from the realm files of {@code src/test/resources/keycloak} and nothing of an earlier run
 * survives; its output goes to {@code target/keycloak/keycloak.log}. It runs on the test JVM's own
 * Java ({@code JAVA_HOME} is set to it): Keycloak 26.5 starts on Java 17.
 *
 * <p>Realm {@code acme}: confidential clients with the client-credentials grant ({@code
 * tollgate-machine}, audience {@code content-api}; {@code tollgate-billing}, audience {@code
 * billing-api}; {@code tollgate-brief}, audience {@code content-api} and tokens that live 2
 * seconds), a public client {@code tollgate-spa} with direct access grants and the {@code
 * content-api} audience, and the user {@code alice}. Realm {@code other}: its own keys and its own
 * {@code tollgate-machine}. Every secret and password of those files, the admin's password and
 * every token handed out are {@linkplain Secrets#remember remembered}, so the log checks cover them.
 */
public final class Keycloak {

    private static final List<String> REALMS = List.of("acme", "other");
    private static final String ADMIN_USER = "tollgate-admin";
    private static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Keycloak shared;

    private final URI base;
    private final Process process;
    private final String adminPassword;
    private final Map<String, String> clientSecrets;
    private final Map<String, String> passwords;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger rotations = new AtomicInteger();

    private Keycloak(URI base, Process process, String adminPassword, Map<String, String> clientSecrets,
            Map<String, String> passwords) {
        this.base = base;
        this.process = process;
        this.adminPassword = adminPassword;
        this.clientSecrets = clientSecrets;
        this.passwords = passwords;
    }

    /** The test JVM's Keycloak, started (and waited for) on the first call. */
    public static synchronized Keycloak shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** The exact {@code iss} of a realm's tokens, which is also where its discovery document lives. */
    public String issuer(String realm) {
        return base + "/realms/" + realm;
    }

    /** The realm's JWK set document, as Keycloak serves it. */
    public URI jwksUri(String realm) {
        return URI.create(issuer(realm) + "/protocol/openid-connect/certs");
    }

    /** An access token for a confidential client of the realm, by the client-credentials grant. */
    public String clientCredentialsToken(String realm, String clientId) {
        return token(realm, Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", secret(clientSecrets, realm + "/" + clientId)));
    }

    /** An access token for a user of the realm through a client with direct access grants (password grant). */
    public String userToken(String realm, String clientId, String username) {
        return token(realm, Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", secret(passwords, realm + "/" + username),
                "scope", "openid"));
    }

    /**
     * Keycloak's key rotation through its admin API: adds a new generated RSA key provider to the
     * realm with a priority above every earlier one, so its key signs from now on, and disables the
     * realm's earlier RSA signing keys, so their keys leave the JWK set. Returns the new key's
     * {@code kid}.
     */
    public String rotateSigningKey(String realm) {
        String admin = adminToken();
        String realmId = JSON.readTree(send(authorized(admin, "/admin/realms/" + realm).GET(), 200)).get("id").asString();
        String name = "tollgate-test-rotation-" + rotations.incrementAndGet();
        ObjectNode provider = JSON.createObjectNode()
                .put("name", name)
                .put("providerId", "rsa-generated")
                .put("providerType", KEY_PROVIDER)
                .put("parentId", realmId);
        ObjectNode config = provider.putObject("config");
        config.putArray("priority").add(String.valueOf(1000 + rotations.get()));
        config.putArray("enabled").add("true");
        config.putArray("active").add("true");
        config.putArray("algorithm").add("RS256");
        config.putArray("keySize").add("2048");
        send(authorized(admin, "/admin/realms/" + realm + "/components")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(provider))), 201);
        JsonNode providers = JSON.readTree(send(authorized(admin,
                "/admin/realms/" + realm + "/components?type=" + KEY_PROVIDER).GET(), 200));
        for (JsonNode existing : providers) {
            if ("rsa-generated".equals(existing.get("providerId").asString()) && !name.equals(existing.get("name").asString())) {
                ObjectNode disabled = (ObjectNode) existing;
                ((ObjectNode) disabled.get("config")).putArray("enabled").add("false");
                send(authorized(admin, "/admin/realms/" + realm + "/components/" + existing.get("id").asString())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(disabled))), 204);
            }
        }
        return activeKid(admin, realm);
    }

    /** The {@code kid} of the key that signs the realm's RS256 tokens now. */
    public String activeKid(String realm) {
        return activeKid(adminToken(), realm);
    }

    private String activeKid(String admin, String realm) {
        JsonNode keys = JSON.readTree(send(authorized(admin, "/admin/realms/" + realm + "/keys").GET(), 200));
        return keys.get("active").get("RS256").asString();
    }

    private String adminToken() {
        return token("master", Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", ADMIN_USER,
                "password", adminPassword));
    }

    private String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String answer = send(HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 200);
        return Secrets.remember(JSON.readTree(answer).get("access_token").asString());
    }

    private HttpRequest.Builder authorized(String adminToken, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminToken);
    }

    private String send(HttpRequest.Builder request, int expectedStatus) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException("Keycloak answered " + built.method() + " " + built.uri().getPath()
                        + " with " + response.statusCode() + " instead of " + expectedStatus + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Keycloak", e);
        }
    }

    private static String secret(Map<String, String> secrets, String name) {
        String secret = secrets.get(name);
        if (secret == null) {
            throw new IllegalArgumentException("the realm files of src/test/resources/keycloak define no " + name);
        }
        return secret;
    }

    private static Keycloak start() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/not-unpacked"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home
                    + ": run the tests through Maven, which unpacks org.keycloak:keycloak-quarkus-dist there");
        }
        Map<String, String> clientSecrets = new HashMap<>();
        Map<String, String> passwords = new HashMap<>();
        Path imports = home.resolve("data/import");
        try {
            Files.createDirectories(imports);
            try (Stream<Path> earlier = Files.list(imports)) {
                for (Path file : earlier.toList()) {
                    Files.delete(file);
                }
            }
            for (String realmName : REALMS) {
                String file = realmName + "-realm.json";
                try (InputStream realm = Keycloak.class.getResourceAsStream("/keycloak/" + file)) {
                    byte[] bytes = realm.readAllBytes();
                    Files.write(imports.resolve(file), bytes);
                    rememberSecrets(JSON.readTree(bytes), clientSecrets, passwords);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String adminPassword = Secrets.remember("keycloak-admin-" + UUID.randomUUID());
        int port = TestRedis.freePort();
        ProcessBuilder command = new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + TestRedis.freePort(),
                "--db=dev-mem",
                "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolveSibling("keycloak.log").toFile());
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        command.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        command.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
        Keycloak keycloak = new Keycloak(URI.create("http://127.0.0.1:" + port), process, adminPassword,
                Map.copyOf(clientSecrets), Map.copyOf(passwords));
        keycloak.awaitRealms(home.resolveSibling("keycloak.log"));
        return keycloak;
    }

    private static void rememberSecrets(JsonNode realm, Map<String, String> clientSecrets, Map<String, String> passwords) {
        String name = realm.get("realm").asString();
        for (JsonNode client : realm.path("clients")) {
            if (client.has("secret")) {
                clientSecrets.put(name + "/" + client.get("clientId").asString(), Secrets.remember(client.get("secret").asString()));
            }
        }
        for (JsonNode user : realm.path("users")) {
            for (JsonNode credential : user.path("credentials")) {
                passwords.put(name + "/" + user.get("username").asString(), Secrets.remember(credential.get("value").asString()));
            }
        }
    }

    /** Ready once every imported realm serves its discovery document. */
    private void awaitRealms(Path log) {
        Instant deadline = Instant.now().plus(START_LIMIT);
        for (String realm : REALMS) {
            URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
            while (!answers(discovery)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak stopped with exit code " + process.exitValue()
                            + " before it was ready; its output is in " + log.toAbsolutePath());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Keycloak was not ready within " + START_LIMIT
                            + "; its output is in " + log.toAbsolutePath());
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Keycloak", e);
                }
            }
        }
    }

    private boolean answers(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
