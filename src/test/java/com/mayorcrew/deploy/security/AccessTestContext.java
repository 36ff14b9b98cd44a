package com.mayorcrew.deploy.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on a random port with an in-memory H2 and four test users; shared by the security tests so the
 * context starts once. No admin password is configured, so the bootstrap generates one. Auto-deployment is off:
 * tests deploy the process they need themselves.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:sec-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.auto-deployment-enabled=false",
    "mcd.access.admin-user=admin",
    "mcd.access.admin-password=",
    "mcd.access.users[0].id=mayor",
    "mcd.access.users[0].password=" + AccessTestContext.MAYOR_PASSWORD,
    "mcd.access.users[0].groups[0]=mayor",
    "mcd.access.users[1].id=ptilopsis",
    "mcd.access.users[1].password=" + AccessTestContext.CREW_PASSWORD,
    "mcd.access.users[1].groups[0]=crew",
    "mcd.access.users[2].id=human",
    "mcd.access.users[2].password=" + AccessTestContext.HUMAN_PASSWORD,
    "mcd.access.users[2].groups[0]=humans",
    "mcd.access.users[3].id=auditor",
    "mcd.access.users[3].password=" + AccessTestContext.AUDITOR_PASSWORD,
    "mcd.access.users[3].groups[0]=auditors"})
@interface AccessTestContext {
  String MAYOR_PASSWORD = "mayor-Secret-1";
  String CREW_PASSWORD = "crew-Secret-2";
  String HUMAN_PASSWORD = "human-Secret-3";
  String AUDITOR_PASSWORD = "auditor-Secret-4";
}
