/** Outgoing notifications: deploy events as signed webhooks (JSON, Slack), delivered by their own process. */
package com.mayorcrew.deploy.notify;
