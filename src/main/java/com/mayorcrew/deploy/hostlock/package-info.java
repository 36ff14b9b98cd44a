/** One deploy per host: the host lock, its waiting queue and the queue's REST view. */
package com.mayorcrew.deploy.hostlock;
