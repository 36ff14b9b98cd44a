/** What operators watch: Actuator health contributors (one per configured Docker host) over the adapters. */
package com.mayorcrew.deploy.observability;
