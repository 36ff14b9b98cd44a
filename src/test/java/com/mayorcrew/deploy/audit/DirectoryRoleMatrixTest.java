package com.mayorcrew.deploy.audit;

/**
 * The whole authorization matrix and the requester rule of {@link RoleMatrixTest}, with every user and membership
 * coming from the OpenLDAP directory: starting, completing, deciding and reading history as directory users.
 */
@DirectoryTestContext
class DirectoryRoleMatrixTest extends RoleMatrixTest {}
