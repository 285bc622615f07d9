package com.classlark.scim.protocol.bulk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a bulk request's operations run (RFC 7644 §3.7.2): the request's order, except
 * that a POST runs before the first operation that references its bulkId, so a group may list a
 * user that a later operation creates. An operation that references a bulkId no POST of the request
 * has cannot run, nor can the operations of a reference cycle: RFC 7644 §3.7.1 lets the service
 * provider answer those with 409 instead of resolving them. The plan does no I/O and no recursion,
 * so a long chain of references cannot exhaust the stack.
 *
 * @param steps every operation exactly once, in the order to run them
 */
public record BulkPlan(List<Step> steps) {

  public BulkPlan {
    steps = List.copyOf(steps);
  }

  /** What to do with one operation. */
  public sealed interface Step {
    BulkOperation operation();

    /**
     * Run the operation once the POSTs it references have run.
     *
     * @param references the bulkIds it references; each names a POST that comes earlier in the plan
     */
    record Run(BulkOperation operation, List<String> references) implements Step {
      public Run {
        references = List.copyOf(references);
      }
    }

    /** The operation references {@code bulkId}, which no POST of the request has. */
    record UnknownReference(BulkOperation operation, String bulkId) implements Step {}

    /**
     * The operation is part of a cycle of references.
     *
     * @param cycle the bulkIds of the operations in the cycle, in request order
     */
    record Circular(BulkOperation operation, List<String> cycle) implements Step {
      public Circular {
        cycle = List.copyOf(cycle);
      }
    }
  }

  public static BulkPlan of(List<BulkOperation> operations) {
    int count = operations.size();
    Map<String, Integer> posts = new HashMap<>();
    for (BulkOperation operation : operations) {
      if (operation.method() == BulkMethod.POST) {
        posts.put(operation.bulkId(), operation.index());
      }
    }
    List<List<String>> references = new ArrayList<>();
    List<List<Integer>> dependencies = new ArrayList<>();
    String[] unknown = new String[count];
    for (BulkOperation operation : operations) {
      List<String> referenced = BulkReferences.of(operation);
      List<Integer> dependsOn = new ArrayList<>();
      for (String bulkId : referenced) {
        Integer post = posts.get(bulkId);
        if (post == null) {
          unknown[operation.index()] =
              unknown[operation.index()] == null ? bulkId : unknown[operation.index()];
        } else {
          dependsOn.add(post);
        }
      }
      references.add(referenced);
      dependencies.add(dependsOn);
    }
    List<List<String>> cycles = cycles(operations, dependencies);
    List<Step> steps = new ArrayList<>();
    for (int index : runOrder(dependencies)) {
      BulkOperation operation = operations.get(index);
      if (unknown[index] != null) {
        steps.add(new Step.UnknownReference(operation, unknown[index]));
      } else if (cycles.get(index) != null) {
        steps.add(new Step.Circular(operation, cycles.get(index)));
      } else {
        steps.add(new Step.Run(operation, references.get(index)));
      }
    }
    return new BulkPlan(steps);
  }

  /**
   * Post-order of a depth-first walk in request order: every operation after those it depends on.
   */
  private static List<Integer> runOrder(List<List<Integer>> dependencies) {
    int count = dependencies.size();
    boolean[] visited = new boolean[count];
    List<Integer> order = new ArrayList<>(count);
    for (int start = 0; start < count; start++) {
      if (visited[start]) {
        continue;
      }
      Deque<int[]> frames = new ArrayDeque<>();
      visited[start] = true;
      frames.push(new int[] {start, 0});
      while (!frames.isEmpty()) {
        int[] frame = frames.peek();
        List<Integer> next = dependencies.get(frame[0]);
        if (frame[1] < next.size()) {
          int dependency = next.get(frame[1]++);
          if (!visited[dependency]) {
            visited[dependency] = true;
            frames.push(new int[] {dependency, 0});
          }
        } else {
          frames.pop();
          order.add(frame[0]);
        }
      }
    }
    return order;
  }

  /**
   * For each operation in a cycle, the bulkIds of its cycle; null for the others. Cycles are the
   * strongly connected components with more than one operation, or one that references itself
   * (Tarjan's algorithm, iterative).
   */
  private static List<List<String>> cycles(
      List<BulkOperation> operations, List<List<Integer>> dependencies) {
    int count = operations.size();
    int[] discovered = new int[count];
    int[] low = new int[count];
    Arrays.fill(discovered, -1);
    boolean[] onStack = new boolean[count];
    Deque<Integer> stack = new ArrayDeque<>();
    List<List<String>> cycles = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      cycles.add(null);
    }
    int counter = 0;
    for (int start = 0; start < count; start++) {
      if (discovered[start] != -1) {
        continue;
      }
      Deque<int[]> frames = new ArrayDeque<>();
      discovered[start] = low[start] = counter++;
      stack.push(start);
      onStack[start] = true;
      frames.push(new int[] {start, 0});
      while (!frames.isEmpty()) {
        int[] frame = frames.peek();
        int node = frame[0];
        List<Integer> next = dependencies.get(node);
        if (frame[1] < next.size()) {
          int target = next.get(frame[1]++);
          if (discovered[target] == -1) {
            discovered[target] = low[target] = counter++;
            stack.push(target);
            onStack[target] = true;
            frames.push(new int[] {target, 0});
          } else if (onStack[target]) {
            low[node] = Math.min(low[node], discovered[target]);
          }
          continue;
        }
        frames.pop();
        if (!frames.isEmpty()) {
          int parent = frames.peek()[0];
          low[parent] = Math.min(low[parent], low[node]);
        }
        if (low[node] == discovered[node]) {
          List<Integer> component = new ArrayList<>();
          int member;
          do {
            member = stack.pop();
            onStack[member] = false;
            component.add(member);
          } while (member != node);
          if (component.size() > 1 || next.contains(node)) {
            component.sort(null);
            List<String> bulkIds = component.stream().map(i -> operations.get(i).bulkId()).toList();
            component.forEach(i -> cycles.set(i, bulkIds));
          }
        }
      }
    }
    return cycles;
  }
}
