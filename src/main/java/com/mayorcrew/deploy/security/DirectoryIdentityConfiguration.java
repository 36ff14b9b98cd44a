package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code mcd.identity.ldap.enabled=true}: Camunda's LDAP identity provider replaces the engine's database users
 * and groups (read-only). {@link IdentityBootstrap} then provisions authorizations and Tasklist filters only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mcd.identity.ldap.enabled", havingValue = "true")
class DirectoryIdentityConfiguration {

  /**
   * Camunda's LDAP settings, bound from {@code mcd.identity.ldap.server.*} (e.g. {@code server-url},
   * {@code manager-dn}, {@code manager-password}, {@code base-dn}, {@code user-search-base}). The defaults set here
   * suit the usual {@code inetOrgPerson} users in {@code groupOfNames} groups; Camunda's own ({@code ou} as group id,
   * {@code memberOf}, {@code email}) do not match OpenLDAP's standard schema.
   */
  @Bean
  @ConfigurationProperties("mcd.identity.ldap.server")
  DirectoryIdentityPlugin directoryIdentityPlugin(DirectoryProperties directory) {
    DirectoryIdentityPlugin plugin = new DirectoryIdentityPlugin(directory);
    plugin.setUserIdAttribute("uid");
    plugin.setUserEmailAttribute("mail");
    plugin.setUserSearchFilter("(objectclass=person)");
    plugin.setGroupIdAttribute("cn");
    plugin.setGroupNameAttribute("cn");
    plugin.setGroupSearchFilter("(objectclass=groupOfNames)");
    plugin.setGroupMemberAttribute("member");
    return plugin;
  }

  /** The plugin with its identity provider sessions replaced by {@link RoleMappingLdapSession}. */
  static class DirectoryIdentityPlugin extends LdapIdentityProviderPlugin {

    private final DirectoryProperties directory;

    DirectoryIdentityPlugin(DirectoryProperties directory) {
      this.directory = directory;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      super.preInit(configuration);
      configuration.setIdentityProviderSessionFactory(new SessionFactory() {
        @Override
        public Class<?> getSessionType() {
          return ReadOnlyIdentityProvider.class;
        }

        @Override
        public Session openSession() {
          return new RoleMappingLdapSession(DirectoryIdentityPlugin.this, directory);
        }
      });
    }

    /** Keeps the manager password out of logs that print the bean. */
    @Override
    public String toString() {
      return "DirectoryIdentityPlugin[serverUrl=" + getServerUrl() + ", baseDn=" + getBaseDn() + "]";
    }
  }
}
