/** The production gate: a canary record that qualifies the production deploy. */
package com.mayorcrew.deploy.production;
