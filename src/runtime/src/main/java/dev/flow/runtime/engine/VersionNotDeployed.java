package dev.flow.runtime.engine;

/**
 * An instance runs on a workflow version this engine does not have: it is blocked, not failed,
 * and goes on once an engine with that version registered recovers it.
 */
public final class VersionNotDeployed extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String instanceId;
  private final String workflow;
  private final int version;

  VersionNotDeployed(String instanceId, String workflow, int version) {
    super("instance " + instanceId + " is blocked: version " + version + " of " + workflow
        + " is not deployed on this engine (register it with Engine.builder().workflow(…) or its module)");
    this.instanceId = instanceId;
    this.workflow = workflow;
    this.version = version;
  }

  public String instanceId() {
    return instanceId;
  }

  public String workflow() {
    return workflow;
  }

  public int version() {
    return version;
  }
}
