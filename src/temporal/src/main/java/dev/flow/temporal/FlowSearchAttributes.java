package dev.flow.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search attributes a Flow instance keeps up to date on its Temporal workflow, so that a
 * client finds the instances an event or a person's inbox concerns through Temporal's visibility
 * API instead of asking every open instance:
 *
 * <ul>
 *   <li>{@code FlowWorkflow} (Keyword): the Flow workflow's qualified name;
 *   <li>{@code FlowState} (Keyword): RUNNING, WAITING, COMPLETED, FAILED or CANCELLED;
 *   <li>{@code FlowWaitingFor} (KeywordList): for each receive waiting, the event's type, or the
 *       type and its correlation keys ({@code test.Signed|order=B-2}); {@value #BUSY} while an
 *       action or a child start is in flight (an event published then is kept for its next wait);
 *       {@code @receives|TYPE} for each event type its workflow's receives take while none of them
 *       waits (an event of it published then is kept for the receive that comes), and also while one
 *       waits when two or more receive steps take the type or the one that does is reached again (a
 *       loop, a {@code go to}), so that an event of another key is kept for the later receive;
 *   <li>{@code FlowTaskRoles} (KeywordList): the roles that may act on its open tasks (with the
 *       escalation role once a task is overdue), and {@value #ANY_TASK} while it has one;
 *   <li>{@code FlowMarks} (KeywordList): what its Flow history holds, for the listings that need
 *       only such instances: {@value #TASK} once it had a task, {@value #BREACH} once a time limit
 *       or deadline was breached, {@value #NOTIFICATION} once it sent a notification; always
 *       {@value #MARKED}, which tells an instance that keeps the marks from one begun on a release
 *       that did not (those are read, as before).
 * </ul>
 *
 * <p>They must be registered once per namespace before workers run with them ({@link #register},
 * or {@code temporal operator search-attribute create --name FlowWaitingFor --type KeywordList …}),
 * or the workers turned off with {@link FlowWorker.Builder#searchAttributes(boolean)}.
 */
public final class FlowSearchAttributes {
  public static final SearchAttributeKey<String> WORKFLOW = SearchAttributeKey.forKeyword("FlowWorkflow");
  public static final SearchAttributeKey<String> STATE = SearchAttributeKey.forKeyword("FlowState");
  public static final SearchAttributeKey<List<String>> WAITING_FOR = SearchAttributeKey.forKeywordList("FlowWaitingFor");
  public static final SearchAttributeKey<List<String>> TASK_ROLES = SearchAttributeKey.forKeywordList("FlowTaskRoles");
  public static final SearchAttributeKey<List<String>> MARKS = SearchAttributeKey.forKeywordList("FlowMarks");
  /** In {@code FlowMarks} of every instance that keeps the marks. */
  public static final String MARKED = "@marks";
  /** In {@code FlowMarks} once the instance had a task. */
  public static final String TASK = "task";
  /** In {@code FlowMarks} once a time limit or deadline of the instance was breached. */
  public static final String BREACH = "breach";
  /** In {@code FlowMarks} once the instance sent a notification. */
  public static final String NOTIFICATION = "notification";
  /** In {@code FlowWaitingFor} while an action or a child start is in flight. */
  public static final String BUSY = "@busy";
  /** Before an event type in {@code FlowWaitingFor}: the workflow has a receive of it (an event of it is kept). */
  public static final String RECEIVES = "@receives|";
  /** In {@code FlowTaskRoles} while the instance has an open task. */
  public static final String ANY_TASK = "@any";

  private FlowSearchAttributes() {}

  /** Every attribute by name, with its type. */
  public static Map<String, IndexedValueType> all() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    all.put(WORKFLOW.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    all.put(STATE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    all.put(WAITING_FOR.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
    all.put(TASK_ROLES.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
    all.put(MARKS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
    return all;
  }

  /**
   * Registers the attributes a namespace does not have yet (a dev server, a self-hosted
   * cluster; on Temporal Cloud they are created in its console or with {@code tcld}).
   *
   * @return the names registered now
   */
  public static List<String> register(OperatorServiceStubs operator, String namespace) {
    Map<String, IndexedValueType> known;
    try {
      known = operator.blockingStub()
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      known = Map.of(); // Temporal's in-process test server cannot list them: each is added, or found there.
    }
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, IndexedValueType> attribute : all().entrySet()) {
      if (known.containsKey(attribute.getKey())) {
        continue;
      }
      try {
        operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder().setNamespace(namespace)
            .putSearchAttributes(attribute.getKey(), attribute.getValue()).build());
        added.add(attribute.getKey());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
    return added;
  }

  /** In {@code FlowWaitingFor} of an instance whose workflow has a receive of {@code eventType}, while none waits. */
  public static String receives(String eventType) {
    return RECEIVES + eventType;
  }

  /** How a waiting receive shows in {@code FlowWaitingFor}: the event type, then its correlation keys. */
  public static String waitingFor(String eventType, List<String> correlation) {
    return correlation.isEmpty() ? eventType : eventType + "|" + String.join("|", correlation);
  }
}
