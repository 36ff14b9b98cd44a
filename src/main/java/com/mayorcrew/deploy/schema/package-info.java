/**
 * The managed database schema (profile {@code managed-schema}): Liquibase creates and upgrades the engine's tables
 * (Camunda's changelog from the engine jar) and the application's own, and adopts databases the engine created itself.
 */
package com.mayorcrew.deploy.schema;
