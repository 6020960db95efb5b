package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.support.ShiftedClock;
import io.tollgate.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every state engine must guarantee, whatever it stores in: each adapter runs this suite
 * through a subclass. Single use is checked under real concurrency; the expiry of revocations on
 * {@link #clock}, which the test advances; the expiry of what Redis itself expires, in real time.
 */
abstract class StateStoreContract {

    private static final int RACERS = 16;

    /** The clock skew the subclasses give their revocation stores. */
    static final Duration SKEW = Duration.ofSeconds(30);

    /** The clock every store of the subclass is built with. */
    final ShiftedClock clock = new ShiftedClock();

    /** The engine under test. */
    abstract StateStores stores();

    /** Where a refresh token of {@code familyId} with {@code digest} is stored. */
    static RefreshTokenKey refresh(String familyId, String digest) {
        return new RefreshTokenKey(familyId, digest);
    }

    /** Its revocation store. */
    abstract RevocationStore revocations();

    /** Its cut-off store. */
    abstract CutOffStore cutOffs();

    @Test
    void aCodeIsRedeemedOnceAndAReplayIsRecognised() {
        AuthorizationCodeStore<String> codes = stores().authorizationCodes(String.class);
        codes.save("code-1", "grant", Duration.ofMinutes(1)).block();
        assertThat(codes.redeem("code-1").block()).isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", false));
        assertThat(codes.redeem("code-1").block()).isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", true));
        assertThat(codes.redeem("unknown").block()).isNull();
    }

    @Test
    void ofConcurrentRedemptionsExactlyOneIsFirst() throws Exception {
        AuthorizationCodeStore<String> codes = stores().authorizationCodes(String.class);
        codes.save("raced", "grant", Duration.ofMinutes(1)).block();
        List<Boolean> replayed = race(() -> codes.redeem("raced").block().replayed());
        assertThat(replayed).containsOnlyOnce(false).hasSize(RACERS);
    }

    @Test
    void aCodeExpires() throws InterruptedException {
        AuthorizationCodeStore<String> codes = stores().authorizationCodes(String.class);
        codes.save("short", "grant", Duration.ofMillis(200)).block();
        Thread.sleep(400);
        assertThat(codes.redeem("short").block()).isNull();
    }

    @Test
    void aRefreshTokenWorksOnceAndReuseIsRecognised() {
        GrantFamilyStore<String> families = stores().grantFamilies(String.class);
        families.saveRefreshToken(refresh("family-1", "hash-1"), "grant", Instant.now().plusSeconds(60)).block();
        assertThat(families.familyOf(refresh("family-1", "hash-1")).block()).isEqualTo("family-1");
        assertThat(families.useRefreshToken(refresh("family-1", "hash-1")).block())
                .isEqualTo(new GrantFamilyStore.RefreshUse<>("family-1", "grant", false));
        assertThat(families.useRefreshToken(refresh("family-1", "hash-1")).block().reused()).isTrue();
        assertThat(families.useRefreshToken(refresh("family-1", "unknown")).block()).isNull();
    }

    @Test
    void ofConcurrentRefreshesExactlyOneIsFirst() throws Exception {
        GrantFamilyStore<String> families = stores().grantFamilies(String.class);
        families.saveRefreshToken(refresh("family-r", "raced"), "grant", Instant.now().plusSeconds(60)).block();
        List<Boolean> reused = race(() -> families.useRefreshToken(refresh("family-r", "raced")).block().reused());
        assertThat(reused).containsOnlyOnce(false).hasSize(RACERS);
    }

    @Test
    void revokingAFamilyReturnsItsAccessTokensAndStopsItsRefreshTokens() {
        GrantFamilyStore<String> families = stores().grantFamilies(String.class);
        Instant exp = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        families.addAccessToken("family-2", "jti-a", exp).block();
        families.saveRefreshToken(refresh("family-2", "hash-2"), "grant", exp).block();
        families.addAccessToken("family-2", "jti-b", exp).block();
        assertThat(families.revokeFamily("family-2", clock.instant()).block()).containsExactlyInAnyOrder(
                new GrantFamilyStore.FamilyToken("jti-a", exp), new GrantFamilyStore.FamilyToken("jti-b", exp));
        assertThat(families.useRefreshToken(refresh("family-2", "hash-2")).block()).isNull();
    }

    @Test
    void attemptsUpToTheLimitAreGrantedThenTheKeyIsLockedUntilTheLockoutEnds() throws InterruptedException {
        LoginAttemptStore attempts = stores().loginAttempts(Duration.ofMinutes(1), Duration.ofMillis(300));
        assertThat(attempts.reserve("address:x", 3).block()).isEqualTo(LoginAttemptStore.Reservation.GRANTED);
        assertThat(attempts.reserve("address:x", 3).block()).isEqualTo(LoginAttemptStore.Reservation.GRANTED);
        assertThat(attempts.reserve("address:x", 3).block()).isEqualTo(LoginAttemptStore.Reservation.LAST);
        assertThat(attempts.reserve("address:x", 3).block()).isEqualTo(LoginAttemptStore.Reservation.REFUSED);
        assertThat(attempts.reserve("address:y", 3).block()).isEqualTo(LoginAttemptStore.Reservation.GRANTED);
        Thread.sleep(500);
        assertThat(attempts.reserve("address:x", 3).block()).isEqualTo(LoginAttemptStore.Reservation.GRANTED);
    }

    @Test
    void aReleasedAttemptIsNotCountedAndAResetForgetsEveryAttempt() {
        LoginAttemptStore attempts = stores().loginAttempts(Duration.ofMinutes(1), Duration.ofMinutes(1));
        attempts.reserve("user:z", 2).block();
        attempts.release("user:z").block();
        assertThat(attempts.reserve("user:z", 2).block()).isEqualTo(LoginAttemptStore.Reservation.GRANTED);
        assertThat(attempts.reserve("user:z", 2).block()).isEqualTo(LoginAttemptStore.Reservation.LAST);
        attempts.release("user:z").block();
        assertThat(attempts.reserve("user:z", 2).block()).as("a release unlocks").isEqualTo(LoginAttemptStore.Reservation.LAST);
        attempts.reset("user:z").block();
        assertThat(attempts.reserve("user:z", 2).block()).isEqualTo(LoginAttemptStore.Reservation.GRANTED);
        attempts.release("unknown").block();
        attempts.release("unknown").block();
        assertThat(attempts.reserve("unknown", 1).block()).as("a release never counts below zero")
                .isEqualTo(LoginAttemptStore.Reservation.LAST);
    }

    @Test
    void ofConcurrentAttemptsNoMoreThanTheLimitAreGranted() throws Exception {
        LoginAttemptStore attempts = stores().loginAttempts(Duration.ofMinutes(1), Duration.ofMinutes(1));
        List<LoginAttemptStore.Reservation> reservations = race(() -> attempts.reserve("address:raced", 5).block());
        assertThat(reservations).filteredOn(LoginAttemptStore.Reservation::granted).hasSize(5);
        assertThat(reservations).containsOnlyOnce(LoginAttemptStore.Reservation.LAST).hasSize(RACERS);
    }

    @Test
    void aCodeCanBeReadWithoutBeingSpent() {
        AuthorizationCodeStore<String> codes = stores().authorizationCodes(String.class);
        codes.save("code-read", "grant", Duration.ofMinutes(1)).block();
        assertThat(codes.find("code-read").block()).isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", false));
        assertThat(codes.find("code-read").block()).isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", false));
        assertThat(codes.redeem("code-read").block()).isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", false));
        assertThat(codes.find("code-read").block()).isEqualTo(new AuthorizationCodeStore.Redemption<>("grant", true));
        assertThat(codes.find("unknown").block()).isNull();
    }

    @Test
    void aRefreshTokenCanBeReadWithoutBeingUsed() {
        GrantFamilyStore<String> families = stores().grantFamilies(String.class);
        assertThat(families.saveRefreshToken(refresh("family-read", "hash-read"), "grant", Instant.now().plusSeconds(60)).block())
                .isTrue();
        GrantFamilyStore.RefreshUse<String> fresh = new GrantFamilyStore.RefreshUse<>("family-read", "grant", false);
        assertThat(families.findRefreshToken(refresh("family-read", "hash-read")).block()).isEqualTo(fresh);
        assertThat(families.findRefreshToken(refresh("family-read", "hash-read")).block()).isEqualTo(fresh);
        assertThat(families.useRefreshToken(refresh("family-read", "hash-read")).block()).isEqualTo(fresh);
        assertThat(families.findRefreshToken(refresh("family-read", "hash-read")).block().reused()).isTrue();
        assertThat(families.findRefreshToken(refresh("family-1", "unknown")).block()).isNull();
        families.revokeFamily("family-read", clock.instant()).block();
        assertThat(families.findRefreshToken(refresh("family-read", "hash-read")).block()).isNull();
    }

    @Test
    void anAccessTokenAddedBeforeTheRevocationIsReturnedAndOneAddedAfterIsRefused() {
        GrantFamilyStore<String> families = stores().grantFamilies(String.class);
        Instant exp = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        assertThat(families.addAccessToken("family-order", "jti-before", exp).block()).isTrue();
        assertThat(families.revokeFamily("family-order", clock.instant()).block())
                .containsExactly(new GrantFamilyStore.FamilyToken("jti-before", exp));
        assertThat(families.addAccessToken("family-order", "jti-after", exp).block()).isFalse();
        assertThat(families.saveRefreshToken(refresh("family-order", "hash-after"), "grant", exp).block()).isFalse();
        assertThat(families.useRefreshToken(refresh("family-order", "hash-after")).block()).isNull();
        assertThat(families.revokeFamily("family-order", clock.instant()).block()).containsExactlyInAnyOrder(
                new GrantFamilyStore.FamilyToken("jti-before", exp), new GrantFamilyStore.FamilyToken("jti-after", exp));
    }

    /** A replay can revoke the family before the redemption it raced has added anything to it. */
    @Test
    void aFamilyRevokedBeforeAnythingWasAddedRefusesWhatComesLater() {
        GrantFamilyStore<String> families = stores().grantFamilies(String.class);
        Instant exp = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        assertThat(families.revokeFamily("family-empty", Instant.now().plusSeconds(60)).block()).isEmpty();
        assertThat(families.addAccessToken("family-empty", "jti-late", exp).block()).isFalse();
        assertThat(families.saveRefreshToken(refresh("family-empty", "hash-late"), "grant", exp).block()).isFalse();
        assertThat(families.findRefreshToken(refresh("family-empty", "hash-late")).block()).isNull();
        assertThat(families.useRefreshToken(refresh("family-empty", "hash-late")).block()).isNull();
        assertThat(families.familyOf(refresh("family-empty", "hash-late")).block()).isNull();
    }

    /**
     * Whatever the interleaving, an access token is in the revocation's answer exactly when its
     * addition was accepted: the two are ordered, and a refused one is the caller's to revoke.
     */
    @Test
    void ofAdditionsRacingARevocationEachIsReturnedByItOrRefused() throws Exception {
        GrantFamilyStore<String> families = stores().grantFamilies(String.class);
        Instant exp = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        for (int round = 0; round < 20; round++) {
            String family = "family-race-" + round;
            AtomicInteger racer = new AtomicInteger();
            ConcurrentMap<String, Boolean> added = new ConcurrentHashMap<>();
            List<List<GrantFamilyStore.FamilyToken>> revoked = race(() -> {
                int me = racer.getAndIncrement();
                if (me == RACERS / 2) {
                    return families.revokeFamily(family, clock.instant().plusSeconds(60)).block();
                }
                added.put("jti-" + me, families.addAccessToken(family, "jti-" + me, exp).block());
                return List.<GrantFamilyStore.FamilyToken>of();
            });
            Set<String> returned = revoked.stream().flatMap(List::stream)
                    .map(GrantFamilyStore.FamilyToken::tokenId).collect(Collectors.toSet());
            assertThat(added).hasSize(RACERS - 1);
            Set<String> accepted = added.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(returned).as("an accepted addition came before the revocation, a refused one after")
                    .isEqualTo(accepted);
        }
    }

    @Test
    void aRevocationLastsUntilTheTokenWouldNoLongerBeAcceptedWhenItsClockSkewIsPast() {
        Instant now = clock.instant();
        revocations().revoke("jti-short", now.plusSeconds(1)).block();
        revocations().revoke("jti-long", now.plusSeconds(600)).block();
        assertThat(revocations().isRevoked("jti-short")).isTrue();
        assertThat(revocations().isRevoked("jti-other")).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(revocations().isRevoked("jti-short")).as("past exp, within the skew").isTrue();
        clock.advance(SKEW.minusSeconds(2));
        assertThat(revocations().isRevoked("jti-short")).as("just before exp + skew").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(revocations().isRevoked("jti-short")).as("past exp + skew").isFalse();
        assertThat(revocations().isRevoked("jti-long")).isTrue();
    }

    @Test
    void aCutOffIsKeptPerTargetAndTheLaterOfTwoWins() {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant keptUntil = cutOff.plus(Duration.ofHours(1));
        CutOffTarget acme = new CutOffTarget.Subject("tollgate", TokenKind.BRAND, "acme");

        assertThat(cutOffs().cutOff(acme, cutOff, keptUntil).block()).isEqualTo(cutOff);

        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.BRAND, "acme")).isEqualTo(cutOff.getEpochSecond());
        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.BRAND, "acme2")).isEqualTo(CutOffStore.NONE);
        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.CHANNEL, "acme")).isEqualTo(CutOffStore.NONE);
        assertThat(cutOffs().subjectCutOff("keycloak", TokenKind.BRAND, "acme")).isEqualTo(CutOffStore.NONE);
        assertThat(cutOffs().clientCutOff("tollgate", "acme")).isEqualTo(CutOffStore.NONE);
        assertThat(cutOffs().cutOff(acme, cutOff.minusSeconds(5), keptUntil).block())
                .as("an earlier cut-off gives way to the one in force").isEqualTo(cutOff);
        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.BRAND, "acme")).isEqualTo(cutOff.getEpochSecond());
        assertThat(cutOffs().cutOff(acme, cutOff.plusSeconds(7), keptUntil).block()).isEqualTo(cutOff.plusSeconds(7));
        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.BRAND, "acme"))
                .isEqualTo(cutOff.plusSeconds(7).getEpochSecond());
    }

    @Test
    void aClientCutOffIsApartFromTheSubjectsOfTheSameName() {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);

        cutOffs().cutOff(new CutOffTarget.Client("tollgate", "demo-web"), cutOff, cutOff.plusSeconds(60)).block();

        assertThat(cutOffs().clientCutOff("tollgate", "demo-web")).isEqualTo(cutOff.getEpochSecond());
        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.OAUTH_APP, "demo-web")).isEqualTo(CutOffStore.NONE);
        assertThat(cutOffs().clientCutOff("tollgate", "demo-web-2")).isEqualTo(CutOffStore.NONE);
    }

    @Test
    void aSubjectOrIssuerOfAnyCharactersIsItsOwnTarget() {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        CutOffTarget odd = new CutOffTarget.Subject("odd:issuer", TokenKind.CHANNEL, "c:1 \"quoted\" ü:");

        cutOffs().cutOff(odd, cutOff, cutOff.plusSeconds(60)).block();

        assertThat(cutOffs().subjectCutOff("odd:issuer", TokenKind.CHANNEL, "c:1 \"quoted\" ü:"))
                .isEqualTo(cutOff.getEpochSecond());
        assertThat(cutOffs().subjectCutOff("odd", TokenKind.CHANNEL, "issuer:channel:c:1 \"quoted\" ü:"))
                .isEqualTo(CutOffStore.NONE);
    }

    @Test
    void aCutOffIsForgottenOnceItsTimeIsPast() {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        CutOffTarget.Subject shortLived = new CutOffTarget.Subject("tollgate", TokenKind.BRAND, "short");
        CutOffTarget.Client longLived = new CutOffTarget.Client("tollgate", "long");
        cutOffs().cutOff(shortLived, cutOff, cutOff.plusSeconds(10)).block();
        cutOffs().cutOff(longLived, cutOff, cutOff.plusSeconds(600)).block();

        clock.advance(Duration.ofSeconds(9));
        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.BRAND, "short")).as("up to its time")
                .isEqualTo(cutOff.getEpochSecond());
        clock.advance(Duration.ofSeconds(3));
        assertThat(cutOffs().subjectCutOff("tollgate", TokenKind.BRAND, "short")).as("past its time")
                .isEqualTo(CutOffStore.NONE);
        assertThat(cutOffs().clientCutOff("tollgate", "long")).isEqualTo(cutOff.getEpochSecond());
    }

    private static <T> List<T> race(Callable<T> action) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<T>> results = IntStream.range(0, RACERS).mapToObj(i -> pool.submit(() -> {
                start.await();
                return action.call();
            })).toList();
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get(30, TimeUnit.SECONDS));
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }
}
