package com.mayorcrew.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.identity.IdentityProviderException;
import org.junit.jupiter.api.Test;

/**
 * A node starts while its directory cannot be reached (nothing listens on the configured port): the access
 * bootstrap still writes the authorizations and Tasklist filters, and only logins fail until the directory is back.
 */
class DirectoryUnreachableTest {

  @Test
  void theBootstrapCompletesWithoutTheDirectory() {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("directoryUnreachable");
    configuration.setJdbcUrl("jdbc:h2:mem:directory-unreachable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    configuration.setJobExecutorActivate(false);
    configuration.setAuthorizationEnabled(true);
    var plugin = new DirectoryIdentityConfiguration().directoryIdentityPlugin(new DirectoryProperties(true, Map.of()));
    plugin.setServerUrl("ldap://127.0.0.1:1/");
    plugin.setBaseDn("dc=mayorcrew,dc=test");
    configuration.getProcessEnginePlugins().add(plugin);
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      new IdentityBootstrap(new AccessProperties(List.of(), "admin", null, List.of(), Set.of())).run(engine);

      assertThat(engine.getIdentityService().isReadOnly()).isTrue();
      assertThat(engine.getFilterService().createFilterQuery().list())
          .hasSize(TasklistFilters.DEFINITIONS.size());
      assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(Role.MAYOR.groupId()).count())
          .isPositive();
      assertThatThrownBy(() -> engine.getIdentityService().checkPassword("mayor", "any-password"))
          .isInstanceOf(IdentityProviderException.class).hasMessageContaining("Could not connect to LDAP server");
    } finally {
      engine.close();
    }
  }
}
