/**
 * Adapter to Docker engines (docker-java): clients per host endpoint, containers, images, daemon identity. Knows
 * nothing of deploys.
 */
package com.mayorcrew.deploy.docker;
