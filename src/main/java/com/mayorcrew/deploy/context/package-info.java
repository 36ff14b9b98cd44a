/**
 * The deploy context every step shares: the typed view of a deploy's facts (DeployContext), the variable names, the
 * BPMN error codes and the escalation record.
 */
package com.mayorcrew.deploy.context;
