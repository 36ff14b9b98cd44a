package com.mayorcrew.deploy.security;

import java.util.Arrays;
import java.util.List;
import javax.naming.directory.SearchResult;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapGroupQuery;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderSession;

/**
 * Camunda's LDAP identity provider, with the directory groups that play a role shown to the engine under the role's
 * id ({@link DirectoryProperties#roleGroups()}). Candidate groups, authorizations and Tasklist filters name roles;
 * translating at this one seam keeps all of them as they are. Every group lookup of the engine (a user's groups at
 * login, group queries, "members of group crew") passes through {@link #findGroupByQueryCriteria}.
 */
class RoleMappingLdapSession extends LdapIdentityProviderSession {

  /** Stands for a directory group hidden by {@link DirectoryProperties#groupIdOf}; filtered out of every result. */
  private static final String HIDDEN = "\u0000hidden";

  private final DirectoryProperties directory;

  RoleMappingLdapSession(LdapConfiguration configuration, DirectoryProperties directory) {
    super(configuration);
    this.directory = directory;
  }

  /** Asked for a role's id, searches the directory group that plays it. Idempotent, as count and list reuse a query. */
  @Override
  public List<Group> findGroupByQueryCriteria(LdapGroupQuery query) {
    if (query.getId() != null) {
      query.groupId(directory.directoryGroupOf(query.getId()));
    }
    if (query.getIds() != null && query.getIds().length > 0) {
      query.groupIdIn(Arrays.stream(query.getIds()).map(directory::directoryGroupOf).toArray(String[]::new));
    }
    return super.findGroupByQueryCriteria(query).stream().filter(group -> !HIDDEN.equals(group.getId())).toList();
  }

  @Override
  protected GroupEntity transformGroup(SearchResult result) {
    GroupEntity group = super.transformGroup(result);
    if (group.getId() != null) {
      group.setId(directory.groupIdOf(group.getId()).orElse(HIDDEN));
    }
    return group;
  }
}
