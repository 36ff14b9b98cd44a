package com.mayorcrew.deploy.docker;

/** The version a Docker daemon answers with, and the API version it speaks. */
public record DaemonVersion(String serverVersion, String apiVersion) {}
