package com.mayorcrew.deploy.docker;

/** What a Docker daemon reports about itself (docker info); compared with a host's expected name or id. */
public record DaemonIdentity(String name, String id, String serverVersion, String operatingSystem) {}
