package com.mayorcrew.deploy.docker;

import java.time.Instant;

/** A container on a canary host: its id, name (without Docker's leading slash) and image reference. */
public record ContainerRef(String id, String name, String image, Instant created) {}
