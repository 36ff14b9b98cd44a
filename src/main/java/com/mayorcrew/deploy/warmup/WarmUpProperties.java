package com.mayorcrew.deploy.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Warming the first deploy's cold parts before the application accepts requests (docs/benchmark.md).
 *
 * @param enabled warm up at start-up, before the web server opens
 * @param budget the longest the warm-up may delay the start (daemons that do not answer are skipped, and no
 *     rehearsal starts once it is spent)
 * @param rehearsals how many deploys to rehearse (each rolled back: docs/benchmark.md); 0 warms the clients only
 */
@ConfigurationProperties("mcd.warm-up")
public record WarmUpProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration budget,
    @DefaultValue("3") int rehearsals) {}
