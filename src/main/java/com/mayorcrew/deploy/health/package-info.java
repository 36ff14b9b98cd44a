/** Phase 4, health verification: probes the new container's health until it passes or the deadline is reached. */
package com.mayorcrew.deploy.health;
