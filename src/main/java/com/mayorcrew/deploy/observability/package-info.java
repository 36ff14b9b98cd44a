/**
 * What operators watch: who reads the Actuator endpoints, the remote health components (each Docker host,
 * GitHub), the deploy metrics read off the engine's history events, and the gauges read from the database.
 */
package com.mayorcrew.deploy.observability;
