package dev.flow.bench;

import dev.flow.bench.flows.Calc;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The established embedded engine of the comparison: Camunda 7 on H2 in memory, history level
 * none, no job executor; a BPMN process of ten service tasks in a row, each a Java delegate that
 * calls the same connector as the Flow workflow ({@link Adder}).
 */
public final class CamundaBaseline implements AutoCloseable {
  /** The process's key. */
  public static final String PROCESS = "sequential";

  /** The connector the delegates call: one for the JVM, as a connector bean would be. */
  static final Calc CONNECTOR = new Adder();

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final String definition;

  /** Builds an engine on a fresh in-memory database and deploys the process. */
  public CamundaBaseline() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:camunda-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
        .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
        .setJobExecutorActivate(false);
    configuration.setCmmnEnabled(false);
    configuration.setDmnEnabled(false);
    configuration.setMetricsEnabled(false);
    configuration.setDbMetricsReporterActivate(false);
    configuration.setProcessEngineName("bench-" + UUID.randomUUID());
    engine = configuration.buildProcessEngine();
    runtime = engine.getRuntimeService();
    engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn", process()).deploy();
    definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS)
        .singleResult().getId();
  }

  /** Ten service tasks in a row, {@code s1} … {@code s10}, each {@link Next}. */
  static BpmnModelInstance process() {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(PROCESS).startEvent("start");
    for (int i = 1; i <= 10; i++) {
      builder = builder.serviceTask("s" + i).camundaClass(Next.class);
    }
    return builder.endEvent("end").done();
  }

  /**
   * Runs one instance to its end (synchronously: the process has no wait state). It starts the
   * process by its definition's id, which Camunda finds in its deployment cache; by key it
   * would query the database for the newest version on every start.
   */
  public long run(long seed) {
    ProcessInstance instance = runtime.startProcessInstanceById(definition, Variables.createVariables().putValue("n", seed));
    if (!instance.isEnded()) {
      throw new IllegalStateException("the process did not end: " + instance.getId());
    }
    return seed;
  }

  /** Runs one instance to its end and returns {@code n} as it ended: {@code seed + 10}. */
  public long result(long seed) {
    return (Long) runtime.createProcessInstanceById(definition).setVariable("n", seed).executeWithVariablesInReturn()
        .getVariables().get("n");
  }

  @Override
  public void close() {
    engine.close();
  }

  /** A service task: {@code n = connector.next(n)}. */
  public static final class Next implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) throws Exception {
      long n = (Long) execution.getVariable("n");
      execution.setVariable("n", CONNECTOR.next(n));
    }
  }
}
