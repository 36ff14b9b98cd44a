/**
 * Who may do what: users, groups and authorizations, the engine API guard that keeps a deploy's facts the
 * application's, REST and web security.
 */
package com.mayorcrew.deploy.security;
