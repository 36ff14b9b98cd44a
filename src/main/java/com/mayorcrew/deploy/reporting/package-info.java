/** Phase 5, metadata and status reports: the deploy's record on disk, the crew's status update and its publication. */
package com.mayorcrew.deploy.reporting;
