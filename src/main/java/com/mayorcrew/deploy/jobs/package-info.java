/** Job execution across nodes: node identity and the leases that let a surviving node take over a dead node's jobs. */
package com.mayorcrew.deploy.jobs;
