/** Read side for auditors: history pages, timelines and CSV/JSON exports, from the engine's history only. */
package com.mayorcrew.deploy.history;
