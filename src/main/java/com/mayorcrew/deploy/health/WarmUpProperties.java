package com.mayorcrew.deploy.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Warming the first deploy's cold parts before the application accepts requests (docs/benchmark.md).
 *
 * @param enabled warm up at start-up, before the web server opens
 * @param budget the longest the warm-up may delay the start (daemons that do not answer are skipped)
 */
@ConfigurationProperties("mcd.warm-up")
public record WarmUpProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration budget) {}
