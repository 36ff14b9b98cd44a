/**
 * The plain JSON API under {@code /api/deploys} for scripts, agents and the {@code deploy/mcd} client: request a
 * deploy with the Deploy Request's fields, read how it stands, complete its open task with the task's form fields,
 * roll it back now. Every call runs as the authenticated caller through the engine, so the request's validation,
 * the form contract, the four-eyes rule and the engine's authorizations apply exactly as in Tasklist. Errors are
 * RFC 9457 problem details.
 */
package com.mayorcrew.deploy.api;
