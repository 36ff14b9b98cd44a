/**
 * Rollback: recreates the previous container (or runs the rollback script), records who asked and why, and the
 * mayor's roll-back-now.
 */
package com.mayorcrew.deploy.rollback;
