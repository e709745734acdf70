package dev.bazaar.e2e.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bazaar.e2e.MonitoringFiles;
import dev.bazaar.e2e.PrometheusServer;
import dev.bazaar.e2e.shipping.Repository.CommandResult;

/**
 * Prometheus' own checker, promtool (Debian's prometheus package, which {@code ./bazaar test} installs), accepts the
 * committed compose configuration and alert rules, and the rules pass their unit tests. PrometheusIT then runs
 * configuration and rules in a real Prometheus.
 */
class PromtoolTest {

    /** Where compose mounts alerts.yml, as the committed prometheus.yml names it. */
    private static final String MOUNTED_RULES = "/etc/prometheus/alerts.yml";

    @Test
    void committedPrometheusConfigurationIsValid() {
        CommandResult syntax = promtool("check", "config", "--syntax-only",
                MonitoringFiles.PROMETHEUS_CONFIG.toString());

        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        assertThat(syntax.output()).contains("SUCCESS");
    }

    /**
     * A full check also loads the rule files the configuration names, and the committed one names the path compose
     * mounts alerts.yml at. So the full check runs on a copy in which that path, and nothing else, points at the
     * committed alerts.yml.
     */
    @Test
    void committedPrometheusConfigurationLoadsTheAlertRules(@TempDir Path dir) throws IOException {
        String committed = Files.readString(MonitoringFiles.PROMETHEUS_CONFIG);
        assertThat(committed).contains(MOUNTED_RULES);
        Path copy = dir.resolve("prometheus.yml");
        Files.writeString(copy, committed.replace(MOUNTED_RULES, MonitoringFiles.ALERT_RULES.toString()));

        CommandResult check = promtool("check", "config", copy.toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 1 rule files found")
                .contains("SUCCESS: " + MonitoringFiles.alertRules().size() + " rules found");
    }

    @Test
    void committedAlertRulesAreValid() {
        CommandResult check = promtool("check", "rules", MonitoringFiles.ALERT_RULES.toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(MonitoringFiles.alertRules()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(check.output()).contains("SUCCESS: " + MonitoringFiles.alertRules().size() + " rules found");
    }

    /**
     * The rules' unit tests (infra/monitoring/prometheus/alerts.test.yml) on synthetic series: the alerts that
     * PrometheusIT cannot raise in a short run fire after their "for" with the expected labels and annotations, and a
     * blip or a series of another job raises nothing.
     */
    @Test
    void alertRulesPassTheirUnitTests() {
        CommandResult test = promtool("test", "rules", MonitoringFiles.ALERT_RULES.resolveSibling("alerts.test.yml")
                .toString());

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    private static CommandResult promtool(String... arguments) {
        Path promtool = PrometheusServer.binary("promtool");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        return Repository.run(command);
    }
}
