/** Adapter to the deploy/ shell scripts: runs them as argv lists, detached, and reads their state and JSON result. */
package com.mayorcrew.deploy.scripts;
