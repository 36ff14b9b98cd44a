/**
 * The two-tier escalation: mayor decisions and their rules, reminders, safe defaults at deadlines, forwarding to
 * the humans, technical faults.
 */
package com.mayorcrew.deploy.escalation;
