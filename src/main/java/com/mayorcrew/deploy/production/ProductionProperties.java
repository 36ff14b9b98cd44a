package com.mayorcrew.deploy.production;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The production gate ({@code mcd.production.*}).
 *
 * @param soakTime how long the qualifying canary deploy must have ended before production may follow it, e.g.
 *     {@code 24h}; default 0: right after it ended
 */
@ConfigurationProperties("mcd.production")
record ProductionProperties(@DefaultValue("0s") Duration soakTime) {}
