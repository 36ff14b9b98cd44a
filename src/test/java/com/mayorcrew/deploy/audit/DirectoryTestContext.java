package com.mayorcrew.deploy.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application with directory logins: users and groups from the private OpenLDAP of src/test/scripts/ldap.sh
 * (src/test/resources/ldap/directory.ldif), the users of {@link AuditUsers} with the same password, in directory
 * groups named otherwise than the roles and mapped by {@code mcd.identity.ldap.role-groups}. Otherwise as
 * {@link AuditTestContext} (four eyes on the mayor's escalations too), with service {@code web} in its own container
 * {@code mcd-itl-web} on port 18415.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "mcd.logs-dir=target/directory-deploys",
    "mcd.access.four-eyes=Task_ApproveProduction,Task_HumanDecision,Task_MayorEscalation",
    "mcd.identity.ldap.enabled=true",
    "mcd.identity.ldap.server.server-url=${MCD_TEST_LDAP_URL:ldap://127.0.0.1:13389}",
    "mcd.identity.ldap.server.manager-dn=cn=mcd-reader,ou=services,dc=mayorcrew,dc=test",
    "mcd.identity.ldap.server.manager-password=reader-Pw-91d2",
    "mcd.identity.ldap.server.base-dn=dc=mayorcrew,dc=test",
    "mcd.identity.ldap.server.user-search-base=ou=people",
    "mcd.identity.ldap.server.group-search-base=ou=groups",
    "mcd.identity.ldap.role-groups.mayor=release-mayors",
    "mcd.identity.ldap.role-groups.crew=deploy-crew",
    "mcd.identity.ldap.role-groups.humans=change-approvers",
    "mcd.identity.ldap.role-groups.auditors=compliance",
    "mcd.identity.ldap.role-groups.admin=platform-admins",
    "mcd.services.web.container-name=mcd-itl-web", "mcd.services.web.env.PORT=18415",
    "mcd.services.web.health.url=http://127.0.0.1:18415/health"})
public @interface DirectoryTestContext {}
