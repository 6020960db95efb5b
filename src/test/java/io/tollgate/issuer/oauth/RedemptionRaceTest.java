package io.tollgate.issuer.oauth;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.RedemptionRace;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Racing replays on the in-memory engine, over real HTTP: redemptions of one code, and of one
 * refresh token, at once (2, 3 or 24 of them), round after round so that the replays land at every
 * point of the winner's issuance. Afterwards every access token anyone received is refused. The replicated
 * engine runs the same races in {@code replicas.RevocationReplicasTest}.
 */
class RedemptionRaceTest extends IntegrationTest {

    private static final int ROUNDS = 18;
    private static final List<Integer> RACERS = List.of(2, 3, 24);

    private RedemptionRace race;

    @BeforeEach
    void prepare() {
        race = new RedemptionRace(List.of(new RedemptionRace.Endpoint(client, port)));
    }

    @Test
    void racingRedemptionsOfOneCodeLeaveNoAccessTokenValid() throws Exception {
        race.rounds(ROUNDS, RACERS, RedemptionRace::raceACode);
    }

    @Test
    void racingUsesOfOneRefreshTokenLeaveNoAccessTokenValid() throws Exception {
        race.rounds(ROUNDS, RACERS, RedemptionRace::raceARefreshToken);
    }
}
