/**
 * Typed configuration (mcd.*): services, hosts, retries, and the secret store that reads tokens at the moment they
 * are used.
 */
package com.mayorcrew.deploy.config;
