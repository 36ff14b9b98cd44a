/** Phase 1, the Deploy Request: validates the request fields, names the deploy and picks the crew member. */
package com.mayorcrew.deploy.request;
