package io.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The dashboard test trusts this lexer to find every metric name, and nothing else. */
class PromQlMetricNamesTest {

    @Test
    void findsTheMetricsOfAggregationsOverRates() {
        assertThat(PromQlMetricNames.of("histogram_quantile(0.99, sum by (le, source) "
                + "(rate(tollgate_validation_seconds_bucket{application=\"tollgate\", le=~\"0.5|1e3\"}[$__rate_interval])))"))
                .containsExactly("tollgate_validation_seconds_bucket");
    }

    @Test
    void findsBothSidesOfABinaryOperation() {
        assertThat(PromQlMetricNames.of("sum by (cache) (rate(cache_gets_total{result=\"hit\"}[5m])) / on (cache) "
                + "group_left sum without (result) (rate(cache_gets_total[5m])) > bool 0.5 unless up offset 1h"))
                .containsExactly("cache_gets_total", "up");
        assertThat(PromQlMetricNames.of("sum(rate(a_total[1m])) by (x) / ignoring(y) max(b_seconds_sum)"))
                .containsExactly("a_total", "b_seconds_sum");
    }

    @Test
    void readsNoNameInsideStringsOrMatchers() {
        assertThat(PromQlMetricNames.of("process_cpu_usage{instance=~\"fake_metric{x}\", job='also_fake'}"))
                .containsExactly("process_cpu_usage");
    }

    @Test
    void refusesAFunctionItDoesNotKnow() {
        assertThatThrownBy(() -> PromQlMetricNames.of("tollgate_magic(up)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tollgate_magic");
    }
}
