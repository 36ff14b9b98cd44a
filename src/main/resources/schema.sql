-- One deploy per canary host (see com.mayorcrew.deploy.lock). Portable across H2 and PostgreSQL.
-- The holder of a host: the primary key makes acquiring atomic across application nodes.
CREATE TABLE IF NOT EXISTS mcd_host_lock (
  host VARCHAR(64) PRIMARY KEY,
  deploy_id VARCHAR(64) NOT NULL,
  process_instance_id VARCHAR(64) NOT NULL,
  acquired_at TIMESTAMP NOT NULL
);
-- Deploys waiting for a host, served in request order.
CREATE TABLE IF NOT EXISTS mcd_host_queue (
  deploy_id VARCHAR(64) PRIMARY KEY,
  host VARCHAR(64) NOT NULL,
  process_instance_id VARCHAR(64) NOT NULL,
  requested_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS mcd_host_queue_host ON mcd_host_queue (host, requested_at);
-- Each job-executing node's lease (see com.mayorcrew.deploy.jobs): renewed while the node lives; once it ran out
-- the other nodes free the node's job locks.
CREATE TABLE IF NOT EXISTS mcd_job_node (
  node_id VARCHAR(255) PRIMARY KEY,
  alive_until TIMESTAMP NOT NULL
);
