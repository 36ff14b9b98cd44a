package com.mayorcrew.deploy.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application as users meet it, shared by the audit tests so its context starts once: a random port, the job
 * executor running, four eyes on the mayor's escalations too (not on technical faults: the default for those),
 * one user per role (and a second mayor, who decides escalations the first one requested, and a
 * user who is both mayor and crew), the test service {@code web} in container {@code mcd-ita-web} on port 18411,
 * service {@code trust} on its own host {@code trust} (container {@code mcd-itt-trust}, port 18413), and webhooks
 * to local receivers on ports 18480 (JSON, signed), 18481 (Slack form), 18482 (nobody listens) and 18483 (deploy
 * ends only; nobody listens unless a test does).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "mcd.logs-dir=target/audit-deploys",
    "mcd.access.admin-user=admin", "mcd.access.admin-password=" + AuditUsers.PASSWORD,
    "mcd.access.four-eyes=Task_ApproveProduction,Task_HumanDecision,Task_MayorEscalation",
    "mcd.access.users[0].id=mayor", "mcd.access.users[0].password=" + AuditUsers.PASSWORD,
    "mcd.access.users[0].groups[0]=mayor",
    "mcd.access.users[1].id=mayortwo", "mcd.access.users[1].password=" + AuditUsers.PASSWORD,
    "mcd.access.users[1].groups[0]=mayor",
    "mcd.access.users[2].id=ptilopsis", "mcd.access.users[2].password=" + AuditUsers.PASSWORD,
    "mcd.access.users[2].groups[0]=crew",
    "mcd.access.users[3].id=human", "mcd.access.users[3].password=" + AuditUsers.PASSWORD,
    "mcd.access.users[3].groups[0]=humans",
    "mcd.access.users[4].id=auditor", "mcd.access.users[4].password=" + AuditUsers.PASSWORD,
    "mcd.access.users[4].groups[0]=auditors",
    "mcd.access.users[5].id=mayorcrew", "mcd.access.users[5].password=" + AuditUsers.PASSWORD,
    "mcd.access.users[5].groups[0]=mayor", "mcd.access.users[5].groups[1]=crew",
    "mcd.hosts.trust.docker-endpoint=${DOCKER_HOST:unix:///var/run/docker.sock}",
    "mcd.services.trust.image-repository=mcd-test/app", "mcd.services.trust.container-name=mcd-itt-trust",
    "mcd.services.trust.network-mode=host", "mcd.services.trust.env.PORT=18413",
    "mcd.services.trust.health.url=http://127.0.0.1:18413/health", "mcd.services.trust.health.timeout=30s",
    "mcd.services.trust.health.poll-interval=1s", "mcd.services.trust.health.required-passes=1",
    "mcd.hosts.local.expected-name=",
    "mcd.services.web.container-name=mcd-ita-web", "mcd.services.web.env.PORT=18411",
    "mcd.services.web.health.url=http://127.0.0.1:18411/health",
    "mcd.notify.public-base-url=https://deploys.example.test",
    "mcd.notify.timeout=1s",
    "mcd.notify.webhooks[0].url=http://127.0.0.1:18480/hooks/json",
    "mcd.notify.webhooks[0].format=json", "mcd.notify.webhooks[0].signing-secret=MCD_TEST_WEBHOOK_SECRET",
    "MCD_TEST_WEBHOOK_SECRET=whsec-test-3b9e7c41",
    "mcd.notify.webhooks[1].url=http://127.0.0.1:18481/hooks/slack/T000-secret-path",
    "mcd.notify.webhooks[1].format=slack",
    "mcd.notify.webhooks[1].events[0]=escalation-created", "mcd.notify.webhooks[1].events[1]=deploy-ended",
    "mcd.notify.webhooks[2].url=http://127.0.0.1:18482/nobody-listens",
    "mcd.notify.webhooks[2].format=json",
    "mcd.notify.webhooks[3].url=http://127.0.0.1:18483/hooks/hung",
    "mcd.notify.webhooks[3].events[0]=deploy-ended"})
public @interface AuditTestContext {}
